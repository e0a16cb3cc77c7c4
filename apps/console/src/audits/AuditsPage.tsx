import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import {
  createColumnHelper,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
} from '@tanstack/react-table';
import { useTRPC } from '../api.js';
import { useSession } from '../session.js';
import { DataTable, Loading } from '../ui.js';
import { AuditProblem, instantLabel, periodLabel, type AuditRun } from './audit-format.js';
import { CancelRun, RunProgress, useLiveRun } from './RunProgress.js';
import { StartAuditForm } from './StartAuditForm.js';

// The organization's audit runs, newest first, for compliance officers and auditors: each
// run's status, period, who asked for it, when it started and finished, its progress
// (followed live while it runs) and the rules version it applies; and, for those who may
// run audits, the form that starts one.

const column = createColumnHelper<AuditRun>();

function LiveStatus({ run }: { run: AuditRun }) {
  const live = useLiveRun(run);
  return <span className={`run-status run-${live.status}`}>{live.status}</span>;
}

function LiveProgress({ run }: { run: AuditRun }) {
  const live = useLiveRun(run);
  return (
    <span className="run-progress-cell">
      <RunProgress run={live} />
      <CancelRun run={live} label="Cancel" />
    </span>
  );
}

function When({ iso }: { iso: string | null }) {
  const { practice } = useSession();
  return <>{instantLabel(iso, practice?.timezone ?? 'UTC')}</>;
}

const columns = [
  column.accessor('status', {
    header: 'Status',
    cell: ({ row }) => <LiveStatus run={row.original} />,
  }),
  column.display({
    id: 'period',
    header: 'Period',
    cell: ({ row }) => (
      <>
        <Link to="/audits/$runId" params={{ runId: row.original.id }}>
          {periodLabel(row.original)}
        </Link>
        {row.original.sample ? (
          <span className="hint"> · sample of {row.original.sample.size}</span>
        ) : null}
      </>
    ),
  }),
  column.accessor('practiceId', { header: 'Practice' }),
  column.accessor('requestedBy', { header: 'Requested by', cell: (c) => c.getValue() ?? '—' }),
  column.accessor('startedAt', { header: 'Started', cell: (c) => <When iso={c.getValue()} /> }),
  column.accessor('finishedAt', { header: 'Finished', cell: (c) => <When iso={c.getValue()} /> }),
  column.display({
    id: 'progress',
    header: 'Progress',
    cell: ({ row }) => <LiveProgress run={row.original} />,
  }),
  column.accessor('rulesVersion', { header: 'Rules version', enableSorting: false }),
];

export function AuditsPage() {
  const trpc = useTRPC();
  const { can, practice } = useSession();
  const runs = useQuery(trpc.audits.list.queryOptions());
  // eslint-disable-next-line react-hooks/incompatible-library -- not built with the React Compiler
  const table = useReactTable({
    // Rows are built anew each render: without this the table resets its state on each
    // new array, which renders again, without end (the page froze on the first click).
    autoResetAll: false,
    data: runs.data ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    // At most 50 runs, all on the page: sorted here, newest first as the server sends them.
    getSortedRowModel: getSortedRowModel(),
    getRowId: (run) => run.id,
  });
  return (
    <section aria-labelledby="audits-title" className="audits">
      <div className="toolbar">
        <h1 id="audits-title">Audits</h1>
      </div>
      {runs.isError ? (
        <AuditProblem error={runs.error} />
      ) : (
        <>
          {can('audits.run') && practice ? <StartAuditForm practice={practice} /> : null}
          <h2>Runs</h2>
          <DataTable
            table={table}
            testId="audit-runs-table"
            rowTestId="audit-run-row"
            busy={runs.isFetching}
          />
          {runs.isPending ? <Loading>Loading the audits…</Loading> : null}
          {runs.isSuccess && runs.data.length === 0 ? (
            <p className="status">No audit has been run in this organization yet.</p>
          ) : null}
        </>
      )}
    </section>
  );
}

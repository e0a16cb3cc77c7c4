import { useQueries } from '@tanstack/react-query';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { TRPCClientError } from '@trpc/client';
import { useTRPC, type ApiOutputs } from '../api.js';
import { practiceMonth } from '../months.js';
import { useSession } from '../session.js';
import { DataTable, Loading, Problem } from '../ui.js';
import { monthsBack } from './practice-time.js';
import type { PatientRef } from './shared.js';

// The patient's last twelve months on the practice's calendar, this month first: the
// countable minutes, the codes billable, the next level and the minutes it needs, what
// blocks billing and what warns, and whether the month is closed. No procedure answers
// for several months at once, so each month is its own months.status and
// monthClose.history query; the client batches them into one request. A month that was
// never closed is a NOT_FOUND answer of monthClose.history.

const MONTHS = 12;

type Status = ApiOutputs['months']['status'];
type Close = ApiOutputs['monthClose']['history']['close'];

interface Row {
  month: string;
  status: Status | undefined;
  /** The close, null when the month is open, undefined while asking. */
  close: Close | null | undefined;
  problem: unknown;
}

const notClosed = (error: unknown) =>
  error instanceof TRPCClientError &&
  (error.data as { code?: string } | undefined)?.code === 'NOT_FOUND';

/** Minutes to a tenth: a timed entry counts to the second. */
const minutes = (value: number | undefined) =>
  value === undefined ? '…' : Math.round(value * 10) / 10;

const codes = (lines: Status['lines']) =>
  lines.map((l) => `${l.code}${l.units > 1 ? ` x${l.units}` : ''}`).join(', ');

function Findings({ items, testId }: { items: Status['blockers']; testId: string }) {
  if (items.length === 0) return <>—</>;
  return (
    <ul className="findings" data-testid={testId}>
      {items.map((f) => (
        <li key={f.ruleId}>
          <strong>{f.ruleId}</strong>: {f.message}
        </li>
      ))}
    </ul>
  );
}

const column = createColumnHelper<Row>();
const columns = [
  column.accessor('month', { header: 'Month' }),
  column.display({
    id: 'staff',
    header: 'Clinical staff min',
    cell: ({ row }) => minutes(row.original.status?.countableMinutes.clinicalStaff),
  }),
  column.display({
    id: 'practitioner',
    header: 'Practitioner min',
    cell: ({ row }) => minutes(row.original.status?.countableMinutes.practitioner),
  }),
  column.display({
    id: 'billable',
    header: 'Billable',
    cell: ({ row }) => {
      const { status } = row.original;
      return status ? codes(status.lines) || '—' : '…';
    },
  }),
  column.display({
    id: 'next',
    header: 'Next level',
    cell: ({ row }) => {
      const { status } = row.original;
      if (!status) return '…';
      return status.next
        ? `${status.next.code}: ${status.next.minutesNeeded} min more`
        : 'top level';
    },
  }),
  column.display({
    id: 'blockers',
    header: 'Blockers',
    cell: ({ row }) =>
      row.original.status ? (
        <Findings items={row.original.status.blockers} testId="month-blockers" />
      ) : (
        '…'
      ),
  }),
  column.display({
    id: 'warnings',
    header: 'Warnings',
    cell: ({ row }) =>
      row.original.status ? (
        <Findings items={row.original.status.warnings} testId="month-warnings" />
      ) : (
        '…'
      ),
  }),
  column.display({
    id: 'closed',
    header: 'Closed',
    cell: ({ row }) => {
      const { close, problem } = row.original;
      if (problem) return <Problem error={problem} />;
      if (close === undefined) return '…';
      return close ? `closed ${close.closedAt.slice(0, 10)} by ${close.closedBy}` : 'open';
    },
  }),
];

export function MonthHistory({ practiceId, patientId }: PatientRef) {
  const trpc = useTRPC();
  const { practices } = useSession();
  const timezone = practices.find((p) => p.id === practiceId)?.timezone ?? 'UTC';
  const months = monthsBack(practiceMonth(timezone), MONTHS);
  const statuses = useQueries({
    queries: months.map((month) =>
      trpc.months.status.queryOptions({ practiceId, patientId, month }),
    ),
  });
  const closes = useQueries({
    queries: months.map((month) =>
      trpc.monthClose.history.queryOptions({ practiceId, patientId, month }),
    ),
  });
  const rows: Row[] = months.map((month, i) => {
    const status = statuses[i];
    const close = closes[i];
    const open = close?.isError && notClosed(close.error);
    return {
      month,
      status: status?.data,
      close: open ? null : close?.data?.close,
      problem: close?.isError && !open ? close.error : undefined,
    };
  });
  // The console is not built with the React Compiler, whose memoizing this warns about.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    // Unpaged: without this, every new data array (each render here) resets the page
    // index, a state change that renders again, without end.
    autoResetAll: false,
    getRowId: (row) => row.month,
  });
  const failed = statuses.find((s) => s.isError);
  return (
    <section className="record-section month-history" aria-labelledby="month-history-title">
      <h2 id="month-history-title">Month by month</h2>
      {failed ? <Problem error={failed.error} /> : null}
      {statuses.every((s) => s.isPending) ? <Loading>Loading the months…</Loading> : null}
      <DataTable
        table={table}
        testId="month-history-table"
        rowTestId="month-history-row"
        busy={statuses.some((s) => s.isFetching)}
        caption={`The last ${MONTHS} months on the practice's calendar, this month first`}
      />
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import {
  createColumnHelper,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type SortingState,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTRPC } from '../api.js';
import { practiceMonth } from '../months.js';
import { useSession } from '../session.js';
import { DataTable, Loading, Problem } from '../ui.js';
import { monthsBack, practiceClock } from './practice-time.js';
import {
  Choice,
  clinicianName,
  isClinical,
  isPractitioner,
  useClinicians,
  type Clinician,
  type PatientRef,
} from './shared.js';
import { TimeEntryActions } from './TimeEntryActions.js';
import { TimeEntryForm } from './TimeEntryForm.js';
import { TimeTimer } from './TimeTimer.js';
import { serviceLabel, type TimeRow } from './time-shared.js';

// The patient's care-management time for a month on the practice's calendar (this month
// unless an earlier one is chosen): each entry with who recorded it, for what, how long,
// whether a practitioner approved it and how it was amended; the user's timer; and time
// added by hand. Time is recorded as the clinician an admin linked the user to: a user
// with none is told so rather than offered forms the server would refuse.

const HISTORY_MONTHS = 12;

interface Context {
  practiceId: string;
  patientId: string;
  timezone: string;
  closed: boolean;
  clinicians: Clinician[];
  you: Clinician | null;
}

const at = (instant: string, timezone: string) => {
  const { date, time } = practiceClock(instant, timezone);
  return `${date} ${time}`;
};

/** What an amendment changed, field by field: `minutes 12 → 16`. */
function amendedFields(amendment: TimeRow['amendments'][number]): string {
  const { before, after } = amendment;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])] as Array<
    keyof typeof before
  >;
  return keys
    .filter((key) => before[key] !== after[key])
    .map((key) => `${key} ${String(before[key] ?? '—')} → ${String(after[key] ?? '—')}`)
    .join('; ');
}

function timeColumns(ctx: Context) {
  const column = createColumnHelper<TimeRow>();
  const name = (id: string) => clinicianName(ctx.clinicians, id);
  return [
    column.accessor((r) => Date.parse(r.record.start), {
      id: 'start',
      header: 'Start',
      cell: ({ row }) => at(row.original.record.start, ctx.timezone),
    }),
    column.accessor((r) => (r.record.end ? at(r.record.end, ctx.timezone) : '—'), {
      id: 'end',
      header: 'End',
      enableSorting: false,
    }),
    column.accessor((r) => Math.round(r.seconds / 6) / 10, { id: 'minutes', header: 'Minutes' }),
    column.accessor((r) => name(r.record.clinicianId), {
      id: 'who',
      header: 'Who',
      enableSorting: false,
    }),
    column.accessor((r) => serviceLabel(r.record.service), {
      id: 'service',
      header: 'Service',
      enableSorting: false,
    }),
    column.accessor((r) => r.record.activity, {
      id: 'activity',
      header: 'What was done',
      enableSorting: false,
    }),
    column.accessor(
      (r) => {
        if (r.record.signedById) return `Approved by ${name(r.record.signedById)}`;
        const own = ctx.clinicians.find((c) => c.id === r.record.clinicianId);
        return own && isPractitioner(own) ? "Practitioner's own" : 'Awaiting approval';
      },
      { id: 'approval', header: 'Approval', enableSorting: false },
    ),
    column.accessor('version', { header: 'Version', enableSorting: false }),
    column.display({
      id: 'amendments',
      header: 'Amendments',
      cell: ({ row }) =>
        row.original.amendments.length === 0 ? (
          '—'
        ) : (
          <ul className="amendments" data-testid="time-amendments">
            {row.original.amendments.map((a) => (
              <li key={a.at}>
                {at(a.at, ctx.timezone)} by {a.author}: “{a.reason}” ({amendedFields(a)})
              </li>
            ))}
          </ul>
        ),
    }),
    column.display({
      id: 'actions',
      header: 'Actions',
      cell: ({ row }) => (
        <TimeEntryActions
          practiceId={ctx.practiceId}
          patientId={ctx.patientId}
          row={row.original}
          closed={ctx.closed}
          timezone={ctx.timezone}
          you={ctx.you}
        />
      ),
    }),
  ];
}

export function TimeLog({ practiceId, patientId }: PatientRef) {
  const trpc = useTRPC();
  const { can, practices } = useSession();
  const timezone = practices.find((p) => p.id === practiceId)?.timezone ?? 'UTC';
  const current = practiceMonth(timezone);
  const [month, setMonth] = useState(current);
  // In the order the time was spent (the server lists entries in the order recorded).
  const [sorting, setSorting] = useState<SortingState>([{ id: 'start', desc: false }]);
  const clinicians = useClinicians({ practiceId, patientId });
  const listed = useQuery(trpc.time.list.queryOptions({ practiceId, patientId, month }));
  const you = listed.data?.clinician ?? null;
  const closed = listed.data?.closed ?? false;
  const columns = useMemo(
    () => timeColumns({ practiceId, patientId, timezone, closed, clinicians, you }),
    [practiceId, patientId, timezone, closed, clinicians, you],
  );
  // The console is not built with the React Compiler, whose memoizing this warns about.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: listed.data?.entries ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    // Unpaged: without this, every new data array (each render here) resets the page
    // index, a state change that renders again, without end.
    autoResetAll: false,
    getSortedRowModel: getSortedRowModel(),
    state: { sorting },
    onSortingChange: setSorting,
    enableSortingRemoval: false,
    getRowId: (row) => row.record.id,
  });
  const writes = can('time.write') || can('time.approve');
  const records = can('time.write') && you !== null && isClinical(you);
  const months = monthsBack(current, HISTORY_MONTHS).map((id) => ({ id, label: id }));

  return (
    <section className="record-section time-log" aria-labelledby="time-title">
      <div className="toolbar">
        <h2 id="time-title">Time · {month}</h2>
        <Choice label="Month" options={months} value={month} onChange={setMonth} />
      </div>
      {listed.isPending ? <Loading>Loading the time…</Loading> : null}
      {listed.isError ? <Problem error={listed.error} /> : null}
      {listed.isSuccess && writes && you === null ? (
        <p className="status notice" data-testid="time-unlinked">
          You are not linked to a clinician of this practice, so Chronicle cannot record or approve
          time as you: time is always a clinician&apos;s. An admin links users to the clinicians
          they are.
        </p>
      ) : null}
      {listed.isSuccess && can('time.write') && you !== null && !isClinical(you) ? (
        <p className="status notice" data-testid="time-unlinked">
          You record time as {you.name}, who is non-clinical staff: their minutes never count toward
          care management, so Chronicle records none.
        </p>
      ) : null}
      {closed ? (
        <p className="status notice" data-testid="time-closed">
          {month} is closed: its time changes only by amendment, with a reason, by a role that
          approves time.
        </p>
      ) : null}
      {listed.isSuccess && records ? (
        <TimeTimer
          practiceId={practiceId}
          patientId={patientId}
          timer={listed.data.timer}
          timezone={timezone}
        />
      ) : null}
      {listed.isSuccess ? (
        <DataTable
          table={table}
          testId="time-table"
          rowTestId="time-row"
          busy={listed.isFetching}
          caption={`Time entries starting in ${month} (practice time, ${timezone})`}
        />
      ) : null}
      {listed.isSuccess && listed.data.entries.length === 0 ? (
        <p className="status">No time recorded in {month}.</p>
      ) : null}
      {listed.isSuccess && records ? (
        <TimeEntryForm
          practiceId={practiceId}
          patientId={patientId}
          timezone={timezone}
          practitioner={you !== null && isPractitioner(you)}
        />
      ) : null}
    </section>
  );
}

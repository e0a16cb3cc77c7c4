import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo, useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTRPC, type ApiInputs, type ApiOutputs } from '../api.js';
import { useSession } from '../session.js';
import { DataTable, Loading, Problem } from '../ui.js';
import { Choice, Field, missing, Refusal, usePracticeToday, type PatientRef } from './shared.js';

// The patient's enrollment in each program as a timeline of changes (newest first), and a
// form to record the next change. Which change may follow which is the server's to say:
// its refusal (e.g. "enrolled" cannot become "invited") is shown as it gives it.

type Change = ApiInputs['enrollment']['change'];
type Program = Change['program'];
type Status = Change['status'];
type Event = ApiOutputs['enrollment']['history'][number];

const PROGRAMS: ReadonlyArray<{ id: Program; label: string }> = [
  { id: 'ccm', label: 'CCM (chronic care management)' },
  { id: 'pcm', label: 'PCM (principal care management)' },
  { id: 'bhi', label: 'BHI (behavioral health integration)' },
  { id: 'apcm', label: 'APCM (advanced primary care management)' },
];

const STATUS_LABELS: Record<Status, string> = {
  candidate: 'Candidate',
  invited: 'Invited',
  enrolled: 'Enrolled',
  declined: 'Declined',
  disenrolled: 'Disenrolled',
  'enrolled-elsewhere': 'Enrolled elsewhere',
};
const STATUSES = (Object.keys(STATUS_LABELS) as Status[]).map((id) => ({
  id,
  label: STATUS_LABELS[id],
}));

const column = createColumnHelper<Event>();
const columns = [
  column.accessor('effectiveOn', { header: 'Effective' }),
  column.accessor('status', { header: 'Status', cell: (c) => STATUS_LABELS[c.getValue()] }),
  column.accessor('reason', { header: 'Reason' }),
  column.accessor('authorId', { header: 'Recorded by' }),
  column.accessor((e) => e.recordedAt.slice(0, 16).replace('T', ' '), {
    id: 'recordedAt',
    header: 'Recorded at (UTC)',
  }),
];

function ProgramTimeline({
  program,
  events,
}: {
  program: (typeof PROGRAMS)[number];
  events: Event[];
}) {
  // The console is not built with the React Compiler, whose memoizing this warns about.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: events,
    columns,
    getCoreRowModel: getCoreRowModel(),
    // A timeline is read in its order, newest first.
    enableSorting: false,
  });
  const current = events[0];
  return (
    <div className="timeline" data-testid={`enrollment-${program.id}`}>
      <h3>
        {program.label}:{' '}
        <span data-testid="enrollment-current">
          {current
            ? `${STATUS_LABELS[current.status]} since ${current.effectiveOn}`
            : 'none recorded'}
        </span>
      </h3>
      {events.length > 0 ? (
        <DataTable
          table={table}
          testId={`enrollment-table-${program.id}`}
          rowTestId="enrollment-row"
        />
      ) : null}
    </div>
  );
}

function ChangeForm({ practiceId, patientId, onDone }: PatientRef & { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const today = usePracticeToday(practiceId);
  const [program, setProgram] = useState<Program>('ccm');
  const [status, setStatus] = useState<Status | null>(null);
  const [effectiveOn, setEffectiveOn] = useState(today);
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<string>();
  const change = useMutation(
    trpc.enrollment.change.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.enrollment.pathFilter());
        await queryClient.invalidateQueries(trpc.patients.list.pathFilter());
        onDone();
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const lacking = missing({
      status: status !== null,
      'effective date': effectiveOn !== '',
      reason: reason.trim() !== '',
    });
    setRefusal(lacking);
    if (lacking || status === null) return;
    change.mutate({ practiceId, patientId, program, status, effectiveOn, reason: reason.trim() });
  };
  return (
    <Form className="record-form" aria-label="Record an enrollment change" onSubmit={submit}>
      <Choice label="Program" options={PROGRAMS} value={program} onChange={setProgram} />
      <Choice label="New status" options={STATUSES} value={status} onChange={setStatus} />
      <Field label="Effective date" type="date" value={effectiveOn} onChange={setEffectiveOn} />
      <Field label="Reason" value={reason} onChange={setReason} />
      {refusal ? <Refusal>{refusal}</Refusal> : null}
      {change.isError ? <Problem error={change.error} /> : null}
      <div className="actions">
        <Button type="submit" className="button primary" isDisabled={change.isPending}>
          Save the change
        </Button>
        <Button className="button" onPress={onDone}>
          Cancel
        </Button>
      </div>
    </Form>
  );
}

export function Enrollment({ practiceId, patientId }: PatientRef) {
  const trpc = useTRPC();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const history = useQuery(trpc.enrollment.history.queryOptions({ practiceId, patientId }));
  // Each program's changes, newest first, the same arrays between renders: TanStack Table
  // resets its state on new data, and that would render again with new arrays, without end.
  const byProgram = useMemo(
    () =>
      new Map(
        PROGRAMS.map((p) => [
          p.id,
          (history.data ?? []).filter((e) => e.program === p.id).reverse(),
        ]),
      ),
    [history.data],
  );
  return (
    <section className="record-section" aria-labelledby="enrollment-title">
      <div className="toolbar">
        <h2 id="enrollment-title">Enrollment</h2>
        {can('enrollment.write') && !open ? (
          <Button className="button" onPress={() => setOpen(true)}>
            Record an enrollment change
          </Button>
        ) : null}
      </div>
      {open ? (
        <ChangeForm practiceId={practiceId} patientId={patientId} onDone={() => setOpen(false)} />
      ) : null}
      {history.isPending ? <Loading>Loading the enrollment history…</Loading> : null}
      {history.isError ? <Problem error={history.error} /> : null}
      {history.isSuccess
        ? PROGRAMS.map((program) => (
            <ProgramTimeline
              key={program.id}
              program={program}
              events={byProgram.get(program.id) ?? []}
            />
          ))
        : null}
    </section>
  );
}

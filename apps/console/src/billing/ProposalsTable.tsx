import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import {
  createColumnHelper,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type SortingState,
} from '@tanstack/react-table';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTRPC } from '../api.js';
import { useSession } from '../session.js';
import { DataTable } from '../ui.js';
import { EvidenceDialog } from './Evidence.js';
import { linesText, STATE_LABELS, type ProposalRow } from './model.js';

// The rules core's proposals for the month, one per patient with care-management time:
// practitioner, minutes, lines and state, each with its evidence a click away and, when
// the documentation supports a claim nobody has made yet, an Approve button for the roles
// that approve claims (claims.write). Approving sends what is shown; the server proposes
// again and refuses when that is no longer what the rules say.

export function ProposalsTable({
  practiceId,
  month,
  timeZone,
  rows,
  busy,
  onDone,
}: {
  practiceId: string;
  month: string;
  timeZone: string;
  rows: readonly ProposalRow[];
  busy: boolean;
  onDone: (message: string, error?: unknown) => void;
}) {
  const trpc = useTRPC();
  const { can } = useSession();
  const approve = useMutation(trpc.claims.approve.mutationOptions());
  const [shown, setShown] = useState<ProposalRow>();
  const [sorting, setSorting] = useState<SortingState>([{ id: 'patient', desc: false }]);

  const approveRow = async ({ proposal }: ProposalRow) => {
    if (proposal.billingPractitionerId === null) return;
    try {
      const claim = await approve.mutateAsync({
        practiceId,
        patientId: proposal.patientId,
        month,
        billingPractitionerId: proposal.billingPractitionerId,
        lines: proposal.lines,
      });
      onDone(`Approved ${linesText(claim.lines)} for ${claim.patientId} as a claim.`);
    } catch (error) {
      onDone('', error);
    }
  };

  const column = createColumnHelper<ProposalRow>();
  const columns = [
    column.accessor((r) => r.proposal.patientId, {
      id: 'patient',
      header: 'Patient',
      cell: (c) => (
        <Link
          to="/patients/$practiceId/$patientId"
          params={{ practiceId, patientId: c.getValue() }}
        >
          {c.getValue()}
        </Link>
      ),
    }),
    column.accessor((r) => r.proposal.billingPractitionerId ?? '—', {
      id: 'by',
      header: 'Practitioner',
    }),
    column.accessor(
      (r) => r.proposal.countableMinutes.clinicalStaff + r.proposal.countableMinutes.practitioner,
      {
        id: 'minutes',
        header: 'Minutes (staff + practitioner)',
        cell: ({ row }) => {
          const m = row.original.proposal.countableMinutes;
          return `${m.clinicalStaff} + ${m.practitioner}`;
        },
      },
    ),
    column.accessor((r) => linesText(r.proposal.lines) || '—', { id: 'lines', header: 'Lines' }),
    column.accessor((r) => r.proposal.dateOfService ?? '', {
      id: 'dos',
      header: 'Date of service',
    }),
    column.accessor((r) => STATE_LABELS[r.state], {
      id: 'state',
      header: 'State',
      cell: ({ row }) => {
        const r = row.original;
        const claim = r.claims.find((c) => c.status !== 'denied');
        return (
          <span data-testid="proposal-state" className={`billing-state ${r.state}`}>
            {STATE_LABELS[r.state]}
            {claim ? ` (${claim.status})` : ''}
            {r.state === 'blocked'
              ? `: ${r.proposal.blockers.map((b) => b.ruleId).join(', ')}`
              : ''}
            {r.close ? ' · month closed' : ''}
          </span>
        );
      },
    }),
    column.display({
      id: 'actions',
      header: 'Actions',
      cell: ({ row }) => {
        const r = row.original;
        return (
          <div className="billing-actions">
            <Button
              className="button"
              aria-label={`Evidence for ${r.proposal.patientId}`}
              onPress={() => setShown(r)}
            >
              Evidence
            </Button>
            {can('claims.write') && r.state === 'ready' && !r.close ? (
              <Button
                className="button primary"
                aria-label={`Approve ${linesText(r.proposal.lines)} for ${r.proposal.patientId}`}
                isDisabled={approve.isPending}
                onPress={() => void approveRow(r)}
              >
                Approve
              </Button>
            ) : null}
          </div>
        );
      },
    }),
  ];

  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows as ProposalRow[],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    state: { sorting },
    onSortingChange: setSorting,
    // The rows are a new array at every render; with the default, a new array resets the
    // page index, which renders again: a loop that freezes the page. There are no pages.
    autoResetPageIndex: false,
  });

  return (
    <>
      <DataTable table={table} testId="proposals-table" rowTestId="proposal-row" busy={busy} />
      {rows.length === 0 ? <p className="status">No proposal matches.</p> : null}
      {shown ? (
        <EvidenceDialog
          row={shown}
          practiceId={practiceId}
          month={month}
          timeZone={timeZone}
          onClose={() => setShown(undefined)}
        />
      ) : null}
    </>
  );
}

import { useMutation } from '@tanstack/react-query';
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
import { ReasonDialog } from './dialogs.js';
import { lastReason, linesText, type Claim, type MonthClose } from './model.js';

// The month's claims with their workflow state (approved, held, submitted, and what an
// import brought: draft, paid, denied) and the steps a role may take on each: hold with a
// reason and release with a reason (claims.hold), mark submitted (claims.write). Each step
// names the version shown; the server refuses a stale one or a closed month (the page may
// be older than the close), and the page says so and reads the month again.

interface Row {
  claim: Claim;
  close: MonthClose | undefined;
}

export function ClaimsTable({
  practiceId,
  claims,
  closes,
  busy,
  onDone,
}: {
  practiceId: string;
  claims: readonly Claim[];
  closes: readonly MonthClose[];
  busy: boolean;
  /** Called after every step, with the server's refusal when there was one. */
  onDone: (message: string, error?: unknown) => void;
}) {
  const trpc = useTRPC();
  const { can } = useSession();
  const hold = useMutation(trpc.claims.hold.mutationOptions());
  const release = useMutation(trpc.claims.release.mutationOptions());
  const submit = useMutation(trpc.claims.markSubmitted.mutationOptions());
  const [asking, setAsking] = useState<{ claim: Claim; step: 'hold' | 'release' }>();
  const [sorting, setSorting] = useState<SortingState>([{ id: 'patient', desc: false }]);

  const ref = (c: Claim) => ({
    practiceId,
    patientId: c.patientId,
    claimId: c.claimId,
    expectedVersion: c.version,
  });
  const markSubmitted = async (c: Claim) => {
    try {
      await submit.mutateAsync(ref(c));
      onDone(`Claim ${short(c.claimId)} of ${c.patientId} marked submitted.`);
    } catch (error) {
      onDone('', error);
    }
  };

  const column = createColumnHelper<Row>();
  const columns = [
    column.accessor((r) => r.claim.patientId, { id: 'patient', header: 'Patient' }),
    column.accessor((r) => r.claim.claimId, {
      id: 'claim',
      header: 'Claim',
      cell: (c) => <span title={c.getValue()}>{short(c.getValue())}</span>,
    }),
    column.accessor((r) => r.claim.dateOfService, { id: 'dos', header: 'Date of service' }),
    column.accessor((r) => r.claim.billingPractitionerId, { id: 'by', header: 'Practitioner' }),
    column.accessor((r) => linesText(r.claim.lines), { id: 'lines', header: 'Lines' }),
    column.accessor((r) => r.claim.status, {
      id: 'state',
      header: 'State',
      cell: ({ row }) => (
        <span data-testid="claim-state">
          {row.original.claim.status}
          {row.original.close ? ' · month closed' : ''}
        </span>
      ),
    }),
    column.accessor((r) => r.claim.version, { id: 'version', header: 'Version' }),
    column.accessor((r) => lastReason(r.claim) ?? '', {
      id: 'reason',
      header: 'Reason',
      enableSorting: false,
    }),
    column.display({
      id: 'actions',
      header: 'Actions',
      cell: ({ row }) => {
        const c = row.original.claim;
        const label = `claim ${short(c.claimId)} of ${c.patientId}`;
        // A closed patient-month's claims no longer change: nothing to offer.
        if (row.original.close) return null;
        return (
          <div className="billing-actions">
            {can('claims.hold') && c.status === 'approved' ? (
              <Button
                className="button"
                aria-label={`Hold ${label}`}
                onPress={() => setAsking({ claim: c, step: 'hold' })}
              >
                Hold
              </Button>
            ) : null}
            {can('claims.hold') && c.status === 'held' ? (
              <Button
                className="button"
                aria-label={`Release ${label}`}
                onPress={() => setAsking({ claim: c, step: 'release' })}
              >
                Release
              </Button>
            ) : null}
            {can('claims.write') && c.status === 'approved' ? (
              <Button
                className="button"
                aria-label={`Mark ${label} submitted`}
                isDisabled={submit.isPending}
                onPress={() => void markSubmitted(c)}
              >
                Mark submitted
              </Button>
            ) : null}
          </div>
        );
      },
    }),
  ];

  const data = claims.map((claim) => ({
    claim,
    close: closes.find((c) => c.patientId === claim.patientId),
  }));
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
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
      <DataTable table={table} testId="claims-table" rowTestId="claim-row" busy={busy} />
      {claims.length === 0 ? <p className="status">No claim in this month yet.</p> : null}
      {asking ? (
        <ReasonDialog
          title={`${asking.step === 'hold' ? 'Hold' : 'Release'} claim ${short(asking.claim.claimId)} of ${asking.claim.patientId}`}
          action={asking.step === 'hold' ? 'Hold claim' : 'Release claim'}
          onClose={() => setAsking(undefined)}
          onSubmit={async (reason) => {
            const mutation = asking.step === 'hold' ? hold : release;
            try {
              await mutation.mutateAsync({ ...ref(asking.claim), reason });
            } catch (error) {
              // Shown in the dialog; the month is read again, as the refusal may be news.
              onDone('', error);
              throw error;
            }
            onDone(
              `Claim ${short(asking.claim.claimId)} of ${asking.claim.patientId} ${asking.step === 'hold' ? 'held' : 'released'}.`,
            );
          }}
        />
      ) : null}
    </>
  );
}

/** A claim id is a UUID: its first part tells claims apart on a screen. */
function short(claimId: string): string {
  return claimId.slice(0, 8);
}

import { useMutation } from '@tanstack/react-query';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useState } from 'react';
import { Button, ProgressBar } from 'react-aria-components';
import { problemText, useTRPC } from '../api.js';
import { useSession } from '../session.js';
import { DataTable } from '../ui.js';
import { ConfirmDialog } from './dialogs.js';
import { billedPatients, type Claim, type MonthClose } from './model.js';

// Closing the month: a close is per patient-month (the audit's decision kept with what it
// read, after which the records it rests on change only by amendment), so the billed
// patient-months are listed with whether each is closed, and the roles that close months
// (months.close) close one, or all still open one after another with a progress bar.
// A refusal (already closed by someone else, say) is shown and the others go on.

interface Row {
  patientId: string;
  claims: Claim[];
  close: MonthClose | undefined;
}

export function MonthCloseSection({
  practiceId,
  month,
  claims,
  closes,
  busy,
  onDone,
}: {
  practiceId: string;
  month: string;
  claims: readonly Claim[];
  closes: readonly MonthClose[];
  busy: boolean;
  onDone: (message: string, error?: unknown) => void;
}) {
  const trpc = useTRPC();
  const { can } = useSession();
  const close = useMutation(trpc.monthClose.close.mutationOptions());
  const [confirm, setConfirm] = useState<string[]>();
  const [progress, setProgress] = useState<{ done: number; of: number }>();
  const [failures, setFailures] = useState<string[]>([]);

  const rows: Row[] = billedPatients(claims).map((patientId) => ({
    patientId,
    claims: claims.filter((c) => c.patientId === patientId),
    close: closes.find((c) => c.patientId === patientId),
  }));
  const open = rows.filter((r) => !r.close).map((r) => r.patientId);

  const closeAll = async (patients: string[]) => {
    const failed: string[] = [];
    setFailures([]);
    setProgress({ done: 0, of: patients.length });
    for (const [i, patientId] of patients.entries()) {
      try {
        await close.mutateAsync({ practiceId, patientId, month });
      } catch (error) {
        failed.push(`${patientId}: ${problemText(error)}`);
      }
      setProgress({ done: i + 1, of: patients.length });
    }
    setFailures(failed);
    setProgress(undefined);
    const closed = patients.length - failed.length;
    onDone(
      `Closed ${closed} of ${patients.length} patient-month(s) of ${month}.`,
      failed.length > 0 ? new Error(`${failed.length} not closed; see below.`) : undefined,
    );
  };

  const column = createColumnHelper<Row>();
  const columns = [
    column.accessor('patientId', { header: 'Patient' }),
    column.accessor((r) => r.claims.map((c) => c.status).join(', '), {
      id: 'claims',
      header: 'Claims',
    }),
    column.accessor(
      (r) => (r.close ? `closed ${r.close.closedAt} by ${r.close.closedBy}` : 'open'),
      {
        id: 'closed',
        header: 'Month',
        cell: (c) => <span data-testid="close-state">{c.getValue()}</span>,
      },
    ),
    column.display({
      id: 'actions',
      header: 'Actions',
      cell: ({ row }) =>
        can('months.close') && !row.original.close ? (
          <Button
            className="button"
            aria-label={`Close ${month} of ${row.original.patientId}`}
            isDisabled={progress !== undefined}
            onPress={() => setConfirm([row.original.patientId])}
          >
            Close
          </Button>
        ) : null,
    }),
  ];
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    autoResetPageIndex: false, // a new array each render would otherwise loop
  });

  return (
    <section aria-labelledby="month-close-title">
      <div className="toolbar">
        <h2 id="month-close-title">Month close · {month}</h2>
        <p data-testid="close-count">
          {rows.length - open.length} of {rows.length} billed patient-months closed
        </p>
        {can('months.close') ? (
          <Button
            className="button primary"
            isDisabled={open.length === 0 || progress !== undefined}
            onPress={() => setConfirm(open)}
          >
            Close all open ({open.length})
          </Button>
        ) : null}
      </div>
      {progress ? (
        <ProgressBar
          className="progress"
          value={progress.done}
          maxValue={progress.of}
          aria-label="Closing patient-months"
        >
          {({ percentage }) => (
            <>
              <span className="progress-label">
                Closing {progress.done} of {progress.of}…
              </span>
              <div className="bar">
                <div className="fill" style={{ width: `${percentage ?? 0}%` }} />
              </div>
            </>
          )}
        </ProgressBar>
      ) : null}
      {failures.length > 0 ? (
        <ul className="error" data-testid="close-failures">
          {failures.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      ) : null}
      <DataTable table={table} testId="close-table" rowTestId="close-row" busy={busy} />
      {rows.length === 0 ? <p className="status">No billed patient-month to close.</p> : null}
      {confirm ? (
        <ConfirmDialog
          title={
            confirm.length === 1
              ? `Close ${month} of ${confirm[0]}?`
              : `Close ${confirm.length} patient-months of ${month}?`
          }
          action="Close"
          onClose={() => setConfirm(undefined)}
          onConfirm={() => void closeAll(confirm)}
        >
          <p>
            The audit's decision is kept with what it read. After that, the records it rests on
            change only by amendment, with a reason, and the claims of a closed patient-month no
            longer change.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTRPC } from '../api.js';
import { AuditProblem, money } from '../audits/audit-format.js';
import { ChoiceField } from '../audits/follow-up-form.js';
import { useSession } from '../session.js';
import { DataTable, Loading } from '../ui.js';
import { OverpaymentDialog } from './OverpaymentDialog.js';
import {
  daysLeftLabel,
  STATE_LABELS,
  stateLabel,
  type OverpaymentCase,
  type OverpaymentState,
} from './overpayment-format.js';

// The practice's overpayment cases (docs/compliance/corrective-actions.md), nearest
// deadline first: each month found in error after its claim went out, with its state on
// the 60-day clock, the days left, its milestones and the run that found it; filtered by
// state by the server. Those who follow audits up record milestones; the others read.
// Cases name patients: the server logs each list as a read of them.

type Filter = 'all' | OverpaymentState;

const FILTERS: Array<{ id: Filter; label: string }> = [
  { id: 'all', label: 'All cases' },
  ...(Object.keys(STATE_LABELS) as OverpaymentState[]).map((id) => ({
    id,
    label: STATE_LABELS[id],
  })),
];

interface Row extends OverpaymentCase {
  context: { mayWrite: boolean; edit: (id: string) => void };
}

const column = createColumnHelper<Row>();

/** A milestone's day and amount, or a dash. */
const milestone = (on: string | null, amount: number | null) =>
  on ? `${on}${amount === null ? '' : ` · ${money.format(amount)}`}` : '—';

const columns = [
  column.accessor('state', {
    header: 'State',
    cell: (c) => (
      <span className={`case-state case-${c.getValue()}`} data-testid="case-state">
        {stateLabel(c.getValue())}
      </span>
    ),
  }),
  column.accessor('daysLeft', {
    header: 'Days left',
    cell: ({ row }) => <span data-testid="case-days">{daysLeftLabel(row.original)}</span>,
  }),
  column.accessor('deadline', { header: 'Deadline' }),
  column.accessor('patientId', {
    header: 'Patient id',
    cell: ({ row }) => (
      <Link
        to="/patients/$practiceId/$patientId"
        params={{ practiceId: row.original.practiceId, patientId: row.original.patientId }}
      >
        {row.original.patientId}
      </Link>
    ),
  }),
  column.accessor('month', { header: 'Month' }),
  column.accessor('billingPractitionerId', { header: 'Billing practitioner' }),
  column.accessor('identifiedOn', {
    header: 'Identified',
    cell: ({ row }) => {
      const { identifiedOn, investigationEndsOn } = row.original;
      return investigationEndsOn
        ? `${identifiedOn} (investigation to ${investigationEndsOn})`
        : identifiedOn;
    },
  }),
  column.accessor('quantifiedOn', {
    header: 'Quantified',
    cell: ({ row }) => milestone(row.original.quantifiedOn, row.original.quantifiedAmount),
  }),
  column.accessor('refundedOn', {
    header: 'Refunded',
    cell: ({ row }) => {
      const { refundedOn, refundedAmount, refundReference } = row.original;
      const text = milestone(refundedOn, refundedAmount);
      return refundReference ? `${text} · ref. ${refundReference}` : text;
    },
  }),
  column.accessor('runId', {
    header: 'Found by',
    cell: (c) => (
      <Link to="/audits/$runId" params={{ runId: c.getValue() }}>
        the audit run
      </Link>
    ),
  }),
  column.display({
    id: 'actions',
    header: 'Actions',
    cell: ({ row }) => (
      <Button
        className="button"
        aria-label={`Edit the case of ${row.original.patientId}, ${row.original.month}`}
        onPress={() => row.original.context.edit(row.original.id)}
      >
        Edit…
      </Button>
    ),
  }),
];

export function OverpaymentsPage() {
  const trpc = useTRPC();
  const { can, practice } = useSession();
  const mayWrite = can('audits.follow-up');
  const [filter, setFilter] = useState<Filter>('all');
  const [editing, setEditing] = useState<string>();
  const cases = useQuery({
    ...trpc.overpayments.list.queryOptions({
      ...(practice ? { practiceId: practice.id } : {}),
      ...(filter === 'all' ? {} : { state: filter }),
    }),
  });
  const context: Row['context'] = { mayWrite, edit: setEditing };
  const rows: Row[] = (cases.data ?? []).map((c) => ({ ...c, context }));
  // eslint-disable-next-line react-hooks/incompatible-library -- not built with the React Compiler
  const table = useReactTable({
    // Rows are built anew each render: without this the table resets its state on each
    // new array, which renders again, without end.
    autoResetAll: false,
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => r.id,
    // The server sends them nearest deadline first, the order they are worked in.
    enableSorting: false,
    state: { columnVisibility: { actions: mayWrite } },
  });
  const editedCase = cases.data?.find((c) => c.id === editing);

  return (
    <section aria-labelledby="overpayments-title" className="overpayments">
      <div className="toolbar">
        <h1 id="overpayments-title">Overpayment follow-up</h1>
        <div className="filters">
          <ChoiceField label="Show" options={FILTERS} value={filter} onChange={setFilter} />
        </div>
      </div>
      <p className="hint">
        A month an audit found in error after its claim went out is an overpayment to report and
        return within 60 days of the day it was identified (42 CFR 401.305), or of the end of a
        good-faith investigation of related months, at most 180 days later. Due soon: 14 days or
        fewer left. Days are counted on {practice?.name ?? 'the practice'}'s calendar.
        {mayWrite ? ' Open a case from a failing month in an audit run’s findings.' : ''}
      </p>
      {cases.isError ? (
        <AuditProblem error={cases.error} />
      ) : (
        <>
          <DataTable
            table={table}
            testId="overpayments-table"
            rowTestId="overpayment-row"
            busy={cases.isFetching}
          />
          {cases.isPending ? <Loading>Loading the overpayment cases…</Loading> : null}
          {cases.isSuccess && cases.data.length === 0 ? (
            <p className="status">
              {filter === 'all'
                ? 'No overpayment case has been opened for this practice.'
                : `No case is ${stateLabel(filter).toLowerCase()}.`}
            </p>
          ) : null}
        </>
      )}
      {mayWrite && editedCase ? (
        <OverpaymentDialog
          key={editedCase.id}
          item={editedCase}
          onClose={() => setEditing(undefined)}
        />
      ) : null}
    </section>
  );
}

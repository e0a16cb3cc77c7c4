import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { practiceToday } from '../admin/dates.js';
import { useTRPC } from '../api.js';
import { useSession } from '../session.js';
import { DataTable, Loading, Problem } from '../ui.js';
import type { AuditRun } from './audit-format.js';
import { CorrectiveActionDialog } from './CorrectiveActionDialog.js';
import { STATUS_LABELS, type CorrectiveAction } from './corrective-action-format.js';
import { RetestDialog } from './RetestDialog.js';

// A done run's corrective-action plan (docs/compliance/corrective-actions.md): an item per
// failing rule with its recommended action, owner, due date, status and last re-test.
// Those who follow audits up make the plan (again and again: it only adds what is
// missing), edit an item at the version read and re-test it against a later run; the
// others read it.

/** What a row's buttons do: open the item's dialog. */
interface Row extends CorrectiveAction {
  context: { today: string; open: (id: string, dialog: 'edit' | 'retest') => void };
}

const column = createColumnHelper<Row>();

const columns = [
  column.accessor('ruleId', {
    header: 'Rule',
    cell: ({ row }) => (
      <>
        <span className="rule-id">{row.original.ruleId}</span>
        <br />
        <span className="hint">
          {row.original.findings} {row.original.findings === 1 ? 'finding' : 'findings'}
        </span>
      </>
    ),
  }),
  column.accessor('action', {
    header: 'Recommended action',
    cell: (c) => <span className="plan-action">{c.getValue() || '—'}</span>,
  }),
  column.accessor('ownerId', { header: 'Owner', cell: (c) => c.getValue() ?? '—' }),
  column.accessor('dueOn', {
    header: 'Due',
    cell: ({ row }) => {
      const { dueOn, status, context } = row.original;
      if (!dueOn) return '—';
      const late = dueOn < context.today && (status === 'open' || status === 'in-progress');
      return late ? (
        <>
          {dueOn} <strong className="error">past due</strong>
        </>
      ) : (
        dueOn
      );
    },
  }),
  column.accessor('status', { header: 'Status', cell: (c) => STATUS_LABELS[c.getValue()] }),
  column.accessor('retest', {
    header: 'Re-test',
    cell: (c) => {
      const retest = c.getValue();
      if (!retest) return 'not yet';
      return (
        <span data-testid="retest-result">
          <strong className={retest.result === 'pass' ? 'retest-pass' : 'error'}>
            {retest.result === 'pass' ? 'Passed' : 'Failed'}
          </strong>{' '}
          on{' '}
          <Link to="/audits/$runId" params={{ runId: retest.runId }}>
            a later run
          </Link>{' '}
          ({retest.findings} {retest.findings === 1 ? 'finding' : 'findings'})
        </span>
      );
    },
  }),
  column.display({
    id: 'actions',
    header: 'Actions',
    cell: ({ row }) => {
      const { id, ruleId, context } = row.original;
      return (
        <span className="entry-actions">
          <Button
            className="button"
            aria-label={`Edit the ${ruleId} item`}
            onPress={() => context.open(id, 'edit')}
          >
            Edit…
          </Button>
          <Button
            className="button"
            aria-label={`Re-test ${ruleId}`}
            onPress={() => context.open(id, 'retest')}
          >
            Re-test…
          </Button>
        </span>
      );
    },
  }),
];

export function CorrectivePlan({ run }: { run: AuditRun }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { can, practices } = useSession();
  const mayWrite = can('audits.follow-up');
  const timeZone = practices.find((p) => p.id === run.practiceId)?.timezone ?? 'UTC';
  const listKey = trpc.correctiveActions.list.queryKey({ runId: run.id });
  const items = useQuery(trpc.correctiveActions.list.queryOptions({ runId: run.id }));
  const [outcome, setOutcome] = useState<string>();
  const plan = useMutation(
    trpc.correctiveActions.plan.mutationOptions({
      onSuccess: ({ created, items: all }) => {
        queryClient.setQueryData(listKey, all);
        setOutcome(
          all.length === 0
            ? 'The run has no error or warning findings: there is nothing to plan.'
            : created.length === 0
              ? 'The plan already has an item for every failing rule: nothing was added.'
              : `Added ${created.length} ${created.length === 1 ? 'item' : 'items'}: ${created.join(', ')}.`,
        );
      },
    }),
  );
  const [opened, setOpened] = useState<{ id: string; dialog: 'edit' | 'retest' }>();
  const context: Row['context'] = {
    today: practiceToday(timeZone),
    open: (id, dialog) => setOpened({ id, dialog }),
  };
  const rows: Row[] = (items.data ?? []).map((item) => ({ ...item, context }));
  // eslint-disable-next-line react-hooks/incompatible-library -- not built with the React Compiler
  const table = useReactTable({
    // Rows are built anew each render: without this the table resets its state on each
    // new array, which renders again, without end.
    autoResetAll: false,
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => r.id,
    enableSorting: false,
    state: { columnVisibility: { actions: mayWrite } },
  });
  const openedItem = items.data?.find((i) => i.id === opened?.id);

  return (
    <section aria-labelledby="plan-title" className="corrective-plan">
      <div className="toolbar">
        <h2 id="plan-title">Corrective-action plan</h2>
        {mayWrite ? (
          <Button
            className="button primary"
            isDisabled={plan.isPending}
            onPress={() => plan.mutate({ runId: run.id })}
          >
            {plan.isPending ? 'Planning…' : 'Create plan'}
          </Button>
        ) : null}
      </div>
      <p className="hint">
        One item per rule with error or warning findings, starting from the rule's recommended
        action. An item is verified only after a later audit of the same months passes its re-test.
        {mayWrite ? ' Creating the plan again adds only the rules still missing.' : ''}
      </p>
      {outcome ? (
        <p role="status" className="status ok" data-testid="plan-outcome">
          {outcome}
        </p>
      ) : null}
      {plan.isError ? <Problem error={plan.error} /> : null}
      {items.isError ? <Problem error={items.error} /> : null}
      <DataTable
        table={table}
        testId="corrective-actions-table"
        rowTestId="corrective-action-row"
        busy={items.isFetching}
      />
      {items.isPending ? <Loading>Loading the plan…</Loading> : null}
      {items.isSuccess && items.data.length === 0 ? (
        <p className="status">
          No plan yet.
          {mayWrite ? ' Create plan adds an item for each failing rule.' : ''}
        </p>
      ) : null}
      {mayWrite && openedItem && opened?.dialog === 'edit' ? (
        <CorrectiveActionDialog
          key={openedItem.id}
          run={run}
          item={openedItem}
          onClose={() => setOpened(undefined)}
        />
      ) : null}
      {mayWrite && openedItem && opened?.dialog === 'retest' ? (
        <RetestDialog
          key={openedItem.id}
          run={run}
          item={openedItem}
          onClose={() => setOpened(undefined)}
        />
      ) : null}
    </section>
  );
}

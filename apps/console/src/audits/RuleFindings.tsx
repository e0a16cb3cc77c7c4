import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Button, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';
import { useTRPC, type ApiOutputs } from '../api.js';
import { OpenOverpayment } from '../overpayments/OpenOverpayment.js';
import { useSession } from '../session.js';
import { DataTable, Loading, Problem } from '../ui.js';
import type { AuditRun } from './audit-format.js';
import { EvidenceDialog } from './EvidenceDialog.js';

// A done run's findings grouped by rule: each rule with its count, severity, what it
// checks and the CMS sources it cites; opening a rule pages through its findings (asked
// for only then: reading findings is a read of patient data, logged by the server), and
// each finding opens its evidence. A month in error (an error finding naming its billing
// practitioner) offers those who follow audits up to open its overpayment case.

const PAGE_SIZE = 20;

type RuleCount = ApiOutputs['audits']['findingCounts']['rules'][number];
type Finding = ApiOutputs['audits']['findings']['rows'][number];

const column = createColumnHelper<Finding>();
const baseColumns = [
  column.accessor('patientId', { header: 'Patient id' }),
  column.accessor('month', { header: 'Month' }),
  column.accessor('billingPractitionerId', {
    header: 'Billing practitioner',
    cell: (c) => c.getValue() ?? '—',
  }),
  column.accessor('severity', { header: 'Severity' }),
  column.accessor('message', { header: 'Finding' }),
  column.display({
    id: 'evidence',
    header: 'Evidence',
    cell: ({ row }) => <EvidenceDialog finding={row.original} />,
  }),
];

/** The findings' columns, with the overpayment action when the role may follow up. */
function findingColumns(run: Pick<AuditRun, 'id' | 'practiceId'> | undefined) {
  if (!run) return baseColumns;
  return [
    ...baseColumns,
    column.display({
      id: 'overpayment',
      header: 'Overpayment',
      cell: ({ row }) => {
        const f = row.original;
        if (f.severity !== 'error' || f.billingPractitionerId === null) return '—';
        return (
          <OpenOverpayment
            runId={run.id}
            practiceId={run.practiceId}
            finding={{ ...f, billingPractitionerId: f.billingPractitionerId }}
          />
        );
      },
    }),
  ];
}

function FindingsOfRule({ run, rule }: { run: AuditRun; rule: RuleCount }) {
  const trpc = useTRPC();
  const { can } = useSession();
  const runId = run.id;
  const followUp = can('audits.follow-up');
  const { practiceId } = run;
  // Columns stay the same array between renders: a new one would reset the table.
  const columns = useMemo(
    () => findingColumns(followUp ? { id: runId, practiceId } : undefined),
    [followUp, runId, practiceId],
  );
  const [pageIndex, setPageIndex] = useState(0);
  const page = useQuery({
    ...trpc.audits.findings.queryOptions({
      runId,
      ruleId: rule.ruleId,
      offset: pageIndex * PAGE_SIZE,
      limit: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });
  // eslint-disable-next-line react-hooks/incompatible-library -- not built with the React Compiler
  const table = useReactTable({
    data: page.data?.rows ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    // The server pages the findings in patient and month order; sorting one page would mislead.
    enableSorting: false,
  });
  const total = page.data?.total ?? rule.count;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <>
      {page.isError ? <Problem error={page.error} /> : null}
      <DataTable
        table={table}
        testId="rule-findings-table"
        rowTestId="finding-row"
        busy={page.isFetching}
        caption={`${rule.ruleId} findings`}
      />
      {page.isPending ? <Loading>Loading the findings…</Loading> : null}
      <nav className="pager" aria-label={`Pages of ${rule.ruleId} findings`}>
        <Button
          className="button"
          isDisabled={pageIndex === 0}
          onPress={() => setPageIndex(pageIndex - 1)}
        >
          Previous
        </Button>
        <span data-testid="findings-page-of">
          Page {pageIndex + 1} of {pages} · {total} findings
        </span>
        <Button
          className="button"
          isDisabled={pageIndex + 1 >= pages}
          onPress={() => setPageIndex(pageIndex + 1)}
        >
          Next
        </Button>
      </nav>
    </>
  );
}

function severityText(rule: RuleCount): string {
  if (rule.severities.length < 2) return rule.severity;
  return rule.severities.map((s) => `${s.count} ${s.severity}`).join(', ');
}

function RuleGroup({ run, rule }: { run: AuditRun; rule: RuleCount }) {
  const [open, setOpen] = useState(false);
  return (
    <Disclosure
      className="rule-group"
      isExpanded={open}
      onExpandedChange={setOpen}
      data-testid="rule-group"
      data-rule-id={rule.ruleId}
    >
      <Heading level={3} className="rule-heading">
        <Button slot="trigger" className="rule-trigger">
          <span aria-hidden="true">{open ? '▾' : '▸'} </span>
          <span className="rule-id">{rule.ruleId}</span>
          {' · '}
          <span data-testid="rule-count">{rule.count}</span>{' '}
          {rule.count === 1 ? 'finding' : 'findings'}
          {' · '}
          <span className={`severity severity-${rule.severity}`}>{severityText(rule)}</span>
        </Button>
      </Heading>
      {rule.description ? <p className="rule-description">{rule.description}</p> : null}
      {rule.sources.length > 0 ? (
        <p className="rule-sources">
          Sources:{' '}
          {rule.sources.map((source, i) => (
            <span key={source.key}>
              {i > 0 ? '; ' : ''}
              <a href={source.url} target="_blank" rel="noreferrer">
                {source.title}
              </a>
            </span>
          ))}
        </p>
      ) : null}
      <DisclosurePanel>{open ? <FindingsOfRule run={run} rule={rule} /> : null}</DisclosurePanel>
    </Disclosure>
  );
}

export function RuleFindings({ run }: { run: AuditRun }) {
  const trpc = useTRPC();
  const counts = useQuery(trpc.audits.findingCounts.queryOptions({ runId: run.id }));
  if (counts.isPending) return <Loading>Loading the findings by rule…</Loading>;
  if (counts.isError) return <Problem error={counts.error} />;
  if (counts.data.rules.length === 0)
    return <p className="status">The audit found nothing: every audited month passed.</p>;
  return (
    <div className="rule-groups" data-testid="rule-groups">
      {counts.data.rules.map((rule) => (
        <RuleGroup key={rule.ruleId} run={run} rule={rule} />
      ))}
    </div>
  );
}

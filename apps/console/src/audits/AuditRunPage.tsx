import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTRPC } from '../api.js';
import { AuditRunPluginPanels } from '../plugins/PluginPanels.js';
import { useSession } from '../session.js';
import { Loading } from '../ui.js';
import {
  AuditProblem,
  instantLabel,
  isActive,
  money,
  periodLabel,
  type AuditRun,
} from './audit-format.js';
import { CorrectivePlan } from './CorrectivePlan.js';
import { RuleFindings } from './RuleFindings.js';
import { CancelRun, RunProgress } from './RunProgress.js';
import { SampleEstimate } from './SampleEstimate.js';

// One audit run: its state (followed live while it is queued or running), its sample when
// it was sampled, and once done its summary and estimate, its report to download in each
// format the server writes, its findings grouped by rule, its corrective-action plan and
// the panels the organization's plugins contribute. The downloads are plain links: the
// browser sends the session cookie.

const route = getRouteApi('/audits/$runId');

const FORMATS = [
  { format: 'csv', label: 'CSV' },
  { format: 'html', label: 'HTML' },
  { format: 'json', label: 'JSON' },
  { format: 'pdf', label: 'PDF' },
] as const;

/** A sampling refusal names what to change ("size: ..."); other failures give their kind. */
const SAMPLING_REFUSAL = /^[a-z][\w.]*: /;

function RunError({ error }: { error: string }) {
  if (SAMPLING_REFUSAL.test(error))
    return (
      <dd className="error" data-testid="run-error">
        The sample could not be drawn: {error}. Start the audit again with another sample.
      </dd>
    );
  return (
    <dd className="error" data-testid="run-error">
      {error} (the server's log has the details)
    </dd>
  );
}

/** The summary's figures (a JSON object from the server), read with care. */
function figure(summary: Record<string, unknown>, key: string): number | undefined {
  const value = summary[key];
  return typeof value === 'number' ? value : undefined;
}

function Summary({ run }: { run: AuditRun }) {
  const s = run.summary;
  const byRule = s['findingsByRule'];
  const findings =
    byRule && typeof byRule === 'object'
      ? Object.values(byRule).reduce<number>((n, v) => n + (typeof v === 'number' ? v : 0), 0)
      : undefined;
  const rows: Array<[string, string | undefined]> = [
    ['Months audited', figure(s, 'monthsAudited')?.toString()],
    ['Months passed', figure(s, 'monthsPassed')?.toString()],
    ['Months with warnings', figure(s, 'monthsWithWarnings')?.toString()],
    ['Months with errors', figure(s, 'monthsWithErrors')?.toString()],
    ['Findings', findings?.toString()],
    ['Billed amount', money.format(figure(s, 'billedAmount') ?? 0)],
    ['Amount at risk', money.format(figure(s, 'amountAtRisk') ?? 0)],
    ['Unpriced lines', figure(s, 'unpricedLines')?.toString()],
  ];
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title">Summary</h2>
      <dl className="facts" data-testid="audit-summary">
        {rows.map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{label}</dt>
            <dd>{value ?? '—'}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Downloads({ run }: { run: AuditRun }) {
  const base = `/api/audits/${encodeURIComponent(run.id)}/report`;
  return (
    <section aria-labelledby="downloads-title">
      <h2 id="downloads-title">Download the report</h2>
      <p className="downloads">
        {FORMATS.map(({ format, label }) => (
          <a key={format} className="button" href={`${base}.${format}`} download>
            Download {label}
          </a>
        ))}
      </p>
      <p className="hint">The report holds patient data: keep it where you keep patient records.</p>
    </section>
  );
}

export function AuditRunPage() {
  const { runId } = route.useParams();
  const trpc = useTRPC();
  const { practice } = useSession();
  const timeZone = practice?.timezone ?? 'UTC';
  const found = useQuery({
    ...trpc.audits.get.queryOptions({ runId }),
    refetchInterval: (query) => (query.state.data && isActive(query.state.data) ? 1000 : false),
  });
  const back = (
    <p>
      <Link to="/audits">← Audits</Link>
    </p>
  );
  if (found.isPending) return <Loading>Loading the audit…</Loading>;
  if (found.isError)
    return (
      <section>
        {back}
        <AuditProblem error={found.error} />
      </section>
    );
  const run = found.data;
  return (
    <article className="audit-run" aria-labelledby="audit-run-title">
      {back}
      <h1 id="audit-run-title">
        Audit of {run.practiceId} · {periodLabel(run)}
      </h1>
      <div className="audit-overview">
        <section aria-labelledby="run-state-title">
          <h2 id="run-state-title">The run</h2>
          <dl className="facts" data-testid="audit-run-facts">
            <dt>Status</dt>
            <dd data-testid="run-status">{run.status}</dd>
            <dt>Progress</dt>
            <dd className="run-progress-cell">
              <RunProgress run={run} />
              <CancelRun run={run} />
            </dd>
            <dt>Requested by</dt>
            <dd>{run.requestedBy ?? '—'}</dd>
            <dt>Started</dt>
            <dd>{instantLabel(run.startedAt, timeZone)}</dd>
            <dt>Finished</dt>
            <dd>{instantLabel(run.finishedAt, timeZone)}</dd>
            <dt>Rules version</dt>
            <dd>{run.rulesVersion}</dd>
            {run.error ? (
              <>
                <dt>Error</dt>
                <RunError error={run.error} />
              </>
            ) : null}
          </dl>
        </section>
        {run.status === 'done' ? <Summary run={run} /> : null}
      </div>
      <SampleEstimate run={run} />
      {run.status === 'done' ? (
        <>
          <Downloads run={run} />
          <section aria-labelledby="rules-title">
            <h2 id="rules-title">Findings by rule</h2>
            <RuleFindings run={run} />
          </section>
          <CorrectivePlan run={run} />
          <AuditRunPluginPanels runId={run.id} />
        </>
      ) : isActive(run) ? (
        <p className="status" role="status">
          The findings and the report come when the audit is done.
        </p>
      ) : (
        <p className="status">
          This audit {run.status === 'cancelled' ? 'was cancelled' : 'failed'}: it has no findings
          or report.
        </p>
      )}
    </article>
  );
}

import { executeAuditRun, exportDataset } from '@chronicle/db';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import { audit, cmsRules, SOURCES, type AuditReport } from '@chronicle/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGS, startTestServer, type TestServer } from './support/harness.js';
import { ok, refusal } from './support/results.js';

// audits.findingCounts: a done run's findings counted by rule (what the console's audit
// page lists before anyone opens a rule), each rule with its severities and the CMS
// sources it cites. The counts must be the report's own; a run not done yet has none.

const ORG = ORGS[0];
const PERIOD = { from: '2026-01', to: '2026-03' };

interface RuleCount {
  ruleId: string;
  count: number;
  severity: string;
  severities: Array<{ severity: string; count: number }>;
  description: string | null;
  sources: Array<{ key: string; title: string; url: string }>;
}

/** The report's findings counted by rule and severity. */
function countsOf(report: AuditReport) {
  const counts = new Map<string, Map<string, number>>();
  for (const m of report.months)
    for (const f of m.findings) {
      const bySeverity = counts.get(f.ruleId) ?? new Map<string, number>();
      bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
      counts.set(f.ruleId, bySeverity);
    }
  return counts;
}

describe.each(DATABASE_KINDS)('findings counted by rule on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    // No worker: the test runs the job itself, so it can ask while the run is queued.
    server = await startTestServer(kind, { work: false });
  });
  afterAll(async () => server?.close());

  it("answers a done run's counts by rule, equal to its report's, worst severity first", async () => {
    const officer = await server.signIn('compliance-officer');
    const practiceId = server.datasets[ORG].practice.id;
    const { id: runId } = ok(await officer.mutate('audits.start', { practiceId, ...PERIOD }));
    expect(refusal(await officer.query('audits.findingCounts', { runId }))).toMatchObject({
      status: 409,
      problems: [
        { path: 'runId', message: 'the run is queued; its findings come when it is done' },
      ],
    });
    await executeAuditRun(server.conn.db, {
      orgId: ORG,
      runId,
      actor: `job:${runId}`,
      now: () => new Date(),
      checkpoints: false,
    });

    const auditor = await server.signIn('auditor');
    const { rules } = ok<{ rules: RuleCount[] }>(
      await auditor.query('audits.findingCounts', { runId }),
    );
    const exported = await exportDataset(server.conn.db, { orgId: ORG, actor: 'test', practiceId });
    const expected = audit(exported, PERIOD);
    const counts = countsOf(expected);
    expect(counts.size).toBeGreaterThan(0);
    expect(Object.fromEntries(rules.map((r) => [r.ruleId, r.count]))).toEqual(
      expected.summary.findingsByRule,
    );
    for (const rule of rules) {
      expect(
        Object.fromEntries(rule.severities.map((s) => [s.severity, s.count])),
        rule.ruleId,
      ).toEqual(Object.fromEntries(counts.get(rule.ruleId) ?? []));
      expect(rule.severity).toBe(rule.severities[0]?.severity);
      const meta = cmsRules.find((r) => r.meta.id === rule.ruleId)?.meta;
      expect(rule.description).toBe(meta?.description);
      expect(rule.sources.map((s) => s.key)).toEqual(meta?.sources);
      for (const source of rule.sources)
        expect(source.url).toBe(SOURCES[source.key as keyof typeof SOURCES].url);
    }
    const order = ['error', 'warning', 'info'];
    const ranks = rules.map((r) => order.indexOf(r.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    // The findings of one rule, paged by the findings procedure, are as many as counted.
    const first = rules[0] as RuleCount;
    const page = ok(await auditor.query('audits.findings', { runId, ruleId: first.ruleId }));
    expect(page.total).toBe(first.count);
  });

  it('refuses roles that may not read audits and runs of other organizations', async () => {
    const officer = await server.signIn('compliance-officer');
    const practiceId = server.datasets[ORG].practice.id;
    const { id: runId } = ok(await officer.mutate('audits.start', { practiceId }));
    const careManager = await server.signIn('care-manager');
    expect((await careManager.query('audits.findingCounts', { runId })).status).toBe(403);
    const south = await server.signIn('auditor', ORGS[1]);
    expect(refusal(await south.query('audits.findingCounts', { runId }))).toMatchObject({
      status: 404,
      problems: [{ path: 'runId' }],
    });
    expect(refusal(await officer.query('audits.findingCounts', { runId: '' }))).toMatchObject({
      status: 400,
      problems: [{ path: 'runId' }],
    });
  });
});

import { executeAuditRun, exportDataset } from '@chronicle/db';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import { renderAuditCsv, renderAuditHtml, renderAuditPdf, sampleReport } from '@chronicle/report';
import { audit, auditReportSchema, type AuditReport } from '@chronicle/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGS, startTestServer, type Agent, type TestServer } from './support/harness.js';
import { ok, refusal } from './support/results.js';

// Audits started through the API run as background jobs: queued, taken by the job worker,
// done with the findings and report that `audit()` gives for the exported practice and the
// same period; followed by status and progress, read a page of findings at a time, and
// downloaded as JSON, CSV and HTML. A queued run can be cancelled, and stays cancelled
// when a worker reaches it.

const ORG = ORGS[0];
const PERIOD = { from: '2026-01', to: '2026-03' };

interface Run {
  id: string;
  status: string;
  progress: { done: number; total: number };
}

async function until(agent: Agent, runId: string, status: string): Promise<Run> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const run = ok<Run>(await agent.query('audits.get', { runId }));
    if (run.status === status || Date.now() > deadline) return run;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** JSON with every object's keys sorted: the database keeps evidence keys in its own order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/** Every finding, keyed as the findings procedure lists them. */
function findingsOf(report: AuditReport) {
  return report.months
    .flatMap((m) =>
      m.findings.map((f) => ({
        patientId: m.patientId,
        month: m.month,
        billingPractitionerId: m.billingPractitionerId,
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        evidence: f.evidence,
      })),
    )
    .sort((a, b) => canonical(a).localeCompare(canonical(b)));
}

describe.each(DATABASE_KINDS)('audits as background jobs on %s', (kind) => {
  let server: TestServer;
  let practiceId: string;
  let officer: Agent;
  let expected: AuditReport;
  let runId: string;
  beforeAll(async () => {
    server = await startTestServer(kind);
    practiceId = server.datasets[ORG].practice.id;
    officer = await server.signIn('compliance-officer');
    const exported = await exportDataset(server.conn.db, { orgId: ORG, actor: 'test', practiceId });
    expected = audit(exported, PERIOD);
  });
  afterAll(async () => server?.close());

  it('runs an audit started through the API to done, with the findings audit() gives', async () => {
    const careManager = await server.signIn('care-manager');
    expect((await careManager.mutate('audits.start', { practiceId, ...PERIOD })).status).toBe(403);
    expect(
      refusal(await officer.mutate('audits.start', { practiceId, from: '2026-03', to: '2026-01' })),
    ).toMatchObject({ status: 400, problems: [{ path: 'to' }] });
    expect(
      refusal(await officer.mutate('audits.start', { practiceId: 'nowhere', ...PERIOD })),
    ).toMatchObject({ status: 404, problems: [{ path: 'practiceId' }] });

    const started = ok(await officer.mutate('audits.start', { practiceId, ...PERIOD }));
    runId = started.id;
    expect(started).toMatchObject({
      status: 'queued',
      practiceId,
      ...PERIOD,
      requestedBy: 'compliance-officer',
    });
    const done = await until(officer, runId, 'done');
    expect(done.status).toBe('done');
    expect(done.progress.done).toBe(done.progress.total);
    expect(done).toMatchObject({ summary: expected.summary, rulesVersion: expected.rulesVersion });

    const auditor = await server.signIn('auditor');
    const rows: unknown[] = [];
    for (let offset = 0; ; offset += 7) {
      const page = ok(await auditor.query('audits.findings', { runId, offset, limit: 7 }));
      expect(page.total).toBe(findingsOf(expected).length);
      rows.push(...page.rows);
      if (page.rows.length < 7) break;
    }
    expect(rows.sort((a, b) => canonical(a).localeCompare(canonical(b)))).toEqual(
      findingsOf(expected),
    );
    const rule = findingsOf(expected)[0]?.ruleId as string;
    const oneRule = ok(await auditor.query('audits.findings', { runId, ruleId: rule }));
    expect(oneRule.total).toBe(findingsOf(expected).filter((f) => f.ruleId === rule).length);

    const listed = ok(await auditor.query('audits.list'));
    expect(listed.map((r: Run) => r.id)).toContain(runId);
    expect((await careManager.query('audits.get', { runId })).status).toBe(403);
    // Another organization's users do not see the run.
    const south = await server.signIn('auditor', ORGS[1]);
    expect(refusal(await south.query('audits.get', { runId }))).toMatchObject({ status: 404 });
    expect(ok(await south.query('audits.list')).map((r: Run) => r.id)).not.toContain(runId);
  });

  it('runs a sampled audit: the same sample sampleReport draws from the full report, its seed and estimate recorded', async () => {
    const size = 12;
    const started = ok(
      await officer.mutate('audits.start', {
        practiceId,
        ...PERIOD,
        sample: { size, seed: '20261129', stratify: 'practitioner' },
      }),
    );
    expect(started.sample).toEqual({ size, seed: '20261129', stratify: 'practitioner' });
    const done = await until(officer, started.id, 'done');
    expect(done.status).toBe('done');
    const want = sampleReport(expected, { size, seed: '20261129', stratify: 'practitioner' });
    const auditor = await server.signIn('auditor');
    const got = auditReportSchema.parse(
      JSON.parse((await auditor.agent.get(`/api/audits/${started.id}/report.json`)).text),
    );
    expect(got.sampling).toEqual(want.sampling);
    expect(canonical(got.estimate)).toBe(canonical(want.estimate));
    expect(canonical(ok(await auditor.query('audits.get', { runId: started.id })).estimate)).toBe(
      canonical(want.estimate),
    );
    expect(got.months.map((m) => [m.patientId, m.month])).toEqual(
      want.months.map((m) => [m.patientId, m.month]),
    );
    // Without a seed, the server chooses one and records it, so the sample can be redrawn.
    const unseeded = ok(
      await officer.mutate('audits.start', { practiceId, ...PERIOD, sample: { size } }),
    );
    expect(unseeded.sample.seed).toMatch(/^\d{1,16}$/);
    await until(officer, unseeded.id, 'done');
    expect(
      refusal(await officer.mutate('audits.start', { practiceId, sample: { size: 1 } })),
    ).toMatchObject({ status: 400, problems: [{ path: 'sample.size' }] });
  });

  it('downloads the report as JSON, CSV, HTML and PDF, each an attachment', async () => {
    const auditor = await server.signIn('auditor');
    const url = (format: string) => `/api/audits/${runId}/report.${format}`;
    const json = await auditor.agent.get(url('json'));
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.headers['content-disposition']).toBe(
      `attachment; filename="audit-${practiceId}-${runId}.json"`,
    );
    expect(json.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(json.text)).toEqual(JSON.parse(JSON.stringify(expected)));
    // CSV and HTML are renderings of that report. (Evidence objects come back from the
    // database with their keys in its order, so the files are compared with the rendering
    // of the report as downloaded, not byte for byte with the command line's.)
    const report = auditReportSchema.parse(JSON.parse(json.text));

    const csv = await auditor.agent.get(url('csv')).buffer(true);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename=".*\.csv"$/);
    expect(csv.text).toBe(await renderAuditCsv(report));

    const html = await auditor.agent.get(url('html'));
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['content-disposition']).toMatch(/^attachment; filename=".*\.html"$/);
    expect(html.text).toBe(renderAuditHtml(report));

    const careManager = await server.signIn('care-manager');
    expect((await careManager.agent.get(url('csv'))).status).toBe(403);
    expect((await server.anonymous().agent.get(url('csv'))).status).toBe(401);
    const pdf = await auditor.agent
      .get(url('pdf'))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename=".*\.pdf"$/);
    // The same bytes as rendering the downloaded report (the PDF is deterministic).
    expect(Buffer.compare(pdf.body as Buffer, Buffer.from(await renderAuditPdf(report)))).toBe(0);
    const xls = await auditor.agent.get(url('xls'));
    expect(xls.status).toBe(400);
    expect(xls.body.error.message).toBe('format: must be json, csv, html or pdf');
    expect((await auditor.agent.get('/api/audits/no-such-run/report.json')).status).toBe(404);
    const south = await server.signIn('auditor', ORGS[1]);
    expect((await south.agent.get(url('json'))).status).toBe(404);
  });
});

describe.each(DATABASE_KINDS)('cancelling a queued audit on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    // No worker: runs stay queued until cancelled.
    server = await startTestServer(kind, { work: false });
  });
  afterAll(async () => server?.close());

  it('cancels a queued run at once; a worker reaching it later leaves it cancelled', async () => {
    const officer = await server.signIn('compliance-officer');
    const practiceId = server.datasets[ORG].practice.id;
    const { id: runId } = ok(await officer.mutate('audits.start', { practiceId }));
    expect(ok(await officer.query('audits.get', { runId })).status).toBe('queued');
    const auditor = await server.signIn('auditor');
    expect((await auditor.mutate('audits.cancel', { runId })).status).toBe(403);
    expect(ok(await officer.mutate('audits.cancel', { runId })).status).toBe('cancelled');
    expect(refusal(await officer.mutate('audits.cancel', { runId }))).toMatchObject({
      status: 409,
      problems: [{ path: 'runId', message: 'the run is already cancelled' }],
    });
    expect(refusal(await auditor.query('audits.findings', { runId }))).toMatchObject({
      status: 409,
    });
    expect((await auditor.agent.get(`/api/audits/${runId}/report.json`)).status).toBe(409);
    const status = await executeAuditRun(server.conn.db, {
      orgId: ORG,
      runId,
      actor: `job:${runId}`,
      now: () => new Date(),
      checkpoints: false,
    });
    expect(status).toBe('cancelled');
    expect(ok(await officer.query('audits.get', { runId })).status).toBe('cancelled');
    expect(refusal(await officer.mutate('audits.cancel', { runId: 'no-such-run' }))).toMatchObject({
      status: 404,
    });
  });
});

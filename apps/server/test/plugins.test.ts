import { exportDataset } from '@chronicle/db';
import { defineRule } from '@chronicle/plugin-api';
import type { ProposedPluginContext } from '@chronicle/plugin-api/proposed';
import {
  CHRONICLE_VERSION,
  createPluginHost,
  inProcessPlugin,
  type PluginHost,
  type PluginInfo,
} from '@chronicle/plugin-api/host';
import { audit } from '@chronicle/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_PLUGINS, loadServerPlugins } from '../src/index.js';
import { ORGS, startTestServer, type Agent, type TestServer } from './support/harness.js';
import { ok } from './support/results.js';

// The server's plugins: `plugins.list` shows each one's state, contributions and
// problems to admins and compliance officers, and an audit run as a background job runs
// the plugins' rules; a rule that throws gives each month a RULE-FAILED finding naming the
// plugin and the rule, and every CMS finding is still there.

const ORG = ORGS[0];
const PERIOD = { from: '2026-01', to: '2026-03' };

const throwing = defineRule({
  meta: {
    id: 'acme/ALWAYS-THROWS',
    severity: 'error',
    years: { from: 2015 },
    sources: ['https://example.org/acme-policy'],
    description: 'Throws on every month.',
    messages: { never: 'never reported' },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: { why: 'test', fail: 'any', pass: 'none', correctiveAction: 'none' },
  },
  check() {
    throw new Error('review table missing');
  },
});

const base = { version: '1.0.0', engines: { chronicle: '^0.1.0' }, main: './index.js' };

async function pluginsOf(): Promise<PluginHost> {
  const host = createPluginHost({
    chronicleVersion: CHRONICLE_VERSION,
    plugins: [
      BUILT_IN_PLUGINS['@chronicle/plugin-cms'],
      inProcessPlugin(
        {
          ...base,
          id: 'acme.broken-rules',
          contributes: {
            rules: [{ id: 'acme/ALWAYS-THROWS', severity: 'error', description: 'Throws.' }],
          },
        },
        { activate: (context) => void context.registerRule(throwing) },
      ),
      inProcessPlugin(
        { ...base, id: 'acme.future', engines: { chronicle: '>=9.0.0' } },
        { activate: () => undefined },
      ),
      inProcessPlugin(
        {
          ...base,
          id: 'acme.summary',
          enabledApiProposals: ['reportSections'],
          contributes: { reportSections: [{ id: 'acme.summary.count', title: 'Acme count' }] },
        },
        {
          activate: (context) =>
            void (context as ProposedPluginContext).registerReportSection({
              id: 'acme.summary.count',
              render: (report) => ({
                rows: [{ measure: 'Months in the report', value: report.months.length }],
              }),
            }),
        },
      ),
      inProcessPlugin(
        { ...base, id: 'acme.crashing', activationEvents: ['onStartup'] },
        {
          activate: () => {
            throw new Error('cannot reach the payer');
          },
        },
      ),
    ],
  });
  for (const event of ['onStartup', 'onAudit', 'onReport'] as const) await host.activate(event);
  return host;
}

describe('the default plugins', () => {
  it('are the CMS rule pack alone, active, with the catalogue as its rules', async () => {
    const host = await loadServerPlugins(undefined, {
      info: () => undefined,
      warn: () => undefined,
    });
    const [cms, ...others] = host.list();
    expect(others).toEqual([]);
    expect(cms).toMatchObject({ id: 'chronicle.cms', state: 'active', problems: [] });
    expect(host.rules().length).toBe(cms?.contributions.rules?.length);
    await host.deactivateAll();
  });
});

describe('plugins in the server', () => {
  let server: TestServer;
  let officer: Agent;
  beforeAll(async () => {
    server = await startTestServer('pglite', { plugins: await pluginsOf() });
    officer = await server.signIn('compliance-officer');
  });
  afterAll(async () => server?.close());

  it('lists every plugin with its state, contributions and problems', async () => {
    const listed = ok<PluginInfo[]>(await officer.query('plugins.list'));
    expect(listed.map((p) => [p.id, p.state])).toEqual([
      ['chronicle.cms', 'active'],
      ['acme.broken-rules', 'active'],
      ['acme.future', 'refused'],
      ['acme.summary', 'active'],
      ['acme.crashing', 'failed'],
    ]);
    expect(listed[1]?.contributions).toEqual({
      rules: [{ id: 'acme/ALWAYS-THROWS', severity: 'error', description: 'Throws.' }],
    });
    expect(listed[2]?.problems).toEqual([
      {
        plugin: 'acme.future',
        point: 'engines',
        severity: 'error',
        message: `engines.chronicle ">=9.0.0" does not include this Chronicle (${CHRONICLE_VERSION}); use a version of the plugin made for it`,
      },
    ]);
    expect(listed.find((p) => p.id === 'acme.crashing')?.problems.map((p) => p.message)).toEqual([
      'activate threw: cannot reach the payer',
    ]);
  });

  it('is readable by admins and compliance officers only', async () => {
    for (const role of ['admin', 'compliance-officer'])
      expect((await (await server.signIn(role)).query('plugins.list')).status).toBe(200);
    for (const role of ['care-manager', 'practitioner', 'auditor'])
      expect((await (await server.signIn(role)).query('plugins.list')).status).toBe(403);
  });

  it("runs an audit job with the plugins' rules: a throwing rule is a RULE-FAILED finding, the rest unchanged", async () => {
    const practiceId = server.datasets[ORG].practice.id;
    const exported = await exportDataset(server.conn.db, { orgId: ORG, actor: 'test', practiceId });
    const expected = audit(exported, PERIOD);
    const billedMonths = expected.months.filter((m) => m.claimIds.length > 0).length;
    expect(billedMonths).toBeGreaterThan(0);

    const started = ok(await officer.mutate('audits.start', { practiceId, ...PERIOD }));
    const deadline = Date.now() + 45_000;
    let run = started;
    while (run.status !== 'done' && run.status !== 'failed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      run = ok(await officer.query('audits.get', { runId: started.id }));
    }
    expect(run.status).toBe('done');

    const failed = ok(
      await officer.query('audits.findings', {
        runId: started.id,
        ruleId: 'RULE-FAILED',
        limit: 500,
      }),
    );
    expect(failed.total).toBe(billedMonths);
    expect(failed.rows[0]).toMatchObject({
      ruleId: 'RULE-FAILED',
      message:
        'Rule acme/ALWAYS-THROWS of plugin acme.broken-rules could not check this month; review it by hand.',
      evidence: {
        rule: 'acme/ALWAYS-THROWS',
        plugin: 'acme.broken-rules',
        error: 'review table missing',
      },
    });
    const all = ok(await officer.query('audits.findings', { runId: started.id, limit: 500 }));
    const cmsFindings = expected.months.reduce((n, m) => n + m.findings.length, 0);
    expect(all.total).toBe(cmsFindings + billedMonths);

    // The downloaded HTML report shows the plugins' sections, as the command line's does.
    const html = await officer.agent.get(`/api/audits/${started.id}/report.html`);
    expect(html.status).toBe(200);
    expect(html.text).toContain('Acme count');
    expect(html.text).toContain('Months in the report');
  });
});

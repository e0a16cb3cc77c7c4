import {
  createUser,
  executeAuditRun,
  importDataset,
  requestAuditRun,
  type Connection,
  type Role,
} from '@chronicle/db';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@chronicle/db/testing';
import {
  CHRONICLE_VERSION,
  createPluginHost,
  inProcessPlugin,
  type PluginHost,
} from '@chronicle/plugin-api/host';
import type { JsonValue } from '@chronicle/plugin-api';
import type { ConsolePanelInput, ProposedPluginContext } from '@chronicle/plugin-api/proposed';
import { generateDataset } from '@chronicle/synthetic';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, appRouter, createCallerFactory, type ApiContext } from '../src/index.js';

// Plugin console panels through the API (plugins.patientPanels, plugins.auditRunPanels):
// each panel's data computed on the server by its plugin from the patient's record or the
// run's report, a panel that throws (or changes its input) failing alone, the read logged
// as a read of the patient or the report, and the permission of the page it shows on.

const ORG = 'org-panels';
const OTHER_ORG = 'org-panels-other';
const dataset = generateDataset({ seed: 71, patients: 6, year: 2026, months: 2 });
const practiceId = dataset.practice.id;
const patient = dataset.patients[0] as (typeof dataset.patients)[number];
const createCaller = createCallerFactory(appRouter);

const base = {
  version: '1.0.0',
  engines: { chronicle: '^0.1.0' },
  main: './index.js',
  enabledApiProposals: ['consolePanels'],
};

/** What the working panels show: computed from their input alone. */
function summaryOf(input: ConsolePanelInput): JsonValue {
  if (input.location === 'patient')
    return {
      patient: input.patient.id,
      setting: input.practice.setting,
      conditions: input.patient.conditions.map((c) => c.code),
    };
  return { months: input.report.months.length, rulesVersion: input.report.rulesVersion };
}

function panelPlugins(): PluginHost {
  return createPluginHost({
    chronicleVersion: CHRONICLE_VERSION,
    plugins: [
      inProcessPlugin(
        {
          ...base,
          id: 'acme.failing',
          contributes: {
            consolePanels: [
              { id: 'portal', title: 'Payer portal', location: 'patient' },
              { id: 'rewrite', title: 'Rewrites the record', location: 'patient' },
            ],
          },
        },
        {
          activate(context: ProposedPluginContext) {
            context.registerConsolePanel({
              id: 'portal',
              data: () => {
                throw new Error('payer portal unreachable');
              },
            });
            context.registerConsolePanel({
              id: 'rewrite',
              data: (input) => {
                if (input.location === 'patient') input.patient.conditions.length = 0;
                return null;
              },
            });
          },
        },
      ),
      inProcessPlugin(
        {
          ...base,
          id: 'acme.summary',
          contributes: {
            consolePanels: [
              { id: 'patient-summary', title: 'Acme summary', location: 'patient' },
              { id: 'run-summary', title: 'Acme run summary', location: 'audit-run' },
            ],
          },
        },
        {
          activate(context: ProposedPluginContext) {
            for (const id of ['patient-summary', 'run-summary'])
              context.registerConsolePanel({ id, data: summaryOf });
          },
        },
      ),
    ],
  });
}

async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  const apiError = error as ApiError;
  return { status: getHTTPStatusCodeFromError(apiError), problems: apiError.problems };
}

describe.each(DATABASE_KINDS)('plugin panels through the API on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  let plugins: PluginHost;
  let doneRun: string;
  let queuedRun: string;
  const warnings: Array<Record<string, unknown>> = [];
  const as = (role: Role, options: { orgId?: string; plugins?: PluginHost | null } = {}) => {
    const host = options.plugins === undefined ? plugins : options.plugins;
    const ctx: ApiContext = {
      db: conn.db,
      caller: { orgId: options.orgId ?? ORG, userId: `u-${role}`, role, sessionId: 'test' },
      now: () => new Date('2026-03-05T15:00:00Z'),
      jobs: { enqueueAudit: () => Promise.resolve() },
      log: {
        info: () => undefined,
        warn: (object) => void warnings.push(object),
        error: () => undefined,
      },
      hashPassword: (p) => Promise.resolve(p),
      ...(host ? { plugins: host } : {}),
    };
    return createCaller(ctx);
  };
  const reads = (recordType: string, recordId: string) =>
    conn.db
      .selectFrom('activity_log')
      .select(['actor', 'action', 'fields'])
      .where('org_id', '=', ORG)
      .where('record_type', '=', recordType)
      .where('record_id', '=', recordId)
      .where('action', '=', 'read')
      .execute();

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
    for (const orgId of [ORG, OTHER_ORG]) {
      await importDataset(conn.db, { orgId, actor: 'test-setup', dataset });
      for (const role of ['admin', 'auditor', 'care-manager'] as const)
        await createUser(
          conn.db,
          orgId,
          { id: `u-${role}`, email: `${role}@${orgId}.test`, displayName: role, role },
          'test-setup',
        );
    }
    plugins = panelPlugins();
    await plugins.activate('onStartup');
    const now = () => new Date('2026-03-05T15:00:00Z');
    const request = () =>
      requestAuditRun(conn.db, { orgId: ORG, practiceId, requestedBy: 'u-admin', now: now() });
    doneRun = (await request()).id;
    await executeAuditRun(conn.db, {
      orgId: ORG,
      runId: doneRun,
      actor: 'u-admin',
      now,
      checkpoints: kind === 'postgres',
    });
    queuedRun = (await request()).id;
  });
  afterAll(async () => {
    await plugins?.deactivateAll();
    await conn?.close();
    await database?.drop();
  });

  it("gives each patient panel its plugin's data, and a throwing or mutating panel its own error", async () => {
    const panels = await as('auditor').plugins.patientPanels({ practiceId, patientId: patient.id });
    expect(panels.map((p) => [p.plugin, p.id, p.title, p.ok])).toEqual([
      ['acme.failing', 'portal', 'Payer portal', false],
      ['acme.failing', 'rewrite', 'Rewrites the record', false],
      ['acme.summary', 'patient-summary', 'Acme summary', true],
    ]);
    expect(panels[2]).toMatchObject({
      ok: true,
      data: {
        patient: patient.id,
        setting: dataset.practice.setting,
        conditions: patient.conditions.map((c) => c.code),
      },
    });
    expect(panels[0]).toMatchObject({
      ok: false,
      error: 'console panel "portal" could not compute its data: payer portal unreachable',
    });
    // The input is frozen: the panel that tried to empty the conditions (before the summary
    // was computed from the same input) failed, and the summary still lists them all.
    expect(panels[1]).toMatchObject({
      ok: false,
      error: expect.stringMatching(/read.only|frozen/),
    });
    // (The patient has conditions to lose, so the summary's list says something.)
    expect(patient.conditions.length).toBeGreaterThan(0);
    // The log names the failing panels, never their words (which may quote the record).
    expect(warnings).toContainEqual({
      event: 'plugin panel failed',
      plugin: 'acme.failing',
      panel: 'portal',
      location: 'patient',
    });
    expect(JSON.stringify(warnings)).not.toContain('unreachable');
    // The failure is the plugin's problem, listed with the plugin.
    const failing = plugins.list().find((p) => p.id === 'acme.failing');
    expect(failing?.state).toBe('active');
    const portal = panels[0];
    expect(failing?.problems.map((p) => p.message)).toContain(portal?.ok ? '' : portal?.error);
  });

  it("logs the panels' read as a read of the patient's whole record, by the caller", async () => {
    const patientId = dataset.patients[1]?.id as string;
    const before = await reads('patient', `${practiceId}/${patientId}`);
    await as('care-manager').plugins.patientPanels({ practiceId, patientId });
    const after = await reads('patient', `${practiceId}/${patientId}`);
    expect(after.slice(before.length)).toEqual([
      { actor: 'u-care-manager', action: 'read', fields: ['*'] },
    ]);
  });

  it('answers an empty list, reading and logging nothing, where no plugin has a panel', async () => {
    const patientId = dataset.patients[2]?.id as string;
    const before = await reads('patient', `${practiceId}/${patientId}`);
    expect(
      await as('admin', { plugins: null }).plugins.patientPanels({ practiceId, patientId }),
    ).toEqual([]);
    const none = createPluginHost({ chronicleVersion: CHRONICLE_VERSION, plugins: [] });
    expect(
      await as('admin', { plugins: none }).plugins.patientPanels({ practiceId, patientId }),
    ).toEqual([]);
    expect(await reads('patient', `${practiceId}/${patientId}`)).toEqual(before);
  });

  it('refuses an unknown patient or practice with 404 naming patientId', async () => {
    expect(
      await refusal(as('admin').plugins.patientPanels({ practiceId, patientId: 'nobody' })),
    ).toMatchObject({ status: 404, problems: [{ path: 'patientId' }] });
    expect(
      await refusal(
        as('admin').plugins.patientPanels({ practiceId: 'elsewhere', patientId: patient.id }),
      ),
    ).toMatchObject({ status: 404, problems: [{ path: 'patientId' }] });
  });

  it("gives a done run's panels its report's data, logged as a read of the report, to audit readers only", async () => {
    const before = await reads('audit-run', doneRun);
    const panels = await as('auditor').plugins.auditRunPanels({ runId: doneRun });
    expect(panels).toEqual([
      {
        plugin: 'acme.summary',
        id: 'run-summary',
        title: 'Acme run summary',
        ok: true,
        data: { months: expect.any(Number), rulesVersion: expect.any(String) },
      },
    ]);
    const [summary] = panels;
    expect(summary?.ok && (summary.data as { months: number }).months).toBeGreaterThan(0);
    expect((await reads('audit-run', doneRun)).slice(before.length)).toEqual([
      { actor: 'u-auditor', action: 'read', fields: ['report'] },
    ]);
    expect(
      await refusal(as('care-manager').plugins.auditRunPanels({ runId: doneRun })),
    ).toMatchObject({ status: 403 });
  });

  it('refuses a run that is not done (409) or not found (404), naming runId', async () => {
    expect(await refusal(as('admin').plugins.auditRunPanels({ runId: queuedRun }))).toMatchObject({
      status: 409,
      problems: [{ path: 'runId', message: 'the run is queued; its panels come when it is done' }],
    });
    expect(
      await refusal(as('admin').plugins.auditRunPanels({ runId: 'no-such-run' })),
    ).toMatchObject({
      status: 404,
      problems: [{ path: 'runId' }],
    });
    expect(
      await refusal(as('admin', { orgId: OTHER_ORG }).plugins.auditRunPanels({ runId: doneRun })),
    ).toMatchObject({ status: 404 });
  });
});

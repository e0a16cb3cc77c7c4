import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditRunReport, getPatient, requestAuditRun } from '@chronicle/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityProblems,
  SHOTS,
  startConsole,
  type ConsoleUnderTest,
} from './support/console.js';

// Plugins in the console, driven in Chromium against a server started with a config that
// lists the CMS pack, a plugin contributing two patient panels (one computes its data from
// the patient's record, the other throws) and an audit-run panel, and a plugin whose
// manifest is refused. The plugins page lists all three with their state and problems, to
// compliance officers (in the top bar) and admins (under Administration), never to a care
// manager; the patient's page shows the working panel's data as plain, escaped HTML and the
// failing one's error; a done audit run's page shows its panel.

type Patient = NonNullable<Awaited<ReturnType<typeof getPatient>>>['patient'];

const PANEL_PLUGIN = {
  id: 'acme.care-review',
  version: '1.2.0',
  displayName: 'Acme care-plan reviews',
  engines: { chronicle: '^0.1.0' },
  main: './index.mjs',
  activationEvents: [],
  enabledApiProposals: ['consolePanels'],
  contributes: {
    consolePanels: [
      { id: 'review', title: 'Acme plan: care-plan review', location: 'patient' },
      { id: 'portal', title: 'Acme payer portal', location: 'patient' },
      { id: 'run-totals', title: 'Acme plan: audit totals', location: 'audit-run' },
    ],
  },
};

// The panel plugin's code, as a plugin folder holds it: it runs in the server only.
const PANEL_PLUGIN_CODE = `
export function activate(context) {
  context.registerConsolePanel({
    id: 'review',
    data: ({ patient, practice }) => ({
      Plan: 'Acme Medicare Advantage (test)',
      'Practice setting': practice.setting,
      'Care-plan versions': patient.carePlans.length,
      'Last care-plan date': patient.carePlans.at(-1)?.date ?? null,
      'Review every 90 days': true,
      'Note from the plan': '<b>not bold</b><img src=x onerror="alert(1)">',
      Diagnoses: patient.conditions.map((c) => ({
        code: c.code,
        system: c.system,
        onset: c.onset ?? null,
      })),
    }),
  });
  context.registerConsolePanel({
    id: 'run-totals',
    data: ({ report }) => ({
      'Months audited': report.months.length,
      'Months with findings': report.months.filter((m) => m.findings.length > 0).length,
    }),
  });
  context.registerConsolePanel({
    id: 'portal',
    data: () => {
      throw new Error('payer portal unreachable');
    },
  });
}
`;

/** Refused: a proposed point without its proposal, and a rule without its severity. */
const REFUSED_PLUGIN = {
  id: 'acme.broken-pack',
  version: '0.3.0',
  engines: { chronicle: '^0.1.0' },
  main: './index.mjs',
  contributes: {
    rules: [{ id: 'acme/REVIEW-OVERDUE', description: 'The care plan was not reviewed.' }],
    consolePanels: [{ id: 'late', title: 'Late reviews', location: 'patient' }],
  },
};

/** expect.poll with time for a machine busy with other tests (lazy screens load on first use). */
const eventually = <T>(read: () => T | Promise<T>, timeout = 20_000) =>
  expect.poll(read, { timeout });

describe('plugins in the console', () => {
  let app: ConsoleUnderTest;
  let folder: string;
  let practiceId: string;
  let patient: Patient;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'chronicle-console-plugins-'));
    const write = (path: string, text: string) => {
      mkdirSync(join(folder, path, '..'), { recursive: true });
      writeFileSync(join(folder, path), text);
    };
    write('acme-care-review/chronicle-plugin.json', JSON.stringify(PANEL_PLUGIN));
    write('acme-care-review/index.mjs', PANEL_PLUGIN_CODE);
    write('acme-broken-pack/chronicle-plugin.json', JSON.stringify(REFUSED_PLUGIN));
    write('acme-broken-pack/index.mjs', 'export function activate() {}\n');
    write(
      'chronicle.config.json',
      JSON.stringify({
        plugins: ['@chronicle/plugin-cms', './acme-care-review', './acme-broken-pack'],
      }),
    );
    app = await startConsole({ config: join(folder, 'chronicle.config.json') });
    const db = app.server.conn.db;
    practiceId = (
      await db
        .selectFrom('practices')
        .select('id')
        .where('org_id', '=', 'demo')
        .executeTakeFirstOrThrow()
    ).id;
    const ids = await db
      .selectFrom('patients')
      .select('id')
      .where('org_id', '=', 'demo')
      .orderBy('id')
      .execute();
    // A patient with several conditions and a care plan, so every part of the panel shows.
    for (const { id } of ids) {
      const found = await getPatient(db, 'demo', 'test-setup', { practiceId, patientId: id });
      if (found && found.patient.conditions.length >= 2 && found.patient.carePlans.length > 0) {
        patient = found.patient;
        break;
      }
    }
    if (!patient) throw new Error('no demo patient with conditions and a care plan');
  });
  afterAll(async () => {
    await app?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** The dt → dd text of a definition list's top-level entries. */
  const facts = (page: Page, selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((dl) =>
        Object.fromEntries(
          [...dl.querySelectorAll(':scope > .json-entry')].map((entry) => [
            entry.querySelector('dt')?.textContent,
            entry.querySelector('dd')?.textContent,
          ]),
        ),
      );

  it("shows a plugin's patient panel with its data as escaped text, and a failing panel's error", async () => {
    const page = await app.signedIn('care-manager');
    await page.goto(`${app.server.url}/patients/${practiceId}/${patient.id}`);
    const section = page.getByTestId('plugin-panels');
    await eventually(() => section.getByTestId('plugin-panel').count()).toBe(2);
    expect(await section.getByRole('heading', { level: 2 }).textContent()).toBe('From plugins');
    const [review, portal] = [
      section.getByTestId('plugin-panel').nth(0),
      section.getByTestId('plugin-panel').nth(1),
    ];
    expect(await review.getByRole('heading', { level: 3 }).textContent()).toBe(
      'Acme plan: care-plan review',
    );
    expect(await review.getByTestId('plugin-panel-source').textContent()).toBe(
      'From the plugin acme.care-review',
    );
    expect(await facts(page, '[data-testid="plugin-panel"] dl.json-object')).toMatchObject({
      Plan: 'Acme Medicare Advantage (test)',
      'Care-plan versions': String(patient.carePlans.length),
      'Last care-plan date': patient.carePlans.at(-1)?.date,
      'Review every 90 days': 'yes',
      // Markup in the data is text on the page: no element, no script.
      'Note from the plan': '<b>not bold</b><img src=x onerror="alert(1)">',
    });
    expect(await review.locator('b, img').count()).toBe(0);
    // The list of diagnoses (flat records) is a table: a row per condition.
    const diagnoses = review.locator('table.json-table');
    expect(await diagnoses.locator('th').allTextContents()).toEqual(['code', 'system', 'onset']);
    expect(await diagnoses.locator('tbody tr').count()).toBe(patient.conditions.length);
    const first = patient.conditions[0] as Patient['conditions'][number];
    expect(await diagnoses.locator('tbody tr').first().locator('td').allTextContents()).toEqual([
      first.code,
      first.system,
      first.onset ?? '—',
    ]);
    expect(await portal.getByTestId('plugin-panel-error').textContent()).toBe(
      'This panel could not be shown: console panel "portal" could not compute its data: payer portal unreachable',
    );
    expect(await accessibilityProblems(page)).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: join(SHOTS, 'patient-plugin-panel.png') });
    await page.close();
  });

  it('lists every plugin of the config with its state, contributions and problems; the refused one says why', async () => {
    const page = await app.signedIn('compliance-officer');
    await page.getByRole('link', { name: 'Plugins' }).click();
    await eventually(() => page.url()).toContain('/admin/plugins');
    const rows = page.getByTestId('plugin-row');
    await eventually(() => rows.count()).toBe(3);
    expect(await rows.getByTestId('plugin-id').allTextContents()).toEqual([
      'chronicle.cms',
      'acme.care-review',
      'acme.broken-pack',
    ]);
    expect(await rows.getByTestId('plugin-state').allTextContents()).toEqual([
      'active',
      'active',
      'refused',
    ]);
    expect(await page.getByTestId('plugins-summary').textContent()).toContain(
      "3 plugins: 2 active, 1 refused. A refused or failed plugin's rules do not run in audits",
    );
    const cells = (i: number) => rows.nth(i).locator('td').allTextContents();
    const [cms, panels, refused] = [await cells(0), await cells(1), await cells(2)];
    expect(cms[3]).toMatch(/^\d+ rules/);
    expect(cms[4]).toBe('none');
    expect(panels.slice(1, 4)).toEqual(['1.2.0', 'active', '3 console panels']);
    // The failing panel (shown on the patient's page above) is the plugin's warning.
    expect(await rows.nth(1).getByTestId('plugin-problem').allTextContents()).toEqual([
      'warning api: console panel "portal" could not compute its data: payer portal unreachable',
    ]);
    expect(refused.slice(1, 4)).toEqual(['0.3.0', 'refused', 'nothing']);
    const why = await rows.nth(2).getByTestId('plugin-problem').allTextContents();
    expect(why).toEqual([
      expect.stringMatching(/^error contributes\.rules: .*severity/),
      expect.stringMatching(
        /^error contributes\.consolePanels: "consolePanels" is a proposed contribution point: add "consolePanels" to enabledApiProposals/,
      ),
    ]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'plugins.png'), fullPage: true });
    await page.close();
  });

  it('shows the plugins page to admins under Administration, and never to a care manager', async () => {
    const admin = await app.signedIn('admin');
    await admin.getByRole('link', { name: 'Administration' }).click();
    const adminNav = admin.getByRole('navigation', { name: 'Administration' });
    await adminNav.getByRole('link', { name: 'Plugins' }).click();
    await eventually(() => admin.getByTestId('plugin-row').count()).toBe(3);
    // Admins find it under Administration only: the top bar has no second entry.
    expect(
      await admin.getByRole('navigation', { name: 'Screens' }).getByRole('link').allTextContents(),
    ).not.toContain('Plugins');
    await admin.close();

    const careManager = await app.signedIn('care-manager');
    expect(
      await careManager
        .getByRole('navigation', { name: 'Screens' })
        .getByRole('link')
        .allTextContents(),
    ).not.toContain('Plugins');
    await careManager.goto(`${app.server.url}/admin/plugins`);
    await eventually(() => careManager.getByTestId('not-allowed').count()).toBe(1);
    expect(await careManager.getByRole('alert').textContent()).toContain(
      "may not see the server's plugins",
    );
    expect(await careManager.getByTestId('plugin-row').count()).toBe(0);
    await careManager.close();
  });

  it("shows a done audit run's plugin panel, computed from the run's report", async () => {
    const db = app.server.conn.db;
    const claims = await db
      .selectFrom('claims')
      .select('date_of_service')
      .where('org_id', '=', 'demo')
      .orderBy('date_of_service')
      .executeTakeFirstOrThrow();
    const month = claims.date_of_service.slice(0, 7);
    const run = await requestAuditRun(db, {
      orgId: 'demo',
      practiceId,
      from: month,
      to: month,
      requestedBy: 'compliance-officer',
      now: new Date(),
    });
    await app.server.jobs.enqueueAudit('demo', run.id);
    const page = await app.signedIn('auditor');
    await page.goto(`${app.server.url}/audits/${run.id}`);
    await eventually(() => page.getByTestId('run-status').textContent(), 60_000).toBe('done');
    const panel = page.getByTestId('plugin-panels').getByTestId('plugin-panel');
    await eventually(() => panel.count()).toBe(1);
    expect(await panel.getByRole('heading', { level: 3 }).textContent()).toBe(
      'Acme plan: audit totals',
    );
    const report = (await auditRunReport(db, 'demo', run.id, 'test')) as {
      months: Array<{ findings: unknown[] }>;
    };
    expect(await facts(page, '[data-testid="plugin-panel"] dl.json-object')).toEqual({
      'Months audited': String(report.months.length),
      'Months with findings': String(report.months.filter((m) => m.findings.length > 0).length),
    });
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.close();
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getAuditRun, requestAuditRun } from '@chronicle/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityProblems,
  SHOTS,
  startConsole,
  type ConsoleUnderTest,
} from './support/console.js';

// The audit screens in Chromium, on the demo organization: a compliance officer starts an
// audit of billed months, follows it to done, reads its findings grouped by rule (counts
// as the database holds them), opens one finding's evidence and downloads the report; an
// auditor reads the same but starts and cancels nothing; a care manager may not see
// audits at all.

const ORG = 'demo';
const LONG = { timeout: 60_000 };

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('the audit screens in Chromium', () => {
  let app: ConsoleUnderTest;
  let practiceId: string;
  /** The first three months with claims in the demo data. */
  let period: { from: string; to: string };
  /** The run the compliance officer starts, done by the end of the first test. */
  let runId = '';

  beforeAll(async () => {
    app = await startConsole();
    const db = app.server.conn.db;
    const practice = await db
      .selectFrom('practices')
      .select('id')
      .where('org_id', '=', ORG)
      .executeTakeFirstOrThrow();
    practiceId = practice.id;
    const claims = await db
      .selectFrom('claims')
      .select('date_of_service')
      .where('org_id', '=', ORG)
      .execute();
    const months = [...new Set(claims.map((c) => c.date_of_service.slice(0, 7)))].sort();
    expect(months.length).toBeGreaterThanOrEqual(3);
    period = { from: months[0] as string, to: months[2] as string };
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** The run's findings in the database, counted by rule. */
  async function countsInDb(id: string): Promise<Record<string, number>> {
    const rows = await app.server.conn.db
      .selectFrom('audit_findings')
      .select('rule_id')
      .where('org_id', '=', ORG)
      .where('run_id', '=', id)
      .execute();
    const counts: Record<string, number> = {};
    for (const r of rows) counts[r.rule_id] = (counts[r.rule_id] ?? 0) + 1;
    return counts;
  }

  /** The rule groups on the page: rule id → the count shown. */
  async function countsShown(page: Page): Promise<Record<string, number>> {
    const groups = page.getByTestId('rule-group');
    const shown: Record<string, number> = {};
    for (const group of await groups.all())
      shown[(await group.getAttribute('data-rule-id')) as string] = Number(
        await group.getByTestId('rule-count').textContent(),
      );
    return shown;
  }

  async function download(page: Page, label: string): Promise<string> {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: label }).click(),
    ]);
    return readFileSync(await file.path(), 'utf8');
  }

  it('lets a compliance officer start an audit of billed months, follow it to done, read findings by rule with their evidence and download the report', async () => {
    const page = await app.signedIn('compliance-officer');
    await page.getByRole('link', { name: 'Audits' }).click();
    await page.getByRole('heading', { name: 'Audits', level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId('audit-runs-table').count()).toBe(1);
    await expect
      .poll(() => page.getByText('No audit has been run in this organization yet.').count())
      .toBe(1);
    expect(await accessibilityProblems(page)).toEqual([]);

    // A missing month is refused by the form, naming the field; nothing is written.
    await page.getByLabel('From (month)').fill('');
    await page.getByRole('button', { name: 'Start the audit' }).click();
    await expect
      .poll(() => page.getByText('From: enter the first month of the period.').count())
      .toBe(1);
    const runsNow = () =>
      app.server.conn.db.selectFrom('audit_runs').select('id').where('org_id', '=', ORG).execute();
    expect(await runsNow()).toEqual([]);
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByLabel('From (month)').fill(period.from);
    await page.getByLabel('To (month)').fill(period.to);
    await page.getByRole('button', { name: 'Start the audit' }).click();
    // The run's page, following it: a progress bar while it is queued or running.
    await page.waitForURL(/\/audits\/[^/]+$/);
    runId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() as string);
    const stored = await getAuditRun(app.server.conn.db, ORG, runId);
    expect(stored).toMatchObject({ practiceId, ...period, requestedBy: 'compliance-officer' });
    const bar = page.getByRole('progressbar');
    await bar.waitFor();
    expect(await bar.getAttribute('aria-valuetext')).toMatch(/^\d+ of 120 patients$/);
    await expect.poll(() => page.getByTestId('run-status').textContent(), LONG).toBe('done');
    expect(await page.getByTestId('run-progress').textContent()).toBe('120 of 120 patients');
    expect(await page.getByRole('progressbar').count()).toBe(0);
    // Done: no cancel any more.
    expect(await page.getByRole('button', { name: 'Cancel the audit' }).count()).toBe(0);

    // Findings by rule: the counts the database holds, and the run's summary.
    const inDb = await countsInDb(runId);
    expect(Object.keys(inDb).length).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('rule-group').count()).toBe(Object.keys(inDb).length);
    expect(await countsShown(page)).toEqual(inDb);
    const done = await getAuditRun(app.server.conn.db, ORG, runId);
    expect(done?.summary['findingsByRule']).toEqual(inDb);
    // Each catalogue rule cites its CMS sources as links.
    const first = page.getByTestId('rule-group').first();
    const ruleId = (await first.getAttribute('data-rule-id')) as string;
    expect(await first.locator('.rule-sources a').count()).toBeGreaterThan(0);
    expect(await first.locator('.rule-sources a').first().getAttribute('href')).toMatch(
      /^https?:\/\//,
    );

    // Opening the rule pages through its findings.
    await first.getByRole('button', { name: new RegExp(`^${ruleId} · `) }).click();
    const rows = first.getByTestId('finding-row');
    const count = inDb[ruleId] as number;
    await expect.poll(() => rows.count()).toBe(Math.min(20, count));
    expect(await first.getByTestId('findings-page-of').textContent()).toBe(
      `Page 1 of ${Math.max(1, Math.ceil(count / 20))} · ${count} findings`,
    );
    await page.screenshot({ path: join(SHOTS, 'audit-run.png') });
    expect(await accessibilityProblems(page)).toEqual([]);

    // One finding's evidence: what the database holds for it, and nothing more.
    const [patientId, month, , , message] = await rows.first().locator('td').allTextContents();
    await rows
      .first()
      .getByRole('button', { name: /^Evidence/ })
      .click();
    const dialog = page.getByTestId('evidence-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('evidence-patient').textContent()).toBe(patientId);
    expect(await dialog.getByTestId('evidence-month').textContent()).toBe(month);
    const finding = await app.server.conn.db
      .selectFrom('audit_findings')
      .select('evidence')
      .where('org_id', '=', ORG)
      .where('run_id', '=', runId)
      .where('rule_id', '=', ruleId)
      .where('patient_id', '=', patientId as string)
      .where('month', '=', month as string)
      .where('message', '=', message as string)
      .executeTakeFirstOrThrow();
    expect(await dialog.getByTestId('evidence-field').count()).toBe(
      Object.keys(finding.evidence).length,
    );
    expect(await accessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.getByTestId('evidence-dialog').count()).toBe(0);

    // The report, downloaded with the session cookie: one CSV row per finding, and an HTML
    // page naming every rule that found something.
    const total = Object.values(inDb).reduce((a, b) => a + b, 0);
    const csv = csvRows(await download(page, 'Download CSV'));
    expect(csv[0]?.[0]).toBe('record');
    const findingRows = csv.filter((r) => r[0] === 'finding');
    expect(findingRows).toHaveLength(total);
    for (const [rule, n] of Object.entries(inDb))
      expect(
        findingRows.filter((r) => r[11] === rule),
        rule,
      ).toHaveLength(n);
    const html = await download(page, 'Download HTML');
    expect(html).toMatch(/^<!doctype html>/i);
    for (const rule of Object.keys(inDb)) expect(html).toContain(rule);

    // Back on the list: the run, done, with its period and who asked for it.
    await page.getByRole('link', { name: '← Audits' }).click();
    const runRows = page.getByTestId('audit-run-row');
    await expect.poll(() => runRows.count()).toBe(1);
    const cells = await runRows.first().locator('td').allTextContents();
    expect(cells[0]).toBe('done');
    expect(cells[1]).toBe(`${period.from} to ${period.to}`);
    expect(cells[3]).toBe('compliance-officer');
    expect(cells[6]).toBe('120 of 120 patients');
    await page.screenshot({ path: join(SHOTS, 'audits.png') });
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.close();
  });

  it('shows an auditor the runs and findings but no start or cancel; an officer cancels a queued run', async () => {
    expect(runId).not.toBe('');
    // A run waiting for a worker (none is given the job), so that it stays queued.
    const queued = await requestAuditRun(app.server.conn.db, {
      orgId: ORG,
      practiceId,
      ...period,
      requestedBy: 'compliance-officer',
      now: new Date(),
    });

    const auditor = await app.signedIn('auditor');
    await auditor.getByRole('link', { name: 'Audits' }).click();
    const runRows = auditor.getByTestId('audit-run-row');
    await expect.poll(() => runRows.count()).toBe(2);
    expect(await auditor.getByRole('heading', { name: 'Start an audit' }).count()).toBe(0);
    expect(await auditor.getByRole('button', { name: 'Start the audit' }).count()).toBe(0);
    // The queued run is followed, with no cancel for this role.
    await expect.poll(() => auditor.getByRole('progressbar').count()).toBe(1);
    expect(await auditor.getByRole('button', { name: /^Cancel/ }).count()).toBe(0);
    await auditor.goto(`${app.server.url}/audits/${queued.id}`);
    await expect.poll(() => auditor.getByTestId('run-status').textContent()).toBe('queued');
    expect(await auditor.getByRole('button', { name: /^Cancel/ }).count()).toBe(0);

    // The done run's findings, to the evidence.
    await auditor.goto(`${app.server.url}/audits/${runId}`);
    const groups = auditor.getByTestId('rule-group');
    await expect.poll(() => groups.count()).toBeGreaterThan(0);
    expect(await countsShown(auditor)).toEqual(await countsInDb(runId));
    await groups.first().getByRole('button').first().click();
    await expect.poll(() => groups.first().getByTestId('finding-row').count()).toBeGreaterThan(0);
    await groups.first().getByTestId('finding-row').first().getByRole('button').click();
    await auditor.getByTestId('evidence-dialog').waitFor();
    await auditor.keyboard.press('Escape');
    expect(await auditor.getByRole('link', { name: 'Download CSV' }).count()).toBe(1);
    expect(await accessibilityProblems(auditor)).toEqual([]);
    await auditor.close();

    // The officer may cancel the queued run; the database then holds it cancelled.
    const officer = await app.signedIn('compliance-officer');
    await officer.goto(`${app.server.url}/audits/${queued.id}`);
    await officer.getByRole('button', { name: 'Cancel the audit' }).click();
    await expect.poll(() => officer.getByTestId('run-status').textContent()).toBe('cancelled');
    expect((await getAuditRun(app.server.conn.db, ORG, queued.id))?.status).toBe('cancelled');
    expect(await officer.getByRole('button', { name: 'Cancel the audit' }).count()).toBe(0);
    await officer.close();
  });

  it('gives a care manager no Audits entry, and tells them at /audits that they may not see audits', async () => {
    const page = await app.signedIn('care-manager');
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    expect(await page.getByRole('link', { name: 'Audits' }).count()).toBe(0);
    await page.goto(`${app.server.url}/audits`);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Your role may not see audits.');
    expect(await page.getByTestId('audit-runs-table').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Start the audit' }).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.goto(`${app.server.url}/audits/${runId}`);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Your role may not see audits.');
    await page.close();
  });
});

import { join } from 'node:path';
import { getAuditRun, updateCorrectiveAction } from '@chronicle/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityProblems,
  SHOTS,
  startConsole,
  type ConsoleUnderTest,
} from './support/console.js';

// The follow-up of an audit in Chromium, on the demo organization (issue 6): a compliance
// officer starts a sampled audit with a seed and reads its estimate and PDF report, makes
// the run's corrective-action plan, edits an item (and meets a stale-version conflict when
// it changed meanwhile), re-tests it against a later run, and opens an overpayment case
// from a failing month and records its milestones as its state changes; an auditor reads
// all of it with no control to change it, and a care manager sees none of it. Each table
// is checked against what the database holds.

const ORG = 'demo';
const LONG = { timeout: 90_000 };
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** The day (YYYY-MM-DD) an instant falls on in a time zone. */
const dayIn = (timeZone: string, at = new Date()) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('the audit follow-up screens in Chromium', () => {
  let app: ConsoleUnderTest;
  let practiceId: string;
  let today: string;
  let period: { from: string; to: string };
  /** The sampled run (planned) and a later full run of the same months (re-test, cases). */
  let sampledRun = '';
  let laterRun = '';

  beforeAll(async () => {
    app = await startConsole();
    const db = app.server.conn.db;
    const practice = await db
      .selectFrom('practices')
      .select(['id', 'timezone'])
      .where('org_id', '=', ORG)
      .executeTakeFirstOrThrow();
    practiceId = practice.id;
    today = dayIn(practice.timezone);
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

  const db = () => app.server.conn.db;
  const planInDb = (runId: string) =>
    db()
      .selectFrom('corrective_actions')
      .selectAll()
      .where('org_id', '=', ORG)
      .where('run_id', '=', runId)
      .orderBy('rule_id')
      .execute();

  /** Starts an audit of the period from the Audits screen; the new run's id once it is done. */
  async function startAudit(page: Page, sample?: () => Promise<void>): Promise<string> {
    await page.goto(`${app.server.url}/audits`);
    await page.getByLabel('From (month)').fill(period.from);
    await page.getByLabel('To (month)').fill(period.to);
    if (sample) await sample();
    await page.getByRole('button', { name: 'Start the audit' }).click();
    await page.waitForURL(/\/audits\/[^/]+$/);
    const runId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() as string);
    await expect.poll(() => page.getByTestId('run-status').textContent(), LONG).toBe('done');
    return runId;
  }

  /** Picks an option of a react-aria Select in `scope` by the Select's label. */
  async function choose(
    page: Page,
    scope: ReturnType<Page['locator']>,
    label: RegExp,
    option: string | RegExp,
  ) {
    await scope.getByRole('button', { name: label }).click();
    await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
  }

  it('starts a sampled audit with a seed and shows its sample, its estimate and a PDF report; a sample that cannot be drawn fails saying why', async () => {
    const page = await app.signedIn('compliance-officer');
    await page.goto(`${app.server.url}/audits`);
    await page.getByLabel('From (month)').fill(period.from);
    await page.getByLabel('To (month)').fill(period.to);
    await page.getByText('A random sample', { exact: true }).click();
    await page.getByTestId('sample-options').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    // The form refuses a size it can tell is wrong; the server one it cannot (above its
    // maximum), shown on the same field. Nothing is written either way.
    const size = page.getByRole('textbox', { name: 'Sample size (months)' });
    await size.fill('1');
    await page.getByRole('button', { name: 'Start the audit' }).click();
    await expect
      .poll(() => page.getByText('Sample size: enter a whole number of months, 2 or more.').count())
      .toBe(1);
    await size.fill('200000');
    await page.getByRole('button', { name: 'Start the audit' }).click();
    await expect.poll(() => page.getByText(/^Sample size: .*100000/).count()).toBe(1);
    expect(await size.getAttribute('aria-invalid')).toBe('true');
    expect(
      await db().selectFrom('audit_runs').select('id').where('org_id', '=', ORG).execute(),
    ).toEqual([]);

    sampledRun = await startAudit(page, async () => {
      await page.getByText('A random sample', { exact: true }).click();
      await page.getByRole('textbox', { name: 'Sample size (months)' }).fill('40');
      await page.getByRole('textbox', { name: 'Seed (optional)' }).fill('20261129');
      await page.getByText('By billing practitioner', { exact: true }).click();
    });
    const run = await getAuditRun(db(), ORG, sampledRun);
    expect(run).toMatchObject({ practiceId, ...period, status: 'done' });
    expect(run?.sample).toEqual({ size: 40, seed: '20261129', stratify: 'practitioner' });
    expect(await page.getByTestId('sample-size').textContent()).toBe('40 billed months');
    expect(await page.getByTestId('sample-seed').textContent()).toBe('20261129');
    expect(await page.getByTestId('sample-stratify').textContent()).toBe('by billing practitioner');

    // The estimate the run holds, as the page shows it, with what its lower limit means.
    const estimate = run?.estimate as {
      overpayment: { pointEstimate: number; lowerLimit: number; upperLimit: number };
    };
    expect(estimate).toBeTruthy();
    await page.getByTestId('estimate').waitFor();
    expect(await page.getByTestId('estimate-point').textContent()).toBe(
      money.format(estimate.overpayment.pointEstimate),
    );
    expect(await page.getByTestId('estimate-lower').textContent()).toBe(
      money.format(estimate.overpayment.lowerLimit),
    );
    expect(await page.getByTestId('estimate-upper').textContent()).toBe(
      money.format(estimate.overpayment.upperLimit),
    );
    expect(await page.getByTestId('estimate-meaning').textContent()).toMatch(/lower limit/);

    // The PDF beside the other formats, downloaded with the session cookie.
    const pdf = page.getByRole('link', { name: 'Download PDF' });
    const href = (await pdf.getAttribute('href')) as string;
    expect(href).toBe(`/api/audits/${encodeURIComponent(sampledRun)}/report.pdf`);
    const head = await page.evaluate(async (url) => {
      const res = await fetch(url);
      const bytes = new Uint8Array(await res.arrayBuffer());
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        start: String.fromCharCode(...bytes.slice(0, 5)),
      };
    }, href);
    expect(head).toEqual({ status: 200, type: 'application/pdf', start: '%PDF-' });
    await page.getByTestId('estimate').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'audit-sample.png') });
    expect(await accessibilityProblems(page)).toEqual([]);

    // A sample of months that were never billed cannot be drawn: the failed run says why.
    await page.goto(`${app.server.url}/audits`);
    await page.getByLabel('From (month)').fill('2020-01');
    await page.getByLabel('To (month)').fill('2020-01');
    await page.getByText('A random sample', { exact: true }).click();
    await page.getByRole('button', { name: 'Start the audit' }).click();
    await page.waitForURL(/\/audits\/[^/]+$/);
    await expect.poll(() => page.getByTestId('run-status').textContent(), LONG).toBe('failed');
    expect(await page.getByTestId('run-error').textContent()).toBe(
      'The sample could not be drawn: report: has no billed months to sample (the frame is empty). Start the audit again with another sample.',
    );
    await page.close();
  });

  it('makes the corrective-action plan once, edits an item, shows a stale-version conflict and re-tests on a later run', async () => {
    expect(sampledRun).not.toBe('');
    const page = await app.signedIn('compliance-officer');
    await page.goto(`${app.server.url}/audits/${sampledRun}`);
    const table = page.getByTestId('corrective-actions-table');
    await table.waitFor();
    await expect.poll(() => page.getByText('No plan yet.', { exact: false }).count()).toBe(1);

    // The plan: one item per rule with error or warning findings; planning again adds none.
    const failing = await db()
      .selectFrom('audit_findings')
      .select('rule_id')
      .distinct()
      .where('org_id', '=', ORG)
      .where('run_id', '=', sampledRun)
      .where('severity', 'in', ['error', 'warning'])
      .execute();
    expect(failing.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Create plan' }).click();
    const rows = page.getByTestId('corrective-action-row');
    await expect.poll(() => rows.count()).toBe(failing.length);
    expect(await page.getByTestId('plan-outcome').textContent()).toMatch(/^Added \d+ items?: /);
    await page.getByRole('button', { name: 'Create plan' }).click();
    await expect
      .poll(() => page.getByTestId('plan-outcome').textContent())
      .toMatch(/nothing was added/);
    const planned = await planInDb(sampledRun);
    expect(planned.map((i) => i.rule_id).sort()).toEqual(failing.map((f) => f.rule_id).sort());
    const first = planned[0] as (typeof planned)[number];
    const cells = await rows.first().locator('td').allTextContents();
    expect(cells[0]).toContain(first.rule_id);
    expect(cells[1]).toBe(first.action || '—');
    expect(cells[4]).toBe('Open');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page
      .getByRole('heading', { name: 'Corrective-action plan' })
      .evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SHOTS, 'corrective-plan.png') });

    // An edit: owner, due date and status, saved at the version read.
    await page.getByRole('button', { name: `Edit the ${first.rule_id} item` }).click();
    let dialog = page.getByTestId('corrective-action-dialog');
    await dialog.waitFor();
    // The officer is offered the organization's users (correctiveActions.owners, though the
    // users list is for admins only), themself marked, or types an id.
    const owner = dialog.getByRole('combobox', { name: 'Owner' });
    await dialog.getByRole('button', { name: /^Show users/ }).click();
    expect(await page.getByRole('option', { name: /\(admin\)$/ }).count()).toBe(1);
    await page.getByRole('option', { name: /\(compliance-officer\) \(you\)$/ }).click();
    expect(await owner.inputValue()).toBe('compliance-officer');
    await owner.fill('admin');
    await dialog.getByLabel('Due on').fill('2026-12-31');
    await choose(page, dialog, /Status/, 'In progress');
    expect(await accessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('corrective-action-dialog').count()).toBe(0);
    await expect
      .poll(async () => (await rows.first().locator('td').allTextContents()).slice(2, 5))
      .toEqual(['admin', '2026-12-31', 'In progress']);
    let stored = (await planInDb(sampledRun))[0];
    expect(stored).toMatchObject({
      owner_id: 'admin',
      due_on: '2026-12-31',
      status: 'in-progress',
    });
    expect(Number(stored?.version)).toBe(2);

    // Someone else saves the item while the dialog is open: the save is refused, nothing is
    // written, and the dialog offers their version to start again from.
    await page.getByRole('button', { name: `Edit the ${first.rule_id} item` }).click();
    dialog = page.getByTestId('corrective-action-dialog');
    await dialog.getByTestId('item-version').waitFor();
    expect(await dialog.getByTestId('item-version').textContent()).toContain('version 2');
    await updateCorrectiveAction(
      db(),
      { orgId: ORG, actor: 'admin', now: new Date() },
      { id: first.id, expectedVersion: 2, notes: 'Changed in another window' },
    );
    await choose(page, dialog, /Status/, 'Done');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByTestId('stale-conflict').waitFor();
    expect(await dialog.getByTestId('stale-conflict').textContent()).toContain(
      'Someone else changed this item after you opened it',
    );
    stored = (await planInDb(sampledRun))[0];
    expect(stored).toMatchObject({ status: 'in-progress', notes: 'Changed in another window' });
    expect(Number(stored?.version)).toBe(3);
    expect(await accessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Load the current version' }).click();
    await expect
      .poll(() => dialog.getByTestId('item-version').textContent())
      .toContain('version 3');
    expect(await dialog.getByLabel('Notes').inputValue()).toBe('Changed in another window');
    await choose(page, dialog, /Status/, 'Done');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('corrective-action-dialog').count()).toBe(0);
    stored = (await planInDb(sampledRun))[0];
    expect(stored).toMatchObject({ status: 'done', notes: 'Changed in another window' });
    expect(Number(stored?.version)).toBe(4);

    // No later run yet: the re-test says so. Then a later audit of the same months, and the
    // re-test on it, decided by the server from the stored findings.
    await page.getByRole('button', { name: `Re-test ${first.rule_id}` }).click();
    await page.getByTestId('no-later-run').waitFor();
    await page.getByTestId('retest-dialog').getByRole('button', { name: 'Cancel' }).click();
    laterRun = await startAudit(page);
    await page.goto(`${app.server.url}/audits/${sampledRun}`);
    await page.getByRole('button', { name: `Re-test ${first.rule_id}` }).click();
    const retest = page.getByTestId('retest-dialog');
    await choose(page, retest, /Later run/, new RegExp(`^${period.from} to ${period.to}, started`));
    expect(await accessibilityProblems(page)).toEqual([]);
    await retest.getByRole('button', { name: 'Re-test' }).click();
    await expect.poll(() => page.getByTestId('retest-dialog').count()).toBe(0);
    const failedMonths = (
      await db()
        .selectFrom('audit_findings')
        .select('month')
        .distinct()
        .where('org_id', '=', ORG)
        .where('run_id', '=', sampledRun)
        .where('rule_id', '=', first.rule_id)
        .execute()
    ).map((r) => r.month);
    const stillFound = await db()
      .selectFrom('audit_findings')
      .select('month')
      .where('org_id', '=', ORG)
      .where('run_id', '=', laterRun)
      .where('rule_id', '=', first.rule_id)
      .where('month', 'in', failedMonths)
      .execute();
    const verdict = stillFound.length === 0 ? 'Passed' : 'Failed';
    await expect
      .poll(() => rows.first().getByTestId('retest-result').textContent())
      .toBe(
        `${verdict} on a later run (${stillFound.length} ${stillFound.length === 1 ? 'finding' : 'findings'})`,
      );
    stored = (await planInDb(sampledRun))[0];
    expect(stored).toMatchObject({
      retest_run_id: laterRun,
      retest_result: verdict === 'Passed' ? 'pass' : 'fail',
    });
    await page.close();
  });

  it('opens an overpayment case from a failing month and follows its state as milestones are recorded', async () => {
    expect(laterRun).not.toBe('');
    // A month in error on the first page of its rule's findings, whose claim went out (every
    // demo claim is submitted or paid).
    const errors = await db()
      .selectFrom('audit_findings')
      .select(['rule_id', 'patient_id', 'month', 'billing_practitioner_id', 'severity'])
      .where('org_id', '=', ORG)
      .where('run_id', '=', laterRun)
      .orderBy('rule_id')
      .orderBy('patient_id')
      .orderBy('month')
      .execute();
    const byRule = new Map<string, typeof errors>();
    for (const f of errors) byRule.set(f.rule_id, [...(byRule.get(f.rule_id) ?? []), f]);
    let chosen: (typeof errors)[number] | undefined;
    for (const findings of byRule.values()) {
      for (const f of findings.slice(0, 20)) {
        if (f.severity !== 'error' || f.billing_practitioner_id === null) continue;
        const claim = await db()
          .selectFrom('claims')
          .select('id')
          .where('org_id', '=', ORG)
          .where('patient_id', '=', f.patient_id)
          .where('billing_practitioner_id', '=', f.billing_practitioner_id)
          .where('date_of_service', 'like', `${f.month}-%`)
          .executeTakeFirst();
        if (claim) {
          chosen = f;
          break;
        }
      }
      if (chosen) break;
    }
    if (!chosen) throw new Error('the demo data has no failing month with a claim');
    const { rule_id: ruleId, patient_id: patientId, month } = chosen;

    const page = await app.signedIn('compliance-officer');
    await page.goto(`${app.server.url}/audits/${laterRun}`);
    const group = page.locator(`[data-testid="rule-group"][data-rule-id="${ruleId}"]`);
    await group.getByRole('button', { name: new RegExp(`^${ruleId} · `) }).click();
    const open = group
      .getByRole('button', { name: `Open overpayment case for ${patientId}, ${month}` })
      .first();
    await open.waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await open.click();
    const dialog = page.getByTestId('open-overpayment-dialog');
    await dialog.waitFor();
    // Identified today on the practice's calendar unless the officer says otherwise.
    expect(await dialog.getByLabel('Identified on').inputValue()).toBe(today);
    expect(await accessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Open the case' }).click();
    await dialog.getByTestId('overpayment-opened').waitFor();
    const deadline = addDays(today, 60);
    expect(await dialog.getByRole('status').textContent()).toBe(
      `Case opened: On track, to be reported and returned by ${deadline} (60 days left).`,
    );
    const cases = () =>
      db().selectFrom('overpayment_follow_ups').selectAll().where('org_id', '=', ORG).execute();
    expect(await cases()).toMatchObject([{ patient_id: patientId, month, identified_on: today }]);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The same month again: refused, in the server's words.
    await open.click();
    await page
      .getByTestId('open-overpayment-dialog')
      .getByRole('button', { name: 'Open the case' })
      .click();
    await expect
      .poll(() => page.getByTestId('open-overpayment-dialog').getByRole('alert').textContent())
      .toContain('already has overpayment case');
    await page
      .getByTestId('open-overpayment-dialog')
      .getByRole('button', { name: 'Cancel' })
      .click();

    // The cases, from the navigation: on track, then overdue once identified 70 days ago.
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('link', { name: 'Overpayments' })
      .click();
    const rows = page.getByTestId('overpayment-row');
    await expect.poll(() => rows.count()).toBe(1);
    const shown = async () => [
      await rows.first().getByTestId('case-state').textContent(),
      await rows.first().getByTestId('case-days').textContent(),
    ];
    expect(await shown()).toEqual(['On track', '60 days left']);
    expect((await rows.first().locator('td').allTextContents())[2]).toBe(deadline);
    expect(await accessibilityProblems(page)).toEqual([]);

    const edit = async () => {
      await page.getByRole('button', { name: `Edit the case of ${patientId}, ${month}` }).click();
      const d = page.getByTestId('overpayment-dialog');
      await d.waitFor();
      return d;
    };
    let editor = await edit();
    await editor.getByLabel('Identified on').fill(addDays(today, -70));
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect.poll(shown).toEqual(['Overdue', '10 days overdue']);

    // A refund before the quantification is refused on the field, and nothing is written.
    editor = await edit();
    await editor.getByLabel('Refunded on').fill(today);
    await editor.getByLabel('Refunded amount ($)').fill('62.50');
    await editor.getByLabel('Refund reference').fill('MAC-2026-0042');
    await editor.getByRole('button', { name: 'Save' }).click();
    const refundedOn = editor.getByLabel('Refunded on');
    await expect.poll(() => refundedOn.getAttribute('aria-invalid')).toBe('true');
    await expect
      .poll(() => editor.getByText('record the quantification', { exact: false }).count())
      .toBeGreaterThan(0);
    expect((await cases())[0]).toMatchObject({ refunded_on: null, quantified_on: null });
    await page.screenshot({ path: join(SHOTS, 'overpayment-case.png') });
    expect(await accessibilityProblems(page)).toEqual([]);
    await editor.getByLabel('Quantified on').fill(addDays(today, -65));
    await editor.getByLabel('Quantified amount ($)').fill('62.50');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('overpayment-dialog').count()).toBe(0);
    await expect.poll(shown).toEqual(['Refunded', 'refunded late']);
    expect((await cases())[0]).toMatchObject({
      quantified_on: addDays(today, -65),
      refunded_on: today,
      refund_reference: 'MAC-2026-0042',
    });
    expect(Number((await cases())[0]?.refunded_cents)).toBe(6250);

    // Filtered by state, by the server.
    const filter = async (label: string) => {
      await page.getByRole('button', { name: /Show/ }).click();
      await page.getByRole('option', { name: label, exact: true }).click();
    };
    await filter('Overdue');
    await expect.poll(() => page.getByText('No case is overdue.').count()).toBe(1);
    expect(await rows.count()).toBe(0);
    await filter('Refunded');
    await expect.poll(() => rows.count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'overpayments.png') });
    await page.close();
  });

  it('shows an auditor the sample, the plan and the cases without a control to change them; a care manager none of it', async () => {
    expect(laterRun).not.toBe('');
    const auditor = await app.signedIn('auditor');
    await auditor.goto(`${app.server.url}/audits/${sampledRun}`);
    await auditor.getByTestId('estimate').waitFor();
    const planRows = auditor.getByTestId('corrective-action-row');
    await expect.poll(() => planRows.count()).toBe((await planInDb(sampledRun)).length);
    expect(await auditor.getByRole('button', { name: 'Create plan' }).count()).toBe(0);
    expect(await auditor.getByRole('button', { name: /^Edit the / }).count()).toBe(0);
    expect(await auditor.getByRole('button', { name: /^Re-test / }).count()).toBe(0);
    expect(await auditor.getByRole('link', { name: 'Download PDF' }).count()).toBe(1);
    expect(await accessibilityProblems(auditor)).toEqual([]);

    // Findings without the overpayment action.
    await auditor.goto(`${app.server.url}/audits/${laterRun}`);
    const group = auditor.getByTestId('rule-group').first();
    await group.getByRole('button').first().click();
    await expect.poll(() => group.getByTestId('finding-row').count()).toBeGreaterThan(0);
    expect(await auditor.getByRole('button', { name: /^Open overpayment case/ }).count()).toBe(0);
    expect(await auditor.getByRole('columnheader', { name: 'Overpayment' }).count()).toBe(0);

    await auditor
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('link', { name: 'Overpayments' })
      .click();
    await expect.poll(() => auditor.getByTestId('overpayment-row').count()).toBe(1);
    expect(await auditor.getByRole('button', { name: /^Edit the case/ }).count()).toBe(0);
    expect(await accessibilityProblems(auditor)).toEqual([]);
    await auditor.close();

    const careManager = await app.signedIn('care-manager');
    await careManager.getByRole('navigation', { name: 'Screens' }).waitFor();
    expect(
      await careManager
        .getByRole('navigation', { name: 'Screens' })
        .getByRole('link', { name: 'Overpayments' })
        .count(),
    ).toBe(0);
    await careManager.goto(`${app.server.url}/overpayments`);
    await expect
      .poll(() => careManager.getByRole('alert').textContent())
      .toContain('Your role may not see audits.');
    expect(await careManager.getByTestId('overpayments-table').count()).toBe(0);
    await careManager.close();
  });
});

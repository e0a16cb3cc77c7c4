import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stepClaim } from '@chronicle/db';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvText } from '../src/billing/csv.js';
import { prepareBillableMonth, type BillableMonth } from './support/billable-month.js';
import {
  accessibilityProblems,
  SHOTS,
  startConsole,
  type ConsoleUnderTest,
  type Role,
} from './support/console.js';

// The month-end billing screen against a real server on the demo organization, with one
// patient-month made billable in the month just ended: the proposal with its evidence,
// approving it (the database then holds the claim), holding it (refused without a
// reason) and releasing it, a stale version refused in the server's words, the month's
// claim lines as a CSV file, closing the month (a second close and a later change
// refused), and a care manager without the buttons.

/** Polls for up to 20 s: the month's reads take seconds on a busy machine. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });

describe('month-end billing in Chromium', () => {
  let app: ConsoleUnderTest;
  let made: BillableMonth;
  beforeAll(async () => {
    app = await startConsole();
    made = await prepareBillableMonth(app.server.conn.db);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  const db = () => app.server.conn.db;
  /** The prepared patient's claims of the month as the database holds them, last step too. */
  const storedClaims = async () => {
    const claims = await db()
      .selectFrom('claims')
      .select(['id', 'version'])
      .where('org_id', '=', 'demo')
      .where('patient_id', '=', made.patientId)
      .where('date_of_service', 'like', `${made.month}-%`)
      .execute();
    return Promise.all(
      claims.map(async (c) => {
        const last = await db()
          .selectFrom('claim_status')
          .select(['status', 'reason'])
          .where('org_id', '=', 'demo')
          .where('claim_id', '=', c.id)
          .orderBy('id', 'desc')
          .executeTakeFirst();
        return { id: c.id, version: Number(c.version), status: last?.status, reason: last?.reason };
      }),
    );
  };

  /** The billing screen for the role, narrowed to the prepared patient. */
  async function billingPage(role: Role): Promise<Page> {
    const page = await app.signedIn(role);
    await page.getByRole('link', { name: 'Billing' }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(
      `Month-end billing · ${made.month}`,
    );
    await poll(() => page.getByTestId('proposal-row').count()).toBeGreaterThan(1);
    await page.getByLabel('Find a patient id').fill(made.patientId);
    await poll(() => page.getByTestId('proposal-row').count()).toBe(1);
    return page;
  }
  const proposalState = (page: Page) => page.getByTestId('proposal-state').textContent();
  const claimState = (page: Page) => page.getByTestId('claim-state').first().textContent();

  it('shows the proposal of the prepared patient-month with its evidence', async () => {
    const page = await billingPage('admin');
    expect(await proposalState(page)).toBe('Ready to approve');
    const cells = await page.getByTestId('proposal-row').locator('td').allTextContents();
    expect(cells[0]).toBe(made.patientId);
    expect(cells[3]).toBe(made.lines);

    await page.getByRole('button', { name: `Evidence for ${made.patientId}` }).click();
    const dialog = page.getByTestId('evidence');
    await poll(() =>
      dialog
        .getByTestId('evidence-time-row')
        .allTextContents()
        .then((rows) => rows.join(' | ')),
    ).toContain(made.staffName);
    expect(await dialog.getByTestId('evidence-minutes').textContent()).toBe(
      `${made.minutes.clinicalStaff} by clinical staff, ${made.minutes.practitioner} by the practitioner`,
    );
    expect(made.minutes.clinicalStaff).toBeGreaterThanOrEqual(25);
    expect(await dialog.getByTestId('evidence-lines').textContent()).toBe(made.lines);
    const record = await dialog.getByTestId('evidence-record').textContent();
    expect(record).toMatch(/CCM consentaccepted \d{4}-\d\d-\d\d \((written|verbal)\), for /);
    expect(record).toMatch(/Care plan\d+ event\(s\), latest (established|revised|reviewed) /);
    expect(record).toMatch(/Latest visit\d{4}-\d\d-\d\d \(/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await poll(() => page.getByTestId('evidence').count()).toBe(0);
    await page.close();
  });

  it('approves the proposal as a claim, holds it only with a reason, and releases it', async () => {
    const page = await billingPage('practitioner');
    expect(await storedClaims()).toEqual([]);
    await page.getByRole('button', { name: `Approve ${made.lines} for ${made.patientId}` }).click();
    await poll(() => page.getByTestId('billing-notice').textContent()).toContain('Approved');
    await poll(() => proposalState(page)).toBe('Claimed (approved)');
    const [claim] = await storedClaims();
    expect(claim).toMatchObject({ version: 1, status: 'approved' });
    await poll(() => claimState(page)).toBe('approved');

    // Holding without a reason is refused on the form, naming the field; nothing is written.
    await page.getByRole('button', { name: /^Hold claim/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Hold claim' }).click();
    await poll(() => dialog.getByTestId('reason-error').textContent()).toContain('Reason');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect((await storedClaims())[0]).toMatchObject({ version: 1, status: 'approved' });

    await dialog.getByLabel('Reason').fill('Diagnosis codes to be confirmed with Dr. Hazel');
    await dialog.getByRole('button', { name: 'Hold claim' }).click();
    await poll(() => claimState(page)).toBe('held');
    expect((await storedClaims())[0]).toMatchObject({
      version: 2,
      status: 'held',
      reason: 'Diagnosis codes to be confirmed with Dr. Hazel',
    });

    await page.getByRole('button', { name: /^Release claim/ }).click();
    await page.getByRole('dialog').getByLabel('Reason').fill('Diagnoses confirmed');
    await page.getByRole('dialog').getByRole('button', { name: 'Release claim' }).click();
    await poll(() => claimState(page)).toBe('approved');
    expect((await storedClaims())[0]).toMatchObject({ version: 3, status: 'released' });

    await page.getByLabel('Find a patient id').fill('');
    await poll(() => page.getByTestId('proposal-row').count()).toBeGreaterThan(1);
    await page.screenshot({ path: join(SHOTS, 'billing.png') });
    await page.close();
  });

  it("refuses a step on a stale version in the server's words, and shows the claim as it is", async () => {
    const page = await billingPage('practitioner');
    await poll(() => claimState(page)).toBe('approved');
    // Someone else holds the claim after this page read it.
    const [claim] = await storedClaims();
    if (!claim) throw new Error('no claim');
    await stepClaim(db(), {
      orgId: 'demo',
      actor: 'admin',
      now: new Date(),
      practiceId: made.practiceId,
      patientId: made.patientId,
      claimId: claim.id,
      expectedVersion: claim.version,
      step: 'held',
      reason: 'held from another screen',
    });
    await page.getByRole('button', { name: /^Mark claim .* submitted$/ }).click();
    const alert = page.getByRole('alert');
    await poll(() => alert.textContent()).toContain('expectedVersion');
    expect(await alert.textContent()).toContain(`was read at version ${claim.version}`);
    // Read again: the claim is shown held, and nothing was marked submitted.
    await poll(() => claimState(page)).toBe('held');
    expect((await storedClaims())[0]).toMatchObject({ status: 'held' });
    await page.getByRole('button', { name: /^Release claim/ }).click();
    await page.getByRole('dialog').getByLabel('Reason').fill('Held by mistake');
    await page.getByRole('dialog').getByRole('button', { name: 'Release claim' }).click();
    await poll(() => claimState(page)).toBe('approved');
    await page.close();
  });

  it("exports the month's claim lines as a CSV file with their evidence", async () => {
    const page = await billingPage('admin');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`claims-${made.practiceId}-${made.month}.csv`);
    const text = readFileSync(await download.path(), 'utf8');
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...CSV_COLUMNS]);
    const [claim] = await storedClaims();
    const mine = parsed.data.filter((r) => r.patient_id === made.patientId);
    expect(mine.map((r) => `${r.code} x${r.units}`).join(', ')).toBe(made.lines);
    for (const r of mine)
      expect(r).toMatchObject({
        month: made.month,
        state: 'approved',
        claim_id: claim?.id,
        claim_version: String(claim?.version),
        reason: 'Held by mistake',
        clinical_staff_minutes: String(made.minutes.clinicalStaff),
        practitioner_minutes: String(made.minutes.practitioner),
        blockers: '',
        month_closed_at: '',
      });
    // Every claim of the month is in the file, line by line, beside the unclaimed proposals.
    const claims = await db()
      .selectFrom('claim_lines as l')
      .innerJoin('claims as c', (j) =>
        j
          .onRef('c.org_id', '=', 'l.org_id')
          .onRef('c.practice_id', '=', 'l.practice_id')
          .onRef('c.patient_id', '=', 'l.patient_id')
          .onRef('c.id', '=', 'l.claim_id'),
      )
      .select('l.code')
      .where('c.org_id', '=', 'demo')
      .where('c.date_of_service', 'like', `${made.month}-%`)
      .execute();
    expect(parsed.data.filter((r) => r.claim_id !== '').length).toBe(claims.length);
    await page.close();
  });

  it('neutralises spreadsheet formulas in exported cells', async () => {
    const row = Object.fromEntries(CSV_COLUMNS.map((c) => [c, ''])) as Record<
      (typeof CSV_COLUMNS)[number],
      string | number
    >;
    const text = await csvText([
      {
        ...row,
        patient_id: '=HYPERLINK("http://x")',
        reason: '+1',
        blockers: '@SUM(A1)',
        units: 2,
      },
      { ...row, warnings: '-2+3', reason: 'line one\r\nline "two", three' },
    ]);
    const [, first, second] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    expect(first?.[1]).toBe(`'=HYPERLINK("http://x")`);
    expect(first?.[9]).toBe(`'+1`);
    expect(first?.[12]).toBe(`'@SUM(A1)`);
    expect(first?.[5]).toBe('2');
    expect(second?.[13]).toBe(`'-2+3`);
    expect(second?.[9]).toBe('line one\r\nline "two", three');
  });

  it('lets a care manager read the month but not approve, hold or close', async () => {
    const page = await billingPage('care-manager');
    await poll(() => page.getByTestId('claim-row').count()).toBe(1);
    for (const name of [/^Approve/, /^Hold/, /^Release/, /^Mark/, /^Close/])
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Evidence/ }).count()).toBe(1);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.close();
  });

  it('closes the patient-month as a compliance officer; a second close and a change are refused', async () => {
    // Two admin pages read the month before the close.
    const admin = await billingPage('admin');
    const later = await billingPage('admin');
    await poll(() => claimState(later)).toBe('approved');
    const officer = await billingPage('compliance-officer');
    // The compliance officer holds claims but does not approve or submit them.
    expect(await officer.getByRole('button', { name: /^Approve|^Mark/ }).count()).toBe(0);
    const closeRow = officer.getByTestId('close-row').filter({ hasText: made.patientId });
    expect(await closeRow.getByTestId('close-state').textContent()).toBe('open');
    await officer.getByRole('button', { name: `Close ${made.month} of ${made.patientId}` }).click();
    const confirm = officer.getByRole('alertdialog');
    expect(await accessibilityProblems(officer)).toEqual([]);
    await confirm.getByRole('button', { name: 'Close', exact: true }).click();
    await poll(() => closeRow.getByTestId('close-state').textContent()).toMatch(
      /^closed .* by compliance-officer$/,
    );
    const closes = () =>
      db()
        .selectFrom('month_closes')
        .select('closed_by')
        .where('org_id', '=', 'demo')
        .where('patient_id', '=', made.patientId)
        .where('month', '=', made.month)
        .execute();
    expect(await closes()).toEqual([{ closed_by: 'compliance-officer' }]);
    // The closed month's claims are shown closed, with no step left to take.
    await poll(() => claimState(officer)).toBe('approved · month closed');
    expect(await officer.getByRole('button', { name: /^Hold/ }).count()).toBe(0);

    // Pages read before the close still offer both; the server refuses each, and says why.
    await admin.getByRole('button', { name: `Close ${made.month} of ${made.patientId}` }).click();
    await admin
      .getByRole('alertdialog')
      .getByRole('button', { name: 'Close', exact: true })
      .click();
    await poll(() => admin.getByTestId('close-failures').textContent()).toContain(
      'was already closed',
    );
    expect(await admin.getByTestId('billing-notice').textContent()).toContain('1 not closed');
    await later.getByRole('button', { name: /^Hold claim/ }).click();
    await later.getByRole('dialog').getByLabel('Reason').fill('Late question from coding');
    await later.getByRole('dialog').getByRole('button', { name: 'Hold claim' }).click();
    await poll(() => later.getByRole('dialog').getByRole('alert').textContent()).toContain(
      'no longer change',
    );
    expect((await storedClaims())[0]).toMatchObject({ status: 'released' });
    expect(await closes()).toHaveLength(1);
    await admin.close();
    await later.close();
    await officer.close();
  });
});

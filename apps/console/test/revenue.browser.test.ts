import { join } from 'node:path';
import { calculateRevenue, DEFAULT_MIX, type RevenueInput } from '@chronicle/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dollars } from '../src/revenue/RevenueChart.js';
import {
  accessibilityProblems,
  SHOTS,
  startConsole,
  type ConsoleUnderTest,
} from './support/console.js';

// The revenue calculator against a real server: it opens on the calculator's defaults for
// the practice's patients, computes what the rules core's calculateRevenue computes for
// the same input, draws the monthly chart with the same figures as a table beside it,
// says which field is missing or wrong, and is not offered to a role without revenue.read.

/** Polls for up to 20 s: the month's reads take seconds on a busy machine. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });

describe('the revenue calculator in Chromium', () => {
  let app: ConsoleUnderTest;
  beforeAll(async () => {
    app = await startConsole();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("computes the rules core's figures for the input given, and charts them by month", async () => {
    const page = await app.signedIn('admin');
    await page.getByRole('link', { name: 'Revenue' }).click();
    // It opens on the calculator's defaults for the practice's 120 patients.
    await poll(() => page.getByLabel('Patients').inputValue()).toBe('120');
    expect(await page.getByLabel('Enrollment rate (%)').inputValue()).toBe('50');
    expect(await page.getByLabel('Share 99490 (%)', { exact: true }).inputValue()).toBe('55');
    // The year shown first is this year, within the years the fee schedule covers.
    const year = Math.min(Math.max(new Date().getFullYear(), 2024), 2026);
    const opening = calculateRevenue({
      year,
      patients: 120,
      enrollmentRate: 0.5,
      mix: DEFAULT_MIX,
      setting: 'non-facility',
    });
    await poll(() => page.getByTestId('revenue-yearly').textContent()).toBe(
      dollars(opening.yearly.amount),
    );

    await page.getByLabel('Patients').fill('400');
    await page.getByLabel('Enrollment rate (%)').fill('60');
    await page.getByLabel('Share 99490 (%)', { exact: true }).fill('40');
    await page.getByLabel('Share 99487+99489 (%)').fill('10');
    // The radio's input is visually hidden under its label, which is what a person clicks.
    await page
      .locator('label')
      .filter({ hasText: /^Facility$/ })
      .click();
    await poll(() => page.getByRole('radio', { name: 'Facility', exact: true }).isChecked()).toBe(
      true,
    );
    await page.getByRole('button', { name: 'Calculate' }).click();
    const input: RevenueInput = {
      year,
      patients: 400,
      enrollmentRate: 0.6,
      mix: { ...DEFAULT_MIX, '99490': 0.4, '99487+99489': 0.1 },
      setting: 'facility',
    };
    const expected = calculateRevenue(input);
    await poll(() => page.getByTestId('revenue-yearly').textContent()).toBe(
      dollars(expected.yearly.amount),
    );
    expect(await page.getByTestId('revenue-enrolled').textContent()).toBe(
      String(expected.enrolledPatients),
    );
    expect(await page.getByTestId('revenue-patient-months').textContent()).toBe(
      String(expected.billedPatientMonthsPerYear),
    );
    // The chart's text alternative: a row per month, a column per code, and the total.
    const rows = page.getByTestId('revenue-month-row');
    await poll(() => rows.count()).toBe(12);
    const headings = await page
      .getByTestId('revenue-monthly-table')
      .locator('thead th')
      .allTextContents();
    expect(headings).toEqual(['Month', ...expected.codes.map((c) => c.code), 'Total']);
    for (const [i, month] of expected.monthly.entries())
      expect(await rows.nth(i).locator('td').allTextContents()).toEqual([
        month.month,
        ...expected.codes.map((c) =>
          dollars(month.codes.find((m) => m.code === c.code)?.amount ?? 0),
        ),
        dollars(month.amount),
      ]);
    // The chart is drawn: a bar per code and month.
    await poll(() =>
      page.getByTestId('revenue-chart').locator('.recharts-bar-rectangle').count(),
    ).toBe(12 * expected.codes.filter((c) => c.amount > 0).length);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'revenue.png'), fullPage: true });
    await page.close();
  });

  it("names the missing field, and shows the server's refusal of a mix over 100%", async () => {
    const page = await app.signedIn('compliance-officer');
    await page.getByRole('link', { name: 'Revenue' }).click();
    await poll(() => page.getByLabel('Patients').inputValue()).toBe('120');
    const before = await page.getByTestId('revenue-yearly').textContent();
    await page.getByLabel('Patients').fill('');
    await page.getByRole('button', { name: 'Calculate' }).click();
    await poll(() => page.getByText('Patients is required.').count()).toBe(1);
    expect(await page.getByTestId('revenue-yearly').textContent()).toBe(before);
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByLabel('Patients').fill('200');
    await page.getByLabel('Share 99491+99437 (%)').fill('60');
    await page.getByRole('button', { name: 'Calculate' }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain(
      'the shares of the code mix add up to more than 1',
    );
    expect(await page.getByRole('alert').textContent()).toContain('mix');
    await page.close();
  });

  it('is not offered to a care manager, and the server refuses it', async () => {
    const page = await app.signedIn('care-manager');
    expect(await page.getByRole('link', { name: 'Revenue' }).count()).toBe(0);
    await page.goto(`${app.server.url}/revenue`);
    await poll(() => page.getByRole('alert').textContent()).toContain('revenue.read');
    await page.close();
  });
});

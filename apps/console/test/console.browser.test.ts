import { join } from 'node:path';
import { recordEnrollment } from '@chronicle/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityProblems,
  SHOTS,
  startConsole,
  type ConsoleUnderTest,
} from './support/console.js';

// The console's build, served by the server on a fresh embedded database holding the demo
// organization (120 synthetic patients), driven in headless Chromium: signing in, the
// organization and role in view, and the patients worklist paged, searched and sorted by
// the server.

describe('the console in Chromium', () => {
  let app: ConsoleUnderTest;
  beforeAll(async () => {
    app = await startConsole();
  });
  afterAll(async () => {
    await app?.stop();
  });
  const account = (role: Parameters<ConsoleUnderTest['account']>[0]) => app.account(role);
  const signIn = (...args: Parameters<ConsoleUnderTest['signIn']>) => app.signIn(...args);

  it("refuses a wrong password with the server's words and stays on the form", async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(app.server.url);
    await page.getByRole('heading', { name: 'Sign in to Chronicle' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'sign-in.png') });
    expect(await accessibilityProblems(page)).toEqual([]);
    await signIn(page, account('admin').email, 'not the password');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('wrong organization, email or password');
    expect(await page.getByRole('heading', { name: 'Sign in to Chronicle' }).isVisible()).toBe(
      true,
    );
    await page.close();
  });

  it('signs in, shows the organization and role, and pages, searches and sorts the worklist', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const { email, password } = account('care-manager');
    await signIn(page, email, password);
    await expect.poll(() => page.getByTestId('who').textContent()).toBe('demo · Care manager');
    const rows = page.getByTestId('patient-row');
    await expect.poll(() => rows.count()).toBe(25);
    expect(await page.getByTestId('page-of').textContent()).toBe('Page 1 of 5 · 120 patients');
    // Every row has this month's minutes, billable codes and blockers, or a dash.
    const firstRow = await rows.first().locator('td').allTextContents();
    expect(firstRow).toHaveLength(7);
    await page.screenshot({ path: join(SHOTS, 'worklist.png') });
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'Next' }).click();
    await expect
      .poll(() => page.getByTestId('page-of').textContent())
      .toBe('Page 2 of 5 · 120 patients');

    // Sorted by MRN on the server: the rows come back in MRN order.
    await page.getByRole('button', { name: /^MRN/ }).click();
    await expect
      .poll(() => page.locator('th[aria-sort="ascending"]').textContent())
      .toContain('MRN');
    await expect.poll(() => page.getByTestId('page-of').textContent()).toContain('Page 1 of 5');
    const mrns = await rows.locator('td:nth-child(2)').allTextContents();
    expect(mrns).toEqual([...mrns].sort());

    // Search by one MRN: that patient alone.
    const mrn = mrns[3] as string;
    await page.getByLabel('Search by name, MRN or id').fill(mrn);
    await expect
      .poll(() => page.getByTestId('page-of').textContent())
      .toBe('Page 1 of 1 · 1 patients');
    expect(await rows.locator('td:nth-child(2)').allTextContents()).toEqual([mrn]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Sign in to Chronicle' }).isVisible())
      .toBe(true);
    await page.close();
  });

  it('works by keyboard: Tab reaches the sort headings and the pager, Enter uses them', async () => {
    const page = await app.browser.newPage();
    const { email, password } = account('admin');
    await signIn(page, email, password);
    await expect.poll(() => page.getByTestId('patient-row').count()).toBe(25);
    /** Presses Tab until the focused element's text is `label` (at most 40 times). */
    const tabTo = async (label: RegExp) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
        if (label.test(focused)) return;
      }
      throw new Error(`Tab never reached ${label}`);
    };
    await tabTo(/^MRN/);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('th[aria-sort="ascending"]').textContent())
      .toContain('MRN');
    await tabTo(/^Next$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('page-of').textContent()).toContain('Page 2 of 5');
    await page.close();
  });

  it('shows ready-made views by enrollment: a patient enrolled is under "Enrolled" alone', async () => {
    const page = await app.browser.newPage();
    const { email, password } = account('care-manager');
    await signIn(page, email, password);
    const rows = page.getByTestId('patient-row');
    await expect.poll(() => rows.count()).toBe(25);
    const [mrn] = await rows.first().locator('td:nth-child(2)').allTextContents();
    const [patient] = (await app.server.conn.db
      .selectFrom('patients')
      .select(['practice_id', 'id'])
      .where('org_id', '=', 'demo')
      .where(({ ref }) => ref('data', '->>').key('mrn'), '=', mrn as string)
      .execute()) as Array<{ practice_id: string; id: string }>;
    if (!patient) throw new Error('no patient with that MRN');
    await recordEnrollment(app.server.conn.db, 'demo', {
      practiceId: patient.practice_id,
      patientId: patient.id,
      program: 'ccm',
      status: 'enrolled',
      effectiveOn: '2026-11-02',
      reason: 'agreed at the visit',
      authorId: 'care-manager',
    });
    const show = async (label: string) => {
      await page
        .getByRole('button', { name: /^All patients|^Not enrolled|^Enrolled|^Declined/ })
        .click();
      await page.getByRole('option', { name: label, exact: true }).click();
    };
    await show('Enrolled');
    await expect
      .poll(() => page.getByTestId('page-of').textContent())
      .toBe('Page 1 of 1 · 1 patients');
    expect(await rows.locator('td:nth-child(2)').allTextContents()).toEqual([mrn]);
    expect(await rows.locator('td:nth-child(4)').allTextContents()).toEqual(['enrolled']);
    await show('Not enrolled');
    await expect
      .poll(() => page.getByTestId('page-of').textContent())
      .toBe('Page 1 of 5 · 119 patients');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.close();
  });

  it("opens a patient's page from the worklist, and again from its address after a reload", async () => {
    const page = await app.signedIn('care-manager');
    const rows = page.getByTestId('patient-row');
    await expect.poll(() => rows.count()).toBe(25);
    const [name, mrn] = await rows.nth(2).locator('td').allTextContents();
    await rows.nth(2).getByRole('link').click();
    await expect.poll(() => page.getByTestId('patient-mrn').textContent()).toBe(mrn);
    expect(await page.getByTestId('patient-name').textContent()).toBe(name);
    expect(page.url()).toMatch(/\/patients\/[^/]+\/[^/]+$/);
    // The address alone opens the same patient (the server answers deep links with the app).
    await page.reload();
    await expect.poll(() => page.getByTestId('patient-mrn').textContent()).toBe(mrn);
    await page.getByRole('link', { name: '← Patients' }).click();
    await expect.poll(() => rows.count()).toBe(25);
    await page.goto(`${app.server.url}/no/such/screen`);
    await expect.poll(() => page.getByRole('heading', { name: 'Not found' }).count()).toBe(1);
    await page.close();
  });
});

import { join } from 'node:path';
import { listPatients, recordEnrollment } from '@chronicle/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityProblems,
  SHOTS,
  startConsole,
  tableSettled,
  type ConsoleUnderTest,
} from './support/console.js';

// The console's build, served by the server on a fresh embedded database holding the demo
// organization (120 synthetic patients), driven in headless Chromium: signing in, the
// organization and role in view, and the patients worklist paged, searched and sorted by
// the server.

/** The "Show" button, named by the view it shows. */
const VIEW_BUTTON = /^(All patients|Eligible|10 minutes|Not enrolled|Enrolled|Declined)/;

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
    const headings = await page.locator('[data-testid="patients-table"] th').allTextContents();
    expect(headings.map((h) => h.replace(/ [▲▼]$/, ''))).toEqual([
      'Patient',
      'MRN',
      'Birth date',
      'Enrollment',
      'Chronic conditions',
      'Consent',
      'Care plan',
      "This month's minutes",
      'Billable now',
      'Blockers',
    ]);
    for (const cells of await Promise.all(
      (await rows.all()).map((row) => row.locator('td').allTextContents()),
    )) {
      expect(cells).toHaveLength(10);
      // Chronic conditions: a count; consent and care plan: a state; minutes: a figure.
      expect(cells[4]).toMatch(/^\d+$/);
      expect(['none', 'given', 'declined', 'revoked']).toContain(cells[5]);
      expect(['none', 'not shared', 'shared']).toContain(cells[6]);
      expect(cells[7]).toMatch(/\d+ min/);
    }
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
    await tableSettled(page, 'patients-table');
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
      await page.getByRole('button', { name: VIEW_BUTTON }).click();
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

  it('shows the saved views "Eligible, not enrolled" and "10 minutes or less from the next level" as the server filters them', async () => {
    const page = await app.signedIn('care-manager');
    const rows = page.getByTestId('patient-row');
    await expect.poll(() => rows.count()).toBe(25);
    const [practice] = await app.server.conn.db
      .selectFrom('practices')
      .select(['id', 'timezone'])
      .where('org_id', '=', 'demo')
      .execute();
    if (!practice) throw new Error('no demo practice');
    const month = (await page.getByRole('heading', { level: 1 }).textContent())?.split(' · ')[1];
    const expected = (filter: Record<string, unknown>) =>
      listPatients(app.server.conn.db, 'demo', 'test', {
        practiceId: practice.id,
        page: { index: 0, size: 25 },
        month: month as string,
        ...filter,
      });
    const show = async (label: string) => {
      await page.getByRole('button', { name: VIEW_BUTTON }).click();
      await page.getByRole('option', { name: label, exact: true }).click();
    };

    await show('Eligible, not enrolled');
    const eligible = await expected({
      enrollment: ['none', 'candidate', 'invited'],
      eligible: true,
    });
    expect(eligible.total).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('page-of').textContent())
      .toContain(`· ${eligible.total} patients`);
    await tableSettled(page, 'patients-table');
    for (const cells of await Promise.all(
      (await rows.all()).map((row) => row.locator('td').allTextContents()),
    )) {
      expect(Number(cells[4])).toBeGreaterThanOrEqual(2);
      expect(['none recorded', 'candidate', 'invited']).toContain(cells[3]);
    }

    await show('10 minutes or less from the next level');
    const near = await expected({ nearNextLevel: { withinMinutes: 10 } });
    expect(near.total).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('page-of').textContent())
      .toContain(`· ${near.total} patients`);
    await tableSettled(page, 'patients-table');
    // Nearest first: the minutes still needed never decrease down the page.
    const needed = (await rows.locator('td:nth-child(8)').allTextContents()).map((text) =>
      Number(/(\d+) more for/.exec(text)?.[1]),
    );
    expect(needed.every((n) => n >= 1 && n <= 10)).toBe(true);
    expect(needed).toEqual([...needed].sort((a, b) => a - b));
    expect(await rows.locator('td:nth-child(2)').allTextContents()).toEqual(
      near.rows.map((r) => r.mrn),
    );
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.close();
  });

  it('registers a new patient: the server refuses a taken MRN on its field, then the patient opens', async () => {
    const page = await app.signedIn('care-manager');
    await expect.poll(() => page.getByTestId('patient-row').count()).toBe(25);
    const takenMrn = (await page
      .getByTestId('patient-row')
      .first()
      .locator('td:nth-child(2)')
      .textContent()) as string;
    await page.getByRole('link', { name: 'New patient' }).click();
    await page.getByRole('heading', { name: /^New patient/ }).waitFor();
    // Nothing filled: the browser's own check names the required fields, nothing is sent.
    await page.getByRole('button', { name: 'Register patient' }).click();
    expect(
      await page.getByLabel('MRN').evaluate((e) => (e as HTMLInputElement).validity.valid),
    ).toBe(false);

    await page.getByLabel('MRN').fill(takenMrn);
    await page.getByLabel('Given name').fill('Nova');
    await page.getByLabel('Family name').fill('Zz-Newpatient');
    await page.getByLabel('Birth date').fill('1948-03-02');
    await page.getByLabel('Coverage start').fill('2013-03-01');
    await page.getByLabel('Condition 1 code', { exact: true }).fill('E11.9');
    await page.getByLabel('Condition 1 description').fill('Type 2 diabetes');
    await page.getByLabel('Condition 2 code', { exact: true }).fill('I10');
    await page.getByLabel('Condition 2 description').fill('Hypertension');
    await page.getByLabel('Visit date').fill('2026-10-06');
    await page.getByLabel('Visit code (CPT or HCPCS)').fill('99214');
    await page.getByText('Care management was discussed and documented at this visit').click();
    await page.screenshot({ path: join(SHOTS, 'new-patient.png'), fullPage: true });
    expect(await accessibilityProblems(page)).toEqual([]);
    const count = async () =>
      (
        await app.server.conn.db
          .selectFrom('patients')
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .where('org_id', '=', 'demo')
          .executeTakeFirstOrThrow()
      ).n;
    const before = Number(await count());
    await page.getByRole('button', { name: 'Register patient' }).click();
    await expect
      .poll(() => page.getByText(`another patient of the practice has MRN "${takenMrn}"`).count())
      .toBeGreaterThan(0);
    expect(Number(await count())).toBe(before);

    await page.getByLabel('MRN').fill('DEMO-NEW-0001');
    await page.getByRole('button', { name: 'Register patient' }).click();
    await expect.poll(() => page.getByTestId('patient-mrn').textContent()).toBe('DEMO-NEW-0001');
    expect(await page.getByTestId('patient-name').textContent()).toBe('Zz-Newpatient, Nova');
    expect(Number(await count())).toBe(before + 1);
    await page.close();
  });

  it('offers registration only to the care team', async () => {
    const page = await app.signedIn('auditor');
    await expect.poll(() => page.getByTestId('patient-row').count()).toBe(25);
    expect(await page.getByRole('link', { name: 'New patient' }).count()).toBe(0);
    await page.goto(`${app.server.url}/patients/new`);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('may not register patients');
    await page.close();
  });
});

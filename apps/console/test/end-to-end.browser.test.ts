import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { practiceMonth } from '../src/months.js';
import { practiceClock } from '../src/patient/practice-time.js';
import {
  accessibilityProblems,
  startConsole,
  type ConsoleUnderTest,
  type Role,
} from './support/console.js';

// The whole month of one new patient, through the console only, each step by the role
// that does it in a practice: the admin links the care manager to the clinician they are;
// the care manager registers the patient (conditions, coverage, the initiating visit),
// enrolls them, records their consent and a care plan shared with them, and logs time
// until 99490 is billable; the practitioner approves the claim at month end; the
// compliance officer audits the month and downloads the report, which finds nothing wrong
// with it. Then what each role sees of the console.

const ORG = 'demo';
const MRN = 'E2E-0001';

describe('a new patient from registration to an audited claim, in the console', () => {
  let app: ConsoleUnderTest;
  let practice: { id: string; timezone: string };
  let doctor: { id: string; name: string };
  let staff: { id: string; name: string };
  let month: string;
  /** The day of the initiating visit, consent, enrollment and care plan: in the month before. */
  let visitDay: string;
  let patientId: string;

  beforeAll(async () => {
    app = await startConsole();
    const db = app.server.conn.db;
    const [row] = await db
      .selectFrom('practices')
      .select(['id', 'timezone'])
      .where('org_id', '=', ORG)
      .execute();
    if (!row) throw new Error('no demo practice');
    practice = row;
    const clinicians = await db
      .selectFrom('clinicians')
      .select(['id', 'role', 'data'])
      .where('org_id', '=', ORG)
      .orderBy('ord')
      .execute();
    // The last of each: the demo links its accounts to the first, so the link made below
    // is a change.
    const named = (role: string) => {
      const found = clinicians.filter((c) => c.role === role).at(-1);
      if (!found) throw new Error(`no ${role} in the demo practice`);
      return { id: found.id, name: (found.data as { name: string }).name };
    };
    doctor = named('practitioner');
    staff = named('clinical-staff');
    month = practiceMonth(practice.timezone);
    const [y, m] = month.split('-').map(Number) as [number, number];
    visitDay = new Date(Date.UTC(y, m - 2, 10)).toISOString().slice(0, 10);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
  /** Picks an option of a labelled react-aria Select inside `scope`. */
  const choose = async (scope: Locator | Page, label: RegExp, option: string | RegExp) => {
    await scope.getByRole('button', { name: label }).first().click();
    const page = 'page' in scope ? scope.page() : scope;
    await page.getByRole('option', { name: option }).first().click();
  };

  /**
   * Twenty minutes of the staff member's time this month, ended before now, overlapping
   * none of their entries (an overlap would count once), as the practice's clock shows it.
   */
  async function freeTwentyMinutes(): Promise<{ date: string; time: string }> {
    const taken = await app.server.conn.db
      .selectFrom('time_entries')
      .select(['start_ms', 'end_ms'])
      .where('org_id', '=', ORG)
      .where('clinician_id', '=', staff.id)
      .execute();
    for (let back = 25; back < 31 * 24 * 60; back += 15) {
      const startMs = Math.floor((Date.now() - back * 60_000) / 60_000) * 60_000;
      const endMs = startMs + 20 * 60_000;
      const at = practiceClock(new Date(startMs).toISOString(), practice.timezone);
      if (!at.date.startsWith(month)) break;
      if (taken.every((t) => Number(t.end_ms) <= startMs || Number(t.start_ms) >= endMs)) return at;
    }
    throw new Error(`no free twenty minutes of ${staff.id} earlier in ${month}`);
  }

  it('the admin links the care manager to the clinical staff member they are', async () => {
    const page = await app.signedIn('admin');
    await page.getByRole('link', { name: 'Administration' }).click();
    const careManager = page.getByTestId('user-row').filter({ hasText: 'Demo care manager' });
    // The demo links its care manager to a staff member from the start, another one.
    await expect.poll(() => careManager.locator('td').nth(6).textContent()).not.toBe('—');
    expect(await careManager.locator('td').nth(6).textContent()).not.toContain(staff.name);
    await page.getByRole('button', { name: 'Manage Demo care manager' }).click();
    const dialog = page.getByTestId('manage-user');
    await choose(dialog, /Clinician in this practice/, new RegExp(`^${staff.name}`));
    await dialog.getByRole('button', { name: 'Save clinician link' }).click();
    await expect
      .poll(() => dialog.getByTestId('manage-outcome').textContent())
      .toBe('Clinician link saved.');
    const link = await app.server.conn.db
      .selectFrom('user_clinicians')
      .select('clinician_id')
      .where('org_id', '=', ORG)
      .where('user_id', '=', 'care-manager')
      .executeTakeFirst();
    expect(link?.clinician_id).toBe(staff.id);
    await page.close();
  });

  it('the care manager registers the patient, enrolls them, records consent and a shared care plan, and logs time until 99490 is billable', async () => {
    const page = await app.signedIn('care-manager');
    await page.getByRole('link', { name: 'New patient' }).click();
    await page.getByLabel('MRN').fill(MRN);
    await page.getByLabel('Given name').fill('Endto');
    await page.getByLabel('Family name').fill('Endpatient');
    await page.getByLabel('Birth date').fill('1947-05-20');
    await page.getByLabel('Coverage start').fill('2012-05-01');
    await page.getByLabel('Condition 1 code', { exact: true }).fill('E11.9');
    await page.getByLabel('Condition 1 onset').fill('2018-02-01');
    await page.getByLabel('Condition 2 code', { exact: true }).fill('I10');
    await page.getByLabel('Condition 2 onset').fill('2017-07-01');
    await page.getByLabel('Visit date').fill(visitDay);
    await page.getByLabel('Visit code (CPT or HCPCS)').fill('99214');
    await page.getByText('Care management was discussed and documented at this visit').click();
    await choose(page, /Visit practitioner/, new RegExp(`^${doctor.name}`));
    await page.getByRole('button', { name: 'Register patient' }).click();
    await expect.poll(() => page.getByTestId('patient-mrn').textContent()).toBe(MRN);
    patientId = page.url().split('/').at(-1) as string;
    await expect.poll(() => page.getByTestId('chronic-count').textContent()).toMatch(/\b2\b/);

    const enrollment = region(page, 'Enrollment');
    await enrollment.getByRole('button', { name: 'Record an enrollment change' }).click();
    await choose(enrollment, /New status/, 'Enrolled');
    await enrollment.getByLabel('Effective date').fill(visitDay);
    await enrollment.getByLabel('Reason').fill('Agreed at the visit');
    await enrollment.getByRole('button', { name: 'Save the change' }).click();
    await expect
      .poll(() => page.getByTestId('enrollment-current').allTextContents())
      .toContain(`Enrolled since ${visitDay}`);

    const consent = region(page, 'Consent');
    await consent.getByRole('button', { name: 'Record a consent' }).click();
    await consent.locator('label', { hasText: 'Verbal' }).first().click();
    await consent.getByLabel('Date given').fill(visitDay);
    await choose(consent, /Billing practitioner/, new RegExp(`^${doctor.name}`));
    await choose(consent, /Obtained by/, new RegExp(`^${staff.name}`));
    for (const told of [
      'The service is available',
      'Cost sharing applies',
      'One practitioner a month',
      'They may stop at any time',
    ])
      await consent.locator('label', { hasText: told }).first().click();
    await consent.getByRole('button', { name: 'Save the consent' }).click();
    await expect.poll(() => page.getByTestId('consent-row').count()).toBe(1);

    const plan = region(page, 'Care plan');
    await plan.getByRole('button', { name: 'Record a care-plan event' }).click();
    await plan.locator('label', { hasText: 'Established' }).first().click();
    await plan.getByLabel('Date').fill(visitDay);
    await choose(plan, /Author/, new RegExp(`^${doctor.name}`));
    await plan.getByRole('button', { name: 'Tick every element' }).click();
    await plan.getByRole('button', { name: 'Save the event' }).click();
    const version = page.getByTestId('care-plan-row').first();
    await version.getByRole('button', { name: 'Record sharing…' }).click();
    const sharing = page.getByRole('dialog');
    await sharing.getByLabel('Shared on').fill(visitDay);
    await choose(sharing, /How/, 'Patient portal');
    await sharing.getByRole('button', { name: 'Save the sharing' }).click();
    await expect.poll(() => version.locator('td').nth(6).textContent()).toContain(visitDay);

    const at = await freeTwentyMinutes();
    const form = page.getByRole('form', { name: 'Add time by hand' });
    await form.getByLabel('Date').fill(at.date);
    await form.getByLabel('Start time').fill(at.time);
    await form.getByLabel('Minutes', { exact: true }).fill('20');
    await form.getByLabel('What was done').fill('Medication review by phone; care plan goals');
    await form.getByRole('button', { name: 'Add time' }).click();
    const thisMonth = page.getByTestId('month-history-row').first();
    await expect.poll(() => thisMonth.locator('td').nth(3).textContent()).toBe('99490');
    expect(await accessibilityProblems(page)).toEqual([]);

    // The worklist agrees: consent given, the plan shared, 99490 billable now.
    await page.getByRole('link', { name: '← Patients' }).click();
    await page.getByLabel('Search by name, MRN or id').fill(MRN);
    const row = page.getByTestId('patient-row');
    await expect.poll(() => row.count()).toBe(1);
    await expect
      .poll(() => row.locator('td').allTextContents())
      .toEqual(expect.arrayContaining(['enrolled', '2', 'given', 'shared', '99490']));
    await page.close();
  });

  it('the practitioner approves the month-end claim', async () => {
    const page = await app.signedIn('practitioner');
    await page.getByRole('link', { name: 'Billing' }).click();
    // The month just ended is shown first; this one is chosen.
    await choose(page, /Month/, month);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe(`Month-end billing · ${month}`);
    await page.getByLabel('Find a patient id').fill(patientId);
    await expect.poll(() => page.getByTestId('proposal-row').count()).toBe(1);
    expect(await page.getByTestId('proposal-state').textContent()).toBe('Ready to approve');
    await page.getByRole('button', { name: `Approve 99490 x1 for ${patientId}` }).click();
    await expect.poll(() => page.getByTestId('billing-notice').textContent()).toContain('Approved');
    const claims = await app.server.conn.db
      .selectFrom('claims')
      .select(['id', 'billing_practitioner_id', 'date_of_service'])
      .where('org_id', '=', ORG)
      .where('patient_id', '=', patientId)
      .execute();
    expect(claims).toEqual([expect.objectContaining({ billing_practitioner_id: doctor.id })]);
    expect(claims[0]?.date_of_service.startsWith(month)).toBe(true);
    await page.close();
  });

  it("the compliance officer audits the month, finds no error in the patient's claim, and downloads the report", async () => {
    const page = await app.signedIn('compliance-officer');
    await page.getByRole('link', { name: 'Audits' }).click();
    await page.getByLabel('From (month)').fill(month);
    await page.getByLabel('To (month)').fill(month);
    await page.getByRole('button', { name: 'Start the audit' }).click();
    await expect
      .poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000 })
      .toMatch(/done/i);
    const runId = page.url().split('/').at(-1) as string;
    const findings = await app.server.conn.db
      .selectFrom('audit_findings')
      .select(['rule_id', 'severity'])
      .where('org_id', '=', ORG)
      .where('run_id', '=', runId)
      .where('patient_id', '=', patientId)
      .execute();
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    // The demo practice's other months do have errors: the check above can fail.
    const severities = await app.server.conn.db
      .selectFrom('audit_findings')
      .select('severity')
      .distinct()
      .where('org_id', '=', ORG)
      .where('run_id', '=', runId)
      .execute();
    expect(severities.map((s) => s.severity)).toContain('error');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    const stream = await download.createReadStream();
    let csv = '';
    for await (const chunk of stream) csv += String(chunk);
    expect(csv.split('\n')[0]).toMatch(/rule/i);
    await page.close();
  });

  describe('what each role sees', () => {
    const NAV: Record<Role, string[]> = {
      admin: ['Patients', 'Audits', 'Overpayments', 'Billing', 'Revenue', 'Administration'],
      'care-manager': ['Patients', 'Billing'],
      practitioner: ['Patients', 'Billing'],
      'compliance-officer': [
        'Patients',
        'Audits',
        'Overpayments',
        'Billing',
        'Revenue',
        'Activity log',
        'Plugins',
      ],
      auditor: ['Patients', 'Audits', 'Overpayments', 'Billing', 'Activity log'],
    };
    it.each(Object.entries(NAV) as Array<[Role, string[]]>)(
      '%s: the screens it may use, and the patient page without the forms it may not use',
      async (role, screens) => {
        const page = await app.signedIn(role);
        const nav = page.getByRole('navigation', { name: 'Screens' }).getByRole('link');
        expect(await nav.allTextContents()).toEqual(screens);
        await page.goto(`${app.server.url}/patients/${practice.id}/${patientId}`);
        await expect.poll(() => page.getByTestId('patient-mrn').textContent()).toBe(MRN);
        const careTeam = role === 'admin' || role === 'care-manager' || role === 'practitioner';
        expect(
          await region(page, 'Consent').getByRole('button', { name: 'Record a consent' }).count(),
        ).toBe(careTeam ? 1 : 0);
        await page.close();
      },
    );
  });
});

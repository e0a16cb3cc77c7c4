import { join } from 'node:path';
import { getPatient } from '@chronicle/db';
import { classifyCondition } from '@chronicle/rules';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityProblems,
  SHOTS,
  startConsole,
  type ConsoleUnderTest,
} from './support/console.js';

// The patient page's record sections in Chromium: conditions with the rules core's chronic
// flags, an enrollment change, a consent (refused while an element the patient must be
// told is unticked, and by the server for a date to come), a care plan established with
// every element and shared, a revocation; each write checked in the database. The auditor
// sees the same sections without a way to change them.

type Patient = NonNullable<Awaited<ReturnType<typeof getPatient>>>['patient'];

describe("a patient's record sections in the console", () => {
  let app: ConsoleUnderTest;
  let practiceId: string;
  let patient: Patient;
  let today: string;
  beforeAll(async () => {
    app = await startConsole();
    const db = app.server.conn.db;
    const practice = await db
      .selectFrom('practices')
      .select(['id', 'timezone'])
      .where('org_id', '=', 'demo')
      .executeTakeFirstOrThrow();
    practiceId = practice.id;
    today = dayIn(practice.timezone);
    const ids = await db
      .selectFrom('patients')
      .select('id')
      .where('org_id', '=', 'demo')
      .orderBy('id')
      .execute();
    // A patient with chronic and non-chronic conditions, so both flags are seen.
    for (const { id } of ids) {
      const found = await getPatient(db, 'demo', 'test-setup', { practiceId, patientId: id });
      const flags = found?.patient.conditions.map((c) => classifyCondition(c).chronic) ?? [];
      if (found && flags.filter(Boolean).length >= 2 && flags.includes(false)) {
        patient = found.patient;
        break;
      }
    }
    if (!patient) throw new Error('no demo patient with chronic and other conditions');
  });
  afterAll(async () => {
    await app?.stop();
  });

  const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
  /** Chooses an option of a labelled react-aria Select in the section. */
  const choose = async (region: Locator, label: RegExp, option?: string) => {
    await region.getByRole('button', { name: label }).click();
    const options = region.page().getByRole('option');
    await (option ? options.filter({ hasText: option }).first() : options.first()).click();
  };
  const tick = (region: Locator, text: string) =>
    region.locator('label', { hasText: text }).first().click();
  const rows = (table: string, where: Record<string, string>) =>
    app.server.conn.db
      .selectFrom(table as 'consents')
      .select(['id', 'data'])
      .where('org_id', '=', 'demo')
      .where('practice_id', '=', where.practiceId as string)
      .where('patient_id', '=', where.patientId as string)
      .orderBy('ord')
      .execute();
  const ref = () => ({ practiceId, patientId: patient.id });

  async function openPatient(role: 'care-manager' | 'auditor'): Promise<Page> {
    const page = await app.signedIn(role);
    await page.goto(`${app.server.url}/patients/${practiceId}/${patient.id}`);
    await expect.poll(() => page.getByTestId('patient-mrn').textContent()).toBe(patient.mrn);
    return page;
  }

  it('opens the patient from the worklist and shows each condition flagged as the rules core classifies it', async () => {
    const page = await app.signedIn('care-manager');
    await expect.poll(() => page.getByTestId('patient-row').count()).toBe(25);
    await page.getByLabel('Search by name, MRN or id').fill(patient.mrn);
    await expect.poll(() => page.getByTestId('patient-row').count()).toBe(1);
    await page.getByTestId('patient-row').getByRole('link').click();
    const conditions = page.getByTestId('condition-row');
    await expect.poll(() => conditions.count()).toBe(patient.conditions.length);
    const shown = await Promise.all(
      (await conditions.all()).map((row) => row.locator('td').allTextContents()),
    );
    expect(shown.map((cells) => cells[0])).toEqual(patient.conditions.map((c) => c.code));
    expect(shown.map((cells) => (cells[6] as string).startsWith('Chronic'))).toEqual(
      patient.conditions.map((c) => classifyCondition(c).chronic),
    );
    const activeChronic = patient.conditions.filter(
      (c) =>
        classifyCondition(c).chronic &&
        (c.onset === undefined || c.onset <= today) &&
        (c.abatement === undefined || c.abatement >= today),
    ).length;
    expect(await page.getByTestId('chronic-count').textContent()).toMatch(
      new RegExp(`^${activeChronic} chronic condition`),
    );
    await page.close();
  });

  it('records an enrollment change, and shows the refusal of a change that may not follow', async () => {
    const page = await openPatient('care-manager');
    const region = section(page, 'Enrollment');
    await region.getByRole('button', { name: 'Record an enrollment change' }).click();
    await choose(region, /New status/, 'Enrolled');
    // No reason: the form names it and sends nothing.
    await region.getByRole('button', { name: 'Save the change' }).click();
    await expect.poll(() => region.getByRole('alert').textContent()).toBe('Fill in: reason.');
    await region.getByLabel('Reason').fill('Agreed at the annual visit');
    await region.getByRole('button', { name: 'Save the change' }).click();
    const ccm = page.getByTestId('enrollment-table-ccm').getByTestId('enrollment-row');
    await expect.poll(() => ccm.count()).toBe(1);
    expect(await ccm.locator('td').allTextContents()).toEqual(
      expect.arrayContaining([today, 'Enrolled', 'Agreed at the annual visit', 'care-manager']),
    );
    const events = () =>
      app.server.conn.db
        .selectFrom('enrollment_events')
        .select(['program', 'status', 'effective_on', 'reason', 'author_id'])
        .where('org_id', '=', 'demo')
        .where('patient_id', '=', patient.id)
        .execute();
    expect(await events()).toEqual([
      {
        program: 'ccm',
        status: 'enrolled',
        effective_on: today,
        reason: 'Agreed at the annual visit',
        author_id: 'care-manager',
      },
    ]);

    // Enrolled cannot become invited: the server says so, and nothing is written.
    await region.getByRole('button', { name: 'Record an enrollment change' }).click();
    await choose(region, /New status/, 'Invited');
    await region.getByLabel('Reason').fill('Sent the letter again');
    await region.getByRole('button', { name: 'Save the change' }).click();
    await expect
      .poll(() => region.getByRole('alert').textContent())
      .toContain('it can become disenrolled, enrolled-elsewhere, not "invited"');
    expect(await events()).toHaveLength(1);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.close();
  });

  it('refuses a consent while an element is unticked (nothing written), then records it', async () => {
    const page = await openPatient('care-manager');
    const region = section(page, 'Consent');
    const before = await rows('consents', ref());
    await region.getByRole('button', { name: 'Record a consent' }).click();
    await tick(region, 'Verbal');
    await choose(region, /Billing practitioner/);
    await choose(region, /Obtained by/);
    for (const told of [
      'The service is available',
      'Cost sharing applies',
      'One practitioner a month',
    ])
      await tick(region, told);
    await region.getByRole('button', { name: 'Save the consent' }).click();
    await expect
      .poll(() => region.getByRole('alert').textContent())
      .toContain('the patient must be told: They may stop at any time');
    expect(await rows('consents', ref())).toEqual(before);

    // Every element told, but dated tomorrow: the server's refusal names the date.
    await tick(region, 'They may stop at any time');
    await region.getByLabel('Date given').fill(nextDay(today));
    await region.getByRole('button', { name: 'Save the consent' }).click();
    await expect
      .poll(() => region.getByRole('alert').textContent())
      .toMatch(/^date: is after today/);
    expect(await rows('consents', ref())).toEqual(before);

    await region.getByLabel('Date given').fill(today);
    await region.getByRole('button', { name: 'Save the consent' }).click();
    await expect.poll(async () => (await rows('consents', ref())).length).toBe(before.length + 1);
    const saved = (await rows('consents', ref())).at(-1)?.data;
    expect(saved).toMatchObject({
      program: 'ccm',
      date: today,
      method: 'verbal',
      decision: 'accepted',
      informed: {
        availability: true,
        costSharing: true,
        onePractitionerPerMonth: true,
        rightToStop: true,
      },
    });
    // Newest first: the consent just recorded heads the table.
    const first = page.getByTestId('consent-row').first();
    await expect.poll(() => first.locator('td').nth(1).textContent()).toBe(today);
    expect(await first.locator('td').nth(7).textContent()).toBe('in force');
    await page.close();
  });

  it('establishes a care plan with every element, shares it, and shows the filled page', async () => {
    const page = await openPatient('care-manager');
    const region = section(page, 'Care plan');
    const before = await rows('care_plan_events', ref());
    await region.getByRole('button', { name: 'Record a care-plan event' }).click();
    await tick(region, 'Established');
    await choose(region, /Author/);
    await region.getByRole('button', { name: 'Tick every element' }).click();
    await region.getByRole('button', { name: 'Save the event' }).click();
    await expect
      .poll(async () => (await rows('care_plan_events', ref())).length)
      .toBe(before.length + 1);
    const saved = (await rows('care_plan_events', ref())).at(-1)?.data as {
      event: string;
      elements: string[];
      sharedWithPatient?: unknown;
    };
    expect(saved.event).toBe('established');
    expect(saved.elements).toHaveLength(13);
    const top = page.getByTestId('care-plan-row').first();
    await expect
      .poll(() => top.locator('td').first().textContent())
      .toBe(String(before.length + 1));
    expect(await top.locator('td').nth(2).textContent()).toBe('Established');
    expect(await top.locator('td').nth(4).textContent()).toContain('13 of 13');

    await top.getByRole('button', { name: 'Record sharing…' }).click();
    const dialog = page.getByRole('dialog');
    await choose(dialog, /How/, 'Patient portal');
    expect(await accessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save the sharing' }).click();
    await expect
      .poll(() => top.locator('td').nth(6).textContent())
      .toBe(`${today}, Patient portal`);
    const shared = (await rows('care_plan_events', ref())).at(-1)?.data;
    expect(shared).toMatchObject({ sharedWithPatient: { date: today, method: 'portal' } });

    // Every form open at once: still clean for axe.
    await section(page, 'Enrollment')
      .getByRole('button', { name: 'Record an enrollment change' })
      .click();
    await section(page, 'Consent').getByRole('button', { name: 'Record a consent' }).click();
    await region.getByRole('button', { name: 'Record a care-plan event' }).click();
    expect(await accessibilityProblems(page)).toEqual([]);
    for (const [name, cancel] of [
      ['Enrollment', 'Cancel'],
      ['Consent', 'Cancel'],
      ['Care plan', 'Cancel'],
    ] as const)
      await section(page, name).getByRole('button', { name: cancel }).click();
    await page.screenshot({ path: join(SHOTS, 'patient.png'), fullPage: true });
    await page.close();
  });

  it('revokes a consent with a reason, keeping it in the list', async () => {
    const page = await openPatient('care-manager');
    const first = page.getByTestId('consent-row').first();
    await first.getByRole('button', { name: 'Revoke…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Revoke the consent' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('Fill in: reason.');
    await dialog.getByLabel('Reason').fill('Patient chose to stop');
    await dialog.getByRole('button', { name: 'Revoke the consent' }).click();
    await expect
      .poll(() => first.locator('td').nth(7).textContent())
      .toBe(`revoked ${today} (ends with its month)`);
    expect((await rows('consents', ref())).at(-1)?.data).toMatchObject({ revokedOn: today });
    // A revoked consent cannot be revoked again: its row offers no revocation.
    expect(await first.getByRole('button', { name: 'Revoke…' }).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.close();
  });

  it('shows the auditor every section with no form or button to change them', async () => {
    const page = await openPatient('auditor');
    await expect.poll(() => page.getByTestId('condition-row').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('consent-row').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('care-plan-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('enrollment-current').allTextContents()).toContain(
      `Enrolled since ${today}`,
    );
    for (const name of ['Enrollment', 'Consent', 'Care plan'])
      expect(await section(page, name).getByRole('button').count()).toBe(0);
    expect(await page.locator('form').count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.close();
  });
});

/** Today (YYYY-MM-DD) in the practice's time zone, as the server dates records. */
function dayIn(timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function nextDay(day: string): string {
  const next = new Date(`${day}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

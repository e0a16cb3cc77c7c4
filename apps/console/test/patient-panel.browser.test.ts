import { join } from 'node:path';
import { getPatient, monthStatus } from '@chronicle/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { practiceMonth } from '../src/months.js';
import {
  accessibilityProblems,
  SHOTS,
  startConsole,
  type ConsoleUnderTest,
} from './support/console.js';

// The patient panel an EHR's SMART launch ends on (/panel/patients/<practice>/<patient>),
// in Chromium: opened by its address, it shows that patient and this month's figures as
// the server computes them, without the console's navigation, and passes axe. Opened
// without a session, it asks for a sign-in and then shows the panel at the same address.
// The launch itself (EHR, tokens, patient matching) is apps/server/test/smart-launch.test.ts.

describe('the patient panel an EHR opens', () => {
  let app: ConsoleUnderTest;
  let practiceId: string;
  let timezone: string;
  let patientId: string;
  beforeAll(async () => {
    app = await startConsole();
    const db = app.server.conn.db;
    const practice = await db
      .selectFrom('practices')
      .select(['id', 'timezone'])
      .where('org_id', '=', 'demo')
      .executeTakeFirstOrThrow();
    practiceId = practice.id;
    timezone = practice.timezone;
    const first = await db
      .selectFrom('patients')
      .select('id')
      .where('org_id', '=', 'demo')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    patientId = first.id;
  });
  afterAll(async () => {
    await app?.stop();
  });

  const panelUrl = () => `${app.server.url}/panel/patients/${practiceId}/${patientId}`;

  it("shows the patient and this month's minutes and next level as the server computes them, without the navigation", async () => {
    const db = app.server.conn.db;
    const found = await getPatient(db, 'demo', 'test-setup', { practiceId, patientId });
    const month = practiceMonth(timezone);
    const status = await monthStatus(db, 'demo', 'test-setup', { practiceId, patientId, month });
    if (!found || !status) throw new Error('no demo patient to show');
    const { patient } = found;
    const page = await app.signedIn('care-manager', { width: 480, height: 800 });
    await page.goto(panelUrl());
    await expect.poll(() => page.getByTestId('panel-patient-mrn').textContent()).toBe(patient.mrn);
    expect(await page.getByTestId('panel-patient-name').textContent()).toBe(
      `${patient.name.family}, ${patient.name.given}`,
    );
    const round = (n: number) => Math.round(n * 10) / 10;
    const { clinicalStaff, practitioner } = status.countableMinutes;
    await expect
      .poll(() => page.getByTestId('panel-minutes').textContent())
      .toBe(`${round(clinicalStaff)} clinical staff, ${round(practitioner)} practitioner`);
    expect(await page.getByTestId('panel-next').textContent()).toBe(
      status.next
        ? `${status.next.code} after ${round(status.next.minutesNeeded)} more minutes`
        : 'no higher level this month',
    );
    await expect.poll(() => page.getByTestId('panel-consent').textContent()).not.toBe('…');
    await expect.poll(() => page.getByTestId('panel-care-plan').textContent()).not.toBe('…');
    // The EHR shows its own frame around the panel: no top bar, no navigation.
    expect(await page.getByTestId('who').count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Screens' }).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'patient-panel.png') });
    await page.getByTestId('panel-full-record').click();
    await expect.poll(() => page.getByTestId('patient-mrn').textContent()).toBe(patient.mrn);
    await page.close();
  });

  it('asks for a sign-in when opened without a session, then shows the panel at the same address', async () => {
    const page = await app.browser.newPage();
    await page.goto(panelUrl());
    await expect.poll(() => page.getByLabel('Password').count()).toBe(1);
    const { email, password } = app.account('auditor');
    await page.getByLabel('Organization').fill('demo');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('panel-patient-mrn').count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe(`/panel/patients/${practiceId}/${patientId}`);
    await page.close();
  });
});

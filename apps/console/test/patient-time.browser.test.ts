import { join } from 'node:path';
import {
  amendTimeEntry,
  closeMonth,
  linkUserToClinician,
  listMonthTime,
  monthStatus,
} from '@chronicle/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { practiceMonth } from '../src/months.js';
import { monthsBack, practiceClock } from '../src/patient/practice-time.js';
import {
  accessibilityProblems,
  json,
  SHOTS,
  startConsole,
  type ConsoleUnderTest,
  type Role,
} from './support/console.js';

// The patient page's time log and month-by-month status in Chromium, on the demo data: a
// care manager linked to no clinician is told so; once linked, a timer that survives a
// reload becomes an entry, twenty minutes added by hand make 99490 billable in the
// month's row and the worklist; a practitioner approves a staff entry and amends another
// with a reason; a stale edit and new time in a closed month show the server's refusal;
// roles without time.write see the log without a way to change it. Each write is
// checked in the database.

const MANUAL_ACTIVITY = 'Medication reconciliation call with the pharmacy';
const TIMED_ACTIVITY = 'Call about the blood pressure log';
const REASON = 'Call ran longer than first entered';

interface Clinician {
  id: string;
  name: string;
  credential: string;
  role: string;
}

describe("a patient's time log and month status in the console", () => {
  let app: ConsoleUnderTest;
  let practiceId: string;
  let timezone: string;
  let month: string;
  let patient: { id: string; mrn: string; minutesNeeded: number };
  /** The patient's entries this month before the tests add any. */
  let listed: number;
  let staff: Clinician;
  let doctor: Clinician;

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
    month = practiceMonth(timezone);
    const clinicians = (
      await db
        .selectFrom('clinicians')
        .select('data')
        .where('org_id', '=', 'demo')
        .where('practice_id', '=', practiceId)
        .orderBy('id')
        .execute()
    ).map((r) => json<Clinician>(r.data));
    staff = clinicians.find((c) => c.role === 'clinical-staff') as Clinician;
    doctor = clinicians.find((c) => c.role === 'practitioner') as Clinician;
    // An enrolled, consented patient with some time this month (so time counts for them:
    // alive, not in a facility) but short of 99490, and nothing blocking: twenty more
    // minutes of clinical staff time make 99490 billable.
    const rows = await db
      .selectFrom('patients')
      .select(['id', 'data'])
      .where('org_id', '=', 'demo')
      .orderBy('id')
      .execute();
    for (const row of rows) {
      const status = await monthStatus(db, 'demo', 'test-setup', {
        practiceId,
        patientId: row.id,
        month,
      });
      const data = json<{ mrn: string; deathDate?: string }>(row.data);
      if (
        status &&
        data.deathDate === undefined &&
        status.countableMinutes.clinicalStaff > 0 &&
        status.lines.length === 0 &&
        status.blockers.length === 0 &&
        status.next?.code === '99490'
      ) {
        patient = { id: row.id, mrn: data.mrn, minutesNeeded: status.next.minutesNeeded };
        break;
      }
    }
    if (!patient)
      throw new Error(`no demo patient short of 99490 with nothing blocking in ${month}`);
    const ref = { practiceId, patientId: patient.id, month };
    listed = (await listMonthTime(db, 'demo', 'test-setup', ref)).entries.length;
  });
  afterAll(async () => {
    await app?.stop();
  });

  const timeLog = (page: Page) => page.getByRole('region', { name: /^Time · / });
  const history = (page: Page) => page.getByTestId('month-history-row');
  const timeRows = (page: Page) => page.getByTestId('time-row');
  const entries = () =>
    app.server.conn.db
      .selectFrom('time_entries')
      .select(['id', 'data', 'version'])
      .where('org_id', '=', 'demo')
      .where('practice_id', '=', practiceId)
      .where('patient_id', '=', patient.id)
      .orderBy('ord')
      .execute();

  async function openPatient(role: Role): Promise<Page> {
    const page = await app.signedIn(role);
    await page.goto(`${app.server.url}/patients/${practiceId}/${patient.id}`);
    await expect.poll(() => page.getByTestId('patient-mrn').textContent()).toBe(patient.mrn);
    await expect.poll(() => history(page).count()).toBe(12);
    return page;
  }

  /** Links the care manager to a clinical staff member and the practitioner to a doctor. */
  async function linkTeam() {
    for (const [userId, clinician] of [
      ['care-manager', staff],
      ['practitioner', doctor],
    ] as const)
      await linkUserToClinician(app.server.conn.db, 'demo', 'admin', {
        userId,
        practiceId,
        clinicianId: clinician.id,
      });
  }

  /**
   * A start (on the practice's clock) for twenty minutes of the staff member's time that
   * overlaps none of their entries (an overlap would count once), ending before now.
   */
  async function freeTwentyMinutes(): Promise<{ date: string; time: string }> {
    const taken = await app.server.conn.db
      .selectFrom('time_entries')
      .select(['start_ms', 'end_ms'])
      .where('org_id', '=', 'demo')
      .where('clinician_id', '=', staff.id)
      .execute();
    for (let back = 30; back < 24 * 60; back += 30) {
      const startMs = Math.floor((Date.now() - back * 60_000) / 60_000) * 60_000;
      const endMs = startMs + 20 * 60_000;
      const at = practiceClock(new Date(startMs).toISOString(), timezone);
      if (!at.date.startsWith(month)) break;
      if (taken.every((t) => Number(t.end_ms) <= startMs || Number(t.start_ms) >= endMs)) return at;
    }
    throw new Error(`no free twenty minutes of ${staff.id} earlier in ${month} today`);
  }

  it('tells a user linked to no clinician (the demo admin) that time cannot be recorded as them', async () => {
    const page = await openPatient('admin');
    await expect
      .poll(() => page.getByTestId('time-unlinked').textContent())
      .toContain('not linked to a clinician of this practice');
    expect(await page.getByRole('button', { name: 'Start timer' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Add time by hand' }).count()).toBe(0);
    await page.close();
  });

  it('keeps a timer through a reload, and twenty minutes by hand make 99490 billable in the month row and the worklist', async () => {
    await linkTeam();
    const page = await openPatient('care-manager');
    const log = timeLog(page);
    await expect.poll(() => log.getByRole('button', { name: 'Start timer' }).count()).toBe(1);
    // This month first, with nothing billable yet.
    const thisMonth = history(page).first();
    await expect.poll(() => thisMonth.locator('td').first().textContent()).toBe(month);
    await expect.poll(() => thisMonth.locator('td').nth(3).textContent()).toBe('—');
    expect(await thisMonth.locator('td').nth(4).textContent()).toBe(
      `99490: ${patient.minutesNeeded} min more`,
    );
    expect(await thisMonth.locator('td').last().textContent()).toBe('open');
    const before = (await entries()).length;

    await log.getByRole('button', { name: 'Start timer' }).click();
    const elapsed = page.getByTestId('timer-elapsed');
    await expect.poll(() => elapsed.count()).toBe(1);
    const running = await app.server.conn.db
      .selectFrom('timers')
      .selectAll()
      .where('org_id', '=', 'demo')
      .where('user_id', '=', 'care-manager')
      .execute();
    expect(running).toMatchObject([
      { patient_id: patient.id, clinician_id: staff.id, service: 'ccm' },
    ]);
    const first = await elapsed.textContent();
    await expect.poll(() => elapsed.textContent(), { timeout: 5000 }).not.toBe(first);

    // The server keeps the timer: after a reload it is still running, still counting.
    await page.reload();
    await expect.poll(() => page.getByTestId('timer-elapsed').count()).toBe(1);
    await expect.poll(() => page.getByTestId('timer-elapsed').textContent()).not.toBe('0:00:00');
    const timer = page.getByTestId('timer');
    await timer.getByLabel('What was done').fill(TIMED_ACTIVITY);
    await timer.getByRole('button', { name: 'Stop and record' }).click();
    await expect.poll(() => timeRows(page).count()).toBe(listed + 1);
    expect(await page.getByTestId('timer-elapsed').count()).toBe(0);
    const timed = (await entries()).map((e) => json<Record<string, unknown>>(e.data));
    expect(timed).toHaveLength(before + 1);
    expect(timed.at(-1)).toMatchObject({ clinicianId: staff.id, activity: TIMED_ACTIVITY });

    // Twenty minutes by hand, refused first while fields are missing.
    const form = page.getByRole('form', { name: 'Add time by hand' });
    await form.getByRole('button', { name: 'Add time' }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toBe('Fill in: Start time, Minutes, What was done.');
    expect((await entries()).length).toBe(before + 1);
    const at = await freeTwentyMinutes();
    await form.getByLabel('Date').fill(at.date);
    await form.getByLabel('Start time').fill(at.time);
    await form.getByLabel('Minutes', { exact: true }).fill('20');
    await form.getByLabel('What was done').fill(MANUAL_ACTIVITY);
    expect(await accessibilityProblems(page)).toEqual([]);
    await form.getByRole('button', { name: 'Add time' }).click();
    await expect.poll(() => timeRows(page).count()).toBe(listed + 2);
    const manual = timeRows(page).filter({ hasText: MANUAL_ACTIVITY });
    expect(await manual.locator('td').nth(0).textContent()).toBe(`${at.date} ${at.time}`);
    expect(await manual.locator('td').nth(2).textContent()).toBe('20');
    expect(await manual.locator('td').nth(3).textContent()).toContain(staff.name);
    expect(await manual.locator('td').nth(6).textContent()).toBe('Awaiting approval');

    // This month's row is asked again: 99490 billable now, as the server computes it.
    await expect.poll(() => thisMonth.locator('td').nth(3).textContent()).toBe('99490');
    const status = await monthStatus(app.server.conn.db, 'demo', 'test', {
      practiceId,
      patientId: patient.id,
      month,
    });
    expect(status?.lines).toEqual([{ code: '99490', units: 1 }]);
    expect(Number(await thisMonth.locator('td').nth(1).textContent())).toBe(
      Math.round((status?.countableMinutes.clinicalStaff ?? 0) * 10) / 10,
    );

    // And the worklist, reached from the page, shows the code.
    await page.getByRole('link', { name: '← Patients' }).click();
    await page.getByLabel('Search by name, MRN or id').fill(patient.mrn);
    const row = page.getByTestId('patient-row');
    await expect
      .poll(() => row.locator('td:nth-child(2)').allTextContents())
      .toEqual([patient.mrn]);
    const headings = await page.getByTestId('patients-table').locator('th').allTextContents();
    const billable = headings.findIndex((h) => h.startsWith('Billable now'));
    expect(billable).toBeGreaterThan(0);
    await expect.poll(() => row.locator('td').nth(billable).textContent()).toBe('99490');
    await page.close();
  });

  it('lets a practitioner approve a staff entry and amend another with a reason, shown with it', async () => {
    const page = await openPatient('practitioner');
    const timed = timeRows(page).filter({ hasText: TIMED_ACTIVITY });
    await timed.getByRole('button', { name: 'Approve' }).click();
    await expect
      .poll(() => timed.locator('td').nth(6).textContent())
      .toBe(`Approved by ${doctor.name}, ${doctor.credential}`);
    const stored = (await entries()).map((e) => json<Record<string, unknown>>(e.data));
    expect(stored.find((e) => e.activity === TIMED_ACTIVITY)?.signedById).toBe(doctor.id);

    const manual = timeRows(page).filter({ hasText: MANUAL_ACTIVITY });
    await manual.getByRole('button', { name: 'Edit…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit time' });
    await dialog.getByLabel('Minutes', { exact: true }).fill('25');
    await dialog.getByLabel(/^Reason/).fill(REASON);
    expect(await accessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => manual.getByTestId('time-amendments').textContent()).toContain(REASON);
    expect(await manual.getByTestId('time-amendments').textContent()).toContain('by practitioner');
    expect(await manual.getByTestId('time-amendments').textContent()).toContain('minutes 20 → 25');
    expect(await manual.locator('td').nth(2).textContent()).toBe('25');
    const amendments = await app.server.conn.db
      .selectFrom('amendments')
      .select(['author', 'reason', 'before', 'after'])
      .where('org_id', '=', 'demo')
      .where('patient_id', '=', patient.id)
      .execute();
    expect(amendments).toHaveLength(1);
    expect(amendments[0]).toMatchObject({ author: 'practitioner', reason: REASON });
    expect(json<{ minutes: number }>(amendments[0]?.after).minutes).toBe(25);

    // The time log and the month history, as far down the page as they go.
    const box = async (name: RegExp) => {
      const found = await page.getByRole('region', { name }).boundingBox();
      if (!found) throw new Error(`no ${String(name)} section shown`);
      return { ...found, y: found.y + (await page.evaluate(() => window.scrollY)) };
    };
    const top = await box(/^Time · /);
    const bottom = await box(/^Month by month$/);
    await page.screenshot({
      path: join(SHOTS, 'patient-time.png'),
      fullPage: true,
      clip: { x: 0, y: top.y, width: 1280, height: bottom.y + bottom.height - top.y + 16 },
    });
    await page.close();
  });

  it("shows the server's refusal of an edit made on a version another user has changed", async () => {
    const page = await openPatient('care-manager');
    const manual = timeRows(page).filter({ hasText: MANUAL_ACTIVITY });
    await manual.getByRole('button', { name: 'Edit…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit time' });
    // Meanwhile the entry changes under the open form.
    const stored = (await entries()).find(
      (e) => json<{ activity: string }>(e.data).activity === MANUAL_ACTIVITY,
    );
    if (!stored) throw new Error('the manual entry is not stored');
    await amendTimeEntry(
      app.server.conn.db,
      'demo',
      'practitioner',
      {
        practiceId,
        patientId: patient.id,
        entryId: json<{ id: string }>(stored.data).id,
        expectedVersion: stored.version,
        changes: { activity: `${MANUAL_ACTIVITY} and the cardiologist` },
      },
      new Date(),
    );
    await dialog.getByLabel('Minutes', { exact: true }).fill('30');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toContain(
        `was read at version ${stored.version} but is now at version ${stored.version + 1}`,
      );
    const after = (await entries()).find((e) => e.id === stored.id);
    expect(after?.version).toBe(stored.version + 1);
    expect(json<{ minutes: number }>(after?.data).minutes).toBe(25);
    await page.close();
  });

  it("shows a closed month as closed, and the server's refusal of new time in it", async () => {
    const previous = monthsBack(month, 2)[1] as string;
    await closeMonth(app.server.conn.db, {
      orgId: 'demo',
      practiceId,
      patientId: patient.id,
      month: previous,
      actor: 'test-setup',
    });
    const page = await openPatient('care-manager');
    const row = history(page).nth(1);
    expect(await row.locator('td').first().textContent()).toBe(previous);
    await expect.poll(() => row.locator('td').last().textContent()).toMatch(/^closed \d{4}-/);
    expect(await history(page).first().locator('td').last().textContent()).toBe('open');
    await timeLog(page).getByRole('button', { name: /Month/ }).click();
    await page.getByRole('option', { name: previous, exact: true }).click();
    await expect.poll(() => page.getByTestId('time-closed').textContent()).toContain(previous);
    // A care manager may not amend: no edit is offered on a closed month's entries.
    expect(
      await timeLog(page)
        .getByRole('button', { name: /^(Edit|Amend)/ })
        .count(),
    ).toBe(0);
    const before = await entries();
    const form = page.getByRole('form', { name: 'Add time by hand' });
    await form.getByLabel('Date').fill(`${previous}-15`);
    await form.getByLabel('Start time').fill('10:00');
    await form.getByLabel('Minutes', { exact: true }).fill('10');
    await form.getByLabel('What was done').fill('Late entry for last month');
    await form.getByRole('button', { name: 'Add time' }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toContain(`closed month ${previous}`);
    expect(await entries()).toEqual(before);
    await page.close();
  });

  it.each(['auditor', 'compliance-officer'] as const)(
    'shows the %s the time and the months with no timer, time form, edit or approval',
    async (role) => {
      const page = await openPatient(role);
      await expect.poll(() => timeRows(page).count()).toBe(listed + 2);
      const log = timeLog(page);
      expect(await log.getByRole('button', { name: 'Start timer' }).count()).toBe(0);
      expect(await page.getByRole('form', { name: 'Add time by hand' }).count()).toBe(0);
      expect(await log.getByRole('button', { name: /^(Edit|Amend|Approve)/ }).count()).toBe(0);
      expect(await page.getByTestId('time-unlinked').count()).toBe(0);
      const status = await monthStatus(app.server.conn.db, 'demo', 'test', {
        practiceId,
        patientId: patient.id,
        month,
      });
      expect(await history(page).first().locator('td').nth(3).textContent()).toBe(
        status?.lines.map((l) => l.code).join(', '),
      );
      expect(status?.lines[0]?.code).toBe('99490');
      expect(await accessibilityProblems(page)).toEqual([]);
      await page.close();
    },
  );
});

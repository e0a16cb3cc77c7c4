import { addTimeEntry, linkUserToClinician, registerPatient } from '@chronicle/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startConsole, type ConsoleUnderTest } from './support/console.js';

// Issue 8: text from the data is shown as text. A patient registered with markup in their
// name and MRN, and a time entry whose note is markup, are opened in Chromium on the
// patient page and the worklist: no dialog opens (the markup would call alert), no image
// or script element of the markup is in the page, nothing is fetched for it, and the
// text reads exactly as it was typed.

const GIVEN = '"><img src=x onerror=alert(1)>';
const FAMILY = '<script>alert(2)</script>';
const MRN = 'MRN-<b onmouseover=alert(3)>';
const NOTE = '<img src=x onerror=alert(4)><script>alert(5)</script></td><svg onload=alert(6)>';

interface Watch {
  dialogs: string[];
  /** Requests for the markup's image (`src=x`). */
  fetched: string[];
}

describe('markup in a patient name and a time-entry note, in the console', () => {
  let app: ConsoleUnderTest;
  let practiceId: string;
  let patientId: string;
  beforeAll(async () => {
    app = await startConsole();
    const db = app.server.conn.db;
    const practice = await db
      .selectFrom('practices')
      .select('id')
      .where('org_id', '=', 'demo')
      .executeTakeFirstOrThrow();
    practiceId = practice.id;
    const staff = (
      await db
        .selectFrom('clinicians')
        .select(['id', 'data'])
        .where('org_id', '=', 'demo')
        .where('practice_id', '=', practiceId)
        .orderBy('id')
        .execute()
    ).find((c) => json<{ role: string }>(c.data).role === 'clinical-staff');
    if (!staff) throw new Error('no clinical staff member in the demo practice');
    const { patient } = await registerPatient(db, 'demo', 'test-setup', {
      practiceId,
      mrn: MRN,
      name: { given: GIVEN, family: FAMILY },
      birthDate: '1950-04-01',
      coverage: [{ kind: 'medicare-part-b', start: '2015-04-01' }],
      conditions: [],
      encounters: [],
    });
    patientId = patient.id;
    await linkUserToClinician(db, 'demo', 'test-setup', {
      userId: 'care-manager',
      practiceId,
      clinicianId: staff.id,
    });
    // Five minutes ending five minutes ago: this month, on the practice's clock too.
    const now = new Date();
    await addTimeEntry(
      db,
      'demo',
      'care-manager',
      {
        practiceId,
        patientId,
        start: new Date(now.getTime() - 10 * 60_000).toISOString(),
        minutes: 5,
        service: 'ccm',
        activity: NOTE,
      },
      now,
    );
  });
  afterAll(async () => {
    await app?.stop();
  });

  async function watched(): Promise<{ page: Page; watch: Watch }> {
    const page = await app.signedIn('care-manager');
    const watch: Watch = { dialogs: [], fetched: [] };
    page.on('dialog', (dialog) => {
      watch.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/x')) watch.fetched.push(request.url());
    });
    return { page, watch };
  }

  /** Elements and attributes only the markup would have put in the page. */
  const injected = (page: Page) =>
    page.evaluate(() => ({
      images: document.querySelectorAll('img[src="x"], svg[onload]').length,
      handlers: document.querySelectorAll('[onerror], [onload], [onmouseover]').length,
      inlineScripts: [...document.scripts].filter((s) => s.textContent?.includes('alert')).length,
    }));

  it('shows the name, MRN and note as typed on the patient page, and runs none of it', async () => {
    const { page, watch } = await watched();
    await page.goto(`${app.server.url}/patients/${practiceId}/${patientId}`);
    await expect.poll(() => page.getByTestId('patient-mrn').textContent()).toBe(MRN);
    expect(await page.getByTestId('patient-name').textContent()).toBe(`${FAMILY}, ${GIVEN}`);
    const row = page.getByTestId('time-row').filter({ hasText: NOTE });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('td', { hasText: NOTE }).last().textContent()).toBe(NOTE);
    expect(await injected(page)).toEqual({ images: 0, handlers: 0, inlineScripts: 0 });
    expect(watch).toEqual({ dialogs: [], fetched: [] });
    await page.close();
  });

  it('lists the patient in the worklist by the literal name, and runs none of it', async () => {
    const { page, watch } = await watched();
    await page.getByLabel('Search by name, MRN or id').fill('MRN-<b');
    const row = page.getByTestId('patient-row');
    await expect.poll(() => row.locator('td:nth-child(2)').allTextContents()).toEqual([MRN]);
    expect(await row.locator('td').first().textContent()).toBe(`${FAMILY}, ${GIVEN}`);
    expect(await injected(page)).toEqual({ images: 0, handlers: 0, inlineScripts: 0 });
    expect(watch).toEqual({ dialogs: [], fetched: [] });
    await page.close();
  });
});

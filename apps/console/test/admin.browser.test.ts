import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityProblems,
  SHOTS,
  startConsole,
  type ConsoleUnderTest,
} from './support/console.js';

// The administration screens, driven in Chromium against a real server on the demo
// organization: users and roles (create, change a role, disable, the last-admin refusal,
// the clinician link), the practice's capability attestation, and the activity log with
// its hash chain verified; what each is checked against is what the database then holds.
// A care manager sees none of it.

const NEW_USER = {
  id: 'nurse-ana',
  name: 'Ana Ruiz',
  email: 'ana.ruiz@demo.chronicle.invalid',
  password: 'a long first passphrase',
};
/** expect.poll with time for a machine busy with other tests (lazy screens load on first use). */
const eventually = <T>(read: () => T | Promise<T>, message?: string) =>
  expect.poll(read, { timeout: 20_000, ...(message ? { message } : {}) });
const ROLE_BUTTON =
  /^(Admin|Care manager|Practitioner|Compliance officer|Read-only auditor)\s*Role/;

describe('the administration screens in Chromium', () => {
  let app: ConsoleUnderTest;
  let admin: Page;
  beforeAll(async () => {
    app = await startConsole();
  });
  afterAll(async () => {
    await app?.stop();
  });
  const db = () => app.server.conn.db;
  const userRow = (id: string) =>
    db()
      .selectFrom('users')
      .select(['role', 'disabled_at', 'version'])
      .where('org_id', '=', 'demo')
      .where('id', '=', id)
      .executeTakeFirst();
  /** Opens a user's panel from the users table. */
  const manage = async (displayName: string) => {
    await admin.getByRole('button', { name: `Manage ${displayName}` }).click();
    const dialog = admin.getByTestId('manage-user');
    await dialog.waitFor();
    return dialog;
  };
  const closeDialog = async () => {
    await admin.getByTestId('manage-user').getByRole('button', { name: 'Close' }).click();
    await eventually(() => admin.getByTestId('manage-user').count()).toBe(0);
  };

  it('lists the users with role, sign-in state and last sign-in, from the Administration entry', async () => {
    // One admin page for the tests that follow, which go on from where the last one left it.
    admin = await app.signedIn('admin');
    await admin.getByRole('link', { name: 'Administration' }).click();
    await eventually(() => admin.url()).toContain('/admin/users');
    const rows = admin.getByTestId('user-row');
    await eventually(() => rows.count()).toBe(5);
    const adminCells = await rows.filter({ hasText: 'Demo admin' }).locator('td').allTextContents();
    expect(adminCells.slice(0, 4)).toEqual([
      'Demo admin',
      'admin@demo.chronicle.invalid',
      'Admin',
      'Enabled',
    ]);
    // The admin signed in to get here; nobody else has.
    expect(adminCells[4]).not.toBe('Never');
    const auditorCells = await rows
      .filter({ hasText: 'Demo auditor' })
      .locator('td')
      .allTextContents();
    expect(auditorCells[4]).toBe('Never');
    expect(await accessibilityProblems(admin)).toEqual([]);
  });

  it('creates a user, naming missing fields first, and the database holds them', async () => {
    await admin.getByRole('button', { name: 'New user' }).click();
    const dialog = admin.getByTestId('new-user');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await eventually(() => dialog.getByRole('alert').textContent()).toContain(
      'User id is required.',
    );
    expect(await dialog.getByRole('alert').textContent()).toContain('Password must be at least 12');
    expect(await userRow(NEW_USER.id)).toBeUndefined();
    await dialog.getByLabel('User id').fill(NEW_USER.id);
    await dialog.getByLabel('Name').fill(NEW_USER.name);
    await dialog.getByLabel('Email').fill(NEW_USER.email);
    await dialog.getByRole('button', { name: /Role/ }).click();
    await admin.getByRole('option', { name: 'Care manager', exact: true }).click();
    await dialog.getByLabel(/First password/).fill(NEW_USER.password);
    expect(await accessibilityProblems(admin)).toEqual([]);
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await eventually(() => admin.getByTestId('user-row').count()).toBe(6);
    expect(await userRow(NEW_USER.id)).toMatchObject({ role: 'care-manager', disabled_at: null });
    const row = admin.getByTestId('user-row').filter({ hasText: NEW_USER.name });
    expect(await row.locator('td').nth(2).textContent()).toBe('Care manager');
  });

  it("changes the new user's role, then disables them, and they can no longer sign in", async () => {
    let dialog = await manage(NEW_USER.name);
    await dialog.getByRole('button', { name: ROLE_BUTTON }).click();
    await admin.getByRole('option', { name: 'Practitioner', exact: true }).click();
    await dialog.getByRole('button', { name: 'Change role' }).click();
    await eventually(() => dialog.getByTestId('manage-outcome').textContent()).toBe(
      'Role changed.',
    );
    expect((await userRow(NEW_USER.id))?.role).toBe('practitioner');
    expect(await accessibilityProblems(admin)).toEqual([]);

    // The dialog now holds the version the role change left: disabling is not refused as stale.
    await dialog.getByRole('button', { name: 'Disable user' }).click();
    await eventually(() => dialog.getByTestId('manage-outcome').textContent()).toContain(
      'Disabled',
    );
    expect((await userRow(NEW_USER.id))?.disabled_at).not.toBeNull();
    await closeDialog();
    const row = admin.getByTestId('user-row').filter({ hasText: NEW_USER.name });
    await eventually(() => row.locator('td').nth(3).textContent()).toBe('Disabled');

    const page = await app.browser.newPage();
    await app.signIn(page, NEW_USER.email, NEW_USER.password);
    await eventually(() => page.getByRole('alert').textContent()).toContain(
      'wrong organization, email or password',
    );
    expect(await page.getByTestId('who').count()).toBe(0);
    await page.close();
    dialog = await manage(NEW_USER.name);
    expect(await dialog.getByRole('button', { name: 'Enable user' }).isVisible()).toBe(true);
    await closeDialog();
  });

  it("shows the server's refusal when the last admin demotes themselves, and writes nothing", async () => {
    const before = await userRow('admin');
    const dialog = await manage('Demo admin');
    await dialog.getByRole('button', { name: ROLE_BUTTON }).click();
    await admin.getByRole('option', { name: 'Care manager', exact: true }).click();
    await dialog.getByRole('button', { name: 'Change role' }).click();
    await eventually(() => dialog.getByRole('alert').textContent()).toContain(
      "is the organization's last enabled admin",
    );
    expect(await userRow('admin')).toEqual(before);
    expect(await accessibilityProblems(admin)).toEqual([]);
    await closeDialog();
  });

  it('links a user to a clinician of the practice', async () => {
    const dialog = await manage('Demo care manager');
    await dialog.getByRole('button', { name: /Clinician in this practice/ }).click();
    // The last clinician: the demo links its care manager and practitioner to the first
    // of their kinds, and a clinician is at most one user.
    const option = admin.getByRole('option').last();
    const label = (await option.textContent()) ?? '';
    await option.click();
    await dialog.getByRole('button', { name: 'Save clinician link' }).click();
    await eventually(() => dialog.getByTestId('manage-outcome').textContent()).toBe(
      'Clinician link saved.',
    );
    const link = await db()
      .selectFrom('user_clinicians')
      .select(['clinician_id', 'linked_by'])
      .where('org_id', '=', 'demo')
      .where('user_id', '=', 'care-manager')
      .executeTakeFirst();
    expect(link?.linked_by).toBe('admin');
    await closeDialog();
    const row = admin.getByTestId('user-row').filter({ hasText: 'Demo care manager' });
    await eventually(() => row.locator('td').nth(6).textContent()).toBe(label);
    await admin.screenshot({ path: join(SHOTS, 'admin-users.png') });
  });

  it('warns of an attestation nearly a year old, and records a new one the database then holds', async () => {
    // An attestation 11 and a half months old: still current, but due.
    const today = new Date();
    const old = new Date(today.getTime() - 350 * 86_400_000).toISOString().slice(0, 10);
    const practice = await db()
      .selectFrom('practices')
      .select(['id', 'data'])
      .where('org_id', '=', 'demo')
      .executeTakeFirstOrThrow();
    const capabilities = {
      certifiedEhr: true,
      access24x7: false,
      continuityOfCare: true,
      enhancedCommunication: true,
      careTransitions: true,
      attestedOn: old,
    };
    await db()
      .updateTable('practices')
      .set((eb) => ({
        data: JSON.stringify({ ...practice.data, capabilities }),
        version: eb('version', '+', 1),
      }))
      .where('org_id', '=', 'demo')
      .where('id', '=', practice.id)
      .execute();
    await admin.getByRole('link', { name: 'Practice capabilities' }).click();
    await eventually(() => admin.getByTestId('attestation-warning').textContent()).toContain(
      'more than 11 months old',
    );
    expect(await admin.getByTestId('attested-on').textContent()).toBe(old);
    const access = admin.getByRole('checkbox', { name: '24/7 access to care' });
    expect(await access.isChecked()).toBe(false);
    expect(await accessibilityProblems(admin)).toEqual([]);

    // The label a user clicks (the "Not confirmed" line names the capability too).
    await admin.locator('label').filter({ has: access }).click();
    await eventually(() => access.isChecked()).toBe(true);
    // Today on the practice's calendar: the server refuses an attestation dated after it,
    // and the browser's own date runs ahead of it in the evening in the Americas.
    const day = new Intl.DateTimeFormat('en-CA', {
      timeZone: (practice.data as { timezone: string }).timezone,
    }).format(new Date());
    await admin.getByLabel('Attested on').fill(day);
    await admin.getByRole('button', { name: 'Attest capabilities' }).click();
    await eventually(() => admin.getByTestId('attested-on').textContent()).toBe(day);
    expect(await admin.getByTestId('attestation-warning').count()).toBe(0);
    const stored = await db()
      .selectFrom('practices')
      .select('data')
      .where('org_id', '=', 'demo')
      .executeTakeFirstOrThrow();
    expect((stored.data as { capabilities?: unknown }).capabilities).toEqual({
      certifiedEhr: true,
      access24x7: true,
      continuityOfCare: true,
      enhancedCommunication: true,
      careTransitions: true,
      attestedOn: day,
    });
    await admin.screenshot({ path: join(SHOTS, 'admin-practice.png') });
  });

  it('shows the attestation first in the activity log, filters it, and verifies the chain', async () => {
    await admin.getByRole('link', { name: 'Activity log' }).click();
    const rows = admin.getByTestId('activity-row');
    await eventually(() => rows.count()).toBe(25);
    const newest = await rows.first().locator('td').allTextContents();
    expect(newest.slice(2)).toEqual([
      'admin',
      'update',
      'practice',
      expect.any(String),
      'capabilities',
    ]);
    const seqs = (await rows.locator('td:first-child').allTextContents()).map(Number);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const { log_seq } = await db()
      .selectFrom('organizations')
      .select('log_seq')
      .where('id', '=', 'demo')
      .executeTakeFirstOrThrow();
    expect(seqs[0]).toBe(Number(log_seq));

    await admin.getByRole('button', { name: 'Verify the log' }).click();
    await eventually(() => admin.getByTestId('verify-outcome').textContent()).toContain(
      `The log holds: ${log_seq} entries`,
    );
    expect(await accessibilityProblems(admin)).toEqual([]);
    await admin.screenshot({ path: join(SHOTS, 'admin-activity.png') });

    await admin.getByLabel('Record type').fill('user');
    await eventually(async () => [
      ...new Set(await rows.locator('td:nth-child(5)').allTextContents()),
    ]).toEqual(['user']);
    expect(await rows.locator('td:nth-child(6)').allTextContents()).toContain(NEW_USER.id);
    await admin.getByRole('button', { name: 'Older' }).isDisabled();
  });

  it('gives a care manager no Administration entry, and a clear refusal at each address', async () => {
    const page = await app.signedIn('care-manager');
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Activity log' }).count()).toBe(0);
    for (const path of ['/admin/users', '/admin/practice', '/admin/activity']) {
      await page.goto(`${app.server.url}${path}`);
      await eventually(() => page.getByRole('heading', { name: 'Not allowed' }).count(), path).toBe(
        1,
      );
      expect(await page.getByRole('alert').textContent()).toContain(
        'Your role (care-manager) may not',
      );
      expect(await page.getByTestId('user-row').count()).toBe(0);
    }
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.close();
  });

  it('lets a compliance officer read the activity log but not the users', async () => {
    const page = await app.signedIn('compliance-officer');
    await page.getByRole('link', { name: 'Activity log' }).click();
    await eventually(() => page.getByTestId('activity-row').count()).toBe(25);
    expect(await page.getByRole('link', { name: 'Users and roles' }).count()).toBe(0);
    await page.goto(`${app.server.url}/admin/users`);
    await eventually(() => page.getByRole('heading', { name: 'Not allowed' }).count()).toBe(1);
    await page.goto(`${app.server.url}/admin/practice`);
    await eventually(() => page.getByTestId('attested-on').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Attest capabilities' }).count()).toBe(0);
    expect(await page.getByRole('checkbox').first().isDisabled()).toBe(true);
    await page.close();
  });
});

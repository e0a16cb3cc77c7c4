import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordEnrollment } from '@chronicle/db';
import { startServer, type DemoAccount, type RunningServer } from '@chronicle/server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The console's build, served by the server on a fresh embedded database holding the demo
// organization (120 synthetic patients), driven in headless Chromium: signing in, the
// organization and role in view, and the patients worklist paged, searched and sorted by
// the server.

const DIST = fileURLToPath(new URL('../dist', import.meta.url));
/** Where the screenshots docs/console.md shows are written. */
const SHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations on the page as it is now: rule ids with the
 * elements they were found on, so that a failure says what to fix.
 */
async function accessibilityProblems(page: Page): Promise<string[]> {
  // Evaluated through the browser's debugging protocol: the page's own CSP (script-src
  // 'self') rightly refuses a script tag added to it.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

interface AxeResults {
  violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }>;
}

describe('the console in Chromium', () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let accounts: DemoAccount[];

  beforeAll(async () => {
    if (!existsSync(join(DIST, 'index.html')))
      throw new Error(`no console build in ${DIST}: run "pnpm exec turbo run build" first`);
    if (!existsSync(CHROMIUM))
      throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium or set CHROMIUM_PATH`);
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'chronicle-console-'));
    server = await startServer({
      db: join(dataDir, 'data'),
      env: { PORT: '0', CONSOLE_DIR: DIST, CHRONICLE_DEMO: '1', LOG_LEVEL: 'warn' },
    });
    accounts = server.demoAccounts ?? [];
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const account = (role: string) => {
    const found = accounts.find((a) => a.role === role);
    if (!found) throw new Error(`no demo account for ${role}`);
    return found;
  };

  async function signIn(page: Page, email: string, password: string) {
    await page.goto(server.url);
    await page.getByLabel('Organization').fill('demo');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it("refuses a wrong password with the server's words and stays on the form", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(server.url);
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
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
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
    const page = await browser.newPage();
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
    const page = await browser.newPage();
    const { email, password } = account('care-manager');
    await signIn(page, email, password);
    const rows = page.getByTestId('patient-row');
    await expect.poll(() => rows.count()).toBe(25);
    const [mrn] = await rows.first().locator('td:nth-child(2)').allTextContents();
    const [patient] = (await server.conn.db
      .selectFrom('patients')
      .select(['practice_id', 'id'])
      .where('org_id', '=', 'demo')
      .where(({ ref }) => ref('data', '->>').key('mrn'), '=', mrn as string)
      .execute()) as Array<{ practice_id: string; id: string }>;
    if (!patient) throw new Error('no patient with that MRN');
    await recordEnrollment(server.conn.db, 'demo', {
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
});

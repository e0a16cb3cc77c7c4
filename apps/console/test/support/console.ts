import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type DemoAccount, type RunningServer } from '@chronicle/server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

// What every browser test of the console needs: the console's build served by a real
// server on a fresh embedded database holding the demo organization (120 synthetic
// patients, one account per role), headless Chromium, signing in, axe-core, and where the
// screenshots docs/console.md shows are written.

// CONSOLE_DIST: a build of one's own, kept still while others rebuild dist/.
const DIST = process.env.CONSOLE_DIST ?? fileURLToPath(new URL('../../dist', import.meta.url));
/** Where the screenshots docs/console.md shows are written. */
export const SHOTS = fileURLToPath(new URL('../../../../docs/screenshots/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type Role = 'admin' | 'care-manager' | 'practitioner' | 'compliance-officer' | 'auditor';

export interface ConsoleUnderTest {
  server: RunningServer;
  browser: Browser;
  account(role: Role): DemoAccount;
  /** A new page (1280 wide) signed in as the role, the worklist loaded. */
  signedIn(role: Role, viewport?: { width: number; height: number }): Promise<Page>;
  /** Fills and submits the sign-in form (on whatever page the server serves at `/`). */
  signIn(page: Page, email: string, password: string): Promise<void>;
  stop(): Promise<void>;
}

export interface ConsoleOptions {
  /** A chronicle.config.json for the server (its plugins); the CMS pack alone without. */
  config?: string;
}

export async function startConsole(options: ConsoleOptions = {}): Promise<ConsoleUnderTest> {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error(`no console build in ${DIST}: run "pnpm exec turbo run build" first`);
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium or set CHROMIUM_PATH`);
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'chronicle-console-'));
  const server = await startServer({
    db: join(dataDir, 'data'),
    env: { PORT: '0', CONSOLE_DIR: DIST, CHRONICLE_DEMO: '1', LOG_LEVEL: 'warn' },
    ...(options.config !== undefined ? { config: options.config } : {}),
  });
  const accounts = server.demoAccounts ?? [];
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });

  const account = (role: Role) => {
    const found = accounts.find((a) => a.role === role);
    if (!found) throw new Error(`no demo account for ${role}`);
    return found;
  };
  const signIn = async (page: Page, email: string, password: string) => {
    await page.goto(server.url);
    await page.getByLabel('Organization').fill('demo');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  return {
    server,
    browser,
    account,
    signIn,
    async signedIn(role, viewport = { width: 1280, height: 900 }) {
      const page = await browser.newPage({ viewport });
      const { email, password } = account(role);
      await signIn(page, email, password);
      await expect.poll(() => page.getByTestId('who').count()).toBe(1);
      return page;
    },
    async stop() {
      await browser.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A JSON column as the driver gives it (PGlite: text; PostgreSQL: parsed). */
export function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/**
 * Waits until the table named `testId` has its answer: while a new page, sort, search or
 * view is fetched the console keeps showing the previous rows (marked aria-busy), and the
 * pager's "Page 1" can appear before the rows it describes.
 */
export async function tableSettled(page: Page, testId: string): Promise<void> {
  await expect.poll(() => page.getByTestId(testId).getAttribute('aria-busy')).toBe('false');
}

/**
 * axe-core's serious and critical violations on the page as it is now: rule ids with the
 * elements they were found on, so that a failure says what to fix.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
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

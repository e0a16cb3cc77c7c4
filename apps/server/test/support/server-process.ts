import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Dataset } from '@chronicle/dataset';
import { createUser, importDataset, setPasswordHash, type Db } from '@chronicle/db';
import { generateDataset } from '@chronicle/synthetic';
import { hashPassword } from '../../src/index.js';
import { keepLogLine, keepPatientData } from './log-capture.js';

// A real server process (support/server-child.ts) for the tests that run several, kill one
// or restart its database: started on the database its environment names, signed into
// over HTTP, and stopped (or killed) by signal.

const CHILD = join(import.meta.dirname, 'server-child.ts');

export interface ServerProcess {
  process: ChildProcess;
  url: string;
  /** Its JSON log lines so far. */
  stdout(): string;
  /** What it wrote to standard error (its URL first; a crash's trace). */
  stderr(): string;
  /** Sends the signal and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts one; a setting given as undefined is removed from the inherited environment. */
export function startServerProcess(
  settings: Record<string, string | undefined>,
): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    CHRONICLE_DEMO: '0',
    LOG_LEVEL: 'info',
    ...settings,
  };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const child = spawn(
    process.execPath,
    ['--conditions=@chronicle/source', '--import', 'tsx', CHILD],
    { cwd: join(import.meta.dirname, '../..'), env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString();
    keepLogLine(c.toString());
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
      const url = stderr.match(/^(http:\/\/\S+)\n/)?.[1];
      if (url)
        resolve({
          process: child,
          url,
          stdout: () => stdout,
          stderr: () => stderr,
          async stop(signal = 'SIGTERM') {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            await exited;
          },
        });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
  });
}

/** A signed-in client of a server process: tRPC calls over plain HTTP. */
export interface HttpClient {
  query(path: string, input?: unknown): Promise<Response>;
  mutate(path: string, input?: unknown): Promise<Response>;
}

export async function signInOver(
  url: string,
  credentials: { organization: string; email: string; password: string },
): Promise<HttpClient> {
  const res = await fetch(`${url}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    query: (path, input) =>
      fetch(
        `${url}/api/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
        { headers: { cookie } },
      ),
    mutate: (path, input) =>
      fetch(`${url}/api/trpc/${path}`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      }),
  };
}

/** The data of a successful tRPC answer; anything else throws with the status and body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test data read loosely, checked by expect
export async function data<T = any>(answer: Response | Promise<Response>): Promise<T> {
  const res = await answer;
  const text = await res.text();
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${text}`);
  return (JSON.parse(text) as { result: { data: T } }).result.data;
}

/**
 * A synthetic practice (2026, from January) stored for `orgId`, with an admin `admin`
 * who signs in with `email` and `password`: what a test of server processes starts from.
 */
export async function seedPractice(
  db: Db,
  input: {
    orgId: string;
    seed: number;
    patients: number;
    months: number;
    email: string;
    password: string;
  },
): Promise<Dataset> {
  const { orgId, email } = input;
  const dataset = generateDataset({
    seed: input.seed,
    patients: input.patients,
    year: 2026,
    months: input.months,
  });
  keepPatientData(dataset);
  await importDataset(db, { orgId, actor: 'test-setup', dataset });
  await createUser(
    db,
    orgId,
    { id: 'admin', email, displayName: 'Admin', role: 'admin' },
    'test-setup',
  );
  await setPasswordHash(db, {
    orgId,
    userId: 'admin',
    passwordHash: await hashPassword(input.password),
    actor: 'test-setup',
  });
  return dataset;
}

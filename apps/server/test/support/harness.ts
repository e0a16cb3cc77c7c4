import { Writable } from 'node:stream';
import type { Dataset } from '@chronicle/dataset';
import { createUser, importDataset, setPasswordHash, type Connection } from '@chronicle/db';
import { createTestDatabase, type TestDatabase } from '@chronicle/db/testing';
import { generateDataset } from '@chronicle/synthetic';
import type { Express } from 'express';
import request from 'supertest';
import { ROLES } from '@chronicle/api';
import { keepLogLine, keepPatientData } from './log-capture.js';
import type { PluginHost } from '@chronicle/plugin-api/host';
import {
  createApp,
  createJobs,
  createLogger,
  hashPassword,
  loadServerPlugins,
  readEnv,
  type Jobs,
} from '../../src/index.js';

// The assembled server on a fresh database of either kind, holding two organizations with
// a practice each and one user per role, and every log line it writes kept for the tests
// that read them.

export const PASSWORD = 'correct horse battery staple';
export const ORGS = ['org-north', 'org-south'] as const;

export interface TestServer {
  app: Express;
  conn: Connection;
  jobs: Jobs;
  plugins: PluginHost;
  datasets: Record<(typeof ORGS)[number], Dataset>;
  /** Every log line, as written. */
  logs: string[];
  /** A signed-in agent of the organization's user with this role. */
  signIn(role: string, orgId?: string): Promise<Agent>;
  anonymous(): Agent;
  close(): Promise<void>;
}

export interface Agent {
  query(path: string, input?: unknown): Promise<request.Response>;
  mutate(path: string, input?: unknown): Promise<request.Response>;
  agent: ReturnType<typeof request.agent>;
  csrf: string;
}

export async function startTestServer(
  kind: 'pglite' | 'postgres',
  options: {
    env?: NodeJS.ProcessEnv;
    patients?: number;
    work?: boolean;
    /** The server's clock (the real one by default). */
    now?: () => Date;
    /** The plugins (by default those a server loads with no config: the CMS pack). */
    plugins?: PluginHost;
  } = {},
): Promise<TestServer> {
  const database: TestDatabase = await createTestDatabase(kind);
  const conn = await database.open();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const text = chunk.toString();
      logs.push(text);
      keepLogLine(text);
      callback();
    },
  });
  const log = createLogger('info', sink);
  const env = readEnv({ CHRONICLE_DEMO: '0', ...options.env });
  const datasets = {} as Record<(typeof ORGS)[number], Dataset>;
  for (const [i, orgId] of ORGS.entries()) {
    const dataset = generateDataset({
      seed: 40 + i,
      patients: options.patients ?? 12,
      year: 2026,
      months: 3,
    });
    datasets[orgId] = dataset;
    keepPatientData(dataset);
    await importDataset(conn.db, { orgId, actor: 'test-setup', dataset });
    for (const role of ROLES) {
      await createUser(
        conn.db,
        orgId,
        { id: role, email: `${role}@${orgId}.test`, displayName: role, role },
        'test-setup',
      );
      await setPasswordHash(conn.db, {
        orgId,
        userId: role,
        passwordHash: await hashPassword(PASSWORD),
        actor: 'test-setup',
      });
    }
  }
  const plugins = options.plugins ?? (await loadServerPlugins(undefined, log));
  const jobs = createJobs(conn, log, {
    work: options.work,
    pollingSeconds: 0.5,
    rules: () => plugins.rules(),
  });
  await jobs.start();
  const app = createApp({
    db: conn.db,
    env,
    log,
    jobs,
    plugins,
    reportPlugins: plugins,
    ...(options.now ? { now: options.now } : {}),
  });

  const wrap = (agent: ReturnType<typeof request.agent>, csrf: string): Agent => ({
    agent,
    csrf,
    query: (path, input) =>
      agent
        .get(`/api/trpc/${path}`)
        .query(input === undefined ? {} : { input: JSON.stringify(input) }),
    mutate: (path, input) =>
      agent
        .post(`/api/trpc/${path}`)
        .set('x-csrf-token', csrf)
        .set('content-type', 'application/json')
        .send(JSON.stringify(input ?? {})),
  });

  return {
    app,
    conn,
    jobs,
    plugins,
    datasets,
    logs,
    async signIn(role, orgId = ORGS[0]) {
      const agent = request.agent(app);
      const res = await agent
        .post('/auth/sign-in')
        .send({ organization: orgId, email: `${role}@${orgId}.test`, password: PASSWORD });
      if (res.status !== 200)
        throw new Error(`sign-in as ${role} failed: ${res.status} ${res.text}`);
      return wrap(agent, (res.body as { csrfToken: string }).csrfToken);
    },
    anonymous: () => wrap(request.agent(app), ''),
    async close() {
      await jobs.stop(5_000);
      await conn.close();
      await plugins.deactivateAll();
      await database.drop();
    },
  };
}

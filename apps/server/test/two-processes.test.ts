import {
  createUser,
  importDataset,
  requestAuditRun,
  setPasswordHash,
  connect,
  getAuditRun,
  type Connection,
} from '@chronicle/db';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@chronicle/db/testing';
import { generateDataset } from '@chronicle/synthetic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobs, createLogger, hashPassword } from '../src/index.js';
import { keepPatientData } from './support/log-capture.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

// Several stateless server processes behind one PostgreSQL: a session made on one is good
// on the other (sessions live in the database), and an audit job is run by exactly one of
// them (pg-boss claims each job once).

const ORG = 'org-shared';
const PASSWORD = 'two processes, one database';

type Child = ServerProcess;
const startChild = (databaseUrl: string) => startServerProcess({ DATABASE_URL: databaseUrl });

// PostgreSQL only by nature: the embedded database serves one process.
describe.skipIf(!DATABASE_KINDS.includes('postgres'))(
  'two server processes on one PostgreSQL',
  () => {
    let database: TestDatabase;
    let conn: Connection;
    let a: Child;
    let b: Child;
    beforeAll(async () => {
      database = await createTestDatabase('postgres');
      conn = await connect({ url: database.url });
      const dataset = generateDataset({ seed: 77, patients: 30, year: 2026, months: 2 });
      await importDataset(conn.db, { orgId: ORG, actor: 'test-setup', dataset });
      keepPatientData(dataset);
      await createUser(
        conn.db,
        ORG,
        { id: 'cco', email: 'cco@shared.test', displayName: 'CCO', role: 'compliance-officer' },
        'test-setup',
      );
      await setPasswordHash(conn.db, {
        orgId: ORG,
        userId: 'cco',
        passwordHash: await hashPassword(PASSWORD),
        actor: 'test-setup',
      });
      [a, b] = await Promise.all([startChild(database.url), startChild(database.url)]);
    }, 120_000);
    afterAll(async () => {
      for (const child of [a, b]) await child?.stop();
      await conn?.close();
      await database?.drop();
    });

    it('honours on one process a session made on the other', async () => {
      const signIn = await fetch(`${a.url}/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ organization: ORG, email: 'cco@shared.test', password: PASSWORD }),
      });
      expect(signIn.status).toBe(200);
      const cookie = signIn.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const me = await fetch(`${b.url}/api/trpc/session.me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      expect(
        ((await me.json()) as { result: { data: { userId: string } } }).result.data.userId,
      ).toBe('cco');
      const csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken;
      const out = await fetch(`${b.url}/auth/sign-out`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf },
      });
      expect(out.status).toBe(204);
      expect((await fetch(`${a.url}/api/trpc/session.me`, { headers: { cookie } })).status).toBe(
        401,
      );
    });

    it('runs an enqueued audit job exactly once, on one of the two', async () => {
      // A producer that does not work jobs itself, as a third process would.
      const producer = createJobs(conn, createLogger('silent'), { work: false });
      await producer.start();
      try {
        const [practiceId] = (await conn.db.selectFrom('practices').select('id').execute()).map(
          (r) => r.id,
        );
        const runs = [];
        for (let i = 0; i < 4; i++) {
          const run = await requestAuditRun(conn.db, {
            orgId: ORG,
            practiceId: practiceId as string,
            requestedBy: 'cco',
            now: new Date(),
          });
          await producer.enqueueAudit(ORG, run.id);
          runs.push(run.id);
        }
        for (const id of runs) {
          for (let i = 0; i < 600; i++) {
            const state = await getAuditRun(conn.db, ORG, id);
            if (state?.status === 'done') break;
            await new Promise((r) => setTimeout(r, 100));
          }
          expect((await getAuditRun(conn.db, ORG, id))?.status).toBe('done');
        }
        const started = (child: Child) =>
          child
            .stdout()
            .split('\n')
            .filter((line) => line.includes('"event":"audit started"'))
            .map((line) => (JSON.parse(line) as { runId: string }).runId);
        const all = [...started(a), ...started(b)];
        expect([...all].sort()).toEqual([...runs].sort());
      } finally {
        await producer.stop(1_000);
      }
    }, 120_000);
  },
);

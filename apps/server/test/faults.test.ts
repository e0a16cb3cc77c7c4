import { setTimeout as sleep } from 'node:timers/promises';
import {
  exportDataset,
  getAuditRun,
  importDataset,
  requestAuditRun,
  verifyActivityLog,
  type Connection,
} from '@chronicle/db';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@chronicle/db/testing';
import { audit } from '@chronicle/rules';
import { generateDataset } from '@chronicle/synthetic';
import { sql } from 'kysely';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_QUEUE, createJobs, createLogger } from '../src/index.js';
import { keepPatientData } from './support/log-capture.js';
import {
  data,
  seedPractice,
  signInOver,
  startServerProcess,
  type HttpClient,
  type ServerProcess,
} from './support/server-process.js';

// A server process killed (SIGKILL: no handler runs, nothing is rolled back by the process
// itself) in the middle of a month close and of an audit job. To kill it at a known point
// rather than by luck, the test holds a lock the server's transaction needs next: the
// server has begun writing and waits; the test kills it, then lets go. Afterwards nothing
// of the interrupted transaction is in the database, the activity log's chain verifies,
// and a restarted server finishes the work: the month closes, the audit job is taken up
// again and completes. A job lost every time is marked failed rather than left running.

const ORG = 'org-faults';
const PASSWORD = 'killed halfway, nothing half-written';
const FROM = '2026-01';
const TO = '2026-03';

/** The server's waiting backend: its pid, once it is blocked on the lock the test holds. */
async function waitForBlockedBackend(
  admin: pg.Client,
  database: string,
  waitEvent: 'advisory' | 'relation',
): Promise<number> {
  for (let i = 0; i < 400; i++) {
    const { rows } = await admin.query<{ pid: number }>(
      `select pid from pg_stat_activity
        where datname = $1 and wait_event_type = 'Lock' and wait_event = $2 and pid <> pg_backend_pid()`,
      [database, waitEvent],
    );
    if (rows[0]) return rows[0].pid;
    await sleep(50);
  }
  throw new Error(`no backend of ${database} came to wait on the ${waitEvent} lock`);
}

/** Waits for PostgreSQL to end a backend whose client is gone (its transaction rolled back). */
async function waitForBackendGone(admin: pg.Client, pid: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const { rows } = await admin.query('select 1 from pg_stat_activity where pid = $1', [pid]);
    if (rows.length === 0) return;
    await sleep(50);
  }
  throw new Error(`backend ${pid} outlived its killed client`);
}

describe.skipIf(!DATABASE_KINDS.includes('postgres'))(
  'a server process killed mid-transaction on PostgreSQL',
  () => {
    let database: TestDatabase;
    let databaseName: string;
    let conn: Connection;
    let admin: pg.Client;
    let server: ServerProcess | undefined;
    let practiceId: string;
    let patientIds: string[];
    const env = () => ({
      DATABASE_URL: database.url,
      // A lost audit job is taken up again after 2 s, looked for every second.
      AUDIT_JOB_TIMEOUT_SECONDS: '2',
      JOB_MAINTENANCE_SECONDS: '1',
    });
    const signIn = (url: string): Promise<HttpClient> =>
      signInOver(url, { organization: ORG, email: 'admin@faults.test', password: PASSWORD });

    beforeAll(async () => {
      database = await createTestDatabase('postgres');
      databaseName = new URL(database.url).pathname.slice(1);
      conn = await database.open();
      const dataset = await seedPractice(conn.db, {
        orgId: ORG,
        seed: 808,
        patients: 30,
        months: 3,
        email: 'admin@faults.test',
        password: PASSWORD,
      });
      practiceId = dataset.practice.id;
      patientIds = dataset.patients.map((p) => p.id);
      admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
    }, 120_000);
    afterAll(async () => {
      await server?.stop('SIGKILL');
      await admin?.end();
      await conn?.close();
      await database?.drop();
    });

    it('loses a month close killed while writing its log entry, and closes the month after a restart', async () => {
      server = await startServerProcess(env());
      const ref = { practiceId, patientId: patientIds[0] as string, month: '2026-02' };
      const closes = () =>
        sql<{
          n: number;
        }>`select count(*)::int as n from month_closes where patient_id = ${ref.patientId} and month = ${ref.month}`
          .execute(conn.db)
          .then((r) => r.rows[0]?.n);
      const before = await verifyActivityLog(conn.db, ORG);
      expect(before.ok).toBe(true);

      // The close writes its decision, then appends to the organization's activity log,
      // which one writer at a time may do: the test is that writer now.
      await admin.query('select pg_advisory_lock(hashtext($1))', [`chronicle.activity:${ORG}`]);
      const client = await signIn(server.url);
      const pending = client.mutate('monthClose.close', ref).catch((error: Error) => error);
      const pid = await waitForBlockedBackend(admin, databaseName, 'advisory');
      await server.stop('SIGKILL');
      expect(await pending, 'the request died with its server').toBeInstanceOf(Error);
      await admin.query('select pg_advisory_unlock(hashtext($1))', [`chronicle.activity:${ORG}`]);
      await waitForBackendGone(admin, pid);

      expect(await closes(), 'no half-written close').toBe(0);
      const after = await verifyActivityLog(conn.db, ORG);
      expect(after).toEqual(before);

      server = await startServerProcess(env());
      const closed = await data((await signIn(server.url)).mutate('monthClose.close', ref));
      expect(closed).toMatchObject({ ...ref, closedBy: 'admin' });
      expect(await closes()).toBe(1);
      const final = await verifyActivityLog(conn.db, ORG);
      expect(final.ok).toBe(true);
      expect(final.entries).toBeGreaterThan(before.entries);
      await server.stop();
    }, 120_000);

    it('takes up an audit job killed while writing its findings, and completes it with none lost or doubled', async () => {
      server = await startServerProcess(env());
      const client = await signIn(server.url);
      // The job's last transaction replaces the run's findings; the test holds the table.
      await admin.query('begin');
      await admin.query('lock table audit_findings in share mode');
      const run = await data<{ id: string }>(
        await client.mutate('audits.start', { practiceId, from: FROM, to: TO }),
      );
      const pid = await waitForBlockedBackend(admin, databaseName, 'relation');
      await server.stop('SIGKILL');
      await admin.query('rollback');
      await waitForBackendGone(admin, pid);

      const findings = () =>
        sql<{ n: number }>`select count(*)::int as n from audit_findings where run_id = ${run.id}`
          .execute(conn.db)
          .then((r) => r.rows[0]?.n);
      expect((await getAuditRun(conn.db, ORG, run.id))?.status).toBe('running');
      expect(await findings(), 'no findings of the killed attempt').toBe(0);

      server = await startServerProcess(env());
      let status: string | undefined;
      for (let i = 0; i < 600 && status !== 'done'; i++) {
        await sleep(100);
        status = (await getAuditRun(conn.db, ORG, run.id))?.status;
      }
      expect(status, 'the restarted server completed the run').toBe('done');
      // The restarted process ran it (its log line may arrive a moment after the run's state).
      for (let i = 0; i < 50 && !server.stdout().includes(run.id); i++) await sleep(100);
      expect(server.stdout()).toContain(
        `"event":"audit started","orgId":"${ORG}","runId":"${run.id}"`,
      );

      const exported = await exportDataset(conn.db, { orgId: ORG, actor: 'test', practiceId });
      const expected = audit(exported, { from: FROM, to: TO });
      expect(await findings()).toBe(expected.months.flatMap((m) => m.findings).length);
      const done = await getAuditRun(conn.db, ORG, run.id);
      expect(done?.summary).toEqual(JSON.parse(JSON.stringify(expected.summary)));
      expect((await verifyActivityLog(conn.db, ORG)).ok).toBe(true);
      await server.stop();
    }, 120_000);
  },
);

describe.each(DATABASE_KINDS)('an audit job lost on every attempt, on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
    const dataset = generateDataset({ seed: 809, patients: 4, year: 2026, months: 1 });
    keepPatientData(dataset);
    await importDataset(conn.db, { orgId: ORG, actor: 'test-setup', dataset });
  }, 60_000);
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  it('is marked failed, saying it was interrupted, instead of running for ever', async () => {
    const log = createLogger('silent');
    const limits = { auditTimeoutSeconds: 1, maintenanceSeconds: 1, auditRetries: 0 };
    const producer = createJobs(conn, log, { ...limits, work: false });
    await producer.start();
    const [practice] = await conn.db.selectFrom('practices').select('id').execute();
    const run = await requestAuditRun(conn.db, {
      orgId: ORG,
      practiceId: practice?.id as string,
      requestedBy: 'test',
      now: new Date(),
    });
    await producer.enqueueAudit(ORG, run.id);

    // A process that takes the job and dies before finishing: pg-boss sees it active.
    const doomed = new PgBoss({
      ...(conn.postgresUrl
        ? { connectionString: conn.postgresUrl, max: 1 }
        : { db: { executeSql: (text: string, values: unknown[]) => conn.rawQuery(text, values) } }),
      schema: 'pgboss',
      schedule: false,
      supervise: false,
    });
    await doomed.start();
    const taken = await doomed.fetch(AUDIT_QUEUE);
    expect(taken).toHaveLength(1);
    await doomed.stop({ graceful: false, wait: true });

    const worker = createJobs(conn, log, { ...limits, pollingSeconds: 0.5 });
    await worker.start();
    try {
      let state = await getAuditRun(conn.db, ORG, run.id);
      for (let i = 0; i < 300 && state?.status === 'queued'; i++) {
        await sleep(100);
        state = await getAuditRun(conn.db, ORG, run.id);
      }
      expect(state?.status).toBe('failed');
      expect(state?.error).toMatch(/^interrupted: the server running it stopped once;/);
    } finally {
      await worker.stop(1_000);
      await producer.stop(1_000);
    }
  }, 60_000);
});

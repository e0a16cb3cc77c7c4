import { setTimeout as sleep } from 'node:timers/promises';
import { connect, getAuditRun, type Connection } from '@chronicle/db';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  postgresBin,
  startPrivatePostgres,
  type PrivatePostgres,
} from './support/private-postgres.js';
import {
  data,
  seedPractice,
  signInOver,
  startServerProcess,
  type HttpClient,
  type ServerProcess,
} from './support/server-process.js';

// PostgreSQL restarted while care managers are using Chronicle: the server process stays
// up, says it is not ready (503 on /readyz) and answers every request with 503 and a
// Retry-After (never a 500, never a crash) while the database is away, and serves again
// once it is back, with no one restarting it: the same sessions, reads, writes and the
// job queue. The database is the test's own (support/private-postgres.ts), so stopping it
// disturbs no other test. Bounded: six clients for a few seconds either side.

const ORG = 'org-restart';
const PASSWORD = 'the database went away and came back';
const CLIENTS = 6;

type Phase = 'before' | 'down' | 'after';
// 'down' runs from the stop command until the database is ready again and a moment after;
// 'after' holds only requests sent once the server had seen it back.

describe.skipIf(!DATABASE_KINDS.includes('postgres'))('PostgreSQL restarted under load', () => {
  let pgs: PrivatePostgres;
  let conn: Connection;
  let server: ServerProcess;
  let client: HttpClient;
  let practiceId: string;

  beforeAll(async () => {
    const bin = postgresBin();
    if (!bin) throw new Error('PostgreSQL programs (initdb, pg_ctl) are required: none found');
    pgs = await startPrivatePostgres(bin);
    conn = await connect({ url: pgs.url });
    const dataset = await seedPractice(conn.db, {
      orgId: ORG,
      seed: 909,
      patients: 10,
      months: 2,
      email: 'admin@restart.test',
      password: PASSWORD,
    });
    practiceId = dataset.practice.id;
    server = await startServerProcess({
      DATABASE_URL: pgs.url,
      JOB_MAINTENANCE_SECONDS: '1',
    });
    client = await signInOver(server.url, {
      organization: ORG,
      email: 'admin@restart.test',
      password: PASSWORD,
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await conn?.close();
    await pgs?.destroy();
  });

  const ready = async () => {
    try {
      return (await fetch(`${server.url}/readyz`)).status;
    } catch (error) {
      throw new Error(`the server did not answer: ${server.stderr()}`, { cause: error });
    }
  };
  async function until(what: string, check: () => Promise<boolean>, seconds = 60) {
    for (let i = 0; i < seconds * 10; i++) {
      if (await check()) return;
      await sleep(100);
    }
    throw new Error(`timed out waiting until ${what}`);
  }

  it('reports not-ready and answers 503 while the database is away, then recovers by itself', async () => {
    let phase: Phase = 'before';
    let running = true;
    const seen: Record<Phase, Map<number | string, number>> = {
      before: new Map(),
      down: new Map(),
      after: new Map(),
    };
    const count = (key: number | string) => {
      const at = seen[phase];
      at.set(key, (at.get(key) ?? 0) + 1);
    };
    const list = () => client.query('patients.list', { practiceId, page: { index: 0, size: 10 } });
    const load = Array.from({ length: CLIENTS }, async () => {
      while (running) {
        try {
          const res = await list();
          await res.arrayBuffer();
          count(res.status);
        } catch (error) {
          count(`network: ${(error as Error).message}`);
        }
      }
    });

    await sleep(1_000);
    expect(await ready()).toBe(200);

    phase = 'down';
    await pgs.stop();
    await until('/readyz says not ready', async () => (await ready()) === 503);
    const refused = await list();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(((await refused.json()) as { error: { data: { code: string } } }).error.data.code).toBe(
      'SERVICE_UNAVAILABLE',
    );
    expect((await fetch(`${server.url}/healthz`)).status, 'the process is alive').toBe(200);
    await sleep(1_000);

    await pgs.start();
    await until('/readyz says ready again', async () => (await ready()) === 200);
    await sleep(500);
    phase = 'after';
    await until('the clients are served again', async () => (seen.after.get(200) ?? 0) >= CLIENTS);
    running = false;
    await Promise.all(load);

    // Under load the whole time: served, then "unavailable", then served; nothing else.
    expect([...seen.before.keys()]).toEqual([200]);
    expect([...seen.down.keys()].filter((k) => k !== 200 && k !== 503)).toEqual([]);
    expect(seen.down.get(503) ?? 0).toBeGreaterThan(0);
    expect([...seen.after.keys()]).toEqual([200]);
    expect(server.process.exitCode, 'never restarted').toBeNull();

    // Writes and the job queue work again: an audit started now runs to done.
    const run = await data<{ id: string }>(client.mutate('audits.start', { practiceId }));
    await until('the audit started after the restart is done', async () => {
      return (await getAuditRun(conn.db, ORG, run.id))?.status === 'done';
    });
    expect(server.stdout()).not.toContain('"msg":"request failed"');
  }, 180_000);
});

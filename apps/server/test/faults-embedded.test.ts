import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, verifyActivityLog } from '@chronicle/db';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPractice, signInOver, startServerProcess } from './support/server-process.js';

// A server process on the embedded database killed in the middle of month closes (the
// same fault as in faults.test.ts, where PostgreSQL lets the test choose the moment).

const ORG = 'org-faults';
const PASSWORD = 'killed halfway, nothing half-written';

// The embedded database has no second connection to hold a lock with, so the kill lands
// wherever it lands: while several closes are in flight. Whatever it interrupted, every
// close in the data folder comes with its activity-log entry (the two commit together),
// the chain verifies, and a server started again on the folder closes the rest.
describe.skipIf(!DATABASE_KINDS.includes('pglite'))(
  'a server process on the embedded database killed during month closes',
  () => {
    let folder: string;
    let practiceId: string;
    let patientIds: string[];
    beforeAll(async () => {
      folder = mkdtempSync(join(tmpdir(), 'chronicle-faults-'));
      const conn = await connect({ url: join(folder, 'data') });
      try {
        const dataset = await seedPractice(conn.db, {
          orgId: ORG,
          seed: 810,
          patients: 12,
          months: 3,
          email: 'admin@faults.test',
          password: PASSWORD,
        });
        practiceId = dataset.practice.id;
        patientIds = dataset.patients.map((p) => p.id);
      } finally {
        await conn.close();
      }
    }, 120_000);
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    const start = () =>
      startServerProcess({ DATABASE_URL: undefined, CHRONICLE_DATA_DIR: join(folder, 'data') });
    const signIn = (url: string) =>
      signInOver(url, { organization: ORG, email: 'admin@faults.test', password: PASSWORD });

    it('keeps every close whole with its log entry, and closes the rest after a restart', async () => {
      const server = await start();
      const client = await signIn(server.url);
      const month = '2026-02';
      let answered = 0;
      const requests = patientIds.map(async (patientId) => {
        const res = await client.mutate('monthClose.close', { practiceId, patientId, month });
        if (res.status === 200) answered += 1;
        // Killed once a few closes have been answered, with others in flight.
        if (answered === 3) await server.stop('SIGKILL');
      });
      await Promise.allSettled(requests);
      await server.stop('SIGKILL');

      const conn = await connect({ url: join(folder, 'data') });
      let closed: string[];
      try {
        closed = (
          await conn.db
            .selectFrom('month_closes')
            .select('patient_id')
            .where('month', '=', month)
            .execute()
        ).map((r) => `${practiceId}/${r.patient_id}/${month}`);
        const logged = (
          await conn.db
            .selectFrom('activity_log')
            .select('record_id')
            .where('action', '=', 'close')
            .where('record_type', '=', 'month-close')
            .execute()
        ).map((r) => r.record_id);
        expect(closed.length, 'the kill landed before every close was done').toBeLessThan(
          patientIds.length,
        );
        expect(closed.length).toBeGreaterThanOrEqual(3);
        expect([...logged].sort()).toEqual([...closed].sort());
        expect((await verifyActivityLog(conn.db, ORG)).ok).toBe(true);
      } finally {
        await conn.close();
      }

      const again = await start();
      try {
        const rest = patientIds.filter((id) => !closed.includes(`${practiceId}/${id}/${month}`));
        const client2 = await signIn(again.url);
        for (const patientId of rest)
          expect(
            (await client2.mutate('monthClose.close', { practiceId, patientId, month })).status,
          ).toBe(200);
      } finally {
        await again.stop();
      }
      const reopened = await connect({ url: join(folder, 'data') });
      try {
        expect(
          (await reopened.db.selectFrom('month_closes').select('patient_id').execute()).length,
        ).toBe(patientIds.length);
        expect((await verifyActivityLog(reopened.db, ORG)).ok).toBe(true);
      } finally {
        await reopened.close();
      }
    }, 180_000);
  },
);

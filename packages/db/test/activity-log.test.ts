import { generateDataset } from '@chronicle/synthetic';
import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  entryHash,
  exportDataset,
  importDataset,
  verifyActivityLog,
  type ActivityInput,
  type Connection,
} from '../src/index.js';
import { APP_ROLE, ensureAppRole } from './support/app-role.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

// The activity log is a hash chain: verification passes on a log as Chronicle wrote it and
// fails, naming the entry, after any edit, removal (in the middle or at the end), addition
// or reordering done directly in SQL. Each test tampers with its own organization's log.

const dataset = generateDataset({ seed: 51, patients: 4, year: 2026, months: 1 });

describe.each(DATABASE_KINDS)('activity log verification on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  let orgs = 0;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
  }, 60_000);
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  /** A new organization whose log holds an import and an export: 1 + 4 + 4 entries. */
  async function untouchedLog(): Promise<string> {
    const orgId = `org-log-${++orgs}`;
    await importDataset(conn.db, { orgId, actor: 'test', dataset });
    await exportDataset(conn.db, { orgId, actor: 'test', practiceId: dataset.practice.id });
    return orgId;
  }
  const entries = 9;

  it('passes on a log as Chronicle wrote it, after an import and an export', async () => {
    const orgId = await untouchedLog();
    const result = await verifyActivityLog(conn.db, orgId);
    expect(result).toMatchObject({ ok: true, entries });
    const head = await conn.db
      .selectFrom('organizations')
      .select('log_head')
      .where('id', '=', orgId)
      .executeTakeFirstOrThrow();
    expect(result.ok && result.head).toBe(head.log_head);
  });

  it.each([
    ['actor', sql`actor = 'someone-else'`],
    ['action', sql`action = 'read'`],
    ['fields', sql`fields = '["*"]'::jsonb`],
    ['record', sql`record_id = ${`${dataset.practice.id}/p-other`}`],
    ['time', sql`at = '2020-01-01T00:00:00.000Z'`],
  ])('fails at the entry whose %s was edited in SQL', async (_what, change) => {
    const orgId = await untouchedLog();
    await sql`update activity_log set ${change} where org_id = ${orgId} and seq = 4`.execute(
      conn.db,
    );
    expect(await verifyActivityLog(conn.db, orgId)).toEqual({
      ok: false,
      entries: 3,
      seq: 4,
      problem: 'entry 4 was changed after it was written',
    });
  });

  it('fails at the next entry when an edited entry was given a matching hash', async () => {
    // The chain: entry 5 names the hash entry 4 had when it was written.
    const orgId = await untouchedLog();
    await rewrite(orgId, 4, 4, 'someone-else');
    expect(await verifyActivityLog(conn.db, orgId)).toMatchObject({
      ok: false,
      seq: 5,
      problem: 'entry 5 does not follow entry 4 (moved, or an earlier entry was changed)',
    });
  });

  it('fails at a middle entry that was deleted', async () => {
    const orgId = await untouchedLog();
    await sql`delete from activity_log where org_id = ${orgId} and seq = 5`.execute(conn.db);
    expect(await verifyActivityLog(conn.db, orgId)).toEqual({
      ok: false,
      entries: 4,
      seq: 5,
      problem: 'entry 5 is missing (the next entry is 6)',
    });
  });

  it('fails at the last entry when it was deleted', async () => {
    // Nothing follows the last entry: the head the organization keeps is what catches it.
    const orgId = await untouchedLog();
    await sql`delete from activity_log where org_id = ${orgId} and seq = ${entries}`.execute(
      conn.db,
    );
    expect(await verifyActivityLog(conn.db, orgId)).toEqual({
      ok: false,
      entries: entries - 1,
      seq: entries,
      problem: `the log ends at entry ${entries - 1} but ${entries} were written (entries removed from the end)`,
    });
  });

  it('fails at the first of two entries whose places were swapped', async () => {
    const orgId = await untouchedLog();
    // Three steps: (org_id, seq) is the primary key.
    await sql`update activity_log set seq = -3 where org_id = ${orgId} and seq = 3`.execute(
      conn.db,
    );
    await sql`update activity_log set seq = 3 where org_id = ${orgId} and seq = 7`.execute(conn.db);
    await sql`update activity_log set seq = 7 where org_id = ${orgId} and seq = -3`.execute(
      conn.db,
    );
    expect(await verifyActivityLog(conn.db, orgId)).toMatchObject({
      ok: false,
      seq: 3,
      problem: 'entry 3 does not follow entry 2 (moved, or an earlier entry was changed)',
    });
  });

  it('fails at an entry added after the last one, even with a valid hash', async () => {
    const orgId = await untouchedLog();
    const last = await conn.db
      .selectFrom('activity_log')
      .select('hash')
      .where('org_id', '=', orgId)
      .where('seq', '=', entries)
      .executeTakeFirstOrThrow();
    const forged = {
      seq: entries + 1,
      at: new Date().toISOString(),
      actor: 'someone-else',
      action: 'read' as const,
      recordType: 'patient',
      recordId: `${dataset.practice.id}/p-1`,
      fields: ['*'],
      prevHash: last.hash,
    };
    await conn.db
      .insertInto('activity_log')
      .values({
        org_id: orgId,
        seq: forged.seq,
        at: forged.at,
        actor: forged.actor,
        action: forged.action,
        record_type: forged.recordType,
        record_id: forged.recordId,
        fields: JSON.stringify(forged.fields),
        prev_hash: forged.prevHash,
        hash: entryHash(orgId, forged),
      })
      .execute();
    expect(await verifyActivityLog(conn.db, orgId)).toMatchObject({
      ok: false,
      seq: entries + 1,
      problem: `entry ${entries + 1} follows the last entry written (${entries}): it was added outside Chronicle`,
    });
  });

  it('fails at the last entry when it was rewritten with a matching hash but the head was not', async () => {
    const orgId = await untouchedLog();
    await rewrite(orgId, entries, entries, 'someone-else');
    expect(await verifyActivityLog(conn.db, orgId)).toEqual({
      ok: false,
      entries,
      seq: entries,
      problem: `entry ${entries} does not match the head the organization keeps (the entry or the head was changed)`,
    });
  });

  it('cannot detect a rewrite of every later entry and of the head (the documented limit)', async () => {
    // docs/compliance/activity-log.md says so; this keeps the statement true. Anchoring the
    // head outside the database is what closes it.
    const orgId = await untouchedLog();
    const head = await rewrite(orgId, 4, entries, 'someone-else');
    await conn.db
      .updateTable('organizations')
      .set({ log_head: head })
      .where('id', '=', orgId)
      .execute();
    expect(await verifyActivityLog(conn.db, orgId)).toMatchObject({ ok: true, entries });
  });

  it(`as ${APP_ROLE}, can neither change nor delete an entry of its own organization`, async () => {
    // The grants of docs/admin/database.md: an application role cannot tamper with the log.
    const orgId = await untouchedLog();
    await ensureAppRole(conn.db);
    const asApp = (statement: ReturnType<typeof sql>) =>
      conn.db.transaction().execute(async (trx) => {
        await sql.raw(`SET LOCAL ROLE ${APP_ROLE}`).execute(trx);
        await sql`select set_config('chronicle.org_id', ${orgId}, true)`.execute(trx);
        return statement.execute(trx);
      });
    await expect(asApp(sql`update activity_log set actor = 'someone-else'`)).rejects.toThrow(
      /permission denied for table activity_log/,
    );
    await expect(asApp(sql`delete from activity_log where seq = ${entries}`)).rejects.toThrow(
      /permission denied for table activity_log/,
    );
    expect(await verifyActivityLog(conn.db, orgId)).toMatchObject({ ok: true, entries });
  });

  it.skipIf(kind === 'pglite')(
    'does not report entries appended while it reads as tampering (PostgreSQL: concurrent sessions)',
    async () => {
      // PGlite has a single session, so nothing can be appended during a verification there.
      const orgId = await untouchedLog();
      let appended = false;
      // After verification has read the organization's head, another session exports (and
      // so appends four entries) and commits, before the entries are read.
      const appendAfterHead: KyselyPlugin = {
        transformQuery: (args) => args.node,
        transformResult: async (args) => {
          if (!appended && args.result.rows[0] && 'log_head' in args.result.rows[0]) {
            appended = true;
            await exportDataset(conn.db, {
              orgId,
              actor: 'test',
              practiceId: dataset.practice.id,
            });
          }
          return args.result;
        },
      };
      const result = await verifyActivityLog(conn.db.withPlugin(appendAfterHead), orgId);
      expect(appended).toBe(true);
      expect(result).toMatchObject({ ok: true, entries });
      expect(await verifyActivityLog(conn.db, orgId)).toMatchObject({
        ok: true,
        entries: entries + 4,
      });
    },
  );

  /**
   * Gives entry `from` another actor and rewrites entries `from`..`to` with hashes and chain
   * recomputed the way Chronicle computes them, as someone who knows the algorithm could;
   * returns the last new hash.
   */
  async function rewrite(orgId: string, from: number, to: number, actor: string): Promise<string> {
    const rows = await conn.db
      .selectFrom('activity_log')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('seq', '>=', from)
      .where('seq', '<=', to)
      .orderBy('seq')
      .execute();
    let prevHash = (rows[0] as (typeof rows)[number]).prev_hash;
    for (const row of rows) {
      const entry = {
        seq: Number(row.seq),
        at: row.at,
        actor: row.actor,
        action: row.action as ActivityInput['action'],
        recordType: row.record_type,
        recordId: row.record_id,
        fields: typeof row.fields === 'string' ? (JSON.parse(row.fields) as string[]) : row.fields,
        ...(Number(row.seq) === from ? { actor } : {}),
        prevHash,
      };
      const hash = entryHash(orgId, entry);
      await conn.db
        .updateTable('activity_log')
        .set({ actor: entry.actor, prev_hash: prevHash, hash })
        .where('org_id', '=', orgId)
        .where('seq', '=', entry.seq)
        .execute();
      prevHash = hash;
    }
    return prevHash;
  }
});

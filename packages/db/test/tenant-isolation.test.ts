import type { Dataset } from '@chronicle/dataset';
import { generateDataset } from '@chronicle/synthetic';
import { sql, type Kysely, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportDataset,
  importDataset,
  listPractices,
  recordEnrollment,
  TENANT_TABLES,
  verifyActivityLog,
  type Connection,
  type Database,
} from '../src/index.js';
import { APP_ROLE, ensureAppRole, openAsAppRole, type AppRoleSession } from './support/app-role.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';
import { snapshot, type Snapshot } from './support/snapshot.js';

// A user of one organization can neither read nor change another organization's rows:
// through the repositories (which filter by organization themselves), and directly in SQL
// under row-level security, as a role that is not a superuser (superusers bypass it).
// Both organizations hold the same practice and patient ids on purpose.

describe.each(DATABASE_KINDS)('tenant isolation on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  const a = generateDataset({ seed: 41, patients: 4, year: 2026, months: 2 });
  const b = generateDataset({ seed: 42, patients: 4, year: 2026, months: 2 });
  // Org B's second import drops a patient and changes a time entry: deletes and updates.
  const bChanged = structuredClone(b);
  bChanged.patients.pop();
  const entry = bChanged.patients[0]?.timeEntries[0] as Dataset['patients'][0]['timeEntries'][0];
  entry.activity = `${entry.activity} (corrected)`;
  let aBefore: Snapshot;
  let secondImport: Awaited<ReturnType<typeof importDataset>>;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
    expect(a.practice.id).toBe(b.practice.id);
    expect(a.patients.map((p) => p.id)).toEqual(b.patients.map((p) => p.id));
    await importDataset(conn.db, { orgId: 'org-a', actor: 'test', dataset: a });
    aBefore = await snapshot(conn.db, 'org-a');
    await importDataset(conn.db, { orgId: 'org-b', actor: 'test', dataset: b });
    secondImport = await importDataset(conn.db, {
      orgId: 'org-b',
      actor: 'test',
      dataset: bChanged,
    });
    await ensureAppRole(conn.db);
  }, 60_000);
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  describe('through the repositories', () => {
    it("importing, changing and deleting one organization's practice leaves the other's rows as they were", async () => {
      expect(secondImport).toMatchObject({ updated: 1 });
      expect(secondImport.deleted).toBeGreaterThan(0);
      expect(await snapshot(conn.db, 'org-a')).toEqual(aBefore);
    });

    it("exports, lists and verifies only the organization's own records", async () => {
      expect(
        await exportDataset(conn.db, { orgId: 'org-b', actor: 'test', practiceId: b.practice.id }),
      ).toEqual(bChanged);
      expect(await listPractices(conn.db, 'org-c')).toEqual([]);
      await expect(
        exportDataset(conn.db, { orgId: 'org-c', actor: 'test', practiceId: a.practice.id }),
      ).rejects.toThrow(`no practice "${a.practice.id}" in organization "org-c"`);
      const verified = await verifyActivityLog(conn.db, 'org-b');
      const own = await sql<{ n: number }>`
        select count(*)::int as n from activity_log where org_id = 'org-b'`.execute(conn.db);
      expect(verified).toMatchObject({ ok: true, entries: own.rows[0]?.n });
      expect(await verifyActivityLog(conn.db, 'org-c')).toMatchObject({
        ok: false,
        problem: 'no organization "org-c"',
      });
    });

    it('refuses an import without an organization and writes nothing, not even the organization', async () => {
      const before = await snapshot(conn.db);
      for (const orgId of ['', '  '])
        await expect(importDataset(conn.db, { orgId, actor: 'test', dataset: a })).rejects.toThrow(
          /^orgId: an organization is required/,
        );
      expect(await snapshot(conn.db)).toEqual(before);
    });
  });

  describe(`in SQL under row-level security, as ${APP_ROLE}`, () => {
    /** One transaction as the application role, with the organization set (or not). */
    const asApp = <T>(orgId: string | null, fn: (trx: Transaction<Database>) => Promise<T>) =>
      conn.db.transaction().execute(async (trx) => {
        await sql.raw(`SET LOCAL ROLE ${APP_ROLE}`).execute(trx);
        if (orgId !== null)
          await sql`select set_config('chronicle.org_id', ${orgId}, true)`.execute(trx);
        return fn(trx);
      });
    const orgsIn = async (db: Kysely<Database>, table: string) =>
      (
        await sql<{ org_id: string; n: number }>`
          select org_id, count(*)::int as n from ${sql.table(table)} group by org_id order by org_id
        `.execute(db)
      ).rows;

    it('runs as a role that is not a superuser and does not bypass row-level security', async () => {
      // Guards every test below: a superuser would see everything whatever the policies say.
      const role = await asApp(null, async (trx) => {
        const { rows } = await sql<{ user: string; rolsuper: boolean; rolbypassrls: boolean }>`
          select current_user as user, rolsuper, rolbypassrls
          from pg_roles where rolname = current_user`.execute(trx);
        return rows[0];
      });
      expect(role).toEqual({ user: APP_ROLE, rolsuper: false, rolbypassrls: false });
    });

    it("sees only its own organization's rows, in every table", async () => {
      for (const table of TENANT_TABLES) {
        const all = await orgsIn(conn.db, table);
        const seen = await asApp('org-b', (trx) => orgsIn(trx, table));
        expect(seen, table).toEqual(all.filter((r) => r.org_id === 'org-b'));
      }
      // Not vacuous: both organizations hold patients and time entries.
      expect((await orgsIn(conn.db, 'time_entries')).map((r) => r.org_id)).toEqual([
        'org-a',
        'org-b',
      ]);
    });

    it("sees only its own organization's row, and cannot move another's log head", async () => {
      const ids = (db: Kysely<Database>) =>
        sql<{ id: string }>`select id from organizations order by id`
          .execute(db)
          .then((r) => r.rows.map((row) => row.id));
      expect(await ids(conn.db)).toEqual(expect.arrayContaining(['org-a', 'org-b']));
      expect(await asApp('org-b', ids)).toEqual(['org-b']);
      expect(await asApp(null, ids)).toEqual([]);
      const moved = await asApp('org-b', (trx) =>
        sql`update organizations set log_head = 'forged', log_seq = 0 where id = 'org-a'`
          .execute(trx)
          .then((r) => Number(r.numAffectedRows)),
      );
      expect(moved).toBe(0);
      await expect(
        asApp('org-b', (trx) =>
          sql`insert into organizations (id, name) values ('org-intruder', 'x')`.execute(trx),
        ),
      ).rejects.toThrow(/row-level security/);
      expect(await verifyActivityLog(conn.db, 'org-a')).toMatchObject({ ok: true });
    });

    it("cannot update or delete another organization's rows: nothing is affected", async () => {
      const affected = await asApp('org-b', async (trx) => {
        const updated = await sql`
          update patients set version = version + 1 where org_id = 'org-a'`.execute(trx);
        const deleted = await sql`delete from time_entries where org_id = 'org-a'`.execute(trx);
        const everything = await sql`update time_entries set version = version`.execute(trx);
        return [updated, deleted, everything].map((r) => Number(r.numAffectedRows));
      });
      const own = (await orgsIn(conn.db, 'time_entries')).find((r) => r.org_id === 'org-b');
      expect(affected).toEqual([0, 0, own?.n]);
      expect(await snapshot(conn.db, 'org-a')).toEqual(aBefore);
    });

    it('cannot insert a row for another organization, nor move its own rows to one', async () => {
      await expect(
        asApp('org-b', (trx) =>
          sql`
            insert into patients (org_id, practice_id, id, ord, data)
            values ('org-a', ${a.practice.id}, 'p-intruder', 99, '{}'::jsonb)`.execute(trx),
        ),
      ).rejects.toThrow(/row-level security/);
      await expect(
        asApp('org-b', (trx) =>
          sql`update time_entries set org_id = 'org-a' where org_id = 'org-b'`.execute(trx),
        ),
      ).rejects.toThrow(/row-level security/);
      expect(await snapshot(conn.db, 'org-a')).toEqual(aBefore);
    });

    it('sees and writes nothing when no organization is set', async () => {
      // Unset (a new session) and empty (after an earlier transaction set it) both count.
      for (const orgId of [null, '']) {
        const seen = await asApp(orgId, async (trx) => {
          const counts: Record<string, number> = {};
          for (const table of TENANT_TABLES)
            counts[table] = (await orgsIn(trx, table)).reduce((n, r) => n + r.n, 0);
          return counts;
        });
        expect(Object.values(seen), String(orgId)).toEqual(TENANT_TABLES.map(() => 0));
        await expect(
          asApp(orgId, (trx) =>
            sql`
              insert into practices (org_id, id, name, timezone, data)
              values ('org-a', 'pr-intruder', 'x', 'UTC', '{}'::jsonb)`.execute(trx),
          ),
        ).rejects.toThrow(/row-level security/);
      }
    });
  });

  describe(`the repositories run as ${APP_ROLE}`, () => {
    // In production the application connects as such a role: the repositories must work
    // under row-level security, not only as the superuser the other tests use.
    let session: AppRoleSession;
    let app: Kysely<Database>;
    beforeAll(async () => {
      session = await openAsAppRole(kind, database.url, conn);
      app = session.db;
    }, 60_000);
    afterAll(async () => {
      await session?.close();
    });

    it('imports, exports, records enrollment and verifies the log of its organization', async () => {
      const { rows } = await sql<{ user: string }>`select current_user as user`.execute(app);
      expect(rows).toEqual([{ user: APP_ROLE }]);
      const imported = await importDataset(app, { orgId: 'org-c', actor: 'test', dataset: a });
      expect(imported.inserted).toBeGreaterThan(0);
      expect(
        await exportDataset(app, { orgId: 'org-c', actor: 'test', practiceId: a.practice.id }),
      ).toEqual(a);
      await recordEnrollment(app, 'org-c', {
        practiceId: a.practice.id,
        patientId: a.patients[0]?.id,
        program: 'ccm',
        status: 'candidate',
        effectiveOn: '2026-01-05',
        reason: 'phone call',
        authorId: 'u-test',
      });
      expect(await listPractices(app, 'org-c')).toEqual([a.practice.id]);
      expect(await verifyActivityLog(app, 'org-c')).toMatchObject({ ok: true });
      expect(await verifyActivityLog(app, 'org-b')).toMatchObject({ ok: true });
    });
  });
});

import { generateDataset } from '@chronicle/synthetic';
import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportDataset,
  importDataset,
  migrateAllDown,
  migrateToLatest,
  MIGRATIONS,
  type Connection,
} from '../src/index.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';
import { schemaFingerprint, type SchemaFingerprint } from './support/schema.js';

// Migrations go all the way up and all the way down on both engines, each down undoing
// exactly what its up did, and nothing of Chronicle is left behind. The list of migrations
// is read from MIGRATIONS, never written out here, so a new migration is covered as soon
// as it is registered.

const NAMES = Object.keys(MIGRATIONS).sort();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see any schema
async function applied(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from kysely_migration order by name`.execute(db);
  return rows.map((r) => r.name);
}

describe.each(DATABASE_KINDS)('migrations on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  let empty: SchemaFingerprint;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open({ migrate: false });
    empty = await schemaFingerprint(conn.db);
  }, 60_000);
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  it('starts from a database without any Chronicle object', () => {
    // Guards the comparisons below: "back to empty" must mean empty.
    expect(empty.tables).toEqual([]);
    expect(empty.policies).toEqual([]);
  });

  it('goes up one migration at a time, and each down gives back the schema before its up', async () => {
    expect(NAMES.length).toBeGreaterThan(0);
    const migrator = new Migrator({
      db: conn.db,
      provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
    });
    const before: SchemaFingerprint[] = [];
    for (const name of NAMES) {
      before.push(await schemaFingerprint(conn.db));
      const up = await migrator.migrateUp();
      expect(up.error, name).toBeUndefined();
      expect(up.results?.map((r) => [r.migrationName, r.status])).toEqual([[name, 'Success']]);
      expect(await schemaFingerprint(conn.db), `${name} created nothing`).not.toEqual(
        before.at(-1),
      );
    }
    expect(await applied(conn.db)).toEqual(NAMES);
    for (const name of [...NAMES].reverse()) {
      const down = await migrator.migrateDown();
      expect(down.error, name).toBeUndefined();
      expect(down.results?.map((r) => [r.migrationName, r.status])).toEqual([[name, 'Success']]);
      expect(await schemaFingerprint(conn.db), `down of ${name}`).toEqual(before.pop());
    }
    expect(await applied(conn.db)).toEqual([]);
  });

  it('puts every table that holds an org_id under forced row-level security with a policy', async () => {
    // A new tenant table without a policy would be readable across organizations.
    await migrateToLatest(conn.db);
    const { rows } = await sql<{ table: string; rls: boolean; force: boolean; policies: number }>`
      select c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as force,
             (select count(*)::int from pg_policies p
              where p.schemaname = 'public' and p.tablename = c.relname) as policies
      from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
        and exists (select 1 from information_schema.columns col
                    where col.table_schema = 'public' and col.table_name = c.relname
                      and col.column_name = 'org_id')
      order by c.relname`.execute(conn.db);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row, row.table).toMatchObject({ rls: true, force: true });
    for (const row of rows) expect(row.policies, row.table).toBeGreaterThan(0);
  });

  it('goes all the way down from a database holding data, leaving no Chronicle object, and up again', async () => {
    await migrateToLatest(conn.db);
    const dataset = generateDataset({ seed: 31, patients: 3, year: 2026, months: 2 });
    await importDataset(conn.db, { orgId: 'org-mig', actor: 'test', dataset });

    await migrateAllDown(conn.db);
    expect(await schemaFingerprint(conn.db)).toEqual(empty);
    const { rows } = await sql<{ table: string }>`
      select table_name as table from information_schema.tables
      where table_schema not in ('pg_catalog', 'information_schema')
        and table_name not like 'kysely\\_%'`.execute(conn.db);
    expect(rows).toEqual([]);
    expect(await applied(conn.db)).toEqual([]);

    await migrateToLatest(conn.db);
    expect(await applied(conn.db)).toEqual(NAMES);
    await importDataset(conn.db, { orgId: 'org-mig', actor: 'test', dataset });
    const back = await exportDataset(conn.db, {
      orgId: 'org-mig',
      actor: 'test',
      practiceId: dataset.practice.id,
    });
    expect(back).toEqual(dataset);
  });
});

import { sql, type Kysely } from 'kysely';
import { TENANT_TABLES, type Database } from '../../src/index.js';

// What a database holds, table by table: the row count and a hash of every row's full
// text (data, versions, log heads and all). Two equal snapshots mean nothing was added,
// changed or removed. Only hashes and counts leave the database, never the rows.

export const ALL_TABLES = ['organizations', ...TENANT_TABLES] as const;

export type Snapshot = Record<string, { rows: number; hash: string }>;

/** Every table, or only one organization's rows when `orgId` is given. */
export async function snapshot(db: Kysely<Database>, orgId?: string): Promise<Snapshot> {
  const result: Snapshot = {};
  for (const table of ALL_TABLES) {
    const column = table === 'organizations' ? 'id' : 'org_id';
    const where = orgId === undefined ? sql`true` : sql`t.${sql.ref(column)} = ${orgId}`;
    const { rows } = await sql<{ rows: number; hash: string }>`
      select count(*)::int as rows,
             md5(coalesce(string_agg(t::text, E'\n' order by t::text), '')) as hash
      from ${sql.table(table)} t
      where ${where}
    `.execute(db);
    result[table] = rows[0] as { rows: number; hash: string };
  }
  return result;
}

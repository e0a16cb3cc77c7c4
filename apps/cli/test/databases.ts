import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, TENANT_TABLES } from '@chronicle/db';

// Where the tests of the database commands keep their data: a new PGlite data folder, or a
// new PostgreSQL database. Same settings as packages/db/test/support/databases.ts:
// PostgreSQL is required unless CHRONICLE_SKIP_POSTGRES=1; CHRONICLE_TEST_POSTGRES_URL
// points at another server.

const ADMIN_URL =
  process.env.CHRONICLE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const DATABASE_KINDS: Array<'pglite' | 'postgres'> =
  process.env.CHRONICLE_SKIP_POSTGRES === '1' ? ['pglite'] : ['pglite', 'postgres'];

export interface TestTarget {
  /** The `--db` value. */
  db: string;
  drop(): Promise<void>;
}

export async function createTestTarget(kind: 'pglite' | 'postgres'): Promise<TestTarget> {
  if (kind === 'pglite') {
    const folder = mkdtempSync(join(tmpdir(), 'chronicle-cli-'));
    return {
      db: join(folder, 'data'),
      drop: () => Promise.resolve(rmSync(folder, { recursive: true, force: true })),
    };
  }
  const name = `chronicle_cli_test_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  return {
    db: ADMIN_URL.replace(/\/[^/?]*(\?|$)/, `/${name}$1`),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function admin(statement: string): Promise<void> {
  const conn = await connect({ url: ADMIN_URL, migrate: false }).catch((error: Error) => {
    throw new Error(
      `PostgreSQL is required for these tests and could not be reached at ${ADMIN_URL} ` +
        `(${error.message}); set CHRONICLE_SKIP_POSTGRES=1 to run the PGlite half only.`,
    );
  });
  try {
    // This package reaches the database only through @chronicle/db, and its query builder
    // has no CREATE DATABASE: the statement takes the place of a compiled query's text.
    const compiled = conn.db.selectNoFrom((eb) => eb.lit(1).as('one')).compile();
    await conn.db.executeQuery({ ...compiled, sql: statement, parameters: [] });
  } finally {
    await conn.close();
  }
}

/** The number of rows in every table. */
export async function rowCounts(db: string): Promise<Record<string, number>> {
  const conn = await connect({ url: db });
  try {
    const counts: Record<string, number> = {};
    for (const table of ['organizations', ...TENANT_TABLES] as const) {
      const row = await conn.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      counts[table] = Number(row.n);
    }
    return counts;
  } finally {
    await conn.close();
  }
}

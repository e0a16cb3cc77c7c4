// Test support shared by every package whose tests need a database ('@chronicle/db/testing').
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, type Connection } from './index.js';

// Every database test runs twice: on embedded PGlite and on a real PostgreSQL. PostgreSQL is
// required: when it cannot be reached the tests fail (CI starts it); set
// CHRONICLE_SKIP_POSTGRES=1 to leave it out on a machine that has none, knowingly.

export const ADMIN_URL =
  process.env.CHRONICLE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const DATABASE_KINDS: Array<'pglite' | 'postgres'> =
  process.env.CHRONICLE_SKIP_POSTGRES === '1' ? ['pglite'] : ['pglite', 'postgres'];

export interface TestDatabase {
  url: string;
  /** A fresh connection (migrated unless told otherwise). */
  open(options?: { migrate?: boolean }): Promise<Connection>;
  drop(): Promise<void>;
}

/** A new, empty database of the kind: in memory for PGlite, a new database on PostgreSQL. */
export async function createTestDatabase(kind: 'pglite' | 'postgres'): Promise<TestDatabase> {
  if (kind === 'pglite') {
    return {
      url: 'memory:',
      open: (options) => connect({ url: 'memory:', ...options }),
      drop: () => Promise.resolve(),
    };
  }
  const name = `chronicle_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is required for these tests and could not be reached at ${ADMIN_URL} ` +
        `(${(error as Error).message}); start it, point CHRONICLE_TEST_POSTGRES_URL at one, ` +
        'or set CHRONICLE_SKIP_POSTGRES=1 to run the PGlite half only.',
    );
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = ADMIN_URL.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
  return {
    url,
    open: (options) => connect({ url, ...options }),
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

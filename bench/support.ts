// What the benchmarks share: the median of a run's figures, and a database of their own
// on the PostgreSQL server they are pointed at (created afresh, dropped at the end).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1
    ? (s[mid] as number)
    : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Runs one statement as the server's administrator (`adminUrl`'s user and database). */
async function asAdmin(adminUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A new, empty database beside `adminUrl`'s: its URL, and how to drop it. */
export async function createPostgresDatabase(
  adminUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `chronicle_bench_${randomBytes(5).toString('hex')}`;
  await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
  return {
    url: adminUrl.replace(/\/[^/?]*(\?|$)/, `/${name}$1`),
    drop: () => asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

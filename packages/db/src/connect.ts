import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { migrateToLatest } from './migrate.js';

// Where the data lives: a PostgreSQL URL (postgres:// or postgresql://), `memory:` for a
// throwaway embedded database, or a folder for the embedded default (PGlite), which is
// created and migrated on first use.

export const DEFAULT_DATA_DIR = './.chronicle/data';

export interface Connection {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  /** Where it points, without any password. */
  target: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** `--db`: a PostgreSQL URL, `memory:` or a data folder. */
  url?: string;
  env?: NodeJS.ProcessEnv;
  /** Run pending migrations (default true). */
  migrate?: boolean;
}

/** The --db value, else DATABASE_URL, else CHRONICLE_DATA_DIR, else ./.chronicle/data. */
export function resolveTarget(options: ConnectOptions = {}): string {
  const env = options.env ?? process.env;
  return options.url ?? env.DATABASE_URL ?? env.CHRONICLE_DATA_DIR ?? DEFAULT_DATA_DIR;
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//.test(target);
}

// int8 (counts, sequences) as numbers on both drivers: pg would give strings, PGlite
// numbers or bigints. Values here stay far below 2^53.
const INT8 = 20;

export async function connect(options: ConnectOptions = {}): Promise<Connection> {
  const target = resolveTarget(options);
  let conn: Connection;
  if (isPostgresUrl(target)) {
    const pool = new pg.Pool({
      connectionString: target,
      max: 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8
            ? Number
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    conn = { db, kind: 'postgres', target: redact(target), close: () => db.destroy() };
  } else {
    let dataDir: string | undefined;
    if (target !== 'memory:') {
      dataDir = resolve(target.replace(/^pglite:/, ''));
      mkdirSync(dataDir, { recursive: true });
    }
    const pglite = new PGlite(dataDir, { parsers: { [INT8]: Number } });
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
    conn = { db, kind: 'pglite', target: dataDir ?? 'memory:', close: () => db.destroy() };
  }
  if (options.migrate !== false) {
    try {
      await migrateToLatest(conn.db);
    } catch (error) {
      await conn.close();
      throw error;
    }
  }
  return conn;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

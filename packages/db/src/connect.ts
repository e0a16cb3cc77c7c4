import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import lockfile from 'proper-lockfile';
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
  /**
   * Runs SQL that a library brings (the job queue): with values, one statement; without,
   * possibly a script of several, which PGlite's query protocol does not take, so it goes
   * through PGlite's script runner. On PGlite it holds the one connection meanwhile, so no
   * transaction of this process interleaves with it. Gives the last statement's rows.
   */
  rawQuery(text: string, values?: readonly unknown[]): Promise<{ rows: unknown[] }>;
  /** A PostgreSQL URL as given (password included), for libraries with their own pool. */
  postgresUrl?: string;
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

/**
 * How long a data folder's lock outlives its process: the owner refreshes it every
 * LOCK_REFRESH_MS, and a lock older than LOCK_STALE_MS is taken for one left by a process
 * that was killed. Opening waits that long for it before giving up.
 */
const LOCK_STALE_MS = 10_000;
const LOCK_REFRESH_MS = 2_000;

/** Another process has the embedded database's data folder open. */
export class DataFolderInUseError extends Error {
  override name = 'DataFolderInUseError';
  constructor(readonly dataDir: string) {
    super(
      `--db: the data folder ${dataDir} is in use by another Chronicle process. The embedded ` +
        'database serves one process at a time: stop the other one, or use PostgreSQL ' +
        '(DATABASE_URL) to run several.',
    );
  }
}

/**
 * Takes the data folder for this process alone: PGlite keeps no lock of its own, and two
 * processes writing one folder each overwrite what the other wrote.
 */
async function lockDataFolder(dataDir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dataDir, {
      stale: LOCK_STALE_MS,
      update: LOCK_REFRESH_MS,
      // About 12 s in all: a little longer than a lock takes to go stale.
      retries: { retries: 13, factor: 1.3, minTimeout: 250, maxTimeout: 1_500 },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED')
      throw new DataFolderInUseError(dataDir);
    throw error;
  }
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//.test(target);
}

// int8 (counts, sequences) as numbers on both drivers: pg would give strings, PGlite
// numbers or bigints. Values here stay far below 2^53.
const INT8 = 20;

// PGlite runs PostgreSQL inside this process: its shared buffers live in the WebAssembly
// heap, which never shrinks, and PostgreSQL's default of 128 MB made about 190 MB of that
// heap resident before the first query (an audit of 2000 patients peaked at 520 MB, most
// of it this). A smaller pool costs the embedded database little, as its pages are also
// in the operating system's file cache: 32 MB took about 120 MB off the audit's peak.
const PGLITE_START = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

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
    // An idle pooled connection that the server ends (a restart, an administrator, a
    // dropped database) is an 'error' on the pool; unheard, it would end the process. The
    // pool has already discarded that connection, and the next query opens another.
    pool.on('error', () => undefined);
    // The same for a connection that is checked out (inside a transaction, between two of
    // its queries) when the server ends it: the pool listens only to idle ones, and an
    // unheard 'error' on the client would end the process (seen when PostgreSQL restarted
    // under load). Its next query fails instead, the transaction is lost, not committed,
    // the caller answers "unavailable", and the pool discards the connection on release.
    pool.on('connect', (client) => {
      client.on('error', () => undefined);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    conn = {
      db,
      kind: 'postgres',
      target: redact(target),
      postgresUrl: target,
      rawQuery: async (text, values) => {
        const result = await pool.query(text, values as unknown[] | undefined);
        // A script of several statements gives one result each.
        const last = Array.isArray(result) ? (result.at(-1) as pg.QueryResult) : result;
        return { rows: last?.rows ?? [] };
      },
      close: () => db.destroy(),
    };
  } else {
    let dataDir: string | undefined;
    let unlock = () => Promise.resolve();
    if (target !== 'memory:') {
      dataDir = resolve(target.replace(/^pglite:/, ''));
      mkdirSync(dataDir, { recursive: true });
      unlock = await lockDataFolder(dataDir);
    }
    let db: Kysely<Database>;
    let pglite: PGlite;
    try {
      pglite = new PGlite(dataDir, { parsers: { [INT8]: Number }, startParams: PGLITE_START });
      db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
    } catch (error) {
      await unlock();
      throw error;
    }
    const close = async () => {
      try {
        await db.destroy();
      } finally {
        await unlock();
      }
    };
    conn = {
      db,
      kind: 'pglite',
      target: dataDir ?? 'memory:',
      rawQuery: (text, values) =>
        db.connection().execute(async () => {
          if (values && values.length > 0)
            return { rows: (await pglite.query(text, values as unknown[])).rows };
          const results = await pglite.exec(text);
          return { rows: results.at(-1)?.rows ?? [] };
        }),
      close,
    };
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

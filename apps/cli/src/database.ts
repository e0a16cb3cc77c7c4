import { connect, type Connection } from '@chronicle/db';
import { Option } from 'commander';

// The options every database command shares, and opening the database they name.

export interface DatabaseOptions {
  db?: string;
  org: string;
  actor: string;
}

export const dbOption = () =>
  new Option(
    '--db <url>',
    'PostgreSQL URL, a data folder, or memory: (default: $DATABASE_URL, else $CHRONICLE_DATA_DIR, else ./.chronicle/data)',
  );
export const orgOption = () =>
  new Option('--org <id>', 'organization (tenant) the data belongs to')
    .env('CHRONICLE_ORG')
    .default('default');
export const actorOption = () =>
  new Option('--actor <name>', 'who is acting, for the activity log')
    .env('CHRONICLE_ACTOR')
    .default('cli');

/** Opens (creating and migrating as needed) the database, runs `fn`, and closes it. */
export async function withDatabase<T>(
  options: DatabaseOptions,
  fn: (conn: Connection) => Promise<T>,
): Promise<T> {
  const conn = await connect({ url: options.db });
  try {
    return await fn(conn);
  } finally {
    await conn.close();
  }
}

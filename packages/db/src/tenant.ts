import { sql, type IsolationLevel, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

function requireOrganization(orgId: string): void {
  if (orgId.trim() === '') throw new Error('orgId: an organization is required');
}

/**
 * Runs `fn` in one transaction scoped to an organization: the repositories filter by
 * `org_id` themselves, and on PostgreSQL row-level security checks the same setting.
 */
export async function withTenant<T>(
  db: Db,
  orgId: string,
  fn: (trx: Tx) => Promise<T>,
  options: { isolation?: IsolationLevel } = {},
): Promise<T> {
  requireOrganization(orgId);
  const transaction =
    options.isolation === undefined
      ? db.transaction()
      : db.transaction().setIsolationLevel(options.isolation);
  return transaction.execute(async (trx) => {
    await sql`select set_config('chronicle.org_id', ${orgId}, true)`.execute(trx);
    return fn(trx);
  });
}

/**
 * Creates the organization if it does not exist yet. Given the database, it opens its own
 * transaction as that organization (row-level security lets a session write only the
 * organization it is set to); given a transaction, the caller has set it.
 */
export async function ensureOrganization(db: Db | Tx, id: string, name = id): Promise<void> {
  // Checked here too: callers create the organization before opening its transaction, and
  // an import refused for want of an organization must not leave an empty one behind.
  requireOrganization(id);
  const insert = (trx: Db | Tx) =>
    trx
      .insertInto('organizations')
      .values({ id, name })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  if (db.isTransaction) await insert(db);
  else await withTenant(db as Db, id, insert);
}

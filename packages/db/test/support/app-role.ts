import { sql, type Kysely } from 'kysely';
import { connect, type Connection, type Database } from '../../src/index.js';

// The role the application should run as in production: no superuser, no BYPASSRLS, only
// reading and writing rows (and only appending to the activity log), so that row-level
// security applies to it. The grants are the ones docs/admin/database.md tells
// administrators to run.

export const APP_ROLE = 'chronicle_app';

/**
 * Creates the role if the cluster has none yet and grants it the tables of this database.
 * Roles belong to the whole PostgreSQL cluster and test files may run side by side, so it
 * is never dropped and a concurrent creation is not an error.
 */
export async function ensureAppRole(db: Kysely<Database>): Promise<void> {
  await sql
    .raw(
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
           CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS;
         END IF;
       EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
       END $$`,
    )
    .execute(db);
  await sql.raw(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`).execute(db);
  await sql
    .raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`)
    .execute(db);
  await sql.raw(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`).execute(db);
  // Chronicle only ever appends to the activity log.
  await sql.raw(`REVOKE UPDATE, DELETE ON activity_log FROM ${APP_ROLE}`).execute(db);
}

/** A PostgreSQL URL whose sessions run as the application role (`SET ROLE` at connection). */
export function asAppRoleUrl(url: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c role=${APP_ROLE}`)}`;
}

/** The database seen as the application role, beside the superuser's connection. */
export interface AppRoleSession {
  db: Kysely<Database>;
  /** Runs `fn` as the superuser, who sees every organization's rows. */
  asSuperuser<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Grants the role and opens the database as it: on PostgreSQL a connection of its own; on
 * PGlite, which has one session, the superuser's connection with the role set until it is
 * reset (around `asSuperuser`, and by `close`).
 */
export async function openAsAppRole(
  kind: 'pglite' | 'postgres',
  url: string,
  superuser: Connection,
): Promise<AppRoleSession> {
  await ensureAppRole(superuser.db);
  if (kind === 'postgres') {
    const own = await connect({ url: asAppRoleUrl(url) });
    return { db: own.db, asSuperuser: (fn) => fn(superuser.db), close: () => own.close() };
  }
  const setRole = () => sql.raw(`SET ROLE ${APP_ROLE}`).execute(superuser.db);
  const resetRole = () => sql`RESET ROLE`.execute(superuser.db);
  await setRole();
  return {
    db: superuser.db,
    async asSuperuser(fn) {
      await resetRole();
      try {
        return await fn(superuser.db);
      } finally {
        await setRole();
      }
    },
    close: async () => void (await resetRole()),
  };
}

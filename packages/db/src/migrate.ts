import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationResultSet } from 'kysely/migration';
import * as core from './migrations/2026-11-29T05-00-core.js';
import * as monthClose from './migrations/2026-11-29T06-00-month-close.js';
import * as organizationIsolation from './migrations/2026-11-29T07-00-organization-isolation.js';
import * as server from './migrations/2026-11-29T08-00-server.js';
import * as timers from './migrations/2026-11-29T09-00-timers.js';
import * as claimStatus from './migrations/2026-11-29T10-00-claim-status.js';
import * as oidc from './migrations/2026-11-29T11-00-oidc.js';
import * as overlapIndex from './migrations/2026-11-29T12-00-overlap-index.js';
import * as cdsTokenUses from './migrations/2026-11-29T13-00-cds-token-uses.js';
import * as userLastSignIn from './migrations/2026-11-29T14-30-user-last-sign-in.js';
import * as auditFollowUp from './migrations/2026-11-30T09-00-audit-follow-up.js';
import * as auditRunSample from './migrations/2026-11-30T10-00-audit-run-sample.js';

// The migrations, by name: names sort in the order they were written and never change.
export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-29T05-00-core': core,
  '2026-11-29T06-00-month-close': monthClose,
  '2026-11-29T07-00-organization-isolation': organizationIsolation,
  '2026-11-29T08-00-server': server,
  '2026-11-29T09-00-timers': timers,
  '2026-11-29T10-00-claim-status': claimStatus,
  '2026-11-29T11-00-oidc': oidc,
  '2026-11-29T12-00-overlap-index': overlapIndex,
  '2026-11-29T13-00-cds-token-uses': cdsTokenUses,
  '2026-11-29T14-30-user-last-sign-in': userLastSignIn,
  '2026-11-30T09-00-audit-follow-up': auditFollowUp,
  '2026-11-30T10-00-audit-run-sample': auditRunSample,
};

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } });
}

function check(result: MigrationResultSet): void {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    // No migration failed: the database could not be reached or locked (its own error, so
    // that callers can tell "unavailable, try again" from a migration that is wrong).
    if (failed === undefined) throw result.error;
    throw new Error(
      `migration ${failed} failed: ${(result.error as Error).message ?? String(result.error)}`,
      { cause: result.error },
    );
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  check(await migrator(db).migrateToLatest());
}

/** Undoes every migration, newest first. */
export async function migrateAllDown(db: Kysely<any>): Promise<void> {
  const m = migrator(db);
  for (;;) {
    const result = await m.migrateDown();
    check(result);
    if (!result.results || result.results.length === 0) return;
  }
}

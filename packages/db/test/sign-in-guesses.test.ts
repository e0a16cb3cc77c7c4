import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimSignInGuess,
  createUser,
  ensureOrganization,
  recordSignInLock,
  recordSuccessfulSignIn,
  verifyActivityLog,
  withTenant,
  type Connection,
  type Database,
} from '../src/index.js';
import { openAsAppRole, type AppRoleSession } from './support/app-role.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

// The per-account lockout's count of password guesses, run as the application role: a
// guess is counted before its password is checked, so guesses that arrive at once (issue 8:
// twelve parallel guesses on two server processes were all checked, against a limit of
// three) get no more checks than the limit; the last one sets the lock, which a right
// password lifts and which ends by itself.

const T0 = new Date('2026-11-29T12:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const ORG = 'org-a';

describe.each(DATABASE_KINDS)('sign-in guesses on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  let session: AppRoleSession;
  let app: Kysely<Database>;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
    await ensureOrganization(conn.db, ORG);
    for (const id of ['burst', 'steady'])
      await createUser(
        conn.db,
        ORG,
        { id, email: `${id}@org-a.test`, displayName: id, role: 'auditor' },
        'test',
      );
    session = await openAsAppRole(kind, database.url, conn);
    app = session.db;
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    await conn?.close();
    await database?.drop();
  });

  const claim = (userId: string, now = T0) =>
    claimSignInGuess(app, { orgId: ORG, userId, maxFailures: 3, lockMs: 10 * 60_000, now });

  it('lets as many guesses be checked as the lockout allows, however many arrive at once', async () => {
    const guesses = await Promise.all(Array.from({ length: 10 }, () => claim('burst')));
    expect(guesses.filter((g) => g.allowed)).toHaveLength(3);
    // The third counted guess is the last: it set the lock as it was counted.
    expect(guesses.filter((g) => g.allowed && g.locksUntil)).toEqual([
      { allowed: true, locksUntil: later(10) },
    ]);
    for (const g of guesses.filter((g) => !g.allowed))
      expect(g).toEqual({ allowed: false, lockedUntil: later(10) });
    expect(await claim('burst', later(9))).toEqual({ allowed: false, lockedUntil: later(10) });
  });

  it('counts again from one when the lock has ended', async () => {
    expect(await claim('burst', later(10))).toEqual({ allowed: true, locksUntil: undefined });
    expect(await claim('burst', later(10))).toEqual({ allowed: true, locksUntil: undefined });
    expect(await claim('burst', later(10))).toEqual({ allowed: true, locksUntil: later(20) });
  });

  it('starts the count again after a right password, which also lifts the lock the last guess set', async () => {
    await claim('steady');
    await claim('steady');
    expect(await claim('steady')).toEqual({ allowed: true, locksUntil: later(10) });
    // That last guess was right.
    await recordSuccessfulSignIn(app, ORG, 'steady');
    for (let i = 0; i < 2; i++)
      expect(await claim('steady')).toEqual({ allowed: true, locksUntil: undefined });
  });

  it('refuses a guess for a user that does not exist, with no lock to name', async () => {
    expect(await claim('nobody')).toEqual({ allowed: false, lockedUntil: null });
  });

  it('logs a lock the last wrong guess left in place, in the verified chain', async () => {
    await recordSignInLock(app, ORG, 'burst');
    const { rows } = await withTenant(app, ORG, (trx) =>
      sql<{ record_id: string; fields: unknown }>`
        select record_id, fields from activity_log where org_id = ${ORG} order by seq desc limit 1
      `.execute(trx),
    );
    expect(rows[0]?.record_id).toBe('burst');
    expect(JSON.stringify(rows[0]?.fields)).toContain('lockedUntil');
    expect(await verifyActivityLog(app, ORG)).toMatchObject({ ok: true });
  });
});

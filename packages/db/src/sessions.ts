import { sql } from 'kysely';
import { appendActivity } from './activity-log.js';
import { withTenant, type Db, type Tx } from './tenant.js';
import { UserError, type USER_ROLES } from './users.js';

// What sign-in keeps in the database, so that any server process can serve any request:
// each user's password hash and lockout state, sessions (by the hash of their token), and
// recent sign-in attempts for rate limiting. Hashing is the caller's: nothing here sees a
// password or a token.

export type Role = (typeof USER_ROLES)[number];

export interface SignInAccount {
  orgId: string;
  userId: string;
  role: Role;
  passwordHash: string | null;
  failedSignIns: number;
  lockedUntil: Date | null;
  disabled: boolean;
}

/** The account an email signs in to, in one organization (emails compare without case). */
export async function findSignInAccount(
  db: Db,
  orgId: string,
  email: string,
): Promise<SignInAccount | undefined> {
  return withTenant(db, orgId, async (trx) => {
    const row = await trx
      .selectFrom('users')
      .select(['id', 'role', 'password_hash', 'failed_sign_ins', 'locked_until', 'disabled_at'])
      .where('org_id', '=', orgId)
      .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
      .executeTakeFirst();
    return row
      ? {
          orgId,
          userId: row.id,
          role: row.role,
          passwordHash: row.password_hash,
          failedSignIns: row.failed_sign_ins,
          lockedUntil: row.locked_until,
          disabled: row.disabled_at !== null,
        }
      : undefined;
  });
}

/**
 * Counts a wrong password; the `maxFailures`-th in a row locks the account until
 * `now + lockMs`. Returns the lock's end when this failure set it.
 */
export async function recordFailedSignIn(
  db: Db,
  input: { orgId: string; userId: string; maxFailures: number; lockMs: number; now: Date },
): Promise<Date | undefined> {
  const { orgId, userId, maxFailures, lockMs, now } = input;
  return withTenant(db, orgId, async (trx) => {
    const row = await trx
      .updateTable('users')
      .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
      .where('org_id', '=', orgId)
      .where('id', '=', userId)
      .returning('failed_sign_ins')
      .executeTakeFirst();
    if (!row || row.failed_sign_ins < maxFailures) return undefined;
    const until = new Date(now.getTime() + lockMs);
    await trx
      .updateTable('users')
      .set({ locked_until: until, failed_sign_ins: 0 })
      .where('org_id', '=', orgId)
      .where('id', '=', userId)
      .execute();
    await appendActivity(trx, orgId, [
      {
        actor: userId,
        action: 'update',
        recordType: 'user',
        recordId: userId,
        fields: ['lockedUntil'],
      },
    ]);
    return until;
  });
}

/** A right password: the count of failures starts again. */
export async function recordSuccessfulSignIn(db: Db, orgId: string, userId: string): Promise<void> {
  await withTenant(db, orgId, (trx) =>
    trx
      .updateTable('users')
      .set({ failed_sign_ins: 0, locked_until: null })
      .where('org_id', '=', orgId)
      .where('id', '=', userId)
      .execute(),
  );
}

/** Sets (or replaces) a user's password hash, and signs the user out everywhere. */
export async function setPasswordHash(
  db: Db,
  input: { orgId: string; userId: string; passwordHash: string; actor: string },
): Promise<void> {
  const { orgId, userId, passwordHash, actor } = input;
  await withTenant(db, orgId, async (trx) => {
    const result = await trx
      .updateTable('users')
      .set((eb) => ({
        password_hash: passwordHash,
        failed_sign_ins: 0,
        locked_until: null,
        version: eb('version', '+', 1),
      }))
      .where('org_id', '=', orgId)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new UserError(`userId: no user "${userId}"`);
    await trx
      .deleteFrom('sessions')
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .execute();
    await appendActivity(trx, orgId, [
      { actor, action: 'update', recordType: 'user', recordId: userId, fields: ['password'] },
    ]);
  });
}

export interface StoredSession {
  orgId: string;
  userId: string;
  role: Role;
  csrfHash: string;
  expiresAt: Date;
  lastSeenAt: Date;
}

/** One transaction that may see the session `id` (row-level security lets it). */
function asSession<T>(db: Db, id: string, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('chronicle.session_id', ${id}, true)`.execute(trx);
    return fn(trx);
  });
}

export async function createSession(
  db: Db,
  input: { id: string; orgId: string; userId: string; csrfHash: string; expiresAt: Date },
): Promise<void> {
  await withTenant(db, input.orgId, async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        id: input.id,
        org_id: input.orgId,
        user_id: input.userId,
        csrf_hash: input.csrfHash,
        expires_at: input.expiresAt.toISOString(),
      })
      .execute();
    // Every sign-in (password or single sign-on) begins a session: this is its time.
    await trx
      .updateTable('users')
      .set({ last_sign_in_at: sql`now()` })
      .where('org_id', '=', input.orgId)
      .where('id', '=', input.userId)
      .execute();
  });
}

/**
 * The session with this id (the token's hash) and its user's current role, unless it has
 * expired or its user is disabled. The user is read as the session's organization.
 */
export async function findSession(
  db: Db,
  id: string,
  now: Date,
): Promise<StoredSession | undefined> {
  // One transaction for both reads (every request makes them): the session by its id,
  // then, as its organization, its user.
  return asSession(db, id, async (trx) => {
    const session = await trx
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (!session) return undefined;
    await sql`select set_config('chronicle.org_id', ${session.org_id}, true)`.execute(trx);
    const user = await trx
      .selectFrom('users')
      .select(['role', 'disabled_at'])
      .where('org_id', '=', session.org_id)
      .where('id', '=', session.user_id)
      .executeTakeFirst();
    if (!user || user.disabled_at !== null) return undefined;
    return {
      orgId: session.org_id,
      userId: session.user_id,
      role: user.role,
      csrfHash: session.csrf_hash,
      expiresAt: session.expires_at,
      lastSeenAt: session.last_seen_at,
    };
  });
}

/** Slides an idle session's expiry forward. */
export async function touchSession(db: Db, id: string, now: Date, expiresAt: Date): Promise<void> {
  await asSession(db, id, (trx) =>
    trx
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString(), expires_at: expiresAt.toISOString() })
      .where('id', '=', id)
      .execute(),
  );
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await asSession(db, id, (trx) => trx.deleteFrom('sessions').where('id', '=', id).execute());
}

/** Signs a user out everywhere: every session of the user ends. Returns how many. */
export async function deleteUserSessions(db: Db, orgId: string, userId: string): Promise<number> {
  const result = await withTenant(db, orgId, (trx) =>
    trx
      .deleteFrom('sessions')
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .executeTakeFirst(),
  );
  return Number(result.numDeletedRows);
}

/**
 * Records an attempt under `key` and returns how many attempts the key has made within the
 * window, this one included. Attempts older than the window are dropped as it goes.
 */
export async function countSignInAttempt(
  db: Db,
  key: string,
  now: Date,
  windowMs: number,
): Promise<number> {
  const since = new Date(now.getTime() - windowMs);
  return db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('sign_in_attempts')
      .where('key', '=', key)
      .where('at', '<', since)
      .execute();
    await trx.insertInto('sign_in_attempts').values({ key, at: now.toISOString() }).execute();
    const row = await trx
      .selectFrom('sign_in_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('key', '=', key)
      .where('at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  });
}

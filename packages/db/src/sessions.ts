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

export type SignInGuess =
  /** Check the password; `locksUntil` when this is the last guess before the lock. */
  | { allowed: true; locksUntil: Date | undefined }
  /** Do not check it: the account is locked until then (null: it no longer exists). */
  | { allowed: false; lockedUntil: Date | null };

/**
 * Counts a password guess against the account before the password is checked, unless the
 * account is locked. The `maxFailures`-th guess in a row sets the lock (until
 * `now + lockMs`) as it is counted; a right password then lifts it (recordSuccessfulSignIn).
 * Counting first, in one statement, means that guesses arriving at once, on any number of
 * server processes, get no more checks between them than one guesser would.
 */
export async function claimSignInGuess(
  db: Db,
  input: { orgId: string; userId: string; maxFailures: number; lockMs: number; now: Date },
): Promise<SignInGuess> {
  const { orgId, userId, maxFailures, lockMs, now } = input;
  const at = now.toISOString();
  const until = new Date(now.getTime() + lockMs).toISOString();
  // An expired lock starts the count again.
  const count = sql`(case when locked_until is null then failed_sign_ins else 0 end) + 1`;
  return withTenant(db, orgId, async (trx) => {
    const claimed = await sql<{ locked_until: Date | string | null }>`
      update users set
        failed_sign_ins = ${count},
        locked_until = case when ${count} >= ${maxFailures} then ${until}::timestamptz end
      where org_id = ${orgId} and id = ${userId}
        and (locked_until is null or locked_until <= ${at}::timestamptz)
      returning locked_until
    `.execute(trx);
    const row = claimed.rows[0];
    if (row)
      return {
        allowed: true,
        locksUntil: row.locked_until === null ? undefined : new Date(row.locked_until),
      };
    const locked = await trx
      .selectFrom('users')
      .select('locked_until')
      .where('org_id', '=', orgId)
      .where('id', '=', userId)
      .executeTakeFirst();
    return {
      allowed: false,
      lockedUntil: locked?.locked_until ? new Date(locked.locked_until) : null,
    };
  });
}

/** The last guess before the lock was wrong: the lock it set stays, and goes to the log. */
export async function recordSignInLock(db: Db, orgId: string, userId: string): Promise<void> {
  await withTenant(db, orgId, (trx) =>
    appendActivity(trx, orgId, [
      {
        actor: userId,
        action: 'update',
        recordType: 'user',
        recordId: userId,
        fields: ['lockedUntil'],
      },
    ]),
  );
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
  /** When the session began (sign-in): its absolute lifetime counts from here. */
  createdAt: Date;
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
  input: {
    id: string;
    orgId: string;
    userId: string;
    csrfHash: string;
    /** The sign-in's time, from the caller's clock (as `expiresAt` is). */
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await withTenant(db, input.orgId, async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        id: input.id,
        org_id: input.orgId,
        user_id: input.userId,
        csrf_hash: input.csrfHash,
        created_at: input.createdAt.toISOString(),
        last_seen_at: input.createdAt.toISOString(),
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
      createdAt: session.created_at,
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

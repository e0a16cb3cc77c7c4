import { sql } from 'kysely';
import { z } from 'zod';
import { appendActivity } from './activity-log.js';
import { StaleWriteError } from './closed-months.js';
import { ensureOrganization, withTenant, type Db, type Tx } from './tenant.js';
import { newUserSchema, USER_ROLES, UserError, type User } from './users.js';

// Administering an organization's users: accounts with their sign-in state, creating one
// with its first password hash, changing a role, disabling and enabling. Hashing is the
// caller's: nothing here sees a password. An organization always keeps one enabled admin:
// a change that would leave it none is refused, and admins changed at the same time are
// locked first so that two admins cannot each remove the other.

export interface UserAccount extends User {
  disabled: boolean;
  disabledAt: string | null;
  lockedUntil: string | null;
  hasPassword: boolean;
  /** Linked to an identity at the organization's single sign-on provider. */
  signInLinked: boolean;
  createdAt: string;
  /** When a session of theirs last began; null if they never signed in. */
  lastSignInAt: string | null;
}

/**
 * Refused because of the user's state: the change would leave the organization without an
 * enabled admin, or the user is already as asked.
 */
export class UserConflictError extends Error {
  override name = 'UserConflictError';
}

const userId = z.string().min(1, 'is required').max(64);
const expectedVersion = z.number().int().min(1, 'must be the version read (1 or more)');

export const changeRoleInputSchema = z.strictObject({
  userId,
  role: z.enum(USER_ROLES),
  expectedVersion,
});
export const userVersionInputSchema = z.strictObject({ userId, expectedVersion });

export async function listUserAccounts(db: Db, orgId: string): Promise<UserAccount[]> {
  return withTenant(db, orgId, async (trx) => {
    const rows = await trx
      .selectFrom('users')
      .select([
        'id',
        'email',
        'display_name',
        'role',
        'version',
        'disabled_at',
        'locked_until',
        'created_at',
        'last_sign_in_at',
        sql<boolean>`password_hash is not null`.as('has_password'),
        sql<boolean>`oidc_subject is not null`.as('sign_in_linked'),
      ])
      .where('org_id', '=', orgId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      orgId,
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      role: r.role,
      version: Number(r.version),
      disabled: r.disabled_at !== null,
      disabledAt: r.disabled_at ? new Date(r.disabled_at).toISOString() : null,
      lockedUntil: r.locked_until ? new Date(r.locked_until).toISOString() : null,
      hasPassword: Boolean(r.has_password),
      signInLinked: Boolean(r.sign_in_linked),
      createdAt: new Date(r.created_at).toISOString(),
      lastSignInAt: r.last_sign_in_at ? new Date(r.last_sign_in_at).toISOString() : null,
    }));
  });
}

/** Creates a user with a first password (its hash), in one transaction. */
export async function createUserAccount(
  db: Db,
  orgId: string,
  input: { user: unknown; passwordHash: string },
  actor: string,
): Promise<User> {
  const parsed = newUserSchema.safeParse(input.user);
  if (!parsed.success)
    throw new UserError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(user)'}: ${i.message}`).join('\n'),
    );
  const user = parsed.data;
  await ensureOrganization(db, orgId);
  return withTenant(db, orgId, async (trx) => {
    const taken = await trx
      .selectFrom('users')
      .select(['id', 'email'])
      .where('org_id', '=', orgId)
      .where((eb) =>
        eb.or([
          eb('id', '=', user.id),
          eb(sql<string>`lower(email)`, '=', user.email.trim().toLowerCase()),
        ]),
      )
      .execute();
    if (taken.some((t) => t.id === user.id))
      throw new UserError(`id: a user "${user.id}" already exists`);
    if (taken.length > 0) throw new UserError('email: another user signs in with this email');
    const row = await trx
      .insertInto('users')
      .values({
        org_id: orgId,
        id: user.id,
        email: user.email,
        display_name: user.displayName,
        role: user.role,
        password_hash: input.passwordHash,
      })
      .returning('version')
      .executeTakeFirstOrThrow();
    await appendActivity(trx, orgId, [
      {
        actor,
        action: 'create',
        recordType: 'user',
        recordId: user.id,
        fields: ['email', 'displayName', 'role', 'password'],
      },
    ]);
    return { ...user, orgId, version: Number(row.version) };
  });
}

interface Change {
  userId: string;
  expectedVersion: number;
}

/**
 * Locks the user (and, when the change could remove an admin, every enabled admin, in one
 * order), checks the version read, and refuses leaving the organization without an admin.
 */
async function lockForChange(
  trx: Tx,
  orgId: string,
  change: Change,
  removesAdmin: (user: { role: string; disabled: boolean }) => boolean,
) {
  const admins = await trx
    .selectFrom('users')
    .select('id')
    .where('org_id', '=', orgId)
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .orderBy('id')
    .forUpdate()
    .execute();
  const user = await trx
    .selectFrom('users')
    .select(['id', 'role', 'version', 'disabled_at'])
    .where('org_id', '=', orgId)
    .where('id', '=', change.userId)
    .forUpdate()
    .executeTakeFirst();
  if (!user) throw new UserError(`userId: no user "${change.userId}"`);
  if (Number(user.version) !== change.expectedVersion)
    throw new StaleWriteError(
      `user "${change.userId}"`,
      change.expectedVersion,
      Number(user.version),
    );
  const state = { role: user.role, disabled: user.disabled_at !== null };
  if (
    user.role === 'admin' &&
    !state.disabled &&
    removesAdmin(state) &&
    admins.every((a) => a.id === user.id)
  )
    throw new UserConflictError(
      `userId: "${user.id}" is the organization's last enabled admin; make another user admin first`,
    );
  return state;
}

async function applyChange(
  trx: Tx,
  orgId: string,
  change: Change,
  set: {
    role?: User['role'];
    disabled_at?: Date | null;
    oidc_issuer?: null;
    oidc_subject?: null;
  },
  fields: string[],
  actor: string,
): Promise<number> {
  const row = await trx
    .updateTable('users')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', change.userId)
    .where('version', '=', change.expectedVersion)
    .returning('version')
    .executeTakeFirstOrThrow();
  await appendActivity(trx, orgId, [
    { actor, action: 'update', recordType: 'user', recordId: change.userId, fields },
  ]);
  return Number(row.version);
}

/** Gives a user another role; the organization's last enabled admin keeps theirs. */
export async function changeUserRole(
  db: Db,
  orgId: string,
  input: Change & { role: User['role'] },
  actor: string,
): Promise<{ version: number }> {
  return withTenant(db, orgId, async (trx) => {
    const user = await lockForChange(trx, orgId, input, () => input.role !== 'admin');
    if (user.role === input.role) return { version: input.expectedVersion };
    return {
      version: await applyChange(trx, orgId, input, { role: input.role }, ['role'], actor),
    };
  });
}

/**
 * Disables a user: they can no longer sign in, and every session of theirs ends now. The
 * organization's last enabled admin cannot be disabled.
 */
export async function disableUser(
  db: Db,
  orgId: string,
  input: Change & { now: Date },
  actor: string,
): Promise<{ version: number; sessionsEnded: number }> {
  return withTenant(db, orgId, async (trx) => {
    const user = await lockForChange(trx, orgId, input, () => true);
    if (user.disabled) throw new UserConflictError(`userId: "${input.userId}" is already disabled`);
    const version = await applyChange(
      trx,
      orgId,
      input,
      { disabled_at: input.now },
      ['disabled'],
      actor,
    );
    const ended = await trx
      .deleteFrom('sessions')
      .where('org_id', '=', orgId)
      .where('user_id', '=', input.userId)
      .executeTakeFirst();
    return { version, sessionsEnded: Number(ended.numDeletedRows) };
  });
}

/** Lets a disabled user sign in again (with the password they had). */
export async function enableUser(
  db: Db,
  orgId: string,
  input: Change,
  actor: string,
): Promise<{ version: number }> {
  return withTenant(db, orgId, async (trx) => {
    const user = await lockForChange(trx, orgId, input, () => false);
    if (!user.disabled) throw new UserConflictError(`userId: "${input.userId}" is not disabled`);
    return {
      version: await applyChange(trx, orgId, input, { disabled_at: null }, ['disabled'], actor),
    };
  });
}

/**
 * Removes a user's link to an identity at the single sign-on provider: their next sign-in
 * there is matched by verified email again (and linked anew). Sessions are left alone.
 */
export async function unlinkUserSignIn(
  db: Db,
  orgId: string,
  input: Change,
  actor: string,
): Promise<{ version: number }> {
  return withTenant(db, orgId, async (trx) => {
    await lockForChange(trx, orgId, input, () => false);
    const linked = await trx
      .selectFrom('users')
      .select('oidc_subject')
      .where('org_id', '=', orgId)
      .where('id', '=', input.userId)
      .executeTakeFirstOrThrow();
    if (linked.oidc_subject === null)
      throw new UserConflictError(`userId: "${input.userId}" has no single sign-on link`);
    const version = await applyChange(
      trx,
      orgId,
      input,
      { oidc_issuer: null, oidc_subject: null },
      ['signInLink'],
      actor,
    );
    return { version };
  });
}

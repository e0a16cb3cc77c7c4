import { z } from 'zod';
import { appendActivity } from './activity-log.js';
import { ensureOrganization, withTenant, type Db } from './tenant.js';

// The people who use Chronicle, per organization, with the role that decides what they see.

export const USER_ROLES = [
  'admin',
  'care-manager',
  'practitioner',
  'compliance-officer',
  'auditor',
] as const;

export const newUserSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores'),
  email: z.email('must be an email address').max(254, 'must be at most 254 characters'),
  displayName: z
    .string()
    .trim()
    .min(1, 'a name is required')
    .max(200, 'must be at most 200 characters'),
  role: z.enum(USER_ROLES),
});

export type NewUser = z.infer<typeof newUserSchema>;

export interface User extends NewUser {
  orgId: string;
  version: number;
}

export class UserError extends Error {}

export async function createUser(
  db: Db,
  orgId: string,
  input: unknown,
  actor: string,
): Promise<User> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success)
    throw new UserError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(user)'}: ${i.message}`).join('\n'),
    );
  const user = parsed.data;
  await ensureOrganization(db, orgId);
  return withTenant(db, orgId, async (trx) => {
    const existing = await trx
      .selectFrom('users')
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', '=', user.id)
      .executeTakeFirst();
    if (existing) throw new UserError(`id: a user "${user.id}" already exists`);
    const row = await trx
      .insertInto('users')
      .values({
        org_id: orgId,
        id: user.id,
        email: user.email,
        display_name: user.displayName,
        role: user.role,
      })
      .returning('version')
      .executeTakeFirstOrThrow();
    await appendActivity(trx, orgId, [
      {
        actor,
        action: 'create',
        recordType: 'user',
        recordId: user.id,
        fields: ['email', 'displayName', 'role'],
      },
    ]);
    return { ...user, orgId, version: row.version };
  });
}

export async function listUsers(db: Db, orgId: string): Promise<User[]> {
  return withTenant(db, orgId, async (trx) =>
    (
      await trx.selectFrom('users').selectAll().where('org_id', '=', orgId).orderBy('id').execute()
    ).map((r) => ({
      orgId: r.org_id,
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      role: r.role,
      version: r.version,
    })),
  );
}

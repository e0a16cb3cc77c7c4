import {
  changeRoleInputSchema,
  changeUserRole,
  createUserAccount,
  disableUser,
  enableUser,
  listUserAccounts,
  newUserSchema,
  setPasswordHash,
  unlinkUserSignIn,
  userVersionInputSchema,
} from '@chronicle/db';
import { z } from 'zod';
import { procedure, router } from '../trpc.js';

// The organization's users and their roles, for admins: list, create with a first
// password, change a role, disable (which ends their sessions) and enable, reset a
// password (which ends their sessions too), and remove a user's single sign-on link. Passwords are hashed by the server's
// `hashPassword` (argon2id) before they reach the database; neither they nor their hashes
// are ever returned or logged. The last enabled admin can be neither demoted nor disabled.

const password = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(1024, 'must be at most 1024 characters');

export const usersRouter = router({
  list: procedure('users.read').query(({ ctx }) => listUserAccounts(ctx.db, ctx.caller.orgId)),
  create: procedure('users.write')
    .input(newUserSchema.extend({ password }))
    .mutation(async ({ ctx, input }) => {
      const { password: secret, ...user } = input;
      return createUserAccount(
        ctx.db,
        ctx.caller.orgId,
        { user, passwordHash: await ctx.hashPassword(secret) },
        ctx.caller.userId,
      );
    }),
  changeRole: procedure('users.write')
    .input(changeRoleInputSchema)
    .mutation(({ ctx, input }) =>
      changeUserRole(ctx.db, ctx.caller.orgId, input, ctx.caller.userId),
    ),
  disable: procedure('users.write')
    .input(userVersionInputSchema)
    .mutation(({ ctx, input }) =>
      disableUser(ctx.db, ctx.caller.orgId, { ...input, now: ctx.now() }, ctx.caller.userId),
    ),
  enable: procedure('users.write')
    .input(userVersionInputSchema)
    .mutation(({ ctx, input }) => enableUser(ctx.db, ctx.caller.orgId, input, ctx.caller.userId)),
  /** The user's next single sign-on is matched by verified email again. */
  unlinkSignIn: procedure('users.write')
    .input(userVersionInputSchema)
    .mutation(({ ctx, input }) =>
      unlinkUserSignIn(ctx.db, ctx.caller.orgId, input, ctx.caller.userId),
    ),
  /** Sets a new password and signs the user out everywhere. */
  resetPassword: procedure('users.write')
    .input(z.strictObject({ userId: z.string().min(1, 'is required').max(64), password }))
    .mutation(async ({ ctx, input }) => {
      await setPasswordHash(ctx.db, {
        orgId: ctx.caller.orgId,
        userId: input.userId,
        passwordHash: await ctx.hashPassword(input.password),
        actor: ctx.caller.userId,
      });
      return { userId: input.userId };
    }),
});

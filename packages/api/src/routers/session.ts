import { deleteUserSessions } from '@chronicle/db';
import { z } from 'zod';
import { allows, PERMISSIONS, type Permission } from '../permissions.js';
import { procedure, router } from '../trpc.js';

// The signed-in user's own session. Signing in and out of this browser are plain HTTP
// endpoints of the server (they set and clear the cookie); ending every session is here.

export const sessionRouter = router({
  /** Who is signed in, in which organization, and what the role may do. */
  me: procedure('session.read').query(({ ctx }) => ({
    orgId: ctx.caller.orgId,
    userId: ctx.caller.userId,
    role: ctx.caller.role,
    permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((p) =>
      allows(ctx.caller.role, p),
    ),
  })),
  /** Signs the user out of every browser and device, this one included. */
  signOutEverywhere: procedure('session.read')
    .input(z.strictObject({}).optional())
    .mutation(async ({ ctx }) => ({
      sessionsEnded: await deleteUserSessions(ctx.db, ctx.caller.orgId, ctx.caller.userId),
    })),
});

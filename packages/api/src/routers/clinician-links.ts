import { clinicianLinkInputSchema, linkUserToClinician, listClinicianLinks } from '@chronicle/db';
import { z } from 'zod';
import { procedure, router } from '../trpc.js';

// Which clinician of a practice each user is: the time a user records is that clinician's.
// Admins set the links (users.write); a clinician is at most one user.

export const clinicianLinksRouter = router({
  list: procedure('users.read')
    .input(z.strictObject({ practiceId: z.string().min(1).max(200) }))
    .query(({ ctx, input }) => listClinicianLinks(ctx.db, ctx.caller.orgId, input.practiceId)),
  set: procedure('users.write')
    .input(clinicianLinkInputSchema)
    .mutation(({ ctx, input }) =>
      linkUserToClinician(ctx.db, ctx.caller.orgId, ctx.caller.userId, input),
    ),
});

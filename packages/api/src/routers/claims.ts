import {
  approveClaim,
  approveClaimInputSchema,
  claimReasonInputSchema,
  claimStepInputSchema,
  listClaims,
  listClaimsInputSchema,
  proposeClaims,
  proposeClaimsInputSchema,
  stepClaim,
} from '@chronicle/db';
import { procedure, router } from '../trpc.js';

// Claims: what a month's documentation supports (proposed by the rules core, nothing
// stored), approving a proposal as a claim, holding and releasing it, marking it
// submitted, and a month's claims with their workflow state. The repositories refuse
// what the rules block, changes to closed months and stale versions.

export const claimsRouter = router({
  propose: procedure('claims.read')
    .input(proposeClaimsInputSchema)
    .query(({ ctx, input }) =>
      proposeClaims(ctx.db, { ...input, orgId: ctx.caller.orgId, actor: ctx.caller.userId }),
    ),
  list: procedure('claims.read')
    .input(listClaimsInputSchema)
    .query(({ ctx, input }) =>
      listClaims(ctx.db, { ...input, orgId: ctx.caller.orgId, actor: ctx.caller.userId }),
    ),
  approve: procedure('claims.write')
    .input(approveClaimInputSchema)
    .mutation(({ ctx, input }) =>
      approveClaim(ctx.db, {
        ...input,
        orgId: ctx.caller.orgId,
        actor: ctx.caller.userId,
        now: ctx.now(),
      }),
    ),
  hold: procedure('claims.hold')
    .input(claimReasonInputSchema)
    .mutation(({ ctx, input }) => stepClaim(ctx.db, { ...step(ctx), ...input, step: 'held' })),
  release: procedure('claims.hold')
    .input(claimReasonInputSchema)
    .mutation(({ ctx, input }) => stepClaim(ctx.db, { ...step(ctx), ...input, step: 'released' })),
  markSubmitted: procedure('claims.write')
    .input(claimStepInputSchema)
    .mutation(({ ctx, input }) => stepClaim(ctx.db, { ...step(ctx), ...input, step: 'submitted' })),
});

function step(ctx: { caller: { orgId: string; userId: string }; now: () => Date }) {
  return { orgId: ctx.caller.orgId, actor: ctx.caller.userId, now: ctx.now() };
}

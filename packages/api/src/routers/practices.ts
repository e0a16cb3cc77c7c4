import {
  attestCapabilitiesInputSchema,
  attestPracticeCapabilities,
  listPracticeClinicians,
  practiceCapabilities,
  practiceCapabilitiesInputSchema,
} from '@chronicle/db';
import { procedure, router } from '../trpc.js';

// A practice's attestation of its CCM capabilities, as the audit's
// PRACTICE-CAPABILITY-UNATTESTED rule reads it: anyone who reads patients may see it (it
// decides findings they see); only admins attest, on the version they read. And the
// practice's clinicians (its staff, not patient data), whom admins link users to.

export const practicesRouter = router({
  capabilities: procedure('patients.read')
    .input(practiceCapabilitiesInputSchema)
    .query(({ ctx, input }) => practiceCapabilities(ctx.db, ctx.caller.orgId, input)),
  clinicians: procedure('patients.read')
    .input(practiceCapabilitiesInputSchema)
    .query(({ ctx, input }) => listPracticeClinicians(ctx.db, ctx.caller.orgId, input.practiceId)),
  attest: procedure('practice.attest')
    .input(attestCapabilitiesInputSchema)
    .mutation(({ ctx, input }) =>
      attestPracticeCapabilities(ctx.db, ctx.caller.orgId, ctx.caller.userId, input, ctx.now()),
    ),
});

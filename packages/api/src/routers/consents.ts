import {
  listConsents,
  patientRecordsInputSchema,
  recordConsent,
  recordConsentInputSchema,
  revokeConsent,
  revokeConsentInputSchema,
} from '@chronicle/db';
import { procedure, router } from '../trpc.js';

// Consent to a care-management program (ccm-domain §6), in the dataset's consent fields.
// A revocation keeps the consent: it is an amendment adding the day it was made, with the
// reason, and says which closed months came after it.

export const consentsRouter = router({
  list: procedure('patients.read')
    .input(patientRecordsInputSchema)
    .query(({ ctx, input }) => listConsents(ctx.db, ctx.caller.orgId, ctx.caller.userId, input)),
  record: procedure('consent.write')
    .input(recordConsentInputSchema)
    .mutation(({ ctx, input }) =>
      recordConsent(ctx.db, ctx.caller.orgId, ctx.caller.userId, input, ctx.now()),
    ),
  revoke: procedure('consent.write')
    .input(revokeConsentInputSchema)
    .mutation(({ ctx, input }) =>
      revokeConsent(ctx.db, ctx.caller.orgId, ctx.caller.userId, input, ctx.now()),
    ),
});

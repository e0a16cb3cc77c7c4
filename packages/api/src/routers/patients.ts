import {
  getPatient,
  listPatients,
  listPracticeClinicians,
  listPracticeSummaries,
  patientListInputSchema,
  registerPatient,
  registerPatientInputSchema,
} from '@chronicle/db';
import { classifyCondition } from '@chronicle/rules';
import { z } from 'zod';
import { notFound } from '../errors.js';
import { procedure, router } from '../trpc.js';

// Patients: the organization's practices, a page of a practice's patients (sorted,
// filtered and searched by the database), and one patient with everything recorded.

export const patientRef = z.strictObject({
  practiceId: z.string().min(1).max(200),
  patientId: z.string().min(1).max(200),
});

export const patientsRouter = router({
  practices: procedure('patients.read').query(({ ctx }) =>
    listPracticeSummaries(ctx.db, ctx.caller.orgId),
  ),
  list: procedure('patients.read')
    .input(patientListInputSchema)
    .query(({ ctx, input }) => listPatients(ctx.db, ctx.caller.orgId, ctx.caller.userId, input)),
  /** A new patient with their coverage, conditions and the visits already held. */
  register: procedure('patients.write')
    .input(registerPatientInputSchema)
    .mutation(({ ctx, input }) =>
      registerPatient(ctx.db, ctx.caller.orgId, ctx.caller.userId, input),
    ),
  get: procedure('patients.read')
    .input(patientRef)
    .query(async ({ ctx, input }) => {
      const found = await getPatient(ctx.db, ctx.caller.orgId, ctx.caller.userId, input);
      if (!found)
        throw notFound(
          'patientId',
          `patient "${input.patientId}" in practice "${input.practiceId}"`,
        );
      return {
        ...found,
        // Classified here, so the console shows the rules core's answer without shipping
        // the code lists: each condition with whether it is chronic and on what basis.
        conditions: found.patient.conditions.map((condition) => ({
          ...condition,
          classification: classifyCondition(condition),
        })),
        // For naming who obtained a consent, its billing practitioner, a plan's author.
        clinicians: await listPracticeClinicians(ctx.db, ctx.caller.orgId, input.practiceId),
      };
    }),
});

import { carePlanSchema, type CarePlanEvent } from '@chronicle/dataset';
import { z } from 'zod';
import { parseInput, refuse } from './care-record-error.js';
import { appendRecord, readRecords, type StoredRecord } from './patient-records.js';
import { clinicianAt, countsTime, openPatient } from './patient-scope.js';
import { editPatientRecord } from './record-edits.js';
import { withTenant, type Db } from './tenant.js';

// The care plan as the dataset keeps it (ccm-domain §7): a list of events (established,
// revised, reviewed), each with its author, the elements the plan holds, and whether and
// how it was shared with the patient.

const ref = z.string().min(1, 'is required').max(200);
const { shape } = carePlanSchema;

export const addCarePlanEventInputSchema = z.strictObject({
  practiceId: ref,
  patientId: ref,
  date: shape.date,
  event: shape.event,
  substantialRevision: shape.substantialRevision,
  authorId: shape.authorId,
  elements: shape.elements
    .min(1, 'name at least one element the plan holds')
    .refine((elements) => new Set(elements).size === elements.length, 'names an element twice'),
  sharedWithPatient: shape.sharedWithPatient,
});
export type AddCarePlanEventInput = z.input<typeof addCarePlanEventInputSchema>;

export const shareCarePlanInputSchema = z.strictObject({
  practiceId: ref,
  patientId: ref,
  eventId: ref,
  expectedVersion: z.number().int().min(1, 'must be the version read (1 or more)'),
  date: shape.date,
  method: shape.sharedWithPatient.unwrap().shape.method,
  /** Sharing an event a closed month rests on is an amendment, with this reason. */
  reason: z.string().trim().min(1, 'a reason is required').max(2000).optional(),
});
export type ShareCarePlanInput = z.input<typeof shareCarePlanInputSchema>;

/** Adds an event to the patient's care plan. */
export async function addCarePlanEvent(
  db: Db,
  orgId: string,
  actor: string,
  input: AddCarePlanEventInput,
  now: Date,
): Promise<StoredRecord<CarePlanEvent>> {
  const { practiceId, patientId, ...event } = parseInput(addCarePlanEventInputSchema, input);
  return withTenant(db, orgId, async (trx) => {
    const scope = await openPatient(trx, orgId, { practiceId, patientId }, now);
    if (event.date > scope.today)
      refuse(
        'invalid',
        'date',
        `is after today (${scope.today}); record an event once it happened`,
      );
    if (event.sharedWithPatient && event.sharedWithPatient.date > scope.today)
      refuse('invalid', 'sharedWithPatient.date', `is after today (${scope.today})`);
    const author = clinicianAt(scope, event.authorId, 'authorId');
    if (!countsTime(author))
      refuse(
        'invalid',
        'authorId',
        `clinician "${author.id}" is non-clinical staff; a care plan is written by the practitioner or clinical staff`,
      );
    if (event.substantialRevision !== undefined && event.event !== 'revised')
      refuse('invalid', 'substantialRevision', 'only a revision can be substantial');
    if (event.event !== 'established') {
      const plans = await readRecords(trx, orgId, { practiceId, patientId }, 'care_plan_event');
      const established = plans.some(
        ({ record }) => record.event === 'established' && record.date <= event.date,
      );
      if (!established)
        refuse(
          'invalid',
          'event',
          `there is no care plan established on or before ${event.date} to be ${event.event}; record "established" first`,
        );
    }
    return appendRecord(scope, 'care_plan_event', event, actor);
  });
}

/** Records that an event's plan was shared with the patient: the day and how. */
export async function shareCarePlan(
  db: Db,
  orgId: string,
  actor: string,
  input: ShareCarePlanInput,
  now: Date,
): Promise<StoredRecord<CarePlanEvent>> {
  const { practiceId, patientId, eventId, date, method, ...edit } = parseInput(
    shareCarePlanInputSchema,
    input,
  );
  const result = await editPatientRecord(
    db,
    {
      orgId,
      practiceId,
      patientId,
      type: 'care_plan_event',
      id: eventId,
      idField: 'eventId',
      expectedVersion: edit.expectedVersion,
      actor,
      reason: edit.reason,
      now,
    },
    (event, scope) => {
      if (event.sharedWithPatient)
        refuse(
          'conflict',
          'eventId',
          `care-plan event "${eventId}" was already shared with the patient on ${event.sharedWithPatient.date}`,
        );
      if (date < event.date)
        refuse('invalid', 'date', `must not be before the care-plan event's date (${event.date})`);
      if (date > scope.today)
        refuse(
          'invalid',
          'date',
          `is after today (${scope.today}); record a share once it is made`,
        );
      return { sharedWithPatient: { date, method } };
    },
    (path) =>
      path.startsWith('changes.sharedWithPatient.')
        ? path.slice('changes.sharedWithPatient.'.length)
        : path,
  );
  return { record: result.record, version: result.version };
}

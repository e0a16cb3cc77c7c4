import { isDeepStrictEqual } from 'node:util';
import { timeEntrySchema, type TimeEntry } from '@chronicle/dataset';
import { z } from 'zod';
import { parseInput, refuse } from './care-record-error.js';
import { linkedClinician } from './clinician-links.js';
import { appendRecord, type StoredRecord } from './patient-records.js';
import { countsTime, isPractitioner, openPatient, type PatientScope } from './patient-scope.js';
import { editPatientRecord } from './record-edits.js';
import { withTenant, type Db } from './tenant.js';

// Care-management minutes, recorded by the user as the clinician they are linked to
// (clinician-links.ts): only practitioners and clinical staff record time, because only
// their minutes count (ccm-domain §2). A practitioner signs (approves) staff time; an edit
// of a signed entry's content takes the signature off, since it no longer covers what was
// signed.

const ref = z.string().min(1, 'is required').max(200);
const { shape } = timeEntrySchema;
const activity = z.string().trim().min(1, 'say what was done').max(4000);
const version = z.number().int().min(1, 'must be the version read (1 or more)');
const amendReason = z.string().trim().min(1, 'a reason is required').max(2000);

/** A client's clock may run a little ahead of the server's. */
const CLOCK_SKEW_MS = 60_000;

export const addTimeEntryInputSchema = z
  .strictObject({
    practiceId: ref,
    patientId: ref,
    start: shape.start,
    end: shape.end,
    minutes: shape.minutes,
    service: shape.service,
    activity,
    mdm: shape.mdm,
  })
  .superRefine((entry, ctx) => {
    if ((entry.end === undefined) === (entry.minutes === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: 'give exactly one of end and minutes',
      });
  });
export type AddTimeEntryInput = z.input<typeof addTimeEntryInputSchema>;

export const approveTimeEntryInputSchema = z.strictObject({
  practiceId: ref,
  patientId: ref,
  entryId: ref,
  expectedVersion: version,
  /** Approving an entry of a closed month is an amendment, with this reason. */
  reason: amendReason.optional(),
});
export type ApproveTimeEntryInput = z.input<typeof approveTimeEntryInputSchema>;

export const amendTimeEntryInputSchema = z.strictObject({
  practiceId: ref,
  patientId: ref,
  entryId: ref,
  expectedVersion: version,
  /** The fields to change; null removes an optional field (to swap end and minutes). */
  changes: z
    .strictObject({
      start: shape.start.optional(),
      end: shape.end.unwrap().nullable().optional(),
      minutes: shape.minutes.unwrap().nullable().optional(),
      service: shape.service.optional(),
      activity: activity.optional(),
      mdm: shape.mdm.unwrap().nullable().optional(),
    })
    .refine((changes) => Object.keys(changes).length > 0, 'name at least one field to change'),
  /** Given, the edit is an amendment (the only way to change a closed month). */
  reason: amendReason.optional(),
});
export type AmendTimeEntryInput = z.input<typeof amendTimeEntryInputSchema>;

/** Adds a time entry by hand, as the user's clinician. */
export async function addTimeEntry(
  db: Db,
  orgId: string,
  userId: string,
  input: AddTimeEntryInput,
  now: Date,
): Promise<StoredRecord<TimeEntry>> {
  const { practiceId, patientId, ...entry } = parseInput(addTimeEntryInputSchema, input);
  return withTenant(db, orgId, async (trx) => {
    const scope = await openPatient(trx, orgId, { practiceId, patientId }, now);
    const clinician = await timeKeeper(scope, userId);
    if (entry.mdm !== undefined && !isPractitioner(clinician)) refuseMdm('mdm');
    notInFuture(entry, now, '');
    return appendRecord(scope, 'time_entry', { clinicianId: clinician.id, ...entry }, userId);
  });
}

/** Signs a staff member's entry as the user's clinician, a practitioner. */
export async function approveTimeEntry(
  db: Db,
  orgId: string,
  userId: string,
  input: ApproveTimeEntryInput,
  now: Date,
): Promise<StoredRecord<TimeEntry>> {
  const { practiceId, patientId, entryId, ...edit } = parseInput(
    approveTimeEntryInputSchema,
    input,
  );
  const result = await editPatientRecord(
    db,
    { ...request(orgId, userId, now, practiceId, patientId, entryId), ...edit },
    async (entry, scope) => {
      const approver = await linkedClinician(scope.trx, orgId, userId, practiceId);
      if (!isPractitioner(approver))
        refuse(
          'not-allowed',
          '',
          `clinician "${approver.id}" is not a practitioner; time is approved by the billing practitioner`,
        );
      if (entry.clinicianId === approver.id)
        refuse(
          'invalid',
          'entryId',
          "is your own entry: a practitioner's own minutes need no approval",
        );
      if (entry.signedById !== undefined)
        refuse('conflict', 'entryId', `was already approved by clinician "${entry.signedById}"`);
      return { signedById: approver.id };
    },
  );
  return { record: result.record, version: result.version };
}

/** Changes an entry: an ordinary edit, or with a reason an amendment. */
export async function amendTimeEntry(
  db: Db,
  orgId: string,
  userId: string,
  input: AmendTimeEntryInput,
  now: Date,
): Promise<StoredRecord<TimeEntry> & { approvalRemoved: boolean }> {
  const { practiceId, patientId, entryId, changes, ...edit } = parseInput(
    amendTimeEntryInputSchema,
    input,
  );
  let approvalRemoved = false;
  const result = await editPatientRecord(
    db,
    { ...request(orgId, userId, now, practiceId, patientId, entryId), ...edit },
    (entry, scope) => {
      const planned: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(changes)) planned[key] = value ?? undefined;
      if (typeof planned.mdm === 'string') {
        const clinician = scope.clinicians.get(entry.clinicianId);
        if (!clinician || !isPractitioner(clinician)) refuseMdm('changes.mdm');
      }
      const after = { ...entry, ...planned } as TimeEntry;
      notInFuture(after, now, 'changes.');
      const touched = Object.entries(planned).some(
        ([key, value]) => !isDeepStrictEqual(entry[key as keyof TimeEntry], value),
      );
      if (entry.signedById !== undefined && touched) {
        planned.signedById = undefined;
        approvalRemoved = true;
      }
      return planned;
    },
  );
  return { record: result.record, version: result.version, approvalRemoved };
}

function request(
  orgId: string,
  actor: string,
  now: Date,
  practiceId: string,
  patientId: string,
  id: string,
) {
  return {
    orgId,
    actor,
    now,
    practiceId,
    patientId,
    id,
    type: 'time_entry',
    idField: 'entryId',
  } as const;
}

/** The user's clinician, when their minutes count. */
export async function timeKeeper(scope: PatientScope, userId: string) {
  const clinician = await linkedClinician(scope.trx, scope.orgId, userId, scope.practiceId);
  if (!countsTime(clinician))
    refuse(
      'not-allowed',
      '',
      `clinician "${clinician.id}" is non-clinical staff: their minutes never count toward care management, so they record none`,
    );
  return clinician;
}

export function refuseMdm(path: string): never {
  return refuse(
    'invalid',
    path,
    "medical decision making is recorded only on the billing practitioner's own entries",
  );
}

/** Time is recorded once it is spent. */
function notInFuture(
  entry: Pick<TimeEntry, 'start' | 'end' | 'minutes'>,
  now: Date,
  prefix: string,
) {
  const latest = now.getTime() + CLOCK_SKEW_MS;
  const start = Date.parse(entry.start);
  if (start > latest) refuse('invalid', `${prefix}start`, 'is in the future');
  const end =
    entry.end !== undefined ? Date.parse(entry.end) : start + (entry.minutes ?? 0) * 60_000;
  if (end > latest)
    refuse(
      'invalid',
      `${prefix}${entry.end !== undefined ? 'end' : 'minutes'}`,
      'ends in the future',
    );
}

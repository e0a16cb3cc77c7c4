import { consentSchema, type Consent } from '@chronicle/dataset';
import { z } from 'zod';
import { CareRecordError, parseInput, refuse } from './care-record-error.js';
import { appendRecord, type StoredRecord } from './patient-records.js';
import { clinicianAt, isPractitioner, openPatient } from './patient-scope.js';
import { editPatientRecord } from './record-edits.js';
import { withTenant, type Db } from './tenant.js';

// Consent to a care-management program (ccm-domain §6), recorded in the dataset's consent
// fields: verbal or written, the date, who obtained it, the billing practitioner it names,
// what the patient was told, and whether they accepted or declined. A revocation keeps the
// consent and adds the day it was made (effective at the end of that month); its reason is
// kept by making it an amendment, with the consent before and after.

const ref = z.string().min(1, 'is required').max(200);
const reason = z.string().trim().min(1, 'a reason is required').max(2000);
const { shape } = consentSchema;

export const recordConsentInputSchema = z.strictObject({
  practiceId: ref,
  patientId: ref,
  program: shape.program,
  date: shape.date,
  method: shape.method,
  practitionerId: shape.practitionerId,
  obtainedById: shape.obtainedById,
  decision: shape.decision,
  informed: shape.informed,
});
export type RecordConsentInput = z.input<typeof recordConsentInputSchema>;

export const revokeConsentInputSchema = z.strictObject({
  practiceId: ref,
  patientId: ref,
  consentId: ref,
  expectedVersion: z.number().int().min(1, 'must be the version read (1 or more)'),
  revokedOn: shape.date,
  reason,
});
export type RevokeConsentInput = z.input<typeof revokeConsentInputSchema>;

/** What the patient must have been told before an accepted consent holds (§6, NGS-CM). */
const TOLD = ['availability', 'costSharing', 'onePractitionerPerMonth', 'rightToStop'] as const;

/** Records a consent (accepted or declined) at the end of the patient's consents. */
export async function recordConsent(
  db: Db,
  orgId: string,
  actor: string,
  input: RecordConsentInput,
  now: Date,
): Promise<StoredRecord<Consent>> {
  const { practiceId, patientId, ...consent } = parseInput(recordConsentInputSchema, input);
  return withTenant(db, orgId, async (trx) => {
    const scope = await openPatient(trx, orgId, { practiceId, patientId }, now);
    if (consent.date > scope.today)
      refuse(
        'invalid',
        'date',
        `is after today (${scope.today}); record a consent once it is given`,
      );
    const practitioner = clinicianAt(scope, consent.practitionerId, 'practitionerId');
    if (!isPractitioner(practitioner))
      refuse(
        'invalid',
        'practitionerId',
        `clinician "${practitioner.id}" is not a practitioner who can bill; a consent names the billing practitioner the patient agreed to`,
      );
    clinicianAt(scope, consent.obtainedById, 'obtainedById');
    if (consent.decision === 'accepted') {
      const untold: string[] = TOLD.filter((element) => !consent.informed[element]);
      // Until 2017 the agreement was written and signed, and covered electronic sharing.
      const early = consent.date < '2017-01-01';
      if (early && consent.informed.electronicSharing !== true) untold.push('electronicSharing');
      if (untold.length > 0)
        throw new CareRecordError(
          'invalid',
          untold.map((element) => ({
            path: `informed.${element}`,
            message:
              'the patient must be told this before an accepted consent holds; tell them, then record the consent',
          })),
        );
      if (early && consent.method !== 'written')
        refuse('invalid', 'method', 'before 2017 consent had to be a written, signed agreement');
    }
    return appendRecord(scope, 'consent', consent, actor);
  });
}

/** Revokes an accepted consent as an amendment: the consent stays, with `revokedOn`. */
export async function revokeConsent(
  db: Db,
  orgId: string,
  actor: string,
  input: RevokeConsentInput,
  now: Date,
): Promise<StoredRecord<Consent> & { closedMonthsAfter: string[] }> {
  const parsed = parseInput(revokeConsentInputSchema, input);
  const { practiceId, patientId, consentId, revokedOn } = parsed;
  let closedMonthsAfter: string[] = [];
  const result = await editPatientRecord(
    db,
    {
      orgId,
      practiceId,
      patientId,
      type: 'consent',
      id: consentId,
      idField: 'consentId',
      expectedVersion: parsed.expectedVersion,
      actor,
      reason: parsed.reason,
      now,
    },
    (consent, scope) => {
      const name = `consent "${consentId}"`;
      if (consent.decision !== 'accepted')
        refuse('invalid', 'consentId', `${name} was declined; there is nothing to revoke`);
      if (consent.revokedOn !== undefined)
        refuse('conflict', 'consentId', `${name} was already revoked on ${consent.revokedOn}`);
      if (revokedOn < consent.date)
        refuse('invalid', 'revokedOn', `must not be before the consent's date (${consent.date})`);
      if (revokedOn > scope.today)
        refuse(
          'invalid',
          'revokedOn',
          `is after today (${scope.today}); record a revocation once it is made`,
        );
      // It takes effect at the end of its month: later closed months were decided on a
      // consent that, as now recorded, no longer held. The caller is told which.
      closedMonthsAfter = (scope.closed.byPatient.get(patientId) ?? []).filter(
        (month) => month > revokedOn.slice(0, 7),
      );
      return { revokedOn };
    },
    (path) => (path === 'changes.revokedOn' ? 'revokedOn' : path),
  );
  return { record: result.record, version: result.version, closedMonthsAfter };
}

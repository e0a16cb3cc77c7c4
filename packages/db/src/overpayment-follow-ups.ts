import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { appendActivity } from './activity-log.js';
import { AuditFollowUpError, parseFollowUp, refuseFollowUp } from './audit-follow-up-error.js';
import { readClaim } from './claim-records.js';
import { StaleWriteError } from './closed-months.js';
import {
  dateField,
  expectedVersionField,
  idField,
  monthField,
  textField,
  type FollowUpCaller,
} from './follow-up-fields.js';
import { doneRun } from './follow-up-runs.js';
import { milestoneProblems, type CaseMilestones } from './overpayment-dates.js';
import { OVERPAYMENT_STATES } from './overpayment-deadline.js';
import {
  milestonesOf,
  patientRead,
  readCases,
  withClock,
  type OverpaymentCase,
} from './overpayment-records.js';
import { withTenant, type Db, type Tx } from './tenant.js';

// The follow-up of a month found in error after its claim went out: a case opened from an
// audit run's error finding on a patient-month whose claim is submitted or paid, which
// then records when the overpayment was identified, quantified and refunded, each with its
// clock (overpayment-deadline.ts) computed against the day the caller hands in. Cases name
// patients, so every case read goes to the activity log as a read of its patient.

/** Dollars with cents: what a person types and a remittance shows. */
const amount = z
  .number()
  .min(0)
  .max(10_000_000)
  .refine((x) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6, 'must be whole cents');

export const openOverpaymentInputSchema = z.strictObject({
  runId: idField,
  patientId: idField,
  month: monthField,
  billingPractitionerId: idField,
  identifiedOn: dateField,
  investigationEndsOn: dateField.optional(),
  notes: textField(20_000).optional(),
});

export const listOverpaymentsInputSchema = z.strictObject({
  practiceId: idField.optional(),
  runId: idField.optional(),
  state: z.enum(OVERPAYMENT_STATES).optional(),
});

export const updateOverpaymentInputSchema = z.strictObject({
  id: idField,
  expectedVersion: expectedVersionField,
  identifiedOn: dateField.optional(),
  investigationEndsOn: dateField.nullable().optional(),
  quantifiedOn: dateField.nullable().optional(),
  quantifiedAmount: amount.nullable().optional(),
  refundedOn: dateField.nullable().optional(),
  refundedAmount: amount.nullable().optional(),
  refundReference: textField(200).trim().min(1, 'is required').nullable().optional(),
  notes: textField(20_000).optional(),
});

export type OpenOverpaymentInput = z.input<typeof openOverpaymentInputSchema>;
export type ListOverpaymentsInput = z.input<typeof listOverpaymentsInputSchema>;
export type UpdateOverpaymentInput = z.input<typeof updateOverpaymentInputSchema>;

/** Opens the case of a patient-month in error whose claim was submitted or paid. */
export async function openOverpayment(
  db: Db,
  who: FollowUpCaller,
  input: OpenOverpaymentInput,
): Promise<OverpaymentCase> {
  const c = parseFollowUp(openOverpaymentInputSchema, input);
  const { orgId, actor, now } = who;
  const { patientId, month, billingPractitionerId } = c;
  const problems = milestoneProblems(
    milestones({
      identifiedOn: c.identifiedOn,
      investigationEndsOn: c.investigationEndsOn ?? null,
    }),
    new Set(Object.keys(c)),
  );
  if (problems.length > 0) throw new AuditFollowUpError('invalid', problems);
  return withTenant(db, orgId, async (trx) => {
    const run = await doneRun(trx, orgId, c.runId, 'runId');
    const practiceId = run.practiceId;
    const error = await trx
      .selectFrom('audit_findings')
      .select('rule_id')
      .where('org_id', '=', orgId)
      .where('run_id', '=', run.id)
      .where('patient_id', '=', patientId)
      .where('month', '=', month)
      .where('billing_practitioner_id', '=', billingPractitionerId)
      .where('severity', '=', 'error')
      .executeTakeFirst();
    if (!error)
      refuseFollowUp(
        'invalid',
        'month',
        `run "${run.id}" has no error finding for patient "${patientId}" in ${month} billed by "${billingPractitionerId}"`,
      );
    const claimIds = await paidClaims(trx, {
      orgId,
      practiceId,
      patientId,
      month,
      billingPractitionerId,
    });
    if (claimIds.length === 0)
      refuseFollowUp(
        'invalid',
        'month',
        `patient "${patientId}" has no submitted or paid claim for ${month} by "${billingPractitionerId}": nothing was paid to return`,
      );
    const id = randomUUID();
    const inserted = await trx
      .insertInto('overpayment_follow_ups')
      .values({
        org_id: orgId,
        id,
        practice_id: practiceId,
        run_id: run.id,
        patient_id: patientId,
        month,
        billing_practitioner_id: billingPractitionerId,
        claim_ids: JSON.stringify(claimIds),
        identified_on: c.identifiedOn,
        investigation_ends_on: c.investigationEndsOn ?? null,
        quantified_on: null,
        quantified_cents: null,
        refunded_on: null,
        refunded_cents: null,
        refund_reference: null,
        notes: c.notes ?? '',
        opened_by: actor,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .onConflict((oc) =>
        oc
          .columns(['org_id', 'practice_id', 'patient_id', 'month', 'billing_practitioner_id'])
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const open = await readCases(trx, orgId, {
        practiceId,
        patientId,
        month,
        billingPractitionerId,
      });
      refuseFollowUp(
        'conflict',
        'month',
        `${month} of patient "${patientId}" by "${billingPractitionerId}" already has overpayment case "${open[0]?.id}"`,
      );
    }
    await appendActivity(
      trx,
      orgId,
      [
        patientRead(actor, practiceId, patientId, 'claims'),
        {
          actor,
          action: 'create',
          recordType: 'overpayment-follow-up',
          recordId: id,
          fields: Object.keys(c).sort(),
        },
      ],
      now,
    );
    return (
      await withClock(trx, orgId, now, await readCases(trx, orgId, { id }))
    )[0] as OverpaymentCase;
  });
}

/**
 * The organization's cases (of a practice or a run), each with its clock on the day `now`
 * falls on in the practice's time zone, filtered by state; nearest deadline first.
 */
export async function listOverpayments(
  db: Db,
  who: FollowUpCaller,
  input: ListOverpaymentsInput,
): Promise<OverpaymentCase[]> {
  const q = parseFollowUp(listOverpaymentsInputSchema, input);
  const { orgId, actor, now } = who;
  return withTenant(db, orgId, async (trx) => {
    const all = await withClock(trx, orgId, now, await readCases(trx, orgId, q));
    const cases = all
      .filter((c) => q.state === undefined || c.state === q.state)
      .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.id.localeCompare(b.id));
    const patients = new Map(cases.map((c) => [`${c.practiceId}/${c.patientId}`, c]));
    await appendActivity(
      trx,
      orgId,
      [...patients.values()].map((c) =>
        patientRead(actor, c.practiceId, c.patientId, 'overpayment-follow-ups'),
      ),
      now,
    );
    return cases;
  });
}

/** Records milestones of a case; the whole case is checked after the change is merged in. */
export async function updateOverpayment(
  db: Db,
  who: FollowUpCaller,
  input: UpdateOverpaymentInput,
): Promise<OverpaymentCase> {
  const { id, expectedVersion, ...change } = parseFollowUp(updateOverpaymentInputSchema, input);
  const { orgId, actor, now } = who;
  return withTenant(db, orgId, async (trx) => {
    const stored = await trx
      .selectFrom('overpayment_follow_ups')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!stored) return refuseFollowUp('not-found', 'id', `no overpayment case "${id}"`);
    if (Number(stored.version) !== expectedVersion)
      throw new StaleWriteError(
        `overpayment case "${id}"`,
        expectedVersion,
        Number(stored.version),
      );
    const before = { ...milestonesOf(stored), notes: stored.notes };
    // Undefined leaves a field as stored; null clears it.
    const or = <T>(given: T | undefined, kept: T): T => (given === undefined ? kept : given);
    const cents = (x: number | null | undefined) =>
      x === undefined || x === null ? x : Math.round(x * 100);
    const after: typeof before = {
      identifiedOn: or(change.identifiedOn, before.identifiedOn),
      investigationEndsOn: or(change.investigationEndsOn, before.investigationEndsOn),
      quantifiedOn: or(change.quantifiedOn, before.quantifiedOn),
      quantifiedCents: or(cents(change.quantifiedAmount), before.quantifiedCents),
      refundedOn: or(change.refundedOn, before.refundedOn),
      refundedCents: or(cents(change.refundedAmount), before.refundedCents),
      refundReference: or(change.refundReference, before.refundReference),
      notes: or(change.notes, before.notes),
    };
    const problems = milestoneProblems(after, new Set(Object.keys(change)));
    if (problems.length > 0) throw new AuditFollowUpError('invalid', problems);
    const changed = (Object.keys(after) as Array<keyof typeof after>).filter(
      (k) => after[k] !== before[k],
    );
    if (changed.length > 0) {
      await trx
        .updateTable('overpayment_follow_ups')
        .set((eb) => ({
          identified_on: after.identifiedOn,
          investigation_ends_on: after.investigationEndsOn,
          quantified_on: after.quantifiedOn,
          quantified_cents: after.quantifiedCents,
          refunded_on: after.refundedOn,
          refunded_cents: after.refundedCents,
          refund_reference: after.refundReference,
          notes: after.notes,
          updated_at: now.toISOString(),
          version: eb('version', '+', 1),
        }))
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .execute();
      await appendActivity(
        trx,
        orgId,
        [
          {
            actor,
            action: 'update',
            recordType: 'overpayment-follow-up',
            recordId: id,
            fields: changed.map((k) => k.replace('Cents', 'Amount')).sort(),
          },
        ],
        now,
      );
    }
    return (
      await withClock(trx, orgId, now, await readCases(trx, orgId, { id }))
    )[0] as OverpaymentCase;
  });
}

/** The patient-month's claims by the practitioner that went out (submitted or paid). */
async function paidClaims(
  trx: Tx,
  q: {
    orgId: string;
    practiceId: string;
    patientId: string;
    month: string;
    billingPractitionerId: string;
  },
): Promise<string[]> {
  const rows = await trx
    .selectFrom('claims')
    .select('id')
    .where('org_id', '=', q.orgId)
    .where('practice_id', '=', q.practiceId)
    .where('patient_id', '=', q.patientId)
    .where('billing_practitioner_id', '=', q.billingPractitionerId)
    .where('date_of_service', 'like', `${q.month}-%`)
    .orderBy('ord')
    .execute();
  const paid: string[] = [];
  for (const { id } of rows) {
    const claim = await readClaim(trx, { ...q, claimId: id });
    if (claim?.status === 'submitted' || claim?.status === 'paid') paid.push(id);
  }
  return paid;
}

function milestones(m: Partial<CaseMilestones> & { identifiedOn: string }): CaseMilestones {
  return {
    investigationEndsOn: null,
    quantifiedOn: null,
    quantifiedCents: null,
    refundedOn: null,
    refundedCents: null,
    refundReference: null,
    ...m,
  };
}

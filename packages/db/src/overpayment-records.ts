import type { Selectable } from 'kysely';
import type { ActivityInput } from './activity-log.js';
import type { CaseMilestones } from './overpayment-dates.js';
import { localDate, overpaymentClock, type OverpaymentClock } from './overpayment-deadline.js';
import type { OverpaymentFollowUpTable } from './tables/audit-follow-up.table.js';
import type { Tx } from './tenant.js';

// Overpayment cases as stored and as callers see them: the stored milestones in dollars,
// with the clock on the day the caller's instant falls on in the practice's time zone.

export interface OverpaymentCase extends OverpaymentClock {
  id: string;
  practiceId: string;
  runId: string;
  patientId: string;
  month: string;
  billingPractitionerId: string;
  claimIds: string[];
  identifiedOn: string;
  investigationEndsOn: string | null;
  quantifiedOn: string | null;
  /** Dollars. */
  quantifiedAmount: number | null;
  refundedOn: string | null;
  refundedAmount: number | null;
  refundReference: string | null;
  notes: string;
  openedBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export function milestonesOf(r: Selectable<OverpaymentFollowUpTable>): CaseMilestones {
  return {
    identifiedOn: r.identified_on,
    investigationEndsOn: r.investigation_ends_on,
    quantifiedOn: r.quantified_on,
    quantifiedCents: r.quantified_cents === null ? null : Number(r.quantified_cents),
    refundedOn: r.refunded_on,
    refundedCents: r.refunded_cents === null ? null : Number(r.refunded_cents),
    refundReference: r.refund_reference,
  };
}

export function patientRead(
  actor: string,
  practiceId: string,
  patientId: string,
  field: string,
): ActivityInput {
  return {
    actor,
    action: 'read',
    recordType: 'patient',
    recordId: `${practiceId}/${patientId}`,
    fields: [field],
  };
}

export type StoredCase = Omit<OverpaymentCase, keyof OverpaymentClock>;

export async function readCases(
  trx: Tx,
  orgId: string,
  q: {
    id?: string;
    practiceId?: string | undefined;
    runId?: string | undefined;
    patientId?: string;
    month?: string;
    billingPractitionerId?: string;
  },
): Promise<StoredCase[]> {
  let query = trx.selectFrom('overpayment_follow_ups').selectAll().where('org_id', '=', orgId);
  if (q.id !== undefined) query = query.where('id', '=', q.id);
  if (q.practiceId !== undefined) query = query.where('practice_id', '=', q.practiceId);
  if (q.runId !== undefined) query = query.where('run_id', '=', q.runId);
  if (q.patientId !== undefined) query = query.where('patient_id', '=', q.patientId);
  if (q.month !== undefined) query = query.where('month', '=', q.month);
  if (q.billingPractitionerId !== undefined)
    query = query.where('billing_practitioner_id', '=', q.billingPractitionerId);
  const rows = await query.orderBy('id').execute();
  const dollars = (cents: number | null) => (cents === null ? null : cents / 100);
  return rows.map((r) => {
    const m = milestonesOf(r);
    return {
      id: r.id,
      practiceId: r.practice_id,
      runId: r.run_id,
      patientId: r.patient_id,
      month: r.month,
      billingPractitionerId: r.billing_practitioner_id,
      claimIds: r.claim_ids,
      identifiedOn: m.identifiedOn,
      investigationEndsOn: m.investigationEndsOn,
      quantifiedOn: m.quantifiedOn,
      quantifiedAmount: dollars(m.quantifiedCents),
      refundedOn: m.refundedOn,
      refundedAmount: dollars(m.refundedCents),
      refundReference: m.refundReference,
      notes: r.notes,
      openedBy: r.opened_by,
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
      version: Number(r.version),
    };
  });
}

/** The cases with their clocks on the day `now` is in each practice's time zone. */
export async function withClock(
  trx: Tx,
  orgId: string,
  now: Date,
  cases: StoredCase[],
): Promise<OverpaymentCase[]> {
  const ids = [...new Set(cases.map((c) => c.practiceId))];
  const zones = new Map<string, string>();
  if (ids.length > 0)
    for (const p of await trx
      .selectFrom('practices')
      .select(['id', 'timezone'])
      .where('org_id', '=', orgId)
      .where('id', 'in', ids)
      .execute())
      zones.set(p.id, p.timezone);
  return cases.map((c) => ({
    ...c,
    ...overpaymentClock(c, localDate(now, zones.get(c.practiceId) ?? 'UTC')),
  }));
}

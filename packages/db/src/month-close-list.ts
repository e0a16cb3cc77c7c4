import { z } from 'zod';
import { appendActivity } from './activity-log.js';
import { ClaimError } from './claim-error.js';
import { monthSchema } from './claim-proposals.js';
import { withTenant, type Db } from './tenant.js';

// Which patient-months of a practice's month are closed, by whom and when: what the
// month-end billing screen needs to offer closing the rest. The decisions and the inputs
// they read stay with monthHistory; this answers without them.

const id = z.string().min(1, 'is required').max(200);

export const listMonthClosesInputSchema = z.strictObject({
  practiceId: id,
  month: monthSchema,
});
export type ListMonthClosesInput = z.infer<typeof listMonthClosesInputSchema>;

export interface MonthCloseSummary {
  patientId: string;
  month: string;
  billingPractitionerId: string | null;
  closedAt: string;
  closedBy: string;
  rulesVersion: string;
}

/** The month's closed patient-months of the practice, by patient; each read logged. */
export async function listMonthCloses(
  db: Db,
  input: ListMonthClosesInput & { orgId: string; actor: string },
): Promise<MonthCloseSummary[]> {
  const { orgId, practiceId, month, actor } = input;
  return withTenant(db, orgId, async (trx) => {
    const practice = await trx
      .selectFrom('practices')
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', '=', practiceId)
      .executeTakeFirst();
    if (!practice)
      throw new ClaimError('not-found', [
        { path: 'practiceId', message: `no practice "${practiceId}"` },
      ]);
    const rows = await trx
      .selectFrom('month_closes')
      .select([
        'patient_id',
        'month',
        'billing_practitioner_id',
        'closed_at',
        'closed_by',
        'rules_version',
      ])
      .where('org_id', '=', orgId)
      .where('practice_id', '=', practiceId)
      .where('month', '=', month)
      .orderBy('patient_id')
      .execute();
    await appendActivity(
      trx,
      orgId,
      rows.map((r) => ({
        actor,
        action: 'read' as const,
        recordType: 'month-close',
        recordId: `${practiceId}/${r.patient_id}/${month}`,
        fields: ['closedAt', 'closedBy'],
      })),
    );
    return rows.map((r) => ({
      patientId: r.patient_id,
      month: r.month,
      billingPractitionerId: r.billing_practitioner_id,
      closedAt: r.closed_at,
      closedBy: r.closed_by,
      rulesVersion: r.rules_version,
    }));
  });
}

import { z } from 'zod';
import { appendActivity } from './activity-log.js';
import type { EnrollmentStatus } from './tables/history.table.js';
import { withTenant, type Db } from './tenant.js';

// A patient's enrollment in a care-management program is a history, not a field: each
// change is a new row with the day it took effect, the reason and who recorded it. Rows
// are never updated; the current status is the latest change.

export const ENROLLMENT_STATUSES = [
  'candidate',
  'invited',
  'enrolled',
  'declined',
  'disenrolled',
  'enrolled-elsewhere',
] as const satisfies readonly EnrollmentStatus[];

/** Where each status may go next. Declining or leaving is never final: patients change their minds. */
const NEXT: Record<EnrollmentStatus, readonly EnrollmentStatus[]> = {
  candidate: ['invited', 'enrolled', 'declined', 'enrolled-elsewhere'],
  invited: ['enrolled', 'declined', 'enrolled-elsewhere'],
  enrolled: ['disenrolled', 'enrolled-elsewhere'],
  declined: ['candidate', 'invited', 'enrolled'],
  disenrolled: ['candidate', 'invited', 'enrolled'],
  'enrolled-elsewhere': ['candidate', 'invited', 'enrolled'],
};

const isoDate = z.iso.date('must be a date YYYY-MM-DD');

export const enrollmentChangeSchema = z.strictObject({
  practiceId: z.string().min(1).max(200),
  patientId: z.string().min(1).max(200),
  program: z.enum(['ccm', 'pcm', 'bhi', 'apcm']),
  status: z.enum(ENROLLMENT_STATUSES),
  effectiveOn: isoDate,
  reason: z.string().trim().min(1, 'a reason is required').max(2000),
  authorId: z.string().min(1).max(200),
});

export type EnrollmentChange = z.infer<typeof enrollmentChangeSchema>;

export interface EnrollmentEvent extends EnrollmentChange {
  id: number;
  recordedAt: string;
}

export class EnrollmentError extends Error {}

/** Records a change of status; refuses a change that does not follow from the current one. */
export async function recordEnrollment(
  db: Db,
  orgId: string,
  input: unknown,
): Promise<EnrollmentEvent> {
  const parsed = enrollmentChangeSchema.safeParse(input);
  if (!parsed.success)
    throw new EnrollmentError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(change)'}: ${i.message}`).join('\n'),
    );
  const change = parsed.data;
  return withTenant(db, orgId, async (trx) => {
    const patient = await trx
      .selectFrom('patients')
      .select('id')
      .where('org_id', '=', orgId)
      .where('practice_id', '=', change.practiceId)
      .where('id', '=', change.patientId)
      .forUpdate()
      .executeTakeFirst();
    if (!patient)
      throw new EnrollmentError(
        `patientId: no patient "${change.patientId}" in practice "${change.practiceId}"`,
      );
    const last = await trx
      .selectFrom('enrollment_events')
      .select(['status', 'effective_on'])
      .where('org_id', '=', orgId)
      .where('practice_id', '=', change.practiceId)
      .where('patient_id', '=', change.patientId)
      .where('program', '=', change.program)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (last) {
      if (!NEXT[last.status].includes(change.status))
        throw new EnrollmentError(
          `status: ${change.program} enrollment is "${last.status}"; it can become ${NEXT[last.status].join(', ')}, not "${change.status}"`,
        );
      if (change.effectiveOn < last.effective_on)
        throw new EnrollmentError(
          `effectiveOn: ${change.effectiveOn} is before the last change (${last.effective_on})`,
        );
    }
    const row = await trx
      .insertInto('enrollment_events')
      .values({
        org_id: orgId,
        practice_id: change.practiceId,
        patient_id: change.patientId,
        program: change.program,
        status: change.status,
        effective_on: change.effectiveOn,
        reason: change.reason,
        author_id: change.authorId,
      })
      .returning(['id', 'recorded_at'])
      .executeTakeFirstOrThrow();
    await appendActivity(trx, orgId, [
      {
        actor: change.authorId,
        action: 'create',
        recordType: 'enrollment',
        recordId: `${change.practiceId}/${change.patientId}/${change.program}`,
        fields: ['status', 'effectiveOn', 'reason'],
      },
    ]);
    return { ...change, id: Number(row.id), recordedAt: new Date(row.recorded_at).toISOString() };
  });
}

/** Every change of a patient's enrollment, oldest first. */
export async function enrollmentHistory(
  db: Db,
  orgId: string,
  where: { practiceId: string; patientId: string; program?: EnrollmentChange['program'] },
): Promise<EnrollmentEvent[]> {
  return withTenant(db, orgId, async (trx) => {
    let query = trx
      .selectFrom('enrollment_events')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('practice_id', '=', where.practiceId)
      .where('patient_id', '=', where.patientId);
    if (where.program) query = query.where('program', '=', where.program);
    const rows = await query.orderBy('id').execute();
    return rows.map((r) => ({
      id: Number(r.id),
      practiceId: r.practice_id,
      patientId: r.patient_id,
      program: r.program as EnrollmentChange['program'],
      status: r.status,
      effectiveOn: r.effective_on,
      reason: r.reason,
      authorId: r.author_id,
      recordedAt: new Date(r.recorded_at).toISOString(),
    }));
  });
}

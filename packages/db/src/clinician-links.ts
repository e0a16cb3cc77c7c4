import { clinicianSchema, type Clinician } from '@chronicle/dataset';
import { z } from 'zod';
import { appendActivity } from './activity-log.js';
import { parseInput, refuse } from './care-record-error.js';
import { recordOf } from './stored-record.js';
import { withTenant, type Db, type Tx } from './tenant.js';

// Users and clinicians are different things: a user signs in to Chronicle (users.ts), a
// clinician is a person of the practice as the dataset lists them (who logged time, who
// obtained a consent). An admin links a user to the clinician they are, once per practice;
// the time a user records is then that clinician's time. A clinician is at most one user,
// so that nobody records time as someone else. Links are kept apart from the users table
// so that importing a practice (which may rename or drop clinicians) and managing users
// stay independent: a clinician the import drops takes its link with it.

const ref = z.string().min(1, 'is required').max(200);

export const clinicianLinkInputSchema = z.strictObject({
  userId: ref,
  practiceId: ref,
  /** The clinician the user is in the practice; null removes the link. */
  clinicianId: ref.nullable(),
});
export type ClinicianLinkInput = z.input<typeof clinicianLinkInputSchema>;

export interface ClinicianLink {
  userId: string;
  practiceId: string;
  clinicianId: string;
  linkedAt: string;
  linkedBy: string;
}

/** Links a user to a clinician of a practice (or removes the link); admins only. */
export async function linkUserToClinician(
  db: Db,
  orgId: string,
  actor: string,
  input: ClinicianLinkInput,
): Promise<ClinicianLink | null> {
  const { userId, practiceId, clinicianId } = parseInput(clinicianLinkInputSchema, input);
  return withTenant(db, orgId, async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) refuse('not-found', 'userId', `no user "${userId}"`);
    const log = () =>
      appendActivity(trx, orgId, [
        { actor, action: 'update', recordType: 'user', recordId: userId, fields: ['clinician'] },
      ]);
    if (clinicianId === null) {
      const removed = await trx
        .deleteFrom('user_clinicians')
        .where('org_id', '=', orgId)
        .where('user_id', '=', userId)
        .where('practice_id', '=', practiceId)
        .executeTakeFirst();
      if (Number(removed.numDeletedRows) > 0) await log();
      return null;
    }
    const clinician = await trx
      .selectFrom('clinicians')
      .select('id')
      .where('org_id', '=', orgId)
      .where('practice_id', '=', practiceId)
      .where('id', '=', clinicianId)
      .executeTakeFirst();
    if (!clinician)
      refuse(
        'not-found',
        'clinicianId',
        `no clinician "${clinicianId}" in practice "${practiceId}"`,
      );
    const holder = await trx
      .selectFrom('user_clinicians')
      .select('user_id')
      .where('org_id', '=', orgId)
      .where('practice_id', '=', practiceId)
      .where('clinician_id', '=', clinicianId)
      .where('user_id', '<>', userId)
      .executeTakeFirst();
    if (holder)
      refuse(
        'conflict',
        'clinicianId',
        `clinician "${clinicianId}" is already linked to user "${holder.user_id}"; remove that link first`,
      );
    const row = await trx
      .insertInto('user_clinicians')
      .values({
        org_id: orgId,
        user_id: userId,
        practice_id: practiceId,
        clinician_id: clinicianId,
        linked_by: actor,
      })
      .onConflict((oc) =>
        oc.columns(['org_id', 'user_id', 'practice_id']).doUpdateSet({
          clinician_id: clinicianId,
          linked_by: actor,
          linked_at: new Date().toISOString(),
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    await log();
    return toLink(row);
  });
}

/** The practice's links, by user. */
export async function listClinicianLinks(
  db: Db,
  orgId: string,
  practiceId: string,
): Promise<ClinicianLink[]> {
  return withTenant(db, orgId, async (trx) =>
    (
      await trx
        .selectFrom('user_clinicians')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('practice_id', '=', practiceId)
        .orderBy('user_id')
        .execute()
    ).map(toLink),
  );
}

/** The clinician a user is in a practice, or a refusal saying that an admin links them. */
export async function linkedClinician(
  trx: Tx,
  orgId: string,
  userId: string,
  practiceId: string,
): Promise<Clinician> {
  const row = await trx
    .selectFrom('user_clinicians as l')
    .innerJoin('clinicians as c', (join) =>
      join
        .onRef('c.org_id', '=', 'l.org_id')
        .onRef('c.practice_id', '=', 'l.practice_id')
        .onRef('c.id', '=', 'l.clinician_id'),
    )
    .select('c.data')
    .where('l.org_id', '=', orgId)
    .where('l.user_id', '=', userId)
    .where('l.practice_id', '=', practiceId)
    .executeTakeFirst();
  if (!row)
    return refuse(
      'not-allowed',
      '',
      `user "${userId}" is not linked to a clinician of practice "${practiceId}"; an admin links users to the clinicians they are`,
    );
  return clinicianSchema.parse(recordOf(row));
}

function toLink(row: {
  user_id: string;
  practice_id: string;
  clinician_id: string;
  linked_at: Date | string;
  linked_by: string;
}): ClinicianLink {
  return {
    userId: row.user_id,
    practiceId: row.practice_id,
    clinicianId: row.clinician_id,
    linkedAt: new Date(row.linked_at).toISOString(),
    linkedBy: row.linked_by,
  };
}

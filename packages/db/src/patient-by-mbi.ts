import { sql } from 'kysely';
import { appendActivity } from './activity-log.js';
import { withTenant, type Db } from './tenant.js';

// A patient of the organization found by Medicare Beneficiary Identifier, as a system
// outside Chronicle names the patient (an EHR's launch gives its FHIR Patient, whose MBI
// is the one identifier both sides share). The organization is searched, or one practice
// of it; two patients with the MBI are "several", never a guess. A patient found is a
// read of the patient's identifiers and goes to the activity log.

export type PatientByMbi =
  | { found: 'one'; practiceId: string; patientId: string }
  | { found: 'none' }
  | { found: 'several' };

export async function findPatientByMbi(
  db: Db,
  orgId: string,
  actor: string,
  input: {
    /** The MBIs the outside system gives for the patient (usually one). */
    mbis: readonly string[];
    /** Only this practice of the organization. */
    practiceId?: string | undefined;
  },
): Promise<PatientByMbi> {
  const { mbis, practiceId } = input;
  if (mbis.length === 0) return { found: 'none' };
  return withTenant(db, orgId, async (trx) => {
    const inPractice = practiceId === undefined ? sql`` : sql`and p.practice_id = ${practiceId}`;
    const { rows } = await sql<{ practice_id: string; id: string }>`
      select p.practice_id, p.id from patients p
      where p.org_id = ${orgId} ${inPractice} and p.data->>'mbi' in (${sql.join(mbis)})
      limit 2`.execute(trx);
    if (rows.length === 0) return { found: 'none' };
    if (rows.length > 1) return { found: 'several' };
    const { practice_id: found, id: patientId } = rows[0] as (typeof rows)[number];
    await appendActivity(trx, orgId, [
      {
        actor,
        action: 'read',
        recordType: 'patient',
        recordId: `${found}/${patientId}`,
        fields: ['mbi'],
      },
    ]);
    return { found: 'one', practiceId: found, patientId };
  });
}

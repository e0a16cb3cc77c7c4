import { parseDataset, type Clinician, type Dataset, type Patient } from '@chronicle/dataset';
import { generateDataset } from '@chronicle/synthetic';
import { sql } from 'kysely';
import { expect } from 'vitest';
import {
  closeMonth,
  createUser,
  exportDataset,
  importDataset,
  linkUserToClinician,
  type Db,
} from '../../src/index.js';

// A stored practice for the care-record tests: users linked to a practitioner, a clinical
// staff member and a non-clinical one, an unlinked admin, and February 2026 of the first
// patient closed. "Now" is late November 2026, after every generated record.

export const NOW = new Date('2026-11-29T15:00:00Z');
export const CLOSED_MONTH = '2026-02';

export interface CarePractice {
  orgId: string;
  practiceId: string;
  dataset: Dataset;
  patient: Patient;
  /** The clinicians the users are: practitioner (u-md), staff (u-rn), front desk (u-desk). */
  md: Clinician;
  rn: Clinician;
  desk: Clinician;
  /** What the patient holds in the export, and the export checked by the dataset schema. */
  exported(): Promise<Patient>;
  /** Rows, version sum and log length of the organization: equal means nothing written. */
  footprint(): Promise<unknown>;
}

export async function carePractice(db: Db, orgId: string): Promise<CarePractice> {
  const dataset = generateDataset({ seed: 52, patients: 3, year: 2026, months: 3, faultRate: 0 });
  const practiceId = dataset.practice.id;
  const patient = dataset.patients[0] as Patient;
  const byRole = (role: Clinician['role']) =>
    dataset.clinicians.find((c) => c.role === role) as Clinician;
  // The first care-plan event was not shared: a closed month rests on an unshared event.
  delete patient.carePlans[0]?.sharedWithPatient;
  const md = byRole('practitioner');
  const rn = byRole('clinical-staff');
  const desk = byRole('non-clinical-staff');
  await importDataset(db, { orgId, actor: 'test-setup', dataset });
  const users = [
    ['u-md', 'practitioner', md],
    ['u-rn', 'care-manager', rn],
    ['u-desk', 'care-manager', desk],
    ['u-admin', 'admin', undefined],
  ] as const;
  for (const [id, role, clinician] of users) {
    await createUser(db, orgId, { id, email: `${id}@care.test`, displayName: id, role }, 'setup');
    if (clinician)
      await linkUserToClinician(db, orgId, 'u-admin', {
        userId: id,
        practiceId,
        clinicianId: clinician.id,
      });
  }
  await closeMonth(db, {
    orgId,
    practiceId,
    patientId: patient.id,
    month: CLOSED_MONTH,
    actor: 'u-admin',
  });
  return {
    orgId,
    practiceId,
    dataset,
    patient,
    md,
    rn,
    desk,
    async exported() {
      const document = await exportDataset(db, { orgId, actor: 'test', practiceId });
      const parsed = parseDataset(JSON.parse(JSON.stringify(document)));
      if (!parsed.ok) expect(parsed.problems).toEqual([]);
      return document.patients.find((p) => p.id === patient.id) as Patient;
    },
    async footprint() {
      const tables = ['consents', 'care_plan_events', 'time_entries', 'amendments', 'timers'];
      const counts: Record<string, unknown> = {};
      for (const table of tables)
        counts[table] = (
          await sql<{ n: number; v: number | null }>`
            select count(*)::int as n,
              ${table === 'amendments' || table === 'timers' ? sql`0` : sql`sum(version)::int`} as v
            from ${sql.table(table)} where org_id = ${orgId}`.execute(db)
        ).rows[0];
      const org = await db
        .selectFrom('organizations')
        .select('log_seq')
        .where('id', '=', orgId)
        .executeTakeFirstOrThrow();
      return { counts, logSeq: Number(org.log_seq) };
    },
  };
}

import {
  conditionSchema,
  coverageSchema,
  encounterSchema,
  patientSchema,
  type Patient,
} from '@chronicle/dataset';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { appendActivity } from './activity-log.js';
import { parseInput, refuse } from './care-record-error.js';
import { lockPractice } from './closed-months.js';
import { childRows, loadPractice, patientRecord, type ChildTable } from './import-export.js';
import { withTenant, type Db } from './tenant.js';

// Registering one new patient from the console, as an import would store them: who they
// are, their coverage, their conditions and the visits already held (the initiating visit
// among them). Consents, care plans, time and claims are recorded afterwards through their
// own forms. Ids are made here; the MRN must be new in the practice.

const ref = z.string().min(1, 'is required').max(200);
const { shape } = patientSchema;

export const registerPatientInputSchema = z.strictObject({
  practiceId: ref,
  mrn: z.string().trim().min(1, 'is required').max(64),
  name: z.strictObject({
    given: z.string().trim().min(1, 'is required').max(200),
    family: z.string().trim().min(1, 'is required').max(200),
  }),
  birthDate: shape.birthDate,
  mbi: shape.mbi,
  coverage: z.array(coverageSchema).max(20),
  conditions: z.array(conditionSchema.omit({ id: true })).max(200),
  encounters: z.array(encounterSchema.omit({ id: true })).max(200),
});
export type RegisterPatientInput = z.input<typeof registerPatientInputSchema>;

/** The lists a registration writes, each to its own table. */
const LISTS: ChildTable[] = ['coverage', 'conditions', 'encounters'];

export async function registerPatient(
  db: Db,
  orgId: string,
  actor: string,
  input: RegisterPatientInput,
): Promise<{ patient: Patient; version: number }> {
  const { practiceId, ...fields } = parseInput(registerPatientInputSchema, input);
  return withTenant(db, orgId, async (trx) => {
    await lockPractice(trx, orgId, practiceId, 'shared');
    const stored = await loadPractice(trx, orgId, practiceId);
    if (!stored) return refuse('not-found', 'practiceId', `no practice "${practiceId}"`);
    const clinicians = new Set(stored.clinicians.map((c) => c.id));
    fields.encounters.forEach((e, i) => {
      if (!clinicians.has(e.clinicianId))
        refuse(
          'invalid',
          `encounters.${i}.clinicianId`,
          `no clinician "${e.clinicianId}" in the practice`,
        );
    });
    fields.conditions.forEach((c, i) => {
      if (c.onset && c.abatement && c.abatement < c.onset)
        refuse('invalid', `conditions.${i}.abatement`, 'is before the onset');
    });
    const taken = await trx
      .selectFrom('patients')
      .select('id')
      .where('org_id', '=', orgId)
      .where('practice_id', '=', practiceId)
      .where(({ ref: column }) => column('data', '->>').key('mrn'), '=', fields.mrn)
      .executeTakeFirst();
    if (taken) refuse('conflict', 'mrn', `another patient of the practice has MRN "${fields.mrn}"`);

    const patient: Patient = patientSchema.parse({
      id: randomUUID(),
      mrn: fields.mrn,
      name: fields.name,
      birthDate: fields.birthDate,
      ...(fields.mbi ? { mbi: fields.mbi } : {}),
      coverage: fields.coverage,
      conditions: fields.conditions.map((c) => ({ id: randomUUID(), ...c })),
      encounters: fields.encounters.map((e) => ({ id: randomUUID(), ...e })),
      consents: [],
      carePlans: [],
      timeEntries: [],
      claims: [],
    });
    const base = { org_id: orgId, practice_id: practiceId };
    const next = await trx
      .selectFrom('patients')
      .select(({ fn }) => fn.max('ord').as('ord'))
      .where('org_id', '=', orgId)
      .where('practice_id', '=', practiceId)
      .executeTakeFirst();
    await trx
      .insertInto('patients')
      .values({
        ...base,
        id: patient.id,
        ord: Number(next?.ord ?? -1) + 1,
        data: JSON.stringify(patientRecord(patient)),
      })
      .execute();
    for (const table of LISTS) {
      const rows = childRows(table, { patients: [patient] }, base);
      if (rows.length > 0)
        await trx
          .insertInto(table)
          .values(rows as never)
          .execute();
    }
    await appendActivity(trx, orgId, [
      {
        actor,
        action: 'create',
        recordType: 'patient',
        recordId: `${practiceId}/${patient.id}`,
        fields: ['patient', 'coverage', 'conditions', 'encounters'],
      },
    ]);
    return { patient, version: 1 };
  });
}

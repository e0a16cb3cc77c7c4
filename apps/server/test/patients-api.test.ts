import type { Patient } from '@chronicle/dataset';
import { exportDataset } from '@chronicle/db';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data, refusal } from './support/care-team.js';
import { ORGS, startTestServer, type TestServer } from './support/harness.js';

// Registering a new patient through the API: stored as an import would store them (the
// export holds the patient with coverage, conditions and visits, and stays a valid
// dataset), listed with their chronic conditions counted, logged as a creation; every
// refusal names the field and writes nothing.

describe.each(DATABASE_KINDS)('registering a patient on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { patients: 3 });
  });
  afterAll(async () => server?.close());

  const practice = () => server.datasets[ORGS[0]].practice.id;
  const practitioner = () =>
    server.datasets[ORGS[0]].clinicians.find((c) => c.role === 'practitioner')?.id ?? '';
  const newPatient = (over: Record<string, unknown> = {}) => ({
    practiceId: practice(),
    mrn: 'MRN-NEW-1',
    name: { given: 'Ada', family: 'Testperson' },
    birthDate: '1950-04-01',
    coverage: [{ kind: 'medicare-part-b', start: '2015-04-01' }],
    conditions: [
      { system: 'icd-10-cm', code: 'E11.9', display: 'Type 2 diabetes', onset: '2019-01-01' },
      { system: 'icd-10-cm', code: 'I10', display: 'Hypertension', onset: '2018-06-01' },
    ],
    encounters: [{ date: '2026-10-05', code: '99214', clinicianId: practitioner(), kind: 'visit' }],
    ...over,
  });
  const patientCount = async () =>
    (await exportDataset(server.conn.db, { orgId: ORGS[0], actor: 'test', practiceId: practice() }))
      .patients.length;

  it('stores the patient with their lists, lists them with two chronic conditions, and logs the creation', async () => {
    const cm = await server.signIn('care-manager');
    const saved = data<{ patient: Patient; version: number }>(
      await cm.mutate('patients.register', newPatient()),
    );
    expect(saved.version).toBe(1);
    const exported = await exportDataset(server.conn.db, {
      orgId: ORGS[0],
      actor: 'test',
      practiceId: practice(),
    });
    expect(exported.patients.find((p) => p.id === saved.patient.id)).toEqual(saved.patient);
    expect(saved.patient.conditions.map((c) => c.code)).toEqual(['E11.9', 'I10']);
    const listed = data<{ rows: Array<{ id: string; chronicConditions: number }> }>(
      await cm.query('patients.list', {
        practiceId: practice(),
        page: {},
        search: 'MRN-NEW-1',
        month: '2026-11',
      }),
    );
    expect(listed.rows).toEqual([
      expect.objectContaining({ id: saved.patient.id, chronicConditions: 2 }),
    ]);
    const log = await server.conn.db
      .selectFrom('activity_log')
      .select(['action', 'record_type', 'fields'])
      .where('org_id', '=', ORGS[0])
      .where('record_id', '=', `${practice()}/${saved.patient.id}`)
      .where('action', '=', 'create')
      .execute();
    expect(log).toHaveLength(1);
  });

  it('refuses a taken MRN, an unknown clinician and a bad date by field, writing nothing', async () => {
    const cm = await server.signIn('care-manager');
    const before = await patientCount();
    const taken = refusal(await cm.mutate('patients.register', newPatient()));
    expect(taken.status).toBe(409);
    expect(taken.problems).toEqual([
      { path: 'mrn', message: expect.stringContaining('MRN-NEW-1') },
    ]);
    const clinician = refusal(
      await cm.mutate(
        'patients.register',
        newPatient({
          mrn: 'MRN-NEW-2',
          encounters: [{ date: '2026-10-05', code: '99214', clinicianId: 'nobody', kind: 'visit' }],
        }),
      ),
    );
    expect(clinician.problems.map((p) => p.path)).toEqual(['encounters.0.clinicianId']);
    const date = refusal(
      await cm.mutate(
        'patients.register',
        newPatient({ mrn: 'MRN-NEW-3', birthDate: '1950-13-40' }),
      ),
    );
    expect(date.status).toBe(400);
    expect(date.problems.map((p) => p.path)).toEqual(['birthDate']);
    expect(await patientCount()).toBe(before);
  });

  it('is refused to roles outside the care team', async () => {
    const auditor = await server.signIn('auditor');
    expect((await auditor.mutate('patients.register', newPatient({ mrn: 'MRN-X' }))).status).toBe(
      403,
    );
  });
});

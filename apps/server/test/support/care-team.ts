import { parseDataset, type Clinician, type Patient } from '@chronicle/dataset';
import { closeMonth, exportDataset } from '@chronicle/db';
import { sql } from 'kysely';
import type request from 'supertest';
import { expect } from 'vitest';
import { ORGS, type Agent, type TestServer } from './harness.js';

// The care-record tests' practice: the care manager is linked to a clinical staff member,
// the practitioner user to a practitioner, the admin to nobody; February 2026 of the first
// patient is closed. Responses are read the tRPC way: data on success, problems on error.

export const CLOSED_MONTH = '2026-02';

export interface CareTeam {
  practiceId: string;
  patient: Patient;
  md: Clinician;
  rn: Clinician;
  desk: Clinician;
  /** The first organization's patient as exported, the document checked by the dataset schema. */
  exported(): Promise<Patient>;
}

export async function careTeam(
  server: TestServer,
  /** Runs as the admin, before February is closed. */
  beforeClose?: (
    admin: Agent,
    team: Pick<CareTeam, 'practiceId' | 'patient' | 'md' | 'rn'>,
  ) => Promise<void>,
): Promise<CareTeam> {
  const dataset = server.datasets[ORGS[0]];
  const practiceId = dataset.practice.id;
  const patient = dataset.patients[0] as Patient;
  const byRole = (role: Clinician['role']) =>
    dataset.clinicians.find((c) => c.role === role) as Clinician;
  const team = { md: byRole('practitioner'), rn: byRole('clinical-staff') };
  const admin = await server.signIn('admin');
  for (const [userId, clinician] of [
    ['practitioner', team.md],
    ['care-manager', team.rn],
  ] as const)
    expect(
      (await admin.mutate('clinicianLinks.set', { userId, practiceId, clinicianId: clinician.id }))
        .status,
    ).toBe(200);
  await beforeClose?.(admin, { practiceId, patient, ...team });
  await closeMonth(server.conn.db, {
    orgId: ORGS[0],
    practiceId,
    patientId: patient.id,
    month: CLOSED_MONTH,
    actor: 'test-setup',
  });
  return {
    practiceId,
    patient,
    ...team,
    desk: byRole('non-clinical-staff'),
    async exported() {
      const document = await exportDataset(server.conn.db, {
        orgId: ORGS[0],
        actor: 'test',
        practiceId,
      });
      const parsed = parseDataset(JSON.parse(JSON.stringify(document)));
      if (!parsed.ok) expect(parsed.problems).toEqual([]);
      return document.patients.find((p) => p.id === patient.id) as Patient;
    },
  };
}

/** The procedure's result, after checking it succeeded. */
export function data<T = Record<string, unknown>>(res: request.Response): T {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as { result: { data: T } }).result.data;
}

/** The error's status and problems, as the API sends them. */
export function refusal(res: request.Response): {
  status: number;
  problems: Array<{ path: string; message: string }>;
} {
  const body = res.body as { error?: { data?: { problems?: [] } } };
  return { status: res.status, problems: body.error?.data?.problems ?? [] };
}

/** Rows and versions of the care records, amendments, timers and log: equal means nothing written. */
export async function footprint(server: TestServer): Promise<unknown> {
  const result: Record<string, unknown> = {};
  for (const table of ['consents', 'care_plan_events', 'time_entries', 'amendments', 'timers']) {
    const { rows } = await sql<{ n: number; v: number }>`
      select count(*)::int as n,
        ${table === 'amendments' || table === 'timers' ? sql`0` : sql`coalesce(sum(version), 0)::int`} as v
      from ${sql.table(table)} where org_id = ${ORGS[0]}`.execute(server.conn.db);
    result[table] = rows[0];
  }
  const org = await server.conn.db
    .selectFrom('organizations')
    .select('log_seq')
    .where('id', '=', ORGS[0])
    .executeTakeFirstOrThrow();
  result.log = Number(org.log_seq);
  return result;
}

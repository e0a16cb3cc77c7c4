import type { Patient } from '@chronicle/dataset';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data, footprint, refusal } from './support/care-team.js';
import { ORGS, startTestServer, type TestServer } from './support/harness.js';

// Enrollment through the API: the care team records changes of status (each following
// from the last, with a day and a reason, authored by the signed-in user) and everyone
// may read the history; every refusal writes nothing.

describe.each(DATABASE_KINDS)('enrollment API on %s', (kind) => {
  let server: TestServer;
  let patient: Patient;
  let practiceId: string;
  beforeAll(async () => {
    server = await startTestServer(kind, { patients: 4 });
    const dataset = server.datasets[ORGS[0]];
    practiceId = dataset.practice.id;
    patient = dataset.patients[1] as Patient;
  });
  afterAll(async () => server?.close());

  const change = (status: string, effectiveOn: string, over: Record<string, unknown> = {}) => ({
    practiceId,
    patientId: patient.id,
    program: 'ccm',
    status,
    effectiveOn,
    reason: 'Discussed at the annual wellness visit',
    ...over,
  });

  it('records the lifecycle, authored by the signed-in user, and reads it back', async () => {
    const cm = await server.signIn('care-manager');
    const md = await server.signIn('practitioner');
    data(await cm.mutate('enrollment.change', change('candidate', '2026-10-01')));
    data(await cm.mutate('enrollment.change', change('invited', '2026-10-05')));
    const enrolled = data(await md.mutate('enrollment.change', change('enrolled', '2026-10-12')));
    expect(enrolled).toMatchObject({ status: 'enrolled', authorId: 'practitioner' });
    const auditor = await server.signIn('auditor');
    const history = data<Array<{ status: string; authorId: string }>>(
      await auditor.query('enrollment.history', { practiceId, patientId: patient.id }),
    );
    expect(history.map((h) => [h.status, h.authorId])).toEqual([
      ['candidate', 'care-manager'],
      ['invited', 'care-manager'],
      ['enrolled', 'practitioner'],
    ]);
    const reads = await server.conn.db
      .selectFrom('activity_log')
      .select(['actor', 'action', 'fields'])
      .where('org_id', '=', ORGS[0])
      .where('actor', '=', 'auditor')
      .execute();
    expect(reads).toContainEqual({ actor: 'auditor', action: 'read', fields: ['enrollment'] });
  });

  it.each([
    ['auditor', 403, ''],
    ['compliance-officer', 403, ''],
  ])('refuses a change by the %s role', async (role, status, path) => {
    const agent = await server.signIn(role);
    const before = await footprint(server);
    const res = await agent.mutate('enrollment.change', change('disenrolled', '2026-11-01'));
    expect(refusal(res)).toMatchObject({ status, problems: [{ path }] });
    expect(await footprint(server)).toEqual(before);
  });

  it.each<[string, number, [string, string, Record<string, unknown>?]]>([
    ['status', 400, ['paused', '2026-11-01']],
    ['effectiveOn', 400, ['disenrolled', '1 Nov']],
    ['reason', 400, ['disenrolled', '2026-11-01', { reason: '  ' }]],
    ['reason', 400, ['disenrolled', '2026-11-01', { reason: 'moved\u0000away' }]],
    ['(input)', 400, ['disenrolled', '2026-11-01', { authorId: 'someone-else' }]],
    ['status', 400, ['invited', '2026-11-01']],
    ['effectiveOn', 400, ['disenrolled', '2026-09-01']],
    ['patientId', 404, ['candidate', '2026-11-01', { patientId: 'p-nobody' }]],
  ])('refuses a change with a bad %s (%i), naming it', async (path, status, args) => {
    const cm = await server.signIn('care-manager');
    const before = await footprint(server);
    const res = await cm.mutate('enrollment.change', change(...args));
    expect(refusal(res)).toMatchObject({ status, problems: [{ path }] });
    expect(await footprint(server)).toEqual(before);
  });
});

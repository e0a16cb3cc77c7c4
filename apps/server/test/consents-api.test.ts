import type { Consent } from '@chronicle/dataset';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careTeam, data, footprint, refusal, type CareTeam } from './support/care-team.js';
import { startTestServer, type TestServer } from './support/harness.js';

// Consent through the API: recorded with every element §6 requires, appended to the
// patient's consents (the export holds it and stays valid), revoked as an amendment with
// a reason at the version read. Every refusal names the field and writes nothing.

type Stored = { record: Consent; version: number };

describe.each(DATABASE_KINDS)('consents API on %s', (kind) => {
  let server: TestServer;
  let team: CareTeam;
  beforeAll(async () => {
    server = await startTestServer(kind, { patients: 4 });
    team = await careTeam(server);
  });
  afterAll(async () => server?.close());

  const told = {
    availability: true,
    costSharing: true,
    onePractitionerPerMonth: true,
    rightToStop: true,
  };
  const consent = (over: Record<string, unknown> = {}) => ({
    practiceId: team.practiceId,
    patientId: team.patient.id,
    program: 'ccm',
    date: '2026-11-02',
    method: 'written',
    practitionerId: team.md.id,
    obtainedById: team.rn.id,
    decision: 'accepted',
    informed: told,
    ...over,
  });

  it('records a consent, lists it with its version, and revokes it with a reason', async () => {
    const cm = await server.signIn('care-manager');
    const saved = data<Stored>(await cm.mutate('consents.record', consent()));
    const { practiceId: _practice, patientId: _patient, ...fields } = consent();
    expect(saved).toEqual({ version: 1, record: { id: expect.any(String), ...fields } });
    expect((await team.exported()).consents.at(-1)).toEqual(saved.record);
    const listed = data<Stored[]>(
      await cm.query('consents.list', { practiceId: team.practiceId, patientId: team.patient.id }),
    );
    expect(listed.at(-1)).toEqual(saved);

    const revoke = {
      practiceId: team.practiceId,
      patientId: team.patient.id,
      consentId: saved.record.id,
      expectedVersion: 1,
      revokedOn: '2026-11-20',
      reason: 'Patient chose to stop',
    };
    const revoked = data<Stored>(await cm.mutate('consents.revoke', revoke));
    expect(revoked.record).toEqual({ ...saved.record, revokedOn: '2026-11-20' });
    // The same revocation again was read at version 1: stale, nothing written.
    const before = await footprint(server);
    expect(refusal(await cm.mutate('consents.revoke', revoke))).toMatchObject({
      status: 409,
      problems: [{ path: 'expectedVersion' }],
    });
    expect(await footprint(server)).toEqual(before);
    expect((await team.exported()).consents.find((c) => c.id === saved.record.id)?.revokedOn).toBe(
      '2026-11-20',
    );
  });

  it.each(['auditor', 'compliance-officer'])(
    'refuses a consent recorded by the %s role',
    async (role) => {
      const agent = await server.signIn(role);
      const before = await footprint(server);
      expect(refusal(await agent.mutate('consents.record', consent()))).toMatchObject({
        status: 403,
      });
      expect(await footprint(server)).toEqual(before);
    },
  );

  it.each([
    ['informed.costSharing', { informed: { ...told, costSharing: false } }],
    [
      'informed.rightToStop',
      { informed: { availability: true, costSharing: true, onePractitionerPerMonth: true } },
    ],
    ['method', { method: 'email' }],
    ['date', { date: '2026-13-01' }],
    ['obtainedById', { obtainedById: 'c-nobody' }],
    ['practitionerId', () => ({ practitionerId: team.rn.id })],
    ['(input)', { mbi: '1EG4-TE5-MK73' }],
  ])('refuses a consent with a bad %s with 400, naming it', async (path, over) => {
    const cm = await server.signIn('care-manager');
    const before = await footprint(server);
    const res = await cm.mutate(
      'consents.record',
      consent(typeof over === 'function' ? over() : over),
    );
    expect(refusal(res)).toMatchObject({ status: 400, problems: [{ path }] });
    expect(await footprint(server)).toEqual(before);
  });

  it('refuses a consent dated in a closed month with 409 naming the month', async () => {
    const cm = await server.signIn('care-manager');
    const before = await footprint(server);
    const res = refusal(await cm.mutate('consents.record', consent({ date: '2026-02-03' })));
    expect(res).toMatchObject({
      status: 409,
      problems: [{ path: 'date', message: expect.stringContaining('closed month 2026-02') }],
    });
    expect(await footprint(server)).toEqual(before);
  });
});

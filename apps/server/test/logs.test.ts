import { DATABASE_KINDS } from '@chronicle/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLeaks } from './support/check-logs.js';
import { ORGS, startTestServer, type TestServer } from './support/harness.js';

// The server's logs hold no patient name, MBI or birth date, even when a request carries
// one (a search by name in a query string, a patient opened, a failed call). The whole
// run's logs are checked again at its end (support/check-logs.ts); this file makes sure
// the paths most likely to leak have run, and that the check itself finds a leak.

describe('the leak check', () => {
  it('finds a planted name, MBI and birth date, and says only which kind', () => {
    const log = '{"msg":"x","q":"Ada Lovelace 1AB2CD3EF45 1950-02-03"}';
    expect(findLeaks(log, ['Ada Lovelace', '1AB2CD3EF45', '1950-02-03', 'Babbage'])).toEqual([
      'a patient name at offset 16',
      'an MBI at offset 29',
      'a birth date at offset 41',
    ]);
  });
});

describe.each(DATABASE_KINDS)('logs of requests carrying patient data on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  it('logs requests without their query strings, bodies or identifying fields', async () => {
    const dataset = server.datasets[ORGS[0]];
    const patient = dataset.patients[0] as (typeof dataset.patients)[number];
    const agent = await server.signIn('care-manager');
    const practiceId = dataset.practice.id;
    const found = await agent.query('patients.list', {
      practiceId,
      page: { index: 0, size: 10 },
      search: `${patient.name.family} ${patient.name.given}`,
    });
    expect(found.status).toBe(200);
    expect(found.body.result.data.rows.map((r: { id: string }) => r.id)).toContain(patient.id);
    expect((await agent.query('patients.get', { practiceId, patientId: patient.id })).status).toBe(
      200,
    );
    // A bad call whose input holds patient data: refused, and the refusal is logged bare.
    const bad = await agent.query('patients.list', {
      practiceId,
      page: {},
      search: patient.mbi,
      extra: patient.birthDate,
    });
    expect(bad.status).toBe(400);
    await server
      .anonymous()
      .agent.post('/auth/sign-in')
      .send({ organization: ORGS[0], email: patient.name.family, password: patient.birthDate });

    const text = server.logs.join('');
    expect(text).toMatch(/"path":"\/api\/trpc\/patients.list"/);
    const values = [
      `${patient.name.given} ${patient.name.family}`,
      patient.name.family,
      patient.birthDate,
      ...(patient.mbi ? [patient.mbi] : []),
    ];
    expect(findLeaks(text, values)).toEqual([]);
  });
});

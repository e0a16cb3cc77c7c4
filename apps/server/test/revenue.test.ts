import { DATABASE_KINDS } from '@chronicle/db/testing';
import { calculateRevenue, DEFAULT_MIX } from '@chronicle/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/harness.js';
import { ok, refusal } from './support/results.js';

// The revenue calculator through the API: the rules core's figures for the inputs given
// (the command's defaults for those left out), each amount split into Medicare's 80% and
// the patient's 20%; bad inputs named by field; roles without 'revenue.read' refused.

describe.each(DATABASE_KINDS)('revenue on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  it('calculates monthly and yearly revenue with the 80/20 split', async () => {
    const officer = await server.signIn('compliance-officer');
    const input = {
      year: 2026,
      patients: 400,
      enrollmentRate: 0.4,
      mix: { '99490': 0.6, '99490+99439': 0.3 },
      setting: 'facility' as const,
    };
    const result = ok(await officer.query('revenue.calculate', input));
    expect(result).toEqual(calculateRevenue(input));
    expect(result.monthly).toHaveLength(12);
    for (const split of [result.yearly, ...result.monthly]) {
      expect(split.medicare + split.patient).toBeCloseTo(split.amount, 2);
      expect(split.medicare).toBeCloseTo(split.amount * 0.8, 1);
    }
    expect(ok(await officer.query('revenue.calculate', { year: 2026, patients: 100 }))).toEqual(
      calculateRevenue({
        year: 2026,
        patients: 100,
        enrollmentRate: 0.5,
        mix: DEFAULT_MIX,
        setting: 'non-facility',
      }),
    );
  });

  it('names each bad input, and refuses roles without revenue.read', async () => {
    const admin = await server.signIn('admin');
    expect(
      refusal(await admin.query('revenue.calculate', { year: 2023, patients: -1 })),
    ).toMatchObject({
      status: 400,
      problems: [
        expect.objectContaining({ path: 'year' }),
        expect.objectContaining({ path: 'patients' }),
      ],
    });
    expect(
      refusal(
        await admin.query('revenue.calculate', {
          year: 2026,
          patients: 10,
          mix: { '99490': 0.8, '99487': 0.5 },
        }),
      ),
    ).toMatchObject({
      status: 400,
      problems: [{ path: 'mix', message: 'the shares of the code mix add up to more than 1' }],
    });
    expect(
      refusal(await admin.query('revenue.calculate', { year: 2026, patients: 10, mix: { x: 1 } })),
    ).toMatchObject({ status: 400 });
    for (const role of ['care-manager', 'practitioner', 'auditor']) {
      const agent = await server.signIn(role);
      expect(
        (await agent.query('revenue.calculate', { year: 2026, patients: 10 })).status,
        role,
      ).toBe(403);
    }
  });
});

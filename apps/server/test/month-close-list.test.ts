import { DATABASE_KINDS } from '@chronicle/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGS, startTestServer, type TestServer } from './support/harness.js';
import { ok, refusal } from './support/results.js';

// Which patient-months of a practice's month are closed (monthClose.list), as the billing
// screen shows them: none before a close, the closed one with who closed it after, only
// the month asked for and only the caller's organization; every role reading claims sees it.

const MONTH = '2026-03';
const ORG = ORGS[0];

describe.each(DATABASE_KINDS)('the list of closed months on %s', (kind) => {
  let server: TestServer;
  let practiceId: string;
  let patientId: string;
  beforeAll(async () => {
    server = await startTestServer(kind);
    const dataset = server.datasets[ORG];
    practiceId = dataset.practice.id;
    patientId = (dataset.patients[1] as (typeof dataset.patients)[number]).id;
  });
  afterAll(async () => server?.close());

  it("lists the month's closed patient-months, with who closed them and when", async () => {
    const auditor = await server.signIn('auditor');
    expect(ok(await auditor.query('monthClose.list', { practiceId, month: MONTH }))).toEqual([]);
    const officer = await server.signIn('compliance-officer');
    const close = ok(
      await officer.mutate('monthClose.close', { practiceId, patientId, month: MONTH }),
    );
    const listed = ok(await auditor.query('monthClose.list', { practiceId, month: MONTH }));
    expect(listed).toEqual([
      {
        patientId,
        month: MONTH,
        billingPractitionerId: close.billingPractitionerId,
        closedAt: close.closedAt,
        closedBy: 'compliance-officer',
        rulesVersion: close.rulesVersion,
      },
    ]);
    // Another month, and the other organization, have none.
    expect(ok(await auditor.query('monthClose.list', { practiceId, month: '2026-04' }))).toEqual(
      [],
    );
    const south = await server.signIn('admin', ORGS[1]);
    expect(ok(await south.query('monthClose.list', { practiceId, month: MONTH }))).toEqual([]);
  });

  it('refuses a malformed month and an unknown practice, naming the field', async () => {
    const admin = await server.signIn('admin');
    expect(
      refusal(await admin.query('monthClose.list', { practiceId, month: '2026-3' })),
    ).toMatchObject({ status: 400, problems: [{ path: 'month' }] });
    expect(
      refusal(await admin.query('monthClose.list', { practiceId: 'nowhere', month: MONTH })),
    ).toMatchObject({ status: 404, problems: [{ path: 'practiceId' }] });
    expect(
      (await server.anonymous().query('monthClose.list', { practiceId, month: MONTH })).status,
    ).toBe(401);
  });
});

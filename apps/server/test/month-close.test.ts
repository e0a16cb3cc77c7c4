import { exportDataset } from '@chronicle/db';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import { audit } from '@chronicle/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGS, startTestServer, type TestServer } from './support/harness.js';
import { ok, refusal } from './support/results.js';

// Closing patient-months through the API: the close keeps the audit's decision (the same
// months the audit of the whole practice gives), a month closes once, its history shows
// the close and amendments, and the stored decision runs again to the same outcome.

const MONTH = '2026-02';
const ORG = ORGS[0];

describe.each(DATABASE_KINDS)('month close on %s', (kind) => {
  let server: TestServer;
  let practiceId: string;
  let patientId: string;
  beforeAll(async () => {
    server = await startTestServer(kind);
    const dataset = server.datasets[ORG];
    practiceId = dataset.practice.id;
    patientId = (dataset.patients[0] as (typeof dataset.patients)[number]).id;
  });
  afterAll(async () => server?.close());

  it('closes a patient-month once, keeping the decision the audit makes', async () => {
    const ref = { practiceId, patientId, month: MONTH };
    const careManager = await server.signIn('care-manager');
    expect((await careManager.mutate('monthClose.close', ref)).status).toBe(403);
    const officer = await server.signIn('compliance-officer');
    const close = ok(await officer.mutate('monthClose.close', ref));
    const exported = await exportDataset(server.conn.db, { orgId: ORG, actor: 'test', practiceId });
    const expected = audit(exported, { from: MONTH, to: MONTH }).months.filter(
      (m) => m.patientId === patientId,
    );
    expect(close).toMatchObject({ ...ref, closedBy: 'compliance-officer', outcome: expected });
    expect(close).not.toHaveProperty('inputs');

    expect(refusal(await officer.mutate('monthClose.close', ref))).toMatchObject({
      status: 409,
      problems: [{ path: 'month', message: expect.stringContaining('was already closed') }],
    });
    expect(
      refusal(await officer.mutate('monthClose.close', { ...ref, patientId: 'nobody' })),
    ).toMatchObject({ status: 404, problems: [{ path: 'patientId' }] });
    expect(
      refusal(await officer.mutate('monthClose.close', { ...ref, month: '2026-2' })),
    ).toMatchObject({ status: 400, problems: [{ path: 'month' }] });
  });

  it('shows the history of a closed month to every role, and runs the decision again', async () => {
    const ref = { practiceId, patientId, month: MONTH };
    const careManager = await server.signIn('care-manager');
    const history = ok(await careManager.query('monthClose.history', ref));
    expect(history.close).toMatchObject({ ...ref, closedBy: 'compliance-officer' });
    expect(history.close.inputs.patients[0].id).toBe(patientId);
    expect(history.amendments).toEqual([]);
    expect(
      refusal(await careManager.query('monthClose.history', { ...ref, month: '2026-01' })),
    ).toMatchObject({ status: 404, problems: [{ path: 'month' }] });

    expect((await careManager.query('monthClose.reproduce', ref)).status).toBe(403);
    const auditor = await server.signIn('auditor');
    const again = ok(await auditor.query('monthClose.reproduce', ref));
    expect(again.matches).toBe(true);
    expect(again.reproduced).toEqual(history.close.outcome);
    expect(again.outcome).toEqual(history.close.outcome);
  });
});

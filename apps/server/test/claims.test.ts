import { parseDataset, type Dataset } from '@chronicle/dataset';
import { exportDataset, importDataset, verifyActivityLog } from '@chronicle/db';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import { proposeBilling, type PatientProposal } from '@chronicle/rules';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGS, startTestServer, type Agent, type TestServer } from './support/harness.js';
import { ok, refusal } from './support/results.js';

// Claims through the API: proposals are the rules core's (the same as `chronicle bill` on
// the exported practice), approving stores exactly the proposal as a claim of the patient
// (export shows it), and the workflow after it (hold, release, mark submitted) names the
// version it read. Refused: what the rules block, a proposal that changed since it was
// read, a second claim for a billed month, any change to a closed month, stale versions,
// and roles without the permission.

const MONTH = '2026-03';
const ORG = ORGS[0];

/** The patients whose month the documentation supports, their claims of it removed. */
function unbilled(dataset: Dataset, count: number): { dataset: Dataset; patients: string[] } {
  const supported = proposeBilling(dataset, MONTH)
    .patients.filter((p) => p.lines.length > 0 && p.blockers.length === 0)
    .slice(0, count)
    .map((p) => p.patientId);
  expect(supported).toHaveLength(count);
  const copy = structuredClone(dataset);
  for (const patient of copy.patients)
    if (supported.includes(patient.id))
      patient.claims = patient.claims.filter((c) => !c.dateOfService.startsWith(MONTH));
  return { dataset: copy, patients: supported };
}

describe.each(DATABASE_KINDS)('claims on %s', (kind) => {
  let server: TestServer;
  let dataset: Dataset;
  let practiceId: string;
  let billed: string;
  let closedOne: string;
  let practitioner: Agent;
  const approved: { claimId?: string } = {};

  beforeAll(async () => {
    server = await startTestServer(kind);
    const made = unbilled(server.datasets[ORG], 2);
    dataset = made.dataset;
    [billed, closedOne] = made.patients as [string, string];
    practiceId = dataset.practice.id;
    await importDataset(server.conn.db, { orgId: ORG, actor: 'test-setup', dataset });
    practitioner = await server.signIn('practitioner');
  });
  afterAll(async () => server?.close());

  const proposalOf = async (agent: Agent, patientId: string): Promise<PatientProposal> => {
    const proposal = ok(
      await agent.query('claims.propose', { practiceId, month: MONTH, patientId }),
    );
    expect(proposal.patients).toHaveLength(1);
    return proposal.patients[0];
  };

  it('proposes what the rules core proposes for the practice, or for one patient', async () => {
    const agent = await server.signIn('care-manager');
    for (const month of ['2026-01', MONTH]) {
      const expected = proposeBilling(dataset, month);
      expect(ok(await agent.query('claims.propose', { practiceId, month }))).toEqual(expected);
      const one = expected.patients[1] as PatientProposal;
      expect(
        ok(await agent.query('claims.propose', { practiceId, month, patientId: one.patientId })),
      ).toEqual({ ...expected, patients: [one] });
    }
    expect(
      refusal(await agent.query('claims.propose', { practiceId, month: '2026-13' })),
    ).toMatchObject({
      status: 400,
      problems: [{ path: 'month', message: 'must be a month YYYY-MM' }],
    });
    expect(
      refusal(await agent.query('claims.propose', { practiceId: 'nowhere', month: MONTH })),
    ).toMatchObject({ status: 404, problems: [{ path: 'practiceId' }] });
    expect(
      (await server.anonymous().query('claims.propose', { practiceId, month: MONTH })).status,
    ).toBe(401);
  });

  it('approves the proposal as a claim of the patient, which the export shows', async () => {
    const proposed = await proposalOf(practitioner, billed);
    const input = {
      practiceId,
      patientId: billed,
      month: MONTH,
      billingPractitionerId: proposed.billingPractitionerId,
      lines: proposed.lines,
    };
    const careManager = await server.signIn('care-manager');
    expect((await careManager.mutate('claims.approve', input)).status).toBe(403);
    const claim = ok(await practitioner.mutate('claims.approve', input));
    approved.claimId = claim.claimId;
    expect(claim).toMatchObject({
      practiceId,
      patientId: billed,
      month: MONTH,
      dateOfService: proposed.dateOfService,
      billingPractitionerId: proposed.billingPractitionerId,
      lines: proposed.lines,
      status: 'approved',
      version: 1,
      history: [{ status: 'approved', reason: null, author: 'practitioner' }],
    });

    const exported = await exportDataset(server.conn.db, { orgId: ORG, actor: 'test', practiceId });
    expect(parseDataset(exported).ok).toBe(true);
    const patient = exported.patients.find((p) => p.id === billed);
    expect(patient?.claims.at(-1)).toEqual({
      id: claim.claimId,
      dateOfService: proposed.dateOfService,
      billingPractitionerId: proposed.billingPractitionerId,
      status: 'draft',
      lines: proposed.lines,
    });
    // The approved claim is now the patient's billed month: the proposal stays the same.
    expect(proposeBilling(exported, MONTH).patients.find((p) => p.patientId === billed)).toEqual(
      proposed,
    );

    // A second claim for the month is refused, and so is one by an organization without it.
    expect(refusal(await practitioner.mutate('claims.approve', input))).toMatchObject({
      status: 409,
      problems: [{ path: 'month', message: expect.stringContaining(claim.claimId) }],
    });
    const listed = ok(await careManager.query('claims.list', { practiceId, month: MONTH }));
    expect(listed.find((c: { claimId: string }) => c.claimId === claim.claimId)).toEqual(claim);
    expect(
      listed.filter((c: { status: string }) => c.status === 'submitted').length,
    ).toBeGreaterThan(0);
    const south = await server.signIn('practitioner', ORGS[1]);
    const theirs = ok(await south.query('claims.list', { practiceId, month: MONTH }));
    expect(theirs.map((c: { claimId: string }) => c.claimId)).not.toContain(claim.claimId);
  });

  it('refuses approving what the rules block, naming each blocker', async () => {
    const months = ['2026-01', '2026-02', MONTH];
    const blocked = months
      .flatMap((month) => proposeBilling(dataset, month).patients.map((p) => ({ month, p })))
      .find(({ p }) => p.blockers.length > 0 && p.billingPractitionerId !== null);
    expect(blocked).toBeDefined();
    const { month, p } = blocked as { month: string; p: PatientProposal };
    const res = await practitioner.mutate('claims.approve', {
      practiceId,
      patientId: p.patientId,
      month,
      billingPractitionerId: p.billingPractitionerId,
      lines: [{ code: '99490', units: 1 }],
    });
    expect(refusal(res)).toEqual({
      status: 400,
      code: 'BAD_REQUEST',
      problems: p.blockers.map((b) => ({ path: 'blockers', message: `${b.ruleId}: ${b.message}` })),
    });
  });

  it('refuses lines other than the proposal, and any claim of a closed month', async () => {
    const proposed = await proposalOf(practitioner, closedOne);
    const input = {
      practiceId,
      patientId: closedOne,
      month: MONTH,
      billingPractitionerId: proposed.billingPractitionerId,
      lines: proposed.lines.map((l) => ({ ...l, units: l.units + 1 })),
    };
    expect(refusal(await practitioner.mutate('claims.approve', input))).toMatchObject({
      status: 409,
      problems: [{ path: 'lines', message: expect.stringMatching(/^the proposal changed/) }],
    });
    const officer = await server.signIn('compliance-officer');
    ok(
      await officer.mutate('monthClose.close', { practiceId, patientId: closedOne, month: MONTH }),
    );
    const res = await practitioner.mutate('claims.approve', { ...input, lines: proposed.lines });
    expect(refusal(res)).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      problems: [{ path: 'month', message: expect.stringMatching(/its claims no longer change$/) }],
    });
  });

  it('holds, releases and marks a claim submitted, each step on the version read', async () => {
    const ref = { practiceId, patientId: billed, claimId: approved.claimId as string };
    const officer = await server.signIn('compliance-officer');
    const careManager = await server.signIn('care-manager');
    expect(
      (await careManager.mutate('claims.hold', { ...ref, expectedVersion: 1, reason: 'x' })).status,
    ).toBe(403);
    expect(
      refusal(await officer.mutate('claims.hold', { ...ref, expectedVersion: 1, reason: ' ' })),
    ).toMatchObject({
      status: 400,
      problems: [{ path: 'reason', message: 'a reason is required' }],
    });
    const held = ok(
      await officer.mutate('claims.hold', {
        ...ref,
        expectedVersion: 1,
        reason: 'check the consent date',
      }),
    );
    expect(held).toMatchObject({ status: 'held', version: 2 });
    expect(held.history.at(-1)).toMatchObject({
      status: 'held',
      reason: 'check the consent date',
      author: 'compliance-officer',
    });
    expect(
      refusal(await practitioner.mutate('claims.markSubmitted', { ...ref, expectedVersion: 2 })),
    ).toMatchObject({
      status: 409,
      problems: [
        { path: 'claimId', message: expect.stringContaining('is held; only an approved claim') },
      ],
    });
    expect(
      refusal(await officer.mutate('claims.release', { ...ref, expectedVersion: 1, reason: 'ok' })),
    ).toMatchObject({
      status: 409,
      problems: [
        {
          path: 'expectedVersion',
          message: expect.stringContaining('read at version 1 but is now at version 2'),
        },
      ],
    });
    expect(
      ok(
        await officer.mutate('claims.release', {
          ...ref,
          expectedVersion: 2,
          reason: 'consent checked',
        }),
      ),
    ).toMatchObject({ status: 'approved', version: 3 });
    const submitted = ok(
      await practitioner.mutate('claims.markSubmitted', { ...ref, expectedVersion: 3 }),
    );
    expect(submitted).toMatchObject({ status: 'submitted', version: 4 });
    expect(submitted.history.map((s: { status: string }) => s.status)).toEqual([
      'approved',
      'held',
      'released',
      'submitted',
    ]);
    expect(
      refusal(await officer.mutate('claims.hold', { ...ref, expectedVersion: 4, reason: 'late' })),
    ).toMatchObject({
      status: 409,
    });
    expect(
      refusal(
        await officer.mutate('claims.hold', {
          ...ref,
          claimId: 'no-such',
          expectedVersion: 1,
          reason: 'x',
        }),
      ),
    ).toMatchObject({ status: 404, problems: [{ path: 'claimId' }] });

    const exported = await exportDataset(server.conn.db, { orgId: ORG, actor: 'test', practiceId });
    const claim = exported.patients
      .find((p) => p.id === billed)
      ?.claims.find((c) => c.id === ref.claimId);
    expect(claim?.status).toBe('submitted');
  });

  it('logs every read and change of claims by field, never by value', async () => {
    expect(await verifyActivityLog(server.conn.db, ORG)).toMatchObject({ ok: true });
    const { rows } = await sql<{ action: string; record_type: string; fields: unknown }>`
      select action, record_type, fields from activity_log
      where org_id = ${ORG} and record_type = 'claim' order by seq`.execute(server.conn.db);
    expect(rows.map((r) => [r.action, r.fields])).toEqual([
      ['create', ['dateOfService', 'billingPractitionerId', 'status', 'lines']],
      ['update', ['status']],
      ['update', ['status']],
      ['update', ['status']],
    ]);
  });
});

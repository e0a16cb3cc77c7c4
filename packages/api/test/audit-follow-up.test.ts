import {
  createUser,
  importDataset,
  saveAuditRun,
  type Connection,
  type CorrectiveAction,
  type OverpaymentCase,
  type Role,
} from '@chronicle/db';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@chronicle/db/testing';
import { audit, type AuditReport } from '@chronicle/rules';
import { generateDataset } from '@chronicle/synthetic';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, appRouter, createCallerFactory, type ApiContext } from '../src/index.js';

// The audit follow-up through the API: who may read and write plans and overpayment cases,
// refusals with their HTTP status and the field they name (a stale version is 409, a rule
// without findings or dates out of order 400, another organization's records 404), a
// re-test decided from two stored runs, and each case's warning at the server's clock.

const ORGS = ['org-api-a', 'org-api-b'] as const;
const dataset = generateDataset({ seed: 61, patients: 8, year: 2026, months: 3, faultRate: 0.5 });
const practiceId = dataset.practice.id;
const report = audit(dataset);
const PLANNED_AT = new Date('2026-04-02T15:00:00Z');
const createCaller = createCallerFactory(appRouter);

/** The refusal a call ends with: its HTTP status and problems. */
async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  const apiError = error as ApiError;
  return { status: getHTTPStatusCodeFromError(apiError), problems: apiError.problems };
}

function without(ruleId: string): AuditReport {
  const copy = structuredClone(report);
  for (const m of copy.months) m.findings = m.findings.filter((f) => f.ruleId !== ruleId);
  return copy;
}

describe.each(DATABASE_KINDS)('the audit follow-up API on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  let runId: string;
  let clock = new Date('2026-04-03T15:00:00Z');
  const as = (role: Role, orgId: string = ORGS[0]) => {
    const ctx: ApiContext = {
      db: conn.db,
      caller: { orgId, userId: `u-${role}`, role, sessionId: 'test' },
      now: () => clock,
      jobs: { enqueueAudit: () => Promise.resolve() },
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      hashPassword: (p) => Promise.resolve(p),
    };
    return createCaller(ctx);
  };
  let runs = 0;
  const storedRun = async (source: AuditReport, minutes: number) =>
    (
      await saveAuditRun(conn.db, {
        orgId: ORGS[0],
        practiceId,
        report: source,
        startedAt: new Date(PLANNED_AT.getTime() + minutes * 60_000 + ++runs),
      })
    ).id;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
    for (const orgId of ORGS) {
      await importDataset(conn.db, { orgId, actor: 'test-setup', dataset });
      for (const role of ['admin', 'compliance-officer', 'auditor', 'care-manager'] as const)
        await createUser(
          conn.db,
          orgId,
          { id: `u-${role}`, email: `${role}@${orgId}.test`, displayName: role, role },
          'test-setup',
        );
    }
    runId = await storedRun(report, 0);
  });
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  it("offers the compliance officer the organization's users as owners, without reading the users list", async () => {
    const owners = await as('compliance-officer').correctiveActions.owners();
    expect(owners.map((o) => o.id).sort()).toEqual(
      ['u-admin', 'u-auditor', 'u-care-manager', 'u-compliance-officer'].sort(),
    );
    expect(owners[0]).toEqual({
      id: owners[0]?.id,
      displayName: expect.any(String),
      role: expect.any(String),
    });
    expect(await refusal(as('compliance-officer').users.list())).toMatchObject({ status: 403 });
    expect(await refusal(as('auditor').correctiveActions.owners())).toMatchObject({ status: 403 });
  });

  it('lets the admin and the compliance officer write, the auditor only read, others neither', async () => {
    const plan = await as('compliance-officer').correctiveActions.plan({
      runId,
      ownerId: 'u-compliance-officer',
    });
    expect(plan.items.length).toBeGreaterThan(0);
    expect(plan.items.every((i) => i.ownerId === 'u-compliance-officer')).toBe(true);
    expect(await as('auditor').correctiveActions.list({ runId })).toEqual(plan.items);
    expect(await as('admin').correctiveActions.plan({ runId })).toEqual({
      created: [],
      items: plan.items,
    });
    expect(await refusal(as('auditor').correctiveActions.plan({ runId }))).toMatchObject({
      status: 403,
    });
    expect(await refusal(as('care-manager').correctiveActions.list({ runId }))).toMatchObject({
      status: 403,
    });
    expect(await refusal(as('care-manager').overpayments.list({}))).toMatchObject({ status: 403 });
  });

  it('refuses a stale version with 409 and a rule without findings with 400, naming the field', async () => {
    const officer = as('compliance-officer');
    const [item] = (await officer.correctiveActions.list({ runId })) as CorrectiveAction[];
    if (!item) throw new Error('no item');
    const changed = await officer.correctiveActions.update({
      id: item.id,
      expectedVersion: item.version,
      status: 'in-progress',
      dueOn: '2026-05-15',
    });
    expect(changed).toMatchObject({ status: 'in-progress', dueOn: '2026-05-15' });
    expect(
      await refusal(
        officer.correctiveActions.update({
          id: item.id,
          expectedVersion: item.version,
          status: 'done',
        }),
      ),
    ).toMatchObject({ status: 409, problems: [{ path: 'expectedVersion' }] });
    expect(
      await refusal(officer.correctiveActions.create({ runId, ruleId: 'NO-SUCH-RULE' })),
    ).toEqual({
      status: 400,
      problems: [
        { path: 'ruleId', message: `rule "NO-SUCH-RULE" has no findings in run "${runId}"` },
      ],
    });
    expect(
      await refusal(
        officer.correctiveActions.update({ id: item.id, expectedVersion: 2, dueOn: '2026-02-30' }),
      ),
    ).toMatchObject({ status: 400, problems: [{ path: 'dueOn' }] });
  });

  it('re-tests an item from two stored runs: pass without its findings, fail with them', async () => {
    const officer = as('compliance-officer');
    const items = await officer.correctiveActions.list({ runId });
    const item = items.at(-1) as CorrectiveAction;
    const fixed = await storedRun(without(item.ruleId), 60);
    const unfixed = await storedRun(report, 120);
    const passed = await officer.correctiveActions.retest({
      id: item.id,
      laterRunId: fixed,
      expectedVersion: item.version,
    });
    expect(passed.retest).toMatchObject({ runId: fixed, result: 'pass', findings: 0 });
    const failed = await officer.correctiveActions.retest({
      id: item.id,
      laterRunId: unfixed,
      expectedVersion: passed.version,
    });
    expect(failed.retest).toMatchObject({
      runId: unfixed,
      result: 'fail',
      findings: item.findings,
    });
    expect(
      await refusal(
        officer.correctiveActions.update({
          id: item.id,
          expectedVersion: failed.version,
          status: 'verified',
        }),
      ),
    ).toMatchObject({ status: 400, problems: [{ path: 'status' }] });
  });

  it("warns of each case's deadline at the server's clock, and refuses dates out of order", async () => {
    const officer = as('compliance-officer');
    const inError = report.months.find(
      (m) => m.billingPractitionerId && m.findings.some((f) => f.severity === 'error'),
    );
    if (!inError) throw new Error('no month in error');
    const opened = await officer.overpayments.open({
      runId,
      patientId: inError.patientId,
      month: inError.month,
      billingPractitionerId: inError.billingPractitionerId as string,
      identifiedOn: '2026-03-01',
    });
    expect(opened.deadline).toBe('2026-04-30');
    const stateAt = async (instant: string) => {
      clock = new Date(instant);
      const [listed] = (await as('auditor').overpayments.list({})) as OverpaymentCase[];
      return listed && { daysLeft: listed.daysLeft, state: listed.state };
    };
    expect(await stateAt('2026-04-01T17:00:00Z')).toEqual({ daysLeft: 29, state: 'on-track' });
    expect(await stateAt('2026-04-20T17:00:00Z')).toEqual({ daysLeft: 10, state: 'due-soon' });
    expect(await stateAt('2026-05-04T17:00:00Z')).toEqual({ daysLeft: -4, state: 'overdue' });
    expect(await as('admin').overpayments.list({ state: 'on-track' })).toEqual([]);
    expect(
      await refusal(
        officer.overpayments.update({
          id: opened.id,
          expectedVersion: 1,
          quantifiedOn: '2026-02-27',
          quantifiedAmount: 62.5,
        }),
      ),
    ).toEqual({
      status: 400,
      problems: [
        { path: 'quantifiedOn', message: 'must be on or after identifiedOn (2026-03-01)' },
      ],
    });
    const refunded = await officer.overpayments.update({
      id: opened.id,
      expectedVersion: 1,
      quantifiedOn: '2026-03-20',
      quantifiedAmount: 62.5,
      refundedOn: '2026-05-06',
      refundedAmount: 62.5,
      refundReference: 'MAC-2026-0506',
    });
    expect(refunded).toMatchObject({ state: 'refunded', daysLeft: null, refundedLate: true });
    const logged = await sql<{ action: string }>`
      select action from activity_log
      where org_id = ${ORGS[0]} and record_type = 'overpayment-follow-up' order by seq`.execute(
      conn.db,
    );
    expect(logged.rows.map((r) => r.action)).toEqual(['create', 'update']);
  });

  it("answers another organization's users as if the run and records did not exist", async () => {
    const intruder = as('compliance-officer', ORGS[1]);
    const [item] = await as('auditor').correctiveActions.list({ runId });
    if (!item) throw new Error('no item');
    expect(await refusal(intruder.correctiveActions.list({ runId }))).toMatchObject({
      status: 404,
      problems: [{ path: 'runId' }],
    });
    expect(
      await refusal(
        intruder.correctiveActions.update({
          id: item.id,
          expectedVersion: item.version,
          notes: 'x',
        }),
      ),
    ).toMatchObject({ status: 404, problems: [{ path: 'id' }] });
    expect(await intruder.overpayments.list({})).toEqual([]);
    expect((await as('auditor').correctiveActions.list({ runId }))[0]).toEqual(item);
  });
});

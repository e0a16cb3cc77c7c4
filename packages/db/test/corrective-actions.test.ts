import { ruleList, type AuditReport } from '@chronicle/rules';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditFollowUpError,
  createCorrectiveAction,
  disableUser,
  listCorrectiveActions,
  planCorrectiveActions,
  requestAuditRun,
  retestCorrectiveAction,
  saveAuditRun,
  StaleWriteError,
  updateCorrectiveAction,
  verifyActivityLog,
  type Connection,
} from '../src/index.js';
import {
  auditedPractice,
  PLANNED_AT,
  practiceId,
  report,
  reportWithout,
  rulesWith,
} from './support/audited-practice.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

// An audit run's corrective-action plan: one item per failing rule, planned once however
// often it is asked for, owned by an active user of the organization, edited only at the
// version read, verified only after a re-test that the stored runs decide, every change in
// the activity log, and nothing of it visible to another organization. On each engine.

const ORG = 'org-plan';
const OTHER = 'org-other';
const NOW = new Date('2026-04-03T10:00:00Z');
const officer = { orgId: ORG, actor: 'u-officer', now: NOW };

/** The refusal `promise` ends with: its kind and problems. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuditFollowUpError);
  const { refusal: kind, problems } = error as AuditFollowUpError;
  return { kind, problems };
}

describe.each(DATABASE_KINDS)('corrective-action plans on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  let runs = 0;
  const failing = rulesWith(['error', 'warning']);
  const rule = failing[0] as string;

  /** A new done run of the practice, from `source`, started `minutes` after the first. */
  async function storedRun(source: AuditReport = report, minutes = 0, orgId = ORG) {
    runs += 1;
    const startedAt = new Date(PLANNED_AT.getTime() + minutes * 60_000 + runs);
    return (await saveAuditRun(conn.db, { orgId, practiceId, report: source, startedAt })).id;
  }
  const logged = async (recordType: string) =>
    (
      await sql<{ action: string; record_id: string; fields: string[] }>`
        select action, record_id, fields from activity_log
        where org_id = ${ORG} and record_type = ${recordType} order by seq`.execute(conn.db)
    ).rows;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
    await auditedPractice(conn.db, ORG);
    await auditedPractice(conn.db, OTHER);
  });
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  it('plans one item per rule with error or warning findings, once, with the recommended action', async () => {
    expect(failing.length).toBeGreaterThan(1);
    const runId = await storedRun();
    const first = await planCorrectiveActions(conn.db, officer, { runId, dueOn: '2026-05-01' });
    expect(first.created).toEqual(failing);
    expect(first.items.map((i) => i.ruleId)).toEqual(failing);
    const recommended = new Map(ruleList().map((r) => [r.id, r.correctiveAction ?? '']));
    const counts = report.summary.findingsByRule as Record<string, number>;
    for (const item of first.items)
      expect(item).toMatchObject({
        runId,
        practiceId,
        status: 'open',
        dueOn: '2026-05-01',
        ownerId: null,
        action: recommended.get(item.ruleId),
        findings: counts[item.ruleId],
        retest: null,
        version: 1,
      });
    const again = await planCorrectiveActions(conn.db, officer, { runId });
    expect(again).toEqual({ created: [], items: first.items });
    expect(await listCorrectiveActions(conn.db, ORG, { runId })).toEqual(first.items);
  });

  it('adds an item for any rule with findings and refuses a rule without any, naming ruleId', async () => {
    const runId = await storedRun();
    const info = rulesWith(['info']).find((r) => !failing.includes(r)) as string;
    expect(info).toBeDefined();
    const item = await createCorrectiveAction(conn.db, officer, {
      runId,
      ruleId: info,
      ownerId: 'u-officer',
      action: 'Bill the months the documentation supports',
    });
    expect(item).toMatchObject({ ruleId: info, ownerId: 'u-officer', status: 'open' });
    const before = await logged('corrective-action');
    expect(
      await refusal(createCorrectiveAction(conn.db, officer, { runId, ruleId: 'NO-SUCH-RULE' })),
    ).toEqual({
      kind: 'invalid',
      problems: [
        { path: 'ruleId', message: `rule "NO-SUCH-RULE" has no findings in run "${runId}"` },
      ],
    });
    expect(
      await refusal(createCorrectiveAction(conn.db, officer, { runId, ruleId: info })),
    ).toMatchObject({ kind: 'conflict', problems: [{ path: 'ruleId' }] });
    expect(await logged('corrective-action')).toEqual(before);
  });

  it('refuses an owner who is not an active user of the organization, naming ownerId', async () => {
    const runId = await storedRun();
    await disableUser(conn.db, ORG, { userId: 'u-gone', expectedVersion: 1, now: NOW }, 'u-admin');
    expect(
      await refusal(
        createCorrectiveAction(conn.db, officer, { runId, ruleId: rule, ownerId: 'u-x' }),
      ),
    ).toMatchObject({ kind: 'not-found', problems: [{ path: 'ownerId' }] });
    expect(
      await refusal(planCorrectiveActions(conn.db, officer, { runId, ownerId: 'u-gone' })),
    ).toMatchObject({ kind: 'invalid', problems: [{ path: 'ownerId' }] });
    expect(await listCorrectiveActions(conn.db, ORG, { runId })).toEqual([]);
  });

  it('changes an item at the version read and refuses a stale version as a conflict', async () => {
    const runId = await storedRun();
    const [item] = (await planCorrectiveActions(conn.db, officer, { runId })).items;
    if (!item) throw new Error('no item');
    const changed = await updateCorrectiveAction(conn.db, officer, {
      id: item.id,
      expectedVersion: 1,
      status: 'in-progress',
      ownerId: 'u-admin',
      notes: 'Retraining booked',
    });
    expect(changed).toMatchObject({ status: 'in-progress', ownerId: 'u-admin', version: 2 });
    const stale = updateCorrectiveAction(conn.db, officer, {
      id: item.id,
      expectedVersion: 1,
      status: 'done',
    });
    await expect(stale).rejects.toBeInstanceOf(StaleWriteError);
    await expect(stale).rejects.toThrow(
      /^expectedVersion: .* read at version 1 but is now at version 2/,
    );
    expect((await listCorrectiveActions(conn.db, ORG, { runId }))[0]).toEqual(changed);
    // The same values again change nothing, not even the version.
    expect(
      await updateCorrectiveAction(conn.db, officer, {
        id: item.id,
        expectedVersion: 2,
        status: 'in-progress',
      }),
    ).toEqual(changed);
  });

  it('refuses verified until a re-test passes, naming status', async () => {
    const runId = await storedRun();
    const [item] = (await planCorrectiveActions(conn.db, officer, { runId })).items;
    if (!item) throw new Error('no item');
    expect(
      await refusal(
        updateCorrectiveAction(conn.db, officer, {
          id: item.id,
          expectedVersion: 1,
          status: 'verified',
        }),
      ),
    ).toMatchObject({ kind: 'invalid', problems: [{ path: 'status' }] });
  });

  it('re-tests from the stored runs: passes without the rule in the months, fails with it', async () => {
    const runId = await storedRun();
    const item = (await planCorrectiveActions(conn.db, officer, { runId })).items.find(
      (i) => i.ruleId === rule,
    );
    if (!item) throw new Error('no item');
    const fixed = await storedRun(reportWithout(rule), 60);
    const passed = await retestCorrectiveAction(conn.db, officer, {
      id: item.id,
      laterRunId: fixed,
      expectedVersion: 1,
    });
    expect(passed.retest).toEqual({
      runId: fixed,
      result: 'pass',
      findings: 0,
      at: NOW.toISOString(),
      by: 'u-officer',
    });
    const verified = await updateCorrectiveAction(conn.db, officer, {
      id: item.id,
      expectedVersion: passed.version,
      status: 'verified',
    });
    expect(verified.status).toBe('verified');

    const unfixed = await storedRun(report, 120);
    const failed = await retestCorrectiveAction(conn.db, officer, {
      id: item.id,
      laterRunId: unfixed,
      expectedVersion: verified.version,
    });
    expect(failed.retest).toMatchObject({
      runId: unfixed,
      result: 'fail',
      findings: item.findings,
    });
    // A failed re-test takes back the verification.
    expect(failed.status).toBe('in-progress');
  });

  it('re-tests only against a later done run that audited every month the rule failed in', async () => {
    const runId = await storedRun(report, 30);
    const [item] = (await planCorrectiveActions(conn.db, officer, { runId })).items;
    if (!item) throw new Error('no item');
    const retest = (laterRunId: string) =>
      refusal(
        retestCorrectiveAction(conn.db, officer, { id: item.id, laterRunId, expectedVersion: 1 }),
      );
    const earlier = await storedRun(reportWithout(item.ruleId), 0);
    expect(await retest(earlier)).toMatchObject({
      kind: 'invalid',
      problems: [{ path: 'laterRunId', message: expect.stringMatching(/did not start after/) }],
    });
    const narrow = await storedRun(reportWithout(item.ruleId), 90);
    await conn.db
      .updateTable('audit_runs')
      .set({ period_from: '2026-04', period_to: '2026-04' })
      .where('org_id', '=', ORG)
      .where('id', '=', narrow)
      .execute();
    expect(await retest(narrow)).toMatchObject({
      kind: 'invalid',
      problems: [{ path: 'laterRunId', message: expect.stringMatching(/leaves out 2026-0/) }],
    });
    const queued = await requestAuditRun(conn.db, {
      orgId: ORG,
      practiceId,
      requestedBy: 'u-officer',
      now: new Date(PLANNED_AT.getTime() + 3_600_000),
    });
    expect(await retest(queued.id)).toMatchObject({
      kind: 'conflict',
      problems: [
        { path: 'laterRunId', message: 'the run is queued; its findings come when it is done' },
      ],
    });
    expect(await retest('no-such-run')).toMatchObject({ kind: 'not-found' });
    expect((await listCorrectiveActions(conn.db, ORG, { runId }))[0]).toEqual(item);
  });

  it('writes every change to the activity log, by field name, and the log still verifies', async () => {
    const runId = await storedRun();
    const before = (await logged('corrective-action')).length;
    const { items } = await planCorrectiveActions(conn.db, officer, { runId });
    const item = items[0];
    if (!item) throw new Error('no item');
    await updateCorrectiveAction(conn.db, officer, {
      id: item.id,
      expectedVersion: 1,
      dueOn: '2026-06-30',
      notes: 'Owner on leave until May',
    });
    const entries = (await logged('corrective-action')).slice(before);
    expect(entries).toHaveLength(items.length + 1);
    expect(entries.at(-1)).toEqual({
      action: 'update',
      record_id: item.id,
      fields: ['dueOn', 'notes'],
    });
    expect(entries.slice(0, -1).every((e) => e.action === 'create')).toBe(true);
    expect(await verifyActivityLog(conn.db, ORG)).toMatchObject({ ok: true });
  });

  it("shows and changes nothing of another organization's plan", async () => {
    const runId = await storedRun();
    const [item] = (await planCorrectiveActions(conn.db, officer, { runId })).items;
    if (!item) throw new Error('no item');
    const intruder = { orgId: OTHER, actor: 'u-officer', now: NOW };
    expect(await refusal(listCorrectiveActions(conn.db, OTHER, { runId }))).toMatchObject({
      kind: 'not-found',
      problems: [{ path: 'runId' }],
    });
    expect(await refusal(planCorrectiveActions(conn.db, intruder, { runId }))).toMatchObject({
      kind: 'not-found',
    });
    expect(
      await refusal(
        updateCorrectiveAction(conn.db, intruder, { id: item.id, expectedVersion: 1, notes: 'x' }),
      ),
    ).toMatchObject({ kind: 'not-found', problems: [{ path: 'id' }] });
    const theirs = await storedRun(reportWithout(item.ruleId), 60, OTHER);
    expect(
      await refusal(
        retestCorrectiveAction(conn.db, officer, {
          id: item.id,
          laterRunId: theirs,
          expectedVersion: 1,
        }),
      ),
    ).toMatchObject({ kind: 'not-found', problems: [{ path: 'laterRunId' }] });
    expect((await listCorrectiveActions(conn.db, ORG, { runId }))[0]).toEqual(item);
  });
});

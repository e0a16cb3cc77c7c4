import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditFollowUpError,
  listOverpayments,
  openOverpayment,
  StaleWriteError,
  updateOverpayment,
  verifyActivityLog,
  type Connection,
  type OverpaymentCase,
} from '../src/index.js';
import { auditedPractice, errorMonths, practiceId, report } from './support/audited-practice.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

// Overpayment cases: opened only for a month an audit run found in error whose claim went
// out, once per patient-month and practitioner; milestones recorded in order (identified,
// quantified, refunded), each refusal naming its field; a clock judged on the day the
// caller's instant falls on; every read and change in the activity log; nothing of it
// visible to another organization. On each engine.

const ORG = 'org-refund';
const OTHER = 'org-other';
const NOW = new Date('2026-04-03T15:00:00Z');
const officer = { orgId: ORG, actor: 'u-officer', now: NOW };

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuditFollowUpError);
  const { refusal: kind, problems } = error as AuditFollowUpError;
  return { kind, problems };
}

describe.each(DATABASE_KINDS)('overpayment follow-up on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  let runId: string;
  // Each test takes its own month in error, so that cases never collide.
  const months = errorMonths();
  let next = 0;
  const take = () => {
    const m = months[next++];
    if (!m) throw new Error('not enough months in error');
    return {
      runId,
      patientId: m.patientId,
      month: m.month,
      billingPractitionerId: m.practitioner,
    };
  };
  const stored = async (id: string) =>
    (await listOverpayments(conn.db, officer, {})).find((c) => c.id === id);
  const logged = async () =>
    (
      await sql<{ action: string; record_type: string; record_id: string; fields: string[] }>`
        select action, record_type, record_id, fields from activity_log
        where org_id = ${ORG} order by seq`.execute(conn.db)
    ).rows;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
    ({ runId } = await auditedPractice(conn.db, ORG));
    await auditedPractice(conn.db, OTHER);
  });
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  it('opens one case for a month in error whose claim went out, with its claims and clock', async () => {
    expect(months.length).toBeGreaterThanOrEqual(7);
    const month = take();
    const opened = await openOverpayment(conn.db, officer, {
      ...month,
      identifiedOn: '2026-04-01',
    });
    expect(opened).toMatchObject({
      ...month,
      practiceId,
      identifiedOn: '2026-04-01',
      quantifiedOn: null,
      refundedOn: null,
      clockStartsOn: '2026-04-01',
      deadline: '2026-05-31',
      daysLeft: 58,
      state: 'on-track',
      version: 1,
    });
    expect(opened.claimIds.length).toBeGreaterThan(0);
    expect(
      await refusal(openOverpayment(conn.db, officer, { ...month, identifiedOn: '2026-04-02' })),
    ).toEqual({
      kind: 'conflict',
      problems: [{ path: 'month', message: expect.stringContaining(opened.id) as string }],
    });
  });

  it('refuses a month without an error finding in the run, naming month', async () => {
    const clean = report.months.find(
      (m) => m.billingPractitionerId && !m.findings.some((f) => f.severity === 'error'),
    );
    if (!clean) throw new Error('no month without an error');
    const before = await logged();
    expect(
      await refusal(
        openOverpayment(conn.db, officer, {
          runId,
          patientId: clean.patientId,
          month: clean.month,
          billingPractitionerId: clean.billingPractitionerId as string,
          identifiedOn: '2026-04-01',
        }),
      ),
    ).toMatchObject({
      kind: 'invalid',
      problems: [{ path: 'month', message: expect.stringMatching(/has no error finding/) }],
    });
    expect(await logged()).toEqual(before);
  });

  it('refuses a month in error whose claims never went out: nothing was paid', async () => {
    const month = take();
    await sql`
      update claims set data = jsonb_set(data, '{status}', '"draft"')
      where org_id = ${ORG} and patient_id = ${month.patientId}
        and billing_practitioner_id = ${month.billingPractitionerId}
        and date_of_service like ${`${month.month}-%`}`.execute(conn.db);
    expect(
      await refusal(openOverpayment(conn.db, officer, { ...month, identifiedOn: '2026-04-01' })),
    ).toMatchObject({
      kind: 'invalid',
      problems: [{ path: 'month', message: expect.stringMatching(/nothing was paid to return$/) }],
    });
  });

  it('refuses milestones out of order, naming the field, and writes nothing', async () => {
    const month = take();
    expect(
      await refusal(
        openOverpayment(conn.db, officer, {
          ...month,
          identifiedOn: '2026-04-01',
          investigationEndsOn: '2026-03-31',
        }),
      ),
    ).toMatchObject({ problems: [{ path: 'investigationEndsOn' }] });
    const opened = await openOverpayment(conn.db, officer, {
      ...month,
      identifiedOn: '2026-04-01',
    });
    const update = (change: Record<string, unknown>) =>
      refusal(
        updateOverpayment(conn.db, officer, { id: opened.id, expectedVersion: 1, ...change }),
      );
    expect(await update({ quantifiedOn: '2026-03-31', quantifiedAmount: 62.5 })).toEqual({
      kind: 'invalid',
      problems: [
        { path: 'quantifiedOn', message: 'must be on or after identifiedOn (2026-04-01)' },
      ],
    });
    expect(await update({ quantifiedOn: '2026-04-10' })).toMatchObject({
      problems: [{ path: 'quantifiedAmount', message: 'is required with quantifiedOn' }],
    });
    expect(
      await update({ refundedOn: '2026-04-20', refundedAmount: 62.5, refundReference: 'MAC-1' }),
    ).toMatchObject({
      problems: [
        { path: 'refundedOn', message: expect.stringMatching(/^record the quantification/) },
      ],
    });
    const quantified = await updateOverpayment(conn.db, officer, {
      id: opened.id,
      expectedVersion: 1,
      quantifiedOn: '2026-04-10',
      quantifiedAmount: 62.5,
    });
    const later = (change: Record<string, unknown>) =>
      refusal(
        updateOverpayment(conn.db, officer, {
          id: opened.id,
          expectedVersion: quantified.version,
          ...change,
        }),
      );
    expect(
      await later({ refundedOn: '2026-04-09', refundedAmount: 62.5, refundReference: 'MAC-1' }),
    ).toEqual({
      kind: 'invalid',
      problems: [{ path: 'refundedOn', message: 'must be on or after quantifiedOn (2026-04-10)' }],
    });
    // Moving identification past the quantification names the field that moved.
    expect(await later({ identifiedOn: '2026-04-11' })).toEqual({
      kind: 'invalid',
      problems: [
        { path: 'identifiedOn', message: 'must be on or before quantifiedOn (2026-04-10)' },
      ],
    });
    expect(await stored(opened.id)).toEqual(quantified);
  });

  it('records quantified and refunded at the version read; a stale version is a conflict', async () => {
    const month = take();
    const opened = await openOverpayment(conn.db, officer, {
      ...month,
      identifiedOn: '2026-03-20',
    });
    const quantified = await updateOverpayment(conn.db, officer, {
      id: opened.id,
      expectedVersion: 1,
      quantifiedOn: '2026-03-25',
      quantifiedAmount: 61.74,
    });
    expect(quantified).toMatchObject({ quantifiedAmount: 61.74, version: 2, state: 'on-track' });
    const stale = updateOverpayment(conn.db, officer, {
      id: opened.id,
      expectedVersion: 1,
      notes: 'x',
    });
    await expect(stale).rejects.toBeInstanceOf(StaleWriteError);
    await expect(stale).rejects.toThrow(/^expectedVersion: overpayment case/);
    const refunded = await updateOverpayment(conn.db, officer, {
      id: opened.id,
      expectedVersion: 2,
      refundedOn: '2026-04-02',
      refundedAmount: 61.74,
      refundReference: 'MAC voluntary refund 2026-0412',
    });
    expect(refunded).toMatchObject({
      refundedOn: '2026-04-02',
      refundedAmount: 61.74,
      refundReference: 'MAC voluntary refund 2026-0412',
      state: 'refunded',
      daysLeft: null,
      refundedLate: false,
      version: 3,
    });
    expect(await stored(opened.id)).toEqual(refunded);
  });

  it('lists each case with the days left and a warning at the instant it is given', async () => {
    const month = take();
    const opened = await openOverpayment(conn.db, officer, {
      ...month,
      identifiedOn: '2026-03-01',
    });
    const at = async (instant: string, state?: OverpaymentCase['state']) => {
      const who = { ...officer, now: new Date(instant) };
      const list = await listOverpayments(conn.db, who, state ? { state } : {});
      return list.find((c) => c.id === opened.id);
    };
    // The practice keeps Chicago time: 18:00 UTC is the same day there.
    expect(await at('2026-03-02T18:00:00Z')).toMatchObject({ daysLeft: 59, state: 'on-track' });
    expect(await at('2026-04-16T18:00:00Z')).toMatchObject({ daysLeft: 14, state: 'due-soon' });
    expect(await at('2026-05-01T03:00:00Z')).toMatchObject({ daysLeft: 0, state: 'due-soon' });
    expect(await at('2026-05-01T18:00:00Z')).toMatchObject({ daysLeft: -1, state: 'overdue' });
    expect(await at('2026-05-01T18:00:00Z', 'overdue')).toBeDefined();
    expect(await at('2026-05-01T18:00:00Z', 'on-track')).toBeUndefined();
    // An investigation of related months moves the start of the 60 days.
    await updateOverpayment(conn.db, officer, {
      id: opened.id,
      expectedVersion: 1,
      investigationEndsOn: '2026-04-15',
    });
    expect(await at('2026-05-01T18:00:00Z', 'on-track')).toMatchObject({
      clockStartsOn: '2026-04-15',
      deadline: '2026-06-14',
      daysLeft: 44,
    });
  });

  it('writes opening, reading and every change to the activity log, which still verifies', async () => {
    const month = take();
    const before = (await logged()).length;
    const opened = await openOverpayment(conn.db, officer, {
      ...month,
      identifiedOn: '2026-04-01',
    });
    await updateOverpayment(conn.db, officer, {
      id: opened.id,
      expectedVersion: 1,
      quantifiedOn: '2026-04-02',
      quantifiedAmount: 40,
      notes: 'Amount from the remittance',
    });
    await listOverpayments(conn.db, officer, { runId, state: 'on-track' });
    const patient = `${practiceId}/${month.patientId}`;
    const entries = (await logged()).slice(before);
    expect(entries.slice(0, 3)).toEqual([
      { action: 'read', record_type: 'patient', record_id: patient, fields: ['claims'] },
      {
        action: 'create',
        record_type: 'overpayment-follow-up',
        record_id: opened.id,
        fields: ['billingPractitionerId', 'identifiedOn', 'month', 'patientId', 'runId'],
      },
      {
        action: 'update',
        record_type: 'overpayment-follow-up',
        record_id: opened.id,
        fields: ['notes', 'quantifiedAmount', 'quantifiedOn'],
      },
    ]);
    expect(entries.slice(3)).toContainEqual({
      action: 'read',
      record_type: 'patient',
      record_id: patient,
      fields: ['overpayment-follow-ups'],
    });
    expect(await verifyActivityLog(conn.db, ORG)).toMatchObject({ ok: true });
  });

  it("shows and changes nothing of another organization's cases", async () => {
    const month = take();
    const opened = await openOverpayment(conn.db, officer, {
      ...month,
      identifiedOn: '2026-04-01',
    });
    const intruder = { orgId: OTHER, actor: 'u-officer', now: NOW };
    expect(await listOverpayments(conn.db, intruder, {})).toEqual([]);
    expect(
      await refusal(openOverpayment(conn.db, intruder, { ...month, identifiedOn: '2026-04-01' })),
    ).toMatchObject({ kind: 'not-found', problems: [{ path: 'runId' }] });
    expect(
      await refusal(
        updateOverpayment(conn.db, intruder, { id: opened.id, expectedVersion: 1, notes: 'x' }),
      ),
    ).toMatchObject({ kind: 'not-found', problems: [{ path: 'id' }] });
    expect(await stored(opened.id)).toEqual(opened);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addTimeEntry,
  amendTimeEntry,
  approveTimeEntry,
  CareRecordError,
  ClosedMonthError,
  listMonthTime,
  StaleWriteError,
  type AddTimeEntryInput,
  type Connection,
} from '../src/index.js';
import { carePractice, NOW, type CarePractice } from './support/care-practice.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

// Time is recorded as the clinician the user is linked to, only by practitioners and
// clinical staff (whose minutes count); a practitioner approves staff time; edits name the
// version read, a closed month changes only by amendment, and an edit takes a signature off.

describe.each(DATABASE_KINDS)('time entries on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  let p: CarePractice;
  const entry = (over: Partial<AddTimeEntryInput> = {}): AddTimeEntryInput => ({
    practiceId: p.practiceId,
    patientId: p.patient.id,
    start: '2026-11-20T15:00:00-06:00',
    end: '2026-11-20T15:21:30-06:00',
    service: 'ccm',
    activity: 'Medication reconciliation call',
    ...over,
  });
  const fails = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (e: unknown) => e,
    );
  const ref = (entryId: string, expectedVersion: number) => ({
    practiceId: p.practiceId,
    patientId: p.patient.id,
    entryId,
    expectedVersion,
  });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
    p = await carePractice(conn.db, 'org-time');
  });
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  it("records the user's clinician's time, to the second, listed in its month", async () => {
    const saved = await addTimeEntry(conn.db, p.orgId, 'u-rn', entry(), NOW);
    expect(saved.record).toMatchObject({ clinicianId: p.rn.id, end: '2026-11-20T15:21:30-06:00' });
    expect((await p.exported()).timeEntries.at(-1)).toEqual(saved.record);
    const month = await listMonthTime(conn.db, p.orgId, 'u-rn', {
      practiceId: p.practiceId,
      patientId: p.patient.id,
      month: '2026-11',
    });
    expect(month).toMatchObject({
      closed: false,
      entries: [{ version: 1, seconds: 1290, record: saved.record }],
    });
    const closed = await listMonthTime(conn.db, p.orgId, 'u-rn', {
      practiceId: p.practiceId,
      patientId: p.patient.id,
      month: '2026-02',
    });
    expect(closed.closed).toBe(true);
    expect(closed.entries.length).toBeGreaterThan(0);
  });

  it.each([
    ['non-clinical staff', 'u-desk', {}, 'not-allowed', '', /non-clinical staff/],
    ['an unlinked user', 'u-admin', {}, 'not-allowed', '', /not linked to a clinician/],
    [
      'MDM on staff time',
      'u-rn',
      { mdm: 'moderate' },
      'invalid',
      'mdm',
      /billing practitioner's own/,
    ],
    ['both end and minutes', 'u-rn', { minutes: 20 }, 'invalid', 'end', /exactly one/],
    [
      'an end before the start',
      'u-rn',
      { end: '2026-11-20T14:00:00-06:00' },
      'invalid',
      'end',
      /after start/,
    ],
    [
      'time in the future',
      'u-rn',
      { start: '2026-11-30T10:00:00Z', end: '2026-11-30T10:20:00Z' },
      'invalid',
      'start',
      /future/,
    ],
  ] as const)('refuses %s, writing nothing', async (_, user, over, refusal, path, message) => {
    const footprint = await p.footprint();
    const error = await fails(addTimeEntry(conn.db, p.orgId, user, entry(over), NOW));
    expect(error).toBeInstanceOf(CareRecordError);
    expect(error).toMatchObject({
      refusal,
      problems: [{ path, message: expect.stringMatching(message) }],
    });
    expect(await p.footprint()).toEqual(footprint);
  });

  it('refuses new time in a closed month', async () => {
    const error = await fails(
      addTimeEntry(
        conn.db,
        p.orgId,
        'u-rn',
        entry({ start: '2026-02-10T15:00:00-06:00', end: '2026-02-10T15:20:00-06:00' }),
        NOW,
      ),
    );
    expect(error).toBeInstanceOf(ClosedMonthError);
    expect((error as ClosedMonthError).problems[0]).toMatchObject({
      path: 'start',
      message: expect.stringContaining('2026-02'),
    });
  });

  it('is approved by a practitioner other than its clinician, once', async () => {
    const { record } = await addTimeEntry(
      conn.db,
      p.orgId,
      'u-rn',
      entry({ start: '2026-11-21T15:00:00Z', end: '2026-11-21T15:10:00Z' }),
      NOW,
    );
    expect(
      await fails(approveTimeEntry(conn.db, p.orgId, 'u-rn', ref(record.id, 1), NOW)),
    ).toMatchObject({ refusal: 'not-allowed' });
    const approved = await approveTimeEntry(conn.db, p.orgId, 'u-md', ref(record.id, 1), NOW);
    expect(approved).toMatchObject({ version: 2, record: { signedById: p.md.id } });
    await expect(
      approveTimeEntry(conn.db, p.orgId, 'u-md', ref(record.id, 1), NOW),
    ).rejects.toThrow(StaleWriteError);
    expect(
      await fails(approveTimeEntry(conn.db, p.orgId, 'u-md', ref(record.id, 2), NOW)),
    ).toMatchObject({ refusal: 'conflict' });
    const own = await addTimeEntry(
      conn.db,
      p.orgId,
      'u-md',
      entry({ start: '2026-11-22T15:00:00Z', end: '2026-11-22T15:10:00Z', mdm: 'moderate' }),
      NOW,
    );
    expect(
      await fails(approveTimeEntry(conn.db, p.orgId, 'u-md', ref(own.record.id, 1), NOW)),
    ).toMatchObject({
      problems: [{ path: 'entryId', message: expect.stringMatching(/your own entry/) }],
    });

    // Editing the approved entry takes the approval off: it no longer covers the entry.
    const edited = await amendTimeEntry(
      conn.db,
      p.orgId,
      'u-rn',
      { ...ref(record.id, 2), changes: { end: null, minutes: 12 } },
      NOW,
    );
    expect(edited).toMatchObject({ version: 3, approvalRemoved: true });
    expect(edited.record).toEqual({
      ...record,
      minutes: 12,
      end: undefined,
      signedById: undefined,
    });
    expect('end' in edited.record || 'signedById' in edited.record).toBe(false);
  });

  it('changes a closed month only by amendment, keeping the entry before and after', async () => {
    const closed = p.patient.timeEntries.find((t) => t.start.startsWith('2026-02-1'));
    expect(closed).toBeDefined();
    const changes = { activity: 'Care coordination with cardiology' };
    // Moving an open month's entry into the closed month is as much a change of it.
    const open = await addTimeEntry(conn.db, p.orgId, 'u-rn', entry(), NOW);
    const into = { start: '2026-02-20T15:00:00Z', end: '2026-02-20T15:20:00Z' };
    const moved = await fails(
      amendTimeEntry(conn.db, p.orgId, 'u-rn', { ...ref(open.record.id, 1), changes: into }, NOW),
    );
    expect(moved).toBeInstanceOf(ClosedMonthError);

    const footprint = await p.footprint();
    const refused = await fails(
      amendTimeEntry(conn.db, p.orgId, 'u-rn', { ...ref(closed!.id, 1), changes }, NOW),
    );
    expect(refused).toBeInstanceOf(ClosedMonthError);
    expect((refused as ClosedMonthError).problems[0]).toMatchObject({
      path: 'entryId',
      message: expect.stringMatching(/closed month 2026-02/),
    });
    // An amendment must still leave a valid entry: exactly one of end and minutes.
    const both = { minutes: 5, end: new Date(Date.parse(closed!.start) + 600_000).toISOString() };
    const bad = await fails(
      amendTimeEntry(
        conn.db,
        p.orgId,
        'u-md',
        { ...ref(closed!.id, 1), changes: both, reason: 'typo' },
        NOW,
      ),
    );
    expect(bad).toMatchObject({
      refusal: 'invalid',
      problems: [{ path: 'changes', message: expect.stringMatching(/exactly one/) }],
    });
    expect(await p.footprint()).toEqual(footprint);

    const amended = await amendTimeEntry(
      conn.db,
      p.orgId,
      'u-md',
      { ...ref(closed!.id, 1), changes, reason: 'activity was mistyped' },
      NOW,
    );
    expect(amended.record).toEqual({ ...closed, ...changes });
    const rows = await conn.db
      .selectFrom('amendments')
      .select(['reason', 'author'])
      .where('org_id', '=', p.orgId)
      .where('record_id', '=', closed!.id)
      .execute();
    expect(rows).toEqual([{ reason: 'activity was mistyped', author: 'u-md' }]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCarePlanEvent,
  CareRecordError,
  ClosedMonthError,
  shareCarePlan,
  StaleWriteError,
  type AddCarePlanEventInput,
  type Connection,
} from '../src/index.js';
import { carePractice, NOW, type CarePractice } from './support/care-practice.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

// Care-plan events (established, revised, reviewed) with the dataset's elements, appended
// to the patient's list; sharing with the patient edits an event at the version read, and
// an event a closed month rests on is shared only by amendment. Refusals write nothing.

describe.each(DATABASE_KINDS)('care plans on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  let p: CarePractice;
  const event = (over: Partial<AddCarePlanEventInput> = {}): AddCarePlanEventInput => ({
    practiceId: p.practiceId,
    patientId: p.patient.id,
    date: '2026-11-03',
    event: 'revised',
    substantialRevision: true,
    authorId: p.md.id,
    elements: ['problem-list', 'measurable-goals', 'medication-management'],
    ...over,
  });
  const share = (eventId: string, over: Record<string, unknown> = {}) => ({
    practiceId: p.practiceId,
    patientId: p.patient.id,
    eventId,
    expectedVersion: 1,
    date: '2026-11-05',
    method: 'portal' as const,
    ...over,
  });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
    p = await carePractice(conn.db, 'org-plans');
  });
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  it('adds a revision after the established plan, and the export holds it last', async () => {
    const saved = await addCarePlanEvent(conn.db, p.orgId, 'u-rn', event(), NOW);
    expect(saved).toMatchObject({ version: 1, record: { event: 'revised', authorId: p.md.id } });
    expect((await p.exported()).carePlans.at(-1)).toEqual(saved.record);
  });

  it.each([
    ['elements', { elements: [] }, /at least one element/],
    ['elements', { elements: ['problem-list', 'problem-list'] }, /twice/],
    ['elements[0]', { elements: ['wishes'] }, /must be one of/],
    ['authorId', () => ({ authorId: p.desk.id }), /non-clinical staff/],
    ['substantialRevision', { event: 'reviewed' }, /only a revision/],
    ['event', { date: '2025-01-01', substantialRevision: undefined }, /no care plan established/],
    [
      'sharedWithPatient.date',
      { sharedWithPatient: { date: '2026-11-01', method: 'mail' } },
      /must not be before/,
    ],
    ['date', { date: '2026-12-24' }, /after today/],
  ])('refuses an event with a bad %s, writing nothing', async (path, over, message) => {
    const footprint = await p.footprint();
    const input = event(
      typeof over === 'function' ? over() : (over as Partial<AddCarePlanEventInput>),
    );
    const error = await addCarePlanEvent(conn.db, p.orgId, 'u-rn', input, NOW).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CareRecordError);
    expect((error as CareRecordError).problems[0]).toMatchObject({
      path,
      message: expect.stringMatching(message),
    });
    expect(await p.footprint()).toEqual(footprint);
  });

  it('shares an event once, at the version read', async () => {
    const { record } = await addCarePlanEvent(
      conn.db,
      p.orgId,
      'u-rn',
      event({ date: '2026-11-04' }),
      NOW,
    );
    const early = await shareCarePlan(
      conn.db,
      p.orgId,
      'u-rn',
      share(record.id, { date: '2026-11-01' }),
      NOW,
    ).catch((e: unknown) => e);
    expect((early as CareRecordError).problems).toEqual([
      { path: 'date', message: expect.stringMatching(/before the care-plan event's date/) },
    ]);
    const shared = await shareCarePlan(conn.db, p.orgId, 'u-rn', share(record.id), NOW);
    expect(shared).toMatchObject({
      version: 2,
      record: { sharedWithPatient: { date: '2026-11-05', method: 'portal' } },
    });
    await expect(shareCarePlan(conn.db, p.orgId, 'u-rn', share(record.id), NOW)).rejects.toThrow(
      StaleWriteError,
    );
    const again = await shareCarePlan(
      conn.db,
      p.orgId,
      'u-rn',
      share(record.id, { expectedVersion: 2 }),
      NOW,
    ).catch((e: unknown) => e);
    expect(again).toMatchObject({ refusal: 'conflict', problems: [{ path: 'eventId' }] });
  });

  it('shares an event a closed month rests on only by amendment, and refuses a new one in it', async () => {
    const old = p.patient.carePlans.find((c) => c.date <= '2026-02-28' && !c.sharedWithPatient);
    expect(old).toBeDefined();
    const footprint = await p.footprint();
    const refused = await shareCarePlan(conn.db, p.orgId, 'u-rn', share(old!.id), NOW).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ClosedMonthError);
    expect((refused as ClosedMonthError).problems[0]).toMatchObject({
      path: 'eventId',
      message: expect.stringMatching(/closed month 2026-02.*give a reason/),
    });
    const added = await addCarePlanEvent(
      conn.db,
      p.orgId,
      'u-rn',
      event({ date: '2026-02-10' }),
      NOW,
    ).catch((e: unknown) => e);
    expect(added).toBeInstanceOf(ClosedMonthError);
    expect(await p.footprint()).toEqual(footprint);

    const amended = await shareCarePlan(
      conn.db,
      p.orgId,
      'u-rn',
      share(old!.id, { reason: 'copy handed over at the visit, not recorded then' }),
      NOW,
    );
    expect(amended.record.sharedWithPatient).toEqual({ date: '2026-11-05', method: 'portal' });
    const amendments = await conn.db
      .selectFrom('amendments')
      .select(['reason', 'author'])
      .where('org_id', '=', p.orgId)
      .where('record_id', '=', old!.id)
      .execute();
    expect(amendments).toEqual([
      { reason: 'copy handed over at the visit, not recorded then', author: 'u-rn' },
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cancelTimer,
  ClosedMonthError,
  MAX_TIMER_HOURS,
  runningTimer,
  startTimer,
  stopTimer,
  verifyActivityLog,
  type Connection,
} from '../src/index.js';
import { carePractice, type CarePractice } from './support/care-practice.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

// A running timer per user and patient, in the database: stopping it writes one time
// entry of the user's clinician, from the second it started to the second it stopped,
// and removes the timer in the same transaction; a refused stop leaves it running.

describe.each(DATABASE_KINDS)('timers on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  let p: CarePractice;
  const at = (iso: string) => new Date(iso);
  const where = () => ({ practiceId: p.practiceId, patientId: p.patient.id });
  const fails = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (e: unknown) => e,
    );

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
    p = await carePractice(conn.db, 'org-timers');
  });
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  it('runs once per user and patient, and stops into an entry to the second', async () => {
    const timer = await startTimer(
      conn.db,
      p.orgId,
      'u-rn',
      { ...where(), service: 'ccm', activity: 'Call about refills' },
      at('2026-11-20T15:00:00.750Z'),
    );
    expect(timer).toMatchObject({ clinicianId: p.rn.id, startedAt: '2026-11-20T15:00:00Z' });
    expect(await runningTimer(conn.db, p.orgId, 'u-rn', where())).toEqual(timer);
    expect(await runningTimer(conn.db, p.orgId, 'u-md', where())).toBeNull();
    const twice = await fails(
      startTimer(
        conn.db,
        p.orgId,
        'u-rn',
        { ...where(), service: 'ccm' },
        at('2026-11-20T15:01:00Z'),
      ),
    );
    expect(twice).toMatchObject({ refusal: 'conflict', problems: [{ path: 'patientId' }] });
    // Another user times the same patient at the same time: their own timer.
    await startTimer(
      conn.db,
      p.orgId,
      'u-md',
      { ...where(), service: 'ccm' },
      at('2026-11-20T15:02:00Z'),
    );

    const stopped = await stopTimer(
      conn.db,
      p.orgId,
      'u-rn',
      where(),
      at('2026-11-20T15:21:09.999Z'),
    );
    expect(stopped.record).toEqual({
      id: expect.any(String),
      clinicianId: p.rn.id,
      start: '2026-11-20T15:00:00Z',
      end: '2026-11-20T15:21:09Z',
      service: 'ccm',
      activity: 'Call about refills',
    });
    expect(await runningTimer(conn.db, p.orgId, 'u-rn', where())).toBeNull();
    expect((await p.exported()).timeEntries.at(-1)).toEqual(stopped.record);
    expect(await verifyActivityLog(conn.db, p.orgId)).toMatchObject({ ok: true });
  });

  it('refuses a stop that would record nothing, or a forgotten timer, and keeps it running', async () => {
    const start = at('2026-11-21T09:00:00Z');
    await startTimer(conn.db, p.orgId, 'u-rn', { ...where(), service: 'ccm' }, start);
    const footprint = await p.footprint();
    const quick = await fails(
      stopTimer(
        conn.db,
        p.orgId,
        'u-rn',
        { ...where(), activity: 'x' },
        at('2026-11-21T09:00:00.900Z'),
      ),
    );
    expect(quick).toMatchObject({
      refusal: 'invalid',
      problems: [{ message: expect.stringMatching(/less than a second/) }],
    });
    const blank = await fails(
      stopTimer(conn.db, p.orgId, 'u-rn', where(), at('2026-11-21T09:10:00Z')),
    );
    expect(blank).toMatchObject({ problems: [{ path: 'activity' }] });
    const late = new Date(start.getTime() + MAX_TIMER_HOURS * 3_600_000 + 1000);
    const forgotten = await fails(
      stopTimer(conn.db, p.orgId, 'u-rn', { ...where(), activity: 'x' }, late),
    );
    expect(forgotten).toMatchObject({
      problems: [{ message: expect.stringMatching(/cancel it/) }],
    });
    const mdm = await fails(
      stopTimer(
        conn.db,
        p.orgId,
        'u-rn',
        { ...where(), activity: 'x', mdm: 'high' },
        at('2026-11-21T09:10:00Z'),
      ),
    );
    expect(mdm).toMatchObject({ problems: [{ path: 'mdm' }] });
    expect(await p.footprint()).toEqual(footprint);
    expect(await runningTimer(conn.db, p.orgId, 'u-rn', where())).not.toBeNull();

    expect(
      await cancelTimer(conn.db, p.orgId, 'u-rn', where(), at('2026-11-21T09:30:00Z')),
    ).toMatchObject({ startedAt: '2026-11-21T09:00:00Z' });
    expect(await runningTimer(conn.db, p.orgId, 'u-rn', where())).toBeNull();
    expect(
      await fails(cancelTimer(conn.db, p.orgId, 'u-rn', where(), at('2026-11-21T09:31:00Z'))),
    ).toMatchObject({ refusal: 'not-found' });
  });

  it('is refused for non-clinical staff and in a closed month', async () => {
    const desk = await fails(
      startTimer(
        conn.db,
        p.orgId,
        'u-desk',
        { ...where(), service: 'ccm' },
        at('2026-11-22T09:00:00Z'),
      ),
    );
    expect(desk).toMatchObject({ refusal: 'not-allowed' });
    // 23:30 on 28 February in Chicago is still February there: the closed month.
    const closed = await fails(
      startTimer(
        conn.db,
        p.orgId,
        'u-rn',
        { ...where(), service: 'ccm' },
        at('2026-03-01T05:30:00Z'),
      ),
    );
    expect(closed).toBeInstanceOf(ClosedMonthError);
    expect((closed as ClosedMonthError).problems[0]?.message).toMatch(/month 2026-02/);
    const march = await startTimer(
      conn.db,
      p.orgId,
      'u-rn',
      { ...where(), service: 'ccm' },
      at('2026-03-01T06:30:00Z'),
    );
    expect(march.startedAt).toBe('2026-03-01T06:30:00Z');
  });
});

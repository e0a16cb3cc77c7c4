import type { CarePlanEvent } from '@chronicle/dataset';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careTeam, data, footprint, refusal, type CareTeam } from './support/care-team.js';
import { startTestServer, type TestServer } from './support/harness.js';

// Care plans through the API: events with the dataset's elements appended to the plan
// (the export holds them), shared with the patient at the version read; an event a closed
// month rests on is shared only by amendment, with a reason.

type Stored = { record: CarePlanEvent; version: number };

describe.each(DATABASE_KINDS)('care plans API on %s', (kind) => {
  let server: TestServer;
  let team: CareTeam;
  let januaryEventId: string;
  beforeAll(async () => {
    server = await startTestServer(kind, { patients: 4 });
    // A January review not shared at the time: the closed February rests on it.
    team = await careTeam(server, async (admin, t) => {
      const january = {
        practiceId: t.practiceId,
        patientId: t.patient.id,
        date: '2026-01-20',
        event: 'reviewed',
        authorId: t.rn.id,
        elements: ['problem-list', 'measurable-goals'],
      };
      januaryEventId = data<Stored>(await admin.mutate('carePlans.addEvent', january)).record.id;
    });
  });
  afterAll(async () => server?.close());

  const event = (over: Record<string, unknown> = {}) => ({
    practiceId: team.practiceId,
    patientId: team.patient.id,
    date: '2026-11-03',
    event: 'reviewed',
    authorId: team.rn.id,
    elements: ['problem-list', 'symptom-management', 'periodic-review-schedule'],
    ...over,
  });
  const share = (eventId: string, over: Record<string, unknown> = {}) => ({
    practiceId: team.practiceId,
    patientId: team.patient.id,
    eventId,
    expectedVersion: 1,
    date: '2026-11-04',
    method: 'paper',
    ...over,
  });

  it('adds an event, shares it, and the export holds it', async () => {
    const md = await server.signIn('practitioner');
    const added = data<Stored>(await md.mutate('carePlans.addEvent', event()));
    expect(added).toMatchObject({
      version: 1,
      record: { event: 'reviewed', authorId: team.rn.id },
    });
    const shared = data<Stored>(await md.mutate('carePlans.share', share(added.record.id)));
    expect(shared).toEqual({
      version: 2,
      record: { ...added.record, sharedWithPatient: { date: '2026-11-04', method: 'paper' } },
    });
    expect((await team.exported()).carePlans.at(-1)).toEqual(shared.record);
    const listed = data<Stored[]>(
      await md.query('carePlans.list', { practiceId: team.practiceId, patientId: team.patient.id }),
    );
    expect(listed.at(-1)).toEqual(shared);

    const before = await footprint(server);
    expect(refusal(await md.mutate('carePlans.share', share(added.record.id)))).toMatchObject({
      status: 409,
      problems: [{ path: 'expectedVersion' }],
    });
    expect(
      refusal(await md.mutate('carePlans.share', share(added.record.id, { expectedVersion: 2 }))),
    ).toMatchObject({ status: 409, problems: [{ path: 'eventId' }] });
    const unnamed = await md.mutate('carePlans.share', share(''));
    expect(refusal(unnamed)).toMatchObject({ status: 400, problems: [{ path: 'eventId' }] });
    expect(await footprint(server)).toEqual(before);
  });

  it('refuses the auditor with 403, writing nothing', async () => {
    const auditor = await server.signIn('auditor');
    const before = await footprint(server);
    expect(refusal(await auditor.mutate('carePlans.addEvent', event()))).toMatchObject({
      status: 403,
    });
    expect(await footprint(server)).toEqual(before);
  });

  it.each([
    ['elements.1', () => ({ elements: ['problem-list', 'goals'] })],
    ['event', () => ({ event: 'created' })],
    [
      'sharedWithPatient.method',
      () => ({ sharedWithPatient: { date: '2026-11-03', method: 'fax' } }),
    ],
    ['authorId', () => ({ authorId: team.desk.id })],
    ['(input)', () => ({ note: 'unknown fields are refused' })],
  ])('refuses an event with a bad %s with 400, naming it', async (path, over) => {
    const cm = await server.signIn('care-manager');
    const before = await footprint(server);
    const res = await cm.mutate('carePlans.addEvent', event(over()));
    expect(refusal(res)).toMatchObject({ status: 400, problems: [{ path }] });
    expect(await footprint(server)).toEqual(before);
  });

  it('shares an event a closed month rests on only by amendment', async () => {
    const cm = await server.signIn('care-manager');
    const before = await footprint(server);
    const month = refusal(await cm.mutate('carePlans.addEvent', event({ date: '2026-02-12' })));
    expect(month).toMatchObject({
      status: 409,
      problems: [{ path: 'date', message: expect.stringContaining('closed month 2026-02') }],
    });
    expect(await footprint(server)).toEqual(before);
    const refused = refusal(await cm.mutate('carePlans.share', share(januaryEventId)));
    expect(refused).toMatchObject({
      status: 409,
      problems: [{ path: 'eventId', message: expect.stringContaining('closed month 2026-02') }],
    });
    const amended = data<Stored>(
      await cm.mutate(
        'carePlans.share',
        share(januaryEventId, { reason: 'Paper copy given at the visit' }),
      ),
    );
    expect(amended.record.sharedWithPatient).toEqual({ date: '2026-11-04', method: 'paper' });
  });
});

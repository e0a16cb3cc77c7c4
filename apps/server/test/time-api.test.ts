import type { TimeEntry } from '@chronicle/dataset';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careTeam, data, footprint, refusal, type CareTeam } from './support/care-team.js';
import { startTestServer, type TestServer } from './support/harness.js';

// Time through the API: recorded as the user's linked clinician (admins set the links),
// by timer or by hand, listed by month, approved by a practitioner, edited at the version
// read; a closed month changes only by amendment, which needs time.approve.

type Stored = { record: TimeEntry; version: number };

describe.each(DATABASE_KINDS)('time API on %s', (kind) => {
  let server: TestServer;
  let team: CareTeam;
  beforeAll(async () => {
    server = await startTestServer(kind, { patients: 4 });
    team = await careTeam(server);
  });
  afterAll(async () => server?.close());

  const at = () => ({ practiceId: team.practiceId, patientId: team.patient.id });
  const entry = (over: Record<string, unknown> = {}) => ({
    ...at(),
    start: '2026-11-24T09:00:00-06:00',
    minutes: 18,
    service: 'ccm',
    activity: 'Follow-up call on blood pressure log',
    ...over,
  });
  const ref = (entryId: string, expectedVersion: number) => ({ ...at(), entryId, expectedVersion });

  it('lets only admins link users to clinicians', async () => {
    const cm = await server.signIn('care-manager');
    expect(
      refusal(
        await cm.mutate('clinicianLinks.set', {
          userId: 'care-manager',
          practiceId: team.practiceId,
          clinicianId: team.md.id,
        }),
      ),
    ).toMatchObject({ status: 403 });
    const admin = await server.signIn('admin');
    const links = data<Array<{ userId: string; clinicianId: string }>>(
      await admin.query('clinicianLinks.list', { practiceId: team.practiceId }),
    );
    expect(links.map((l) => [l.userId, l.clinicianId])).toEqual([
      ['care-manager', team.rn.id],
      ['practitioner', team.md.id],
    ]);
  });

  it('times a call into an entry to the second, listed with the running timer', async () => {
    const cm = await server.signIn('care-manager');
    const timer = data<{ startedAt: string }>(
      await cm.mutate('time.startTimer', {
        ...at(),
        service: 'ccm',
        activity: 'Call about refills',
      }),
    );
    const month = timer.startedAt.slice(0, 7);
    expect(data<{ timer: unknown }>(await cm.query('time.list', { ...at(), month })).timer).toEqual(
      {
        ...at(),
        clinicianId: team.rn.id,
        service: 'ccm',
        activity: 'Call about refills',
        startedAt: timer.startedAt,
      },
    );
    expect(refusal(await cm.mutate('time.startTimer', { ...at(), service: 'ccm' }))).toMatchObject({
      status: 409,
      problems: [{ path: 'patientId' }],
    });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const stopped = data<Stored>(await cm.mutate('time.stopTimer', at()));
    expect(stopped.record).toMatchObject({
      clinicianId: team.rn.id,
      start: timer.startedAt,
      activity: 'Call about refills',
    });
    expect(stopped.record.end).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const listed = data<{ timer: unknown; entries: Array<Stored & { seconds: number }> }>(
      await cm.query('time.list', { ...at(), month }),
    );
    expect(listed.timer).toBeNull();
    expect(listed.entries.at(-1)).toMatchObject({ ...stopped, seconds: expect.any(Number) });
    expect((await team.exported()).timeEntries.at(-1)).toEqual(stopped.record);
  });

  it('adds time by hand, is approved by the practitioner, and edited at the version read', async () => {
    const cm = await server.signIn('care-manager');
    const md = await server.signIn('practitioner');
    const added = data<Stored>(await cm.mutate('time.add', entry()));
    expect(refusal(await cm.mutate('time.approve', ref(added.record.id, 1)))).toMatchObject({
      status: 403,
    });
    const approved = data<Stored>(await md.mutate('time.approve', ref(added.record.id, 1)));
    expect(approved).toMatchObject({ version: 2, record: { signedById: team.md.id } });
    const before = await footprint(server);
    const stale = await cm.mutate('time.amend', {
      ...ref(added.record.id, 1),
      changes: { minutes: 20 },
    });
    expect(refusal(stale)).toMatchObject({ status: 409, problems: [{ path: 'expectedVersion' }] });
    expect(await footprint(server)).toEqual(before);
    const edited = data<Stored & { approvalRemoved: boolean }>(
      await cm.mutate('time.amend', { ...ref(added.record.id, 2), changes: { minutes: 20 } }),
    );
    expect(edited).toMatchObject({ version: 3, approvalRemoved: true, record: { minutes: 20 } });
    expect(edited.record.signedById).toBeUndefined();
  });

  it('changes a closed month only by amendment, which needs time.approve', async () => {
    const cm = await server.signIn('care-manager');
    const md = await server.signIn('practitioner');
    const february = team.patient.timeEntries.find((t) =>
      t.start.startsWith('2026-02-1'),
    ) as TimeEntry;
    const change = {
      ...ref(february.id, 1),
      changes: { activity: 'Coordinated with the pharmacy' },
    };
    const before = await footprint(server);
    expect(refusal(await cm.mutate('time.amend', change))).toMatchObject({
      status: 409,
      problems: [{ path: 'entryId', message: expect.stringContaining('closed month 2026-02') }],
    });
    expect(refusal(await cm.mutate('time.amend', { ...change, reason: 'typo' }))).toMatchObject({
      status: 403,
      problems: [{ path: 'reason' }],
    });
    expect(
      refusal(await cm.mutate('time.add', entry({ start: '2026-02-11T09:00:00-06:00' }))),
    ).toMatchObject({ status: 409, problems: [{ path: 'start' }] });
    expect(await footprint(server)).toEqual(before);
    const amended = data<Stored>(
      await md.mutate('time.amend', {
        ...change,
        reason: 'Activity was entered on the wrong patient note',
      }),
    );
    expect(amended.record).toEqual({ ...february, activity: 'Coordinated with the pharmacy' });
  });

  it("lists each entry's amendments and the clinician the caller records time as", async () => {
    const cm = await server.signIn('care-manager');
    const md = await server.signIn('practitioner');
    const admin = await server.signIn('admin');
    const added = data<Stored>(await cm.mutate('time.add', entry({ minutes: 12 })));
    const reason = 'Call ran longer than first entered';
    data(
      await md.mutate('time.amend', {
        ...ref(added.record.id, 1),
        changes: { minutes: 16 },
        reason,
      }),
    );
    type Listed = {
      clinician: { id: string } | null;
      entries: Array<Stored & { amendments: Array<Record<string, unknown>> }>;
    };
    const month = '2026-11';
    const listed = data<Listed>(await cm.query('time.list', { ...at(), month }));
    expect(listed.clinician).toMatchObject({ id: team.rn.id, role: 'clinical-staff' });
    const amended = listed.entries.find((e) => e.record.id === added.record.id);
    expect(amended).toMatchObject({ version: 2, record: { minutes: 16 } });
    expect(amended?.amendments).toEqual([
      {
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        author: 'practitioner',
        reason,
        before: added.record,
        after: { ...added.record, minutes: 16 },
      },
    ]);
    expect(listed.entries.filter((e) => e.amendments.length > 0)).toHaveLength(1);
    // The admin is linked to no clinician: the console says so instead of offering a form.
    expect(data<Listed>(await admin.query('time.list', { ...at(), month })).clinician).toBeNull();
  });

  it.each([
    ['negative minutes', 'minutes', 'care-manager', { minutes: -5 }, 400],
    ['both end and minutes', 'end', 'care-manager', { end: '2026-11-24T09:30:00-06:00' }, 400],
    ['an unknown service', 'service', 'care-manager', { service: 'chat' }, 400],
    ['a blank activity', 'activity', 'care-manager', { activity: '   ' }, 400],
    ['a NUL character', 'activity', 'care-manager', { activity: 'called\u0000back' }, 400],
    ['MDM on staff time', 'mdm', 'care-manager', { mdm: 'high' }, 400],
    ['an unknown field', '(input)', 'care-manager', { clinicianId: 'c-pr1' }, 400],
    ['a user linked to no clinician', '', 'admin', {}, 403],
    ['a role without time.write', '', 'auditor', {}, 403],
  ])('refuses %s, naming it, writing nothing', async (_, path, role, over, status) => {
    const agent = await server.signIn(role);
    const before = await footprint(server);
    expect(refusal(await agent.mutate('time.add', entry(over)))).toMatchObject({
      status,
      problems: [{ path }],
    });
    expect(await footprint(server)).toEqual(before);
  });
});

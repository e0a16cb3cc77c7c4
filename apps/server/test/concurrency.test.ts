import type { Dataset, TimeEntry } from '@chronicle/dataset';
import {
  createUser,
  importDataset,
  linkUserToClinician,
  setPasswordHash,
  verifyActivityLog,
} from '@chronicle/db';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import { sql } from 'kysely';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/index.js';
import { ORGS, PASSWORD, startTestServer, type Agent, type TestServer } from './support/harness.js';
import { ok, refusal } from './support/results.js';

// Many care managers working on the same patients at once, through the HTTP API (issue 8):
// time added by hand and by timer is stored exactly once per accepted call and the month's
// minutes are the sum of what was accepted (no lost update); a running timer is one per
// user and patient, so a second start is refused and a second stop finds none; edits of
// one record at one version (an amendment, a care plan shared, a consent revoked) have one
// winner, every other is refused with a 409 naming the record and both versions, and the
// record is the winner's write; the activity log's chain verifies after it all. On PGlite
// the one connection takes the requests in turn; PostgreSQL runs them side by side.

const ORG = ORGS[0];
const CARE_MANAGERS = 8;
const OPERATIONS = 10;
/** The server's clock: late October 2026, so that October's time is all in the past. */
const NOW = Date.parse('2026-10-30T18:00:00Z');

type Stored<T> = { record: T; version: number };

/** The answers that succeeded, and the others' statuses. */
function split(responses: Response[]) {
  return {
    won: responses.filter((r) => r.status === 200),
    lost: responses.filter((r) => r.status !== 200),
  };
}

describe.each(DATABASE_KINDS)('care managers at once on %s', (kind) => {
  let server: TestServer;
  let clock = NOW;
  let practiceId: string;
  let patients: string[];
  let team: Agent[];
  beforeAll(async () => {
    server = await startTestServer(kind, { patients: 4, work: false, now: () => new Date(clock) });
    // The practice takes on eight more clinical staff, each a care manager's user.
    const dataset: Dataset = structuredClone(server.datasets[ORG]);
    practiceId = dataset.practice.id;
    patients = dataset.patients.map((p) => p.id);
    for (let i = 1; i <= CARE_MANAGERS; i++)
      dataset.clinicians.push({
        id: `c-cm${i}`,
        name: `Care Manager ${i}-Synthetic`,
        credential: 'RN',
        role: 'clinical-staff',
      });
    await importDataset(server.conn.db, { orgId: ORG, actor: 'test-setup', dataset });
    // One hash for all of them: argon2id is slow on purpose.
    const passwordHash = await hashPassword(PASSWORD);
    for (let i = 1; i <= CARE_MANAGERS; i++) {
      const user = {
        id: `cm-${i}`,
        email: `cm-${i}@${ORG}.test`,
        displayName: `Care manager ${i}`,
      };
      await createUser(server.conn.db, ORG, { ...user, role: 'care-manager' }, 'test-setup');
      await setPasswordHash(server.conn.db, {
        orgId: ORG,
        userId: user.id,
        passwordHash,
        actor: 'test-setup',
      });
      await linkUserToClinician(server.conn.db, ORG, 'test-setup', {
        userId: user.id,
        practiceId,
        clinicianId: `c-cm${i}`,
      });
    }
    team = [];
    for (let i = 1; i <= CARE_MANAGERS; i++) team.push(await server.signIn(`cm-${i}`));
  });
  afterAll(async () => server?.close());

  const entriesOf = async (patientId: string, m = '2026-10') =>
    ok<{ entries: Array<Stored<TimeEntry>> }>(
      await (team[0] as Agent).query('time.list', { practiceId, patientId, month: m }),
    ).entries;
  const created = async (type: string) =>
    (
      await sql<{ n: number }>`
        select count(*)::int as n from activity_log
        where org_id = ${ORG} and action = 'create' and record_type = ${type}`.execute(
        server.conn.db,
      )
    ).rows[0]?.n ?? 0;
  const minutesOf = (entry: TimeEntry) =>
    entry.minutes ?? (Date.parse(entry.end as string) - Date.parse(entry.start)) / 60_000;

  it(`stores each of ${CARE_MANAGERS * OPERATIONS} entries added at once exactly once, and the month's minutes are their sum`, async () => {
    const [first, second] = patients as [string, string];
    const before = await created('time_entry');
    const calls = team.flatMap((agent, i) =>
      Array.from({ length: OPERATIONS }, (_, j) => {
        const n = i * OPERATIONS + j;
        // Every care manager's entries overlap the others' (the same hour, the same
        // patients): overlap is the audit's to find, not a reason to refuse.
        return agent.mutate('time.add', {
          practiceId,
          patientId: n % 2 === 0 ? first : second,
          start: `2026-10-${String(1 + j).padStart(2, '0')}T15:00:00Z`,
          minutes: 1 + (n % 7),
          service: 'ccm',
          activity: `Follow-up call ${n}`,
        });
      }),
    );
    const responses = await Promise.all(calls);
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
    const accepted = responses.map((r) => ok<Stored<TimeEntry>>(r));
    for (const patientId of [first, second]) {
      const mine = accepted.filter((_, n) => (n % 2 === 0 ? first : second) === patientId);
      const stored = await entriesOf(patientId);
      // Exactly the accepted entries, each once, as accepted.
      expect(stored.map((e) => e.record.id).sort()).toEqual(mine.map((e) => e.record.id).sort());
      expect(new Set(stored.map((e) => e.record.id)).size).toBe(stored.length);
      for (const entry of stored)
        expect(entry).toMatchObject(mine.find((e) => e.record.id === entry.record.id) as object);
      const sum = (list: Array<Stored<TimeEntry>>) =>
        list.reduce((total, e) => total + minutesOf(e.record), 0);
      expect(sum(stored)).toBe(sum(mine));
      // The billing status counts the same minutes: the care managers are clinical staff.
      const status = ok<{ countableMinutes: { clinicalStaff: number } }>(
        await (team[0] as Agent).query('months.status', {
          practiceId,
          patientId,
          month: '2026-10',
        }),
      );
      expect(status.countableMinutes.clinicalStaff).toBe(sum(mine));
    }
    expect((await created('time_entry')) - before).toBe(CARE_MANAGERS * OPERATIONS);
  });

  it('keeps one running timer per care manager and patient: a second start is refused, a second stop finds none', async () => {
    const patientId = patients[2] as string;
    const at = { practiceId, patientId };
    const starts = await Promise.all(
      team.flatMap((agent) =>
        [1, 2].map(() =>
          agent.mutate('time.startTimer', { ...at, service: 'ccm', activity: 'Call' }),
        ),
      ),
    );
    for (let i = 0; i < CARE_MANAGERS; i++) {
      const pair = split(starts.slice(2 * i, 2 * i + 2));
      expect(pair.won).toHaveLength(1);
      expect(refusal(pair.lost[0] as Response)).toMatchObject({
        status: 409,
        problems: [
          {
            path: 'patientId',
            message: expect.stringMatching(/^a timer on patient .* is already running since /),
          },
        ],
      });
    }
    clock += 5 * 60_000;
    const before = await created('time_entry');
    const stops = await Promise.all(
      team.flatMap((agent) => [1, 2].map(() => agent.mutate('time.stopTimer', at))),
    );
    for (let i = 0; i < CARE_MANAGERS; i++) {
      const pair = split(stops.slice(2 * i, 2 * i + 2));
      expect(pair.won).toHaveLength(1);
      expect(refusal(pair.lost[0] as Response)).toMatchObject({
        status: 404,
        problems: [
          { path: 'patientId', message: `no timer of yours is running on patient "${patientId}"` },
        ],
      });
    }
    // Each timer became exactly one five-minute entry of its care manager's clinician.
    const entries = (await entriesOf(patientId)).filter((e) => e.record.activity === 'Call');
    expect(entries.map((e) => e.record.clinicianId).sort()).toEqual(
      team.map((_, i) => `c-cm${i + 1}`).sort(),
    );
    for (const e of entries) expect(minutesOf(e.record)).toBe(5);
    expect((await created('time_entry')) - before).toBe(CARE_MANAGERS);
    const timers = await sql<{ n: number }>`select count(*)::int as n from timers`.execute(
      server.conn.db,
    );
    expect(timers.rows[0]?.n).toBe(0);
  });

  /** Every care manager edits the record at `version` at once; the one that won, and the refusals. */
  async function race(path: string, input: (i: number) => Record<string, unknown>) {
    const responses = await Promise.all(team.map((agent, i) => agent.mutate(path, input(i))));
    const { won, lost } = split(responses);
    expect(won).toHaveLength(1);
    const winner = responses.indexOf(won[0] as Response);
    return { winner, result: ok<Stored<Record<string, unknown>>>(won[0] as Response), lost };
  }

  /** The stale-version refusal every loser gets: the record, the version read, the version now. */
  const staleRefusal = (record: string, read: number, now: number) => ({
    status: 409,
    code: 'CONFLICT',
    problems: [
      {
        path: 'expectedVersion',
        message: `${record} was read at version ${read} but is now at version ${now}; nothing was written: read it again and redo the change`,
      },
    ],
  });

  it('lets one of eight amendments of an entry at one version win; the others are refused naming the versions', async () => {
    const patientId = patients[3] as string;
    const added = ok<Stored<TimeEntry>>(
      await (team[0] as Agent).mutate('time.add', {
        practiceId,
        patientId,
        start: '2026-10-20T14:00:00Z',
        minutes: 10,
        service: 'ccm',
        activity: 'Reviewed the home blood pressure log',
      }),
    );
    const ref = { practiceId, patientId, entryId: added.record.id };
    const { winner, result, lost } = await race('time.amend', (i) => ({
      ...ref,
      expectedVersion: 1,
      changes: { minutes: 11 + i, activity: `Called the patient back (${i})` },
    }));
    expect(result).toMatchObject({ version: 2, record: { minutes: 11 + winner } });
    const record = `time entry "${added.record.id}" of patient "${patientId}"`;
    for (const res of lost) expect(refusal(res)).toEqual(staleRefusal(record, 1, 2));
    const stored = (await entriesOf(patientId)).find((e) => e.record.id === added.record.id);
    expect(stored).toMatchObject({ version: 2, record: result.record });
    // A loser reads again and redoes the change: it goes through.
    const loser = team[(winner + 1) % CARE_MANAGERS] as Agent;
    const retried = ok<Stored<TimeEntry>>(
      await loser.mutate('time.amend', { ...ref, expectedVersion: 2, changes: { minutes: 30 } }),
    );
    expect(retried).toMatchObject({
      version: 3,
      record: { minutes: 30, activity: result.record.activity },
    });
  });

  it("lets one of eight shares of a care-plan event win, and keeps the winner's day and method", async () => {
    const patientId = patients[0] as string;
    const event = ok<Stored<{ id: string }>>(
      await (team[0] as Agent).mutate('carePlans.addEvent', {
        practiceId,
        patientId,
        date: '2026-10-05',
        event: 'reviewed',
        authorId: 'c-cm1',
        elements: ['problem-list', 'symptom-management', 'periodic-review-schedule'],
      }),
    );
    const methods = ['paper', 'portal', 'email'];
    const { winner, result, lost } = await race('carePlans.share', (i) => ({
      practiceId,
      patientId,
      eventId: event.record.id,
      expectedVersion: 1,
      date: `2026-10-${String(6 + i).padStart(2, '0')}`,
      method: methods[i % 3],
    }));
    const shared = {
      date: `2026-10-${String(6 + winner).padStart(2, '0')}`,
      method: methods[winner % 3],
    };
    expect(result).toMatchObject({ version: 2, record: { sharedWithPatient: shared } });
    const record = `care-plan event "${event.record.id}" of patient "${patientId}"`;
    for (const res of lost) expect(refusal(res)).toEqual(staleRefusal(record, 1, 2));
    const listed = ok<Array<Stored<{ id: string }>>>(
      await (team[1] as Agent).query('carePlans.list', { practiceId, patientId }),
    );
    expect(listed.find((e) => e.record.id === event.record.id)).toMatchObject(result);
    // Read again, the plan is shared: a second share is refused as the API defines.
    expect(
      refusal(
        await (team[(winner + 1) % CARE_MANAGERS] as Agent).mutate('carePlans.share', {
          practiceId,
          patientId,
          eventId: event.record.id,
          expectedVersion: 2,
          date: '2026-10-20',
          method: 'paper',
        }),
      ),
    ).toMatchObject({
      status: 409,
      problems: [{ path: 'eventId', message: expect.stringContaining('already shared') }],
    });
  });

  it('lets one of eight revocations of a consent win, with its day and reason', async () => {
    const patientId = patients[1] as string;
    const consent = ok<Stored<{ id: string }>>(
      await (team[0] as Agent).mutate('consents.record', {
        practiceId,
        patientId,
        program: 'ccm',
        date: '2026-10-02',
        method: 'verbal',
        practitionerId: 'c-pr1',
        obtainedById: 'c-cm1',
        decision: 'accepted',
        informed: {
          availability: true,
          costSharing: true,
          onePractitionerPerMonth: true,
          rightToStop: true,
          electronicSharing: true,
        },
      }),
    );
    const { winner, result, lost } = await race('consents.revoke', (i) => ({
      practiceId,
      patientId,
      consentId: consent.record.id,
      expectedVersion: 1,
      revokedOn: `2026-10-${String(10 + i).padStart(2, '0')}`,
      reason: `The patient called to stop (${i})`,
    }));
    expect(result).toMatchObject({
      version: 2,
      record: { revokedOn: `2026-10-${String(10 + winner).padStart(2, '0')}` },
    });
    const record = `consent "${consent.record.id}" of patient "${patientId}"`;
    for (const res of lost) expect(refusal(res)).toEqual(staleRefusal(record, 1, 2));
    const listed = ok<Array<Stored<{ id: string }>>>(
      await (team[2] as Agent).query('consents.list', { practiceId, patientId }),
    );
    expect(listed.find((c) => c.record.id === consent.record.id)).toMatchObject({
      version: result.version,
      record: result.record,
    });
  });

  it('keeps the activity log one unbroken chain after it all, every write in it once', async () => {
    expect(await verifyActivityLog(server.conn.db, ORG)).toMatchObject({ ok: true });
    const { rows } = await sql<{ seq: number }>`
      select seq from activity_log where org_id = ${ORG} order by seq`.execute(server.conn.db);
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
  });
});

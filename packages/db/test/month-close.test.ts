import type { Dataset, Patient, TimeEntry } from '@chronicle/dataset';
import { audit, DEFAULT_POLICY, type AuditedMonth } from '@chronicle/rules';
import { generateDataset } from '@chronicle/synthetic';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  amendRecord,
  closeMonth,
  ClosedMonthError,
  exportDataset,
  importDataset,
  migrateAllDown,
  migrateToLatest,
  monthHistory,
  reproduceClose,
  StaleWriteError,
  updateRecord,
  verifyActivityLog,
  withTenant,
  type Connection,
  type RecordType,
} from '../src/index.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

// A closed patient-month is a decision record that reproduces exactly; the records it rests
// on change only by amendment (with a reason, kept before and after), never by an ordinary
// edit or an import; every edit names the version it read and loses to a newer one. On
// each database engine.

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const MONTH = '2026-02';
const ACTOR = 'u-admin';

/**
 * A small generated practice (America/Chicago) in which patient B has one entry by the same
 * clinician overlapping one of patient A's February entries: A's month loses those minutes
 * to double counting, which only a close that reads B's entry can reproduce.
 */
function practice() {
  const dataset = generateDataset({ seed: 31, patients: 5, year: 2026, months: 3, faultRate: 0 });
  const a = dataset.patients[0] as Patient;
  const b = dataset.patients[1] as Patient;
  const inMonth = (t: TimeEntry, month: string) => t.start.startsWith(month);
  const overlapped = a.timeEntries.find((t) => inMonth(t, MONTH)) as TimeEntry;
  const start = Date.parse(overlapped.start);
  b.timeEntries.push({
    id: 'te-overlap',
    clinicianId: overlapped.clinicianId,
    start: new Date(start - 10 * 60_000).toISOString(),
    end: new Date(start + 5 * 60_000).toISOString(),
    service: 'ccm',
    activity: 'Called about a refill with the patient and her daughter',
  });
  const another = a.timeEntries.find((t) => inMonth(t, MONTH) && t !== overlapped) as TimeEntry;
  const march = a.timeEntries.find((t) => inMonth(t, '2026-03')) as TimeEntry;
  return { dataset, a, b, overlapped, another, march, practiceId: dataset.practice.id };
}

function monthsOf(dataset: Dataset, patientId: string): AuditedMonth[] {
  return audit(dataset, { from: MONTH, to: MONTH }).months.filter((m) => m.patientId === patientId);
}

describe.each(DATABASE_KINDS)('month close on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
  });
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  /** Each test its own organization holding the practice, with A's February closed. */
  async function closed(orgId: string) {
    const p = practice();
    await importDataset(conn.db, { orgId, actor: ACTOR, dataset: p.dataset });
    const close = await closeMonth(conn.db, {
      orgId,
      practiceId: p.practiceId,
      patientId: p.a.id,
      month: MONTH,
      actor: ACTOR,
    });
    const ref = (type: RecordType, recordId: string) => ({
      orgId,
      practiceId: p.practiceId,
      patientId: p.a.id,
      recordType: type,
      recordId,
    });
    return { ...p, close, ref };
  }

  /** Row counts and version sums of every table that an edit or import writes. */
  async function snapshot(orgId: string) {
    const tables = ['patients', 'time_entries', 'consents', 'care_plan_events', 'amendments'];
    const counts: Record<string, unknown> = {};
    for (const table of tables)
      counts[table] = (
        await sql<{ n: number; v: number | null }>`
          select count(*)::int as n, ${table === 'amendments' ? sql`0` : sql`sum(version)::int`} as v
          from ${sql.table(table)} where org_id = ${orgId}
        `.execute(conn.db)
      ).rows[0];
    const org = await conn.db
      .selectFrom('organizations')
      .select('log_seq')
      .where('id', '=', orgId)
      .executeTakeFirstOrThrow();
    return { counts, logSeq: Number(org.log_seq) };
  }

  it('keeps the audit of a patient-month, reproduces it exactly, with the other patient counted', async () => {
    const orgId = 'org-close';
    const { dataset, a, b, close, practiceId } = await closed(orgId);
    // The outcome is what auditing the whole practice says about A's month...
    expect(close.outcome).toEqual(monthsOf(dataset, a.id));
    expect(close.outcome).toHaveLength(1);
    // ...which B's overlapping entry changes: without B, A's month counts more minutes.
    const alone = monthsOf({ ...dataset, patients: [a] }, a.id);
    const minutes = (m: AuditedMonth[]) =>
      m.reduce((n, x) => n + x.countableMinutes.clinicalStaff + x.countableMinutes.practitioner, 0);
    expect(minutes(close.outcome)).toBeLessThan(minutes(alone));
    expect(close).toMatchObject({ rulesVersion: expect.any(String), policy: DEFAULT_POLICY });
    expect(close.billingPractitionerId).toBe(close.outcome[0]?.billingPractitionerId);

    // Stored and read back, it runs again to the same months.
    expect(reproduceClose(close)).toEqual(close.outcome);
    const history = await monthHistory(conn.db, {
      orgId,
      practiceId,
      patientId: a.id,
      month: MONTH,
      actor: ACTOR,
    });
    expect(history?.close).toEqual(close);
    expect(reproduceClose(history!.close)).toEqual(close.outcome);
    expect(history?.amendments).toEqual([]);

    // B is in the inputs only as the entry that overlaps, under placeholders, without free text.
    const inputs = history!.close.inputs;
    expect(inputs.patients.map((p) => p.id)).toEqual([a.id, b.id]);
    expect(inputs.patients[1]).toEqual({
      id: b.id,
      mrn: 'context-only',
      name: { given: '', family: '' },
      birthDate: '1900-01-01',
      coverage: [],
      conditions: [],
      encounters: [],
      consents: [],
      carePlans: [],
      timeEntries: [
        {
          id: 'te-overlap',
          clinicianId: b.timeEntries.at(-1)?.clinicianId,
          start: b.timeEntries.at(-1)?.start,
          end: b.timeEntries.at(-1)?.end,
          service: 'ccm',
          activity: '',
        },
      ],
      claims: [],
    });
    const text = JSON.stringify(inputs);
    for (const other of dataset.patients.slice(1)) {
      expect(text).not.toContain(other.mrn);
      if (other.mbi) expect(text).not.toContain(other.mbi);
    }
    expect(await verifyActivityLog(conn.db, orgId)).toMatchObject({ ok: true });
  });

  it('refuses to close a month twice', async () => {
    const orgId = 'org-twice';
    const { a, practiceId } = await closed(orgId);
    const again = closeMonth(conn.db, {
      orgId,
      practiceId,
      patientId: a.id,
      month: MONTH,
      actor: 'u-other',
    });
    await expect(again).rejects.toThrow(ClosedMonthError);
    await expect(again).rejects.toThrow(
      new RegExp(`^month: ${MONTH} of patient "${a.id}" was already closed at .+ by ${ACTOR}$`),
    );
    const rows = await withTenant(conn.db, orgId, (trx) =>
      trx.selectFrom('month_closes').select('closed_by').where('org_id', '=', orgId).execute(),
    );
    expect(rows).toEqual([{ closed_by: ACTOR }]);
  });

  it('refuses an ordinary update of a record the closed month rests on, and tells to amend', async () => {
    const orgId = 'org-update';
    const { a, b, overlapped, march, ref, practiceId } = await closed(orgId);
    const consent = a.consents[0] as Patient['consents'][number];
    const plan = a.carePlans[0] as Patient['carePlans'][number];
    const before = await snapshot(orgId);
    const refused: Array<[RecordType, string, Record<string, unknown>]> = [
      ['time_entry', overlapped.id, { activity: 'x' }],
      ['consent', consent.id, { method: 'written' }],
      ['care_plan_event', plan.id, { elements: ['problem-list'] }],
    ];
    for (const [type, id, changes] of refused) {
      const attempt = updateRecord(conn.db, {
        ...ref(type, id),
        expectedVersion: 1,
        changes,
        actor: ACTOR,
      });
      await expect(attempt).rejects.toThrow(ClosedMonthError);
      await expect(attempt).rejects.toThrow(
        new RegExp(
          `^recordId: .+ of patient "${a.id}" rests on closed month ${MONTH}; amend it instead`,
        ),
      );
    }
    expect(await snapshot(orgId)).toEqual(before);

    // The practice's clock decides: 23:30 on 28 February in Chicago is 1 March in UTC, and
    // moving a March entry there puts it under the closed month; half past midnight does not.
    const moveTo = (start: string) =>
      updateRecord(conn.db, {
        ...ref('time_entry', march.id),
        expectedVersion: 1,
        changes: { start, end: undefined, minutes: 10 },
        actor: ACTOR,
      });
    await expect(moveTo('2026-02-28T23:30:00-06:00')).rejects.toThrow(
      /rests on closed month 2026-02/,
    );
    const moved = await moveTo('2026-03-01T00:30:00-06:00');
    expect(moved.version).toBe(2);
    expect(moved.record).toMatchObject({ start: '2026-03-01T00:30:00-06:00', minutes: 10 });
    expect(moved.record).not.toHaveProperty('end');

    // A close is the patient's: B's February entries are still edited as usual.
    const other = await updateRecord(conn.db, {
      orgId,
      practiceId,
      patientId: b.id,
      recordType: 'time_entry',
      recordId: 'te-overlap',
      expectedVersion: 1,
      changes: { activity: 'Refill call' },
      actor: ACTOR,
    });
    expect(other).toMatchObject({ version: 2, changed: ['activity'] });
  });

  it('refuses an amendment without a reason, naming the reason, and writes nothing', async () => {
    const orgId = 'org-reason';
    const { overlapped, ref } = await closed(orgId);
    const before = await snapshot(orgId);
    const amend = (reason: unknown) =>
      amendRecord(conn.db, {
        ...ref('time_entry', overlapped.id),
        expectedVersion: 1,
        changes: { activity: 'Corrected note' },
        author: 'u-compliance',
        reason: reason as string,
      });
    for (const reason of ['', '   '])
      await expect(amend(reason)).rejects.toThrow(
        /^reason: a reason is required for an amendment$/,
      );
    await expect(amend(undefined)).rejects.toThrow(/^reason: is required$/);
    // A value of the wrong type is named as such, not as missing.
    await expect(amend(42)).rejects.toThrow(/^reason: must be string$/);
    await expect(amend('x'.repeat(2001))).rejects.toThrow(/^reason: .*2000/);
    expect(await snapshot(orgId)).toEqual(before);
  });

  it('refuses changes that would not make a valid record, naming each field', async () => {
    const orgId = 'org-invalid';
    const { overlapped, march, ref } = await closed(orgId);
    const before = await snapshot(orgId);
    const amend = (changes: Record<string, unknown>) =>
      amendRecord(conn.db, {
        ...ref('time_entry', overlapped.id),
        expectedVersion: 1,
        changes,
        author: 'u-compliance',
        reason: 'correction',
      });
    await expect(amend({ clinicianId: 'c-nobody' })).rejects.toThrow(
      /^changes\.clinicianId: refers to clinician "c-nobody", which is not in clinicians$/,
    );
    await expect(amend({ service: 'house-call' })).rejects.toThrow(
      /^changes\.service: must be one of/,
    );
    await expect(amend({ colour: 'red' })).rejects.toThrow(/^changes: unknown key "colour"$/);
    await expect(amend({ id: 'te-other' })).rejects.toThrow(
      /^changes\.id: a record's id cannot change$/,
    );
    await expect(amend({ activity: overlapped.activity })).rejects.toThrow(
      /^changes: nothing would change$/,
    );
    const both = updateRecord(conn.db, {
      ...ref('time_entry', march.id),
      expectedVersion: 1,
      changes: { end: '2026-03-20T10:00:00-05:00', minutes: 5 },
      actor: ACTOR,
    });
    await expect(both).rejects.toThrow(
      /^changes: needs exactly one of "end" and "minutes"; it has both$/,
    );
    expect(await snapshot(orgId)).toEqual(before);
  });

  it('keeps an amendment with before, after, author and reason; the next audit reads the new value', async () => {
    const orgId = 'org-amend';
    const { dataset, a, another, ref, close, practiceId } = await closed(orgId);
    const reason = 'Call ended after 1 minute (phone log); entry said otherwise';
    const result = await amendRecord(conn.db, {
      ...ref('time_entry', another.id),
      expectedVersion: 1,
      changes: { end: undefined, minutes: 1 },
      author: 'u-compliance',
      reason,
    });
    const { end: _end, ...rest } = another;
    const amended = { ...rest, minutes: 1 };
    expect(result).toMatchObject({ version: 2, record: amended });
    expect(result.changed).toEqual(another.end === undefined ? ['minutes'] : ['end', 'minutes']);

    const history = await monthHistory(conn.db, {
      orgId,
      practiceId,
      patientId: a.id,
      month: MONTH,
      actor: ACTOR,
    });
    expect(history?.amendments).toEqual([
      {
        id: expect.any(Number),
        practiceId,
        patientId: a.id,
        recordType: 'time_entry',
        recordId: another.id,
        before: another,
        after: amended,
        author: 'u-compliance',
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        reason,
      },
    ]);
    // The close stays the decision that was made...
    expect(history?.close).toEqual(close);
    // ...and the stored data, audited again, reads the amended entry.
    const stored = await exportDataset(conn.db, { orgId, actor: ACTOR, practiceId });
    const expected = structuredClone(dataset);
    const patient = expected.patients[0] as Patient;
    patient.timeEntries = patient.timeEntries.map((t) => (t.id === another.id ? amended : t));
    expect(stored).toEqual(expected);
    const now = monthsOf(stored, a.id);
    expect(now).toEqual(monthsOf(expected, a.id));
    expect(now).not.toEqual(close.outcome);

    // The log names the changed fields, never their values.
    const last = await withTenant(conn.db, orgId, (trx) =>
      trx
        .selectFrom('activity_log')
        .select(['action', 'record_type', 'record_id', 'fields'])
        .where('org_id', '=', orgId)
        .where('action', '=', 'amend')
        .execute(),
    );
    expect(last).toEqual([
      {
        action: 'amend',
        record_type: 'time_entry',
        record_id: `${practiceId}/${a.id}/${another.id}`,
        fields: result.changed,
      },
    ]);
    expect(await verifyActivityLog(conn.db, orgId)).toMatchObject({ ok: true });
  });

  it('refuses a write from a stale version, naming the record and both versions, and writes nothing', async () => {
    const orgId = 'org-stale';
    const { a, march, overlapped, ref } = await closed(orgId);
    await updateRecord(conn.db, {
      ...ref('time_entry', march.id),
      expectedVersion: 1,
      changes: { activity: 'First' },
      actor: ACTOR,
    });
    await amendRecord(conn.db, {
      ...ref('time_entry', overlapped.id),
      expectedVersion: 1,
      changes: { activity: 'First' },
      author: ACTOR,
      reason: 'typo',
    });
    const before = await snapshot(orgId);
    const staleUpdate = updateRecord(conn.db, {
      ...ref('time_entry', march.id),
      expectedVersion: 1,
      changes: { activity: 'Second' },
      actor: ACTOR,
    });
    await expect(staleUpdate).rejects.toThrow(StaleWriteError);
    await expect(staleUpdate).rejects.toThrow(
      `expectedVersion: time entry "${march.id}" of patient "${a.id}" was read at version 1 but is now at version 2`,
    );
    const staleAmend = amendRecord(conn.db, {
      ...ref('time_entry', overlapped.id),
      expectedVersion: 1,
      changes: { activity: 'Second' },
      author: ACTOR,
      reason: 'again',
    });
    await expect(staleAmend).rejects.toMatchObject({ expectedVersion: 1, storedVersion: 2 });
    expect(await snapshot(orgId)).toEqual(before);
  });

  it('lets exactly one of several writers with the same expectedVersion win', async () => {
    const orgId = 'org-race';
    const { march, ref } = await closed(orgId);
    const writers = ['one', 'two', 'three', 'four'].map((activity) =>
      updateRecord(conn.db, {
        ...ref('time_entry', march.id),
        expectedVersion: 1,
        changes: { activity },
        actor: ACTOR,
      }),
    );
    const results = await Promise.allSettled(writers);
    const won = results.filter((r) => r.status === 'fulfilled').map((r) => r.value);
    const lost = results.filter((r) => r.status === 'rejected').map((r) => r.reason as unknown);
    expect(won).toHaveLength(1);
    expect(lost).toEqual(Array.from({ length: 3 }, () => expect.any(StaleWriteError)));
    const row = await withTenant(conn.db, orgId, (trx) =>
      trx
        .selectFrom('time_entries')
        .select(['version', 'data'])
        .where('org_id', '=', orgId)
        .where('id', '=', march.id)
        .executeTakeFirstOrThrow(),
    );
    expect(row.version).toBe(2);
    expect((row.data as { activity: string }).activity).toBe(won[0]?.record.activity);
  });

  it('refuses an import that would change, add to or delete what a closed month rests on, writing nothing', async () => {
    const orgId = 'org-import';
    const { dataset, a, overlapped, march, practiceId } = await closed(orgId);
    const before = await snapshot(orgId);
    const next = structuredClone(dataset);
    const patient = next.patients[0] as Patient;
    const j = patient.timeEntries.findIndex((t) => t.id === overlapped.id);
    (patient.timeEntries[j] as TimeEntry).activity = 'Rewritten after the close';
    const consent = patient.consents.shift() as Patient['consents'][number];
    (next.patients[2] as Patient).timeEntries.pop(); // someone else's change: not written either
    const attempt = importDataset(conn.db, { orgId, actor: ACTOR, dataset: next });
    await expect(attempt).rejects.toThrow(ClosedMonthError);
    await expect(attempt).rejects.toThrow(
      `patients[0].timeEntries[${j}]: rests on closed month ${MONTH} of patient "${a.id}"; amend it instead`,
    );
    await expect(attempt).rejects.toThrow(
      `patients[0].consents: consent "${consent.id}" would be deleted, but it rests on closed month ${MONTH} of patient "${a.id}"`,
    );
    expect(await snapshot(orgId)).toEqual(before);

    // A patient with a closed month cannot go either, by import or by hand.
    const without = { ...dataset, patients: dataset.patients.slice(1) };
    await expect(importDataset(conn.db, { orgId, actor: ACTOR, dataset: without })).rejects.toThrow(
      `patients: patient "${a.id}" would be deleted, but it has closed months (${MONTH})`,
    );
    await expect(
      withTenant(conn.db, orgId, (trx) =>
        sql`delete from patients where org_id = ${orgId} and id = ${a.id}`.execute(trx),
      ),
    ).rejects.toThrow(/month_closes/);
    expect(await snapshot(orgId)).toEqual(before);

    // Nor can a new entry be slipped into the closed month; the same entry in March can.
    const late = structuredClone(dataset);
    const lateEntries = (late.patients[0] as Patient).timeEntries;
    lateEntries.push({
      ...overlapped,
      id: 'te-late',
      start: `${MONTH}-27T15:00:00Z`,
      end: `${MONTH}-27T15:25:00Z`,
    });
    await expect(importDataset(conn.db, { orgId, actor: ACTOR, dataset: late })).rejects.toThrow(
      `patients[0].timeEntries[${lateEntries.length - 1}]: time entry "te-late" would be added to closed month ${MONTH} of patient "${a.id}"; a closed month changes only by amendment`,
    );
    expect(await snapshot(orgId)).toEqual(before);

    // What the close does not rest on still imports: the same document, and A's March.
    expect(await importDataset(conn.db, { orgId, actor: ACTOR, dataset })).toMatchObject({
      updated: 0,
      deleted: 0,
    });
    const march2 = structuredClone(dataset);
    const entry = (march2.patients[0] as Patient).timeEntries.find(
      (t) => t.id === march.id,
    ) as TimeEntry;
    entry.activity = 'Late correction to March';
    expect(await importDataset(conn.db, { orgId, actor: ACTOR, dataset: march2 })).toMatchObject({
      updated: 1,
    });
    expect(await exportDataset(conn.db, { orgId, actor: ACTOR, practiceId })).toEqual(march2);
  });

  it('has a migration that goes down and up again', async () => {
    const fresh = await createTestDatabase(kind);
    const other = await fresh.open();
    try {
      const tables = async () =>
        (
          await sql<{ name: string }>`
            select table_name as name from information_schema.tables
            where table_name in ('month_closes', 'amendments') order by table_name
          `.execute(other.db)
        ).rows.map((r) => r.name);
      expect(await tables()).toEqual(['amendments', 'month_closes']);
      await migrateAllDown(other.db);
      expect(await tables()).toEqual([]);
      await migrateToLatest(other.db);
      expect(await tables()).toEqual(['amendments', 'month_closes']);
    } finally {
      await other.close();
      await fresh.drop();
    }
  });
});

import type { Dataset, TimeEntry } from '@chronicle/dataset';
import { audit, chronicConditionsIn, lastDay, proposeBilling } from '@chronicle/rules';
import { generateDataset } from '@chronicle/synthetic';
import type { KyselyPlugin } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  importDataset,
  listPatients,
  monthStatus,
  monthStatuses,
  verifyActivityLog,
  type Connection,
} from '../src/index.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

// A stored patient's month status is the billing proposal's entry for that patient, with
// the clinician-overlap index built from only the entries the month can depend on; the
// list's page reads its month statuses with one query per table, whatever its size.

const MONTHS = ['2026-01', '2026-02', '2026-03'];

/**
 * A generated practice (no overlapping time of its own) where one clinician's entries are
 * moved onto the minutes around the local midnights that start February and March, a few
 * minutes apart across patients: they overlap each other and straddle two months.
 * Three patients' conditions end in January.
 */
function practice(): Dataset {
  const dataset = generateDataset({ seed: 21, patients: 30, year: 2026, months: 3 });
  const byClinician = new Map<string, TimeEntry[]>();
  for (const p of dataset.patients)
    for (const t of p.timeEntries)
      byClinician.set(t.clinicianId, [...(byClinician.get(t.clinicianId) ?? []), t]);
  const busiest = [...byClinician.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  busiest
    .filter((_, i) => i % 3 === 0)
    .slice(0, 24)
    .forEach((t, i) => {
      // Chicago is UTC-6 in winter: local midnight is 06:00Z.
      const midnight = Date.parse(`${MONTHS[1 + (i % 2)]}-01T06:00:00Z`);
      const startMs = midnight + (Math.floor(i / 2) - 6) * 7 * 60_000;
      const length = t.end !== undefined ? Date.parse(t.end) - Date.parse(t.start) : 0;
      t.start = new Date(startMs).toISOString();
      if (t.end !== undefined) t.end = new Date(startMs + length).toISOString();
    });
  // Three patients whose conditions all ended in January: not eligible from February.
  for (const patient of dataset.patients.slice(0, 3))
    for (const condition of patient.conditions) condition.abatement = '2026-01-15';
  return dataset;
}

/** Counts the queries run through the Kysely instance it is plugged into. */
function queryCounter(): KyselyPlugin & { count: number } {
  return {
    count: 0,
    transformQuery(args) {
      this.count += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
}

describe.each(DATABASE_KINDS)('month status on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  const dataset = practice();
  const practiceId = dataset.practice.id;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
    await importDataset(conn.db, { orgId: 'org-a', actor: 'test', dataset });
  });
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  it("equals the billing proposal's entry for every patient and month", async () => {
    let compared = 0;
    for (const month of MONTHS) {
      const expected = proposeBilling(dataset, month).patients;
      const ids = expected.map((p) => p.patientId);
      const batch = await monthStatuses(conn.db, 'org-a', 'cm-1', {
        practiceId,
        patientIds: ids,
        month,
      });
      for (const [i, entry] of expected.entries()) {
        expect(batch.get(entry.patientId)).toEqual(entry);
        compared += 1;
        // The one-patient form too, for a share of them (each is a transaction of its own).
        if (i % 4 === 0)
          expect(
            await monthStatus(conn.db, 'org-a', 'cm-1', {
              practiceId,
              patientId: entry.patientId,
              month,
            }),
          ).toEqual(entry);
      }
    }
    expect(compared).toBeGreaterThan(50);
    // The moved entries overlap, so the index read from the database had marks to give.
    expect(audit(dataset).summary.findingsByRule['TIME-DOUBLE-COUNTED']).toBeGreaterThan(0);
  });

  it('is undefined for a patient or practice that is not stored, and names a bad month', async () => {
    const patientId = dataset.patients[0]?.id ?? '';
    expect(
      await monthStatus(conn.db, 'org-a', 'cm-1', {
        practiceId,
        patientId: 'nobody',
        month: '2026-01',
      }),
    ).toBeUndefined();
    expect(
      await monthStatus(conn.db, 'org-a', 'cm-1', {
        practiceId: 'nowhere',
        patientId,
        month: '2026-01',
      }),
    ).toBeUndefined();
    // Another organization, with a practice of the same id, sees nothing of org-a's patient.
    const other = generateDataset({ seed: 22, patients: 1, year: 2026, months: 1 });
    await importDataset(conn.db, { orgId: 'org-b', actor: 'test', dataset: other });
    const onlyInA = dataset.patients.at(-1)?.id ?? '';
    expect(other.practice.id).toBe(practiceId);
    expect(other.patients.map((p) => p.id)).not.toContain(onlyInA);
    expect(
      await monthStatus(conn.db, 'org-b', 'cm-1', {
        practiceId,
        patientId: onlyInA,
        month: '2026-01',
      }),
    ).toBeUndefined();
    await expect(
      monthStatus(conn.db, 'org-a', 'cm-1', { practiceId, patientId, month: '2026-13' }),
    ).rejects.toThrow('must be a month YYYY-MM');
  });

  it('logs each read with the fields read, never values, in a chain that still verifies', async () => {
    const patientId = dataset.patients[1]?.id ?? '';
    await monthStatus(conn.db, 'org-a', 'cm-7', { practiceId, patientId, month: '2026-02' });
    const last = await conn.db
      .selectFrom('activity_log')
      .select(['actor', 'action', 'record_type', 'record_id', 'fields'])
      .where('org_id', '=', 'org-a')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect({
      ...last,
      fields: typeof last.fields === 'string' ? JSON.parse(last.fields) : last.fields,
    }).toEqual({
      actor: 'cm-7',
      action: 'read',
      record_type: 'patient',
      record_id: `${practiceId}/${patientId}`,
      fields: ['conditions', 'encounters', 'consents', 'carePlans', 'timeEntries', 'claims'],
    });
    expect((await verifyActivityLog(conn.db, 'org-a')).ok).toBe(true);
  });

  it("gives each row of the list its month's status, in as many queries for 3 rows as for 25", async () => {
    const month = '2026-02';
    const expected = new Map(proposeBilling(dataset, month).patients.map((p) => [p.patientId, p]));
    const queries = async (size: number) => {
      const counter = queryCounter();
      const page = await listPatients(conn.db.withPlugin(counter), 'org-a', 'cm-1', {
        practiceId,
        page: { index: 0, size },
        sort: { field: 'id', direction: 'asc' },
        month,
      });
      return { page, count: counter.count };
    };
    const small = await queries(3);
    const large = await queries(25);
    expect(small.page.rows).toHaveLength(3);
    expect(large.page.rows).toHaveLength(25);
    expect(small.count).toBeGreaterThan(5);
    expect(large.count).toBe(small.count);
    for (const row of large.page.rows) {
      const entry = expected.get(row.id);
      if (!entry) continue;
      expect(row.monthStatus).toEqual({
        month,
        countableMinutes: entry.countableMinutes,
        billable: entry.lines,
        next: entry.next ?? null,
        blockers: entry.blockers.map((b) => b.ruleId),
      });
    }
    expect(large.page.rows.every((r) => r.monthStatus?.month === month)).toBe(true);
    const without = await listPatients(conn.db, 'org-a', 'cm-1', {
      practiceId,
      page: { index: 0, size: 3 },
    });
    expect(without.rows.every((r) => r.monthStatus === undefined)).toBe(true);
    // Only this page's patients were read, one log entry each.
    const logged = await sql<{ n: number }>`
      select count(*)::int as n from activity_log
      where org_id = 'org-a' and fields::text like '%timeEntries%'`.execute(conn.db);
    expect(logged.rows[0]?.n).toBeGreaterThan(0);
  });

  it("gives each row the month's chronic conditions, consent and care plan, and filters on them as the rules core counts", async () => {
    const month = '2026-02';
    const last = lastDay(month);
    const all = await listPatients(conn.db, 'org-a', 'cm-1', {
      practiceId,
      page: { index: 0, size: 100 },
      sort: { field: 'id', direction: 'asc' },
      month,
    });
    expect(all.rows).toHaveLength(dataset.patients.length);
    for (const patient of dataset.patients) {
      const row = all.rows.find((r) => r.id === patient.id);
      expect(row?.chronicConditions).toBe(chronicConditionsIn(patient, month).length);
      const consent = patient.consents
        .filter((c) => c.date <= last)
        .sort((a, b) =>
          a.date === b.date ? b.id.localeCompare(a.id) : b.date.localeCompare(a.date),
        )[0];
      expect(row?.consent).toBe(
        !consent
          ? 'none'
          : consent.revokedOn && consent.revokedOn <= last
            ? 'revoked'
            : consent.decision,
      );
      const plans = patient.carePlans.filter((c) => c.date <= last);
      expect(row?.carePlan).toBe(
        plans.length === 0
          ? 'none'
          : plans.some((c) => c.sharedWithPatient && c.sharedWithPatient.date <= last)
            ? 'shared'
            : 'established',
      );
    }
    // The generated practice has patients on both sides of two chronic conditions.
    const eligibleIds = dataset.patients
      .filter((p) => chronicConditionsIn(p, month).length >= 2)
      .map((p) => p.id)
      .sort();
    expect(eligibleIds.length).toBeGreaterThan(0);
    expect(eligibleIds.length).toBeLessThan(dataset.patients.length);
    const eligible = await listPatients(conn.db, 'org-a', 'cm-1', {
      practiceId,
      page: { index: 0, size: 100 },
      sort: { field: 'id', direction: 'asc' },
      month,
      eligible: true,
    });
    expect(eligible.rows.map((r) => r.id)).toEqual(eligibleIds);
    expect(eligible.total).toBe(eligibleIds.length);

    // Near the next level: within 10 minutes, nearest first, paged after filtering.
    const proposal = proposeBilling(dataset, month).patients;
    const near = proposal
      .filter((p) => p.next && p.next.minutesNeeded > 0 && p.next.minutesNeeded <= 10)
      .sort((a, b) => (a.next?.minutesNeeded ?? 0) - (b.next?.minutesNeeded ?? 0));
    expect(near.length).toBeGreaterThan(1);
    const first = await listPatients(conn.db, 'org-a', 'cm-1', {
      practiceId,
      page: { index: 0, size: 1 },
      sort: { field: 'id', direction: 'asc' },
      month,
      nearNextLevel: { withinMinutes: 10 },
    });
    expect(first.total).toBe(near.length);
    expect(first.rows).toHaveLength(1);
    const pages = await listPatients(conn.db, 'org-a', 'cm-1', {
      practiceId,
      page: { index: 0, size: 100 },
      sort: { field: 'id', direction: 'asc' },
      month,
      nearNextLevel: { withinMinutes: 10 },
    });
    expect(pages.rows.map((r) => r.monthStatus?.next?.minutesNeeded)).toEqual(
      near.map((p) => p.next?.minutesNeeded),
    );
    expect(new Set(pages.rows.map((r) => r.id))).toEqual(new Set(near.map((p) => p.patientId)));
    await expect(
      listPatients(conn.db, 'org-a', 'cm-1', { practiceId, page: {}, eligible: true }),
    ).rejects.toThrow(/month/);
  });
});

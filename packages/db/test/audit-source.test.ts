import type { Dataset } from '@chronicle/dataset';
import { assembleReport, audit, clinicianOverlaps, type AuditedMonth } from '@chronicle/rules';
import { generateDataset } from '@chronicle/synthetic';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditStoredPractice,
  importDataset,
  streamPracticeForAudit,
  verifyActivityLog,
  type Connection,
  type StoredAuditOptions,
} from '../src/index.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

// The audit of a stored practice read patient by patient: the same report as auditing
// the dataset in memory, across page boundaries of patients and of time entries (ties of
// one clinician at one instant included), one activity entry per read, tenant scoped.

/** Synthetic practice, with one clinician logging many entries at one same instant. */
function practice(): Dataset {
  const dataset = generateDataset({ seed: 11, patients: 45, year: 2026, months: 3 });
  const entries = dataset.patients.flatMap((p) => p.timeEntries);
  const [first] = entries;
  if (!first) throw new Error('no time entries');
  for (const e of entries.filter((e) => e.clinicianId === first.clinicianId).slice(0, 40))
    e.start = first.start;
  return dataset;
}

async function storedReport(conn: Connection, options: StoredAuditOptions) {
  const months: AuditedMonth[] = [];
  const result = await auditStoredPractice(conn.db, options, {
    months: (m) => void months.push(...m),
  });
  return { report: assembleReport(result.head, months, result.tail), patients: result.patients };
}

/**
 * Many clinicians, each with a crowd of entries on a 15-minute grid over three days, of
 * lengths from a minute to two days: ties at one start, back-to-back entries, entries
 * longer than the overlap walk's one-day look-back, chains of overlaps. Seeded.
 */
function crowdedPractice(seed: number): Dataset {
  const dataset = generateDataset({ seed, patients: 6, year: 2026, months: 1 });
  let state = seed;
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  const template = dataset.clinicians[0];
  if (!template) throw new Error('no clinician');
  const lengths = [1, 5, 15, 20, 30, 45, 60, 240, 1440, 1500, 2880];
  const base = Date.UTC(2026, 0, 10, 8);
  for (const patient of dataset.patients) patient.timeEntries = [];
  for (let c = 0; c < 120; c++) {
    const clinicianId = `crowd-${c}`;
    dataset.clinicians.push({ ...template, id: clinicianId, name: `Crowd ${c}` });
    const count = 1 + next(c % 3 === 0 ? 4 : 14);
    for (let e = 0; e < count; e++) {
      const patient = dataset.patients[next(dataset.patients.length)];
      if (!patient) continue;
      const start = base + next(c % 2 === 0 ? 12 : 288) * 15 * 60_000;
      const minutes = lengths[next(lengths.length)] as number;
      patient.timeEntries.push({
        id: `${clinicianId}-${e}`,
        clinicianId,
        start: new Date(start).toISOString(),
        ...(e % 2 === 0 ? { minutes } : { end: new Date(start + minutes * 60_000).toISOString() }),
        service: 'ccm',
        activity: 'care coordination',
      });
    }
  }
  return dataset;
}

describe.each(DATABASE_KINDS)('audit of a stored practice on %s', (kind) => {
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

  it('gives the in-memory report, whatever the page sizes', async () => {
    const expected = JSON.stringify(audit(dataset));
    expect(JSON.parse(expected).summary.findingsByRule['TIME-DOUBLE-COUNTED']).toBeGreaterThan(0);
    for (const [pageSize, entryPageSize] of [
      [7, 5],
      [45, 1000],
      [500, 3],
    ] as const) {
      const { report, patients } = await storedReport(conn, {
        orgId: 'org-a',
        practiceId,
        actor: 'test',
        pageSize,
        entryPageSize,
      });
      expect(patients).toBe(45);
      expect(JSON.stringify(report)).toBe(expected);
    }
    const period = { from: '2026-02', to: '2026-02' };
    const { report } = await storedReport(conn, {
      orgId: 'org-a',
      practiceId,
      actor: 'test',
      ...period,
    });
    expect(report).toEqual(audit(dataset, period));
  });

  // Guards the database's choice of the entries it sends: only those that may overlap,
  // with the in-memory index's marks for every seed.
  it('marks the entries the in-memory index marks, from the entries that can overlap', async () => {
    for (const seed of [1, 2, 3]) {
      const crowded = crowdedPractice(seed);
      const orgId = `org-crowd-${seed}`;
      await importDataset(conn.db, { orgId, actor: 'test', dataset: crowded });
      const expected = clinicianOverlaps(crowded.patients).marks;
      expect(expected.size).toBeGreaterThan(3);
      const marks = await streamPracticeForAudit(
        conn.db,
        { orgId, practiceId: crowded.practice.id, actor: 'test', entryPageSize: 4 },
        async (source) => source.overlaps.marks,
      );
      expect(marks).toEqual(expected);
    }
  });
  it('logs one read of the practice per audit, in a chain that still verifies', async () => {
    const count = async () =>
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from activity_log where org_id = 'org-a'`.execute(conn.db)
      ).rows[0]?.n;
    const before = await count();
    await storedReport(conn, { orgId: 'org-a', practiceId, actor: 'auditor-1' });
    expect(await count()).toBe((before ?? 0) + 1);
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
      actor: 'auditor-1',
      action: 'read',
      record_type: 'practice',
      record_id: practiceId,
      fields: ['patients'],
    });
    expect((await verifyActivityLog(conn.db, 'org-a')).ok).toBe(true);
  });

  it('reads only the organization named: another one finds no practice and logs nothing', async () => {
    await importDataset(conn.db, {
      orgId: 'org-b',
      actor: 'test',
      dataset: generateDataset({ seed: 12, patients: 2, year: 2026, months: 1 }),
    });
    const head = await conn.db
      .selectFrom('organizations')
      .select('log_seq')
      .where('id', '=', 'org-b')
      .executeTakeFirstOrThrow();
    await expect(
      storedReport(conn, { orgId: 'org-b', practiceId: 'no-such-practice', actor: 'test' }),
    ).rejects.toThrow('practice: no practice "no-such-practice" in organization "org-b"');
    const after = await conn.db
      .selectFrom('organizations')
      .select('log_seq')
      .where('id', '=', 'org-b')
      .executeTakeFirstOrThrow();
    expect(after.log_seq).toBe(head.log_seq);
  });

  it('ends cleanly when the consumer stops early, leaving the database usable', async () => {
    const seen = await streamPracticeForAudit(
      conn.db,
      { orgId: 'org-a', practiceId, actor: 'test', pageSize: 4 },
      async (source) => {
        let n = 0;
        for await (const _patient of source.patients) if (++n === 5) break;
        return n;
      },
    );
    expect(seen).toBe(5);
    const { patients } = await storedReport(conn, { orgId: 'org-a', practiceId, actor: 'test' });
    expect(patients).toBe(45);
  });

  it('names the patient, never the values, when a stored record is no longer valid', async () => {
    const victim = dataset.patients[3]?.id as string;
    await conn.db.transaction().execute(async (trx) => {
      await sql`select set_config('chronicle.org_id', 'org-a', true)`.execute(trx);
      await sql`update patients set data = jsonb_set(data, '{birthDate}', '"1950-13-45"')
        where org_id = 'org-a' and id = ${victim}`.execute(trx);
    });
    const error = await storedReport(conn, { orgId: 'org-a', practiceId, actor: 'test' }).catch(
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      `patient ${practiceId}/${victim}: the stored record is not a valid dataset patient (at birthDate)`,
    );
    expect((error as Error).message).not.toContain('1950');
  });
});

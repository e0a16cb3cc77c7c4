import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDataset, type Dataset } from '@chronicle/dataset';
import { generateDataset } from '@chronicle/synthetic';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportDataset,
  importDataset,
  UnstorableDatasetError,
  type Connection,
} from '../src/index.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

const EXAMPLES = join(import.meta.dirname, '../../../fixtures/examples');

function examples(): Array<[string, Dataset]> {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const example = JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8')) as { dataset: unknown };
      const parsed = parseDataset(example.dataset);
      if (!parsed.ok) throw new Error(`${f}: invalid fixture`);
      return [f.replace(/\.json$/, ''), parsed.value] as [string, Dataset];
    });
}

describe.each(DATABASE_KINDS)('import and export on %s', (kind) => {
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

  it.each(examples())('export(import(x)) equals x for the %s example', async (name, dataset) => {
    const orgId = `org-${name}`;
    const result = await importDataset(conn.db, { orgId, actor: 'test', dataset });
    expect(result.inserted).toBeGreaterThan(0);
    const back = await exportDataset(conn.db, {
      orgId,
      actor: 'test',
      practiceId: dataset.practice.id,
    });
    expect(back).toEqual(dataset);
    // Same text too: keys come back in the format's order.
    expect(JSON.stringify(back)).toBe(JSON.stringify(dataset));
  });

  it('re-importing the same document changes nothing', async () => {
    const dataset = generateDataset({ seed: 7, patients: 30, year: 2026, months: 3 });
    await importDataset(conn.db, { orgId: 'org-again', actor: 'test', dataset });
    const before = await sql<{ n: number; v: number }>`
      select count(*)::int as n, sum(version)::int as v from time_entries where org_id = 'org-again'
    `.execute(conn.db);
    const again = await importDataset(conn.db, { orgId: 'org-again', actor: 'test', dataset });
    expect(again).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    const after = await sql<{ n: number; v: number }>`
      select count(*)::int as n, sum(version)::int as v from time_entries where org_id = 'org-again'
    `.execute(conn.db);
    expect(after.rows).toEqual(before.rows);
  });

  it('a changed document updates, inserts and deletes exactly what changed', async () => {
    const dataset = generateDataset({ seed: 8, patients: 5, year: 2026, months: 2 });
    await importDataset(conn.db, { orgId: 'org-change', actor: 'test', dataset });
    const next = structuredClone(dataset);
    const patient = next.patients[0] as Dataset['patients'][number];
    const entry = patient.timeEntries[0] as Dataset['patients'][number]['timeEntries'][number];
    entry.activity = 'Reviewed medication list (corrected)';
    patient.timeEntries.pop();
    next.patients.pop();
    const result = await importDataset(conn.db, {
      orgId: 'org-change',
      actor: 'test',
      dataset: next,
    });
    expect(result.updated).toBe(1);
    expect(result.inserted).toBe(0);
    expect(result.deleted).toBe(1 + 1); // the removed entry, and the removed patient (children cascade)
    const back = await exportDataset(conn.db, {
      orgId: 'org-change',
      actor: 'test',
      practiceId: next.practice.id,
    });
    expect(back).toEqual(next);
  });

  it('refuses a document with a NUL character, naming each place, and writes nothing', async () => {
    // JSON allows \u0000 and the dataset format does not forbid it, but neither text nor
    // jsonb can hold it: the refusal must name the field, not fail half-way in SQL.
    const dataset = generateDataset({ seed: 9, patients: 3, year: 2026, months: 1 });
    const patient = dataset.patients[1] as Dataset['patients'][number];
    const entry = patient.timeEntries[0] as Dataset['patients'][number]['timeEntries'][number];
    entry.activity = 'Called\u0000 the patient';
    dataset.practice.name = '\u0000';
    const attempt = importDataset(conn.db, { orgId: 'org-nul', actor: 'test', dataset });
    await expect(attempt).rejects.toThrow(UnstorableDatasetError);
    await expect(attempt).rejects.toThrow(
      'practice.name: contains the NUL character (\\u0000), which the database cannot store\n' +
        'patients[1].timeEntries[0].activity: contains the NUL character (\\u0000), which the database cannot store',
    );
    const orgs = await sql<{ n: number }>`
      select count(*)::int as n from organizations where id = 'org-nul'`.execute(conn.db);
    expect(orgs.rows[0]?.n).toBe(0);
  });

  it('refuses a lone surrogate by path, keeps a whole pair (an emoji), and writes nothing', async () => {
    // JSON can carry half of a surrogate pair ("\ud800"), which jsonb refuses: refused like
    // a NUL character, before anything is written, instead of failing half-way in SQL.
    const dataset = generateDataset({ seed: 9, patients: 2, year: 2026, months: 1 });
    const patient = dataset.patients[1] as Dataset['patients'][number];
    patient.name.given = 'Ann \uD800';
    patient.name.family = 'Lee 👩‍⚕️';
    (patient.timeEntries[0] as { activity: string }).activity = 'call\uDC00';
    const attempt = importDataset(conn.db, { orgId: 'org-half', actor: 'test', dataset });
    await expect(attempt).rejects.toThrow(UnstorableDatasetError);
    await expect(attempt).rejects.toThrow(
      'patients[1].name.given: contains half of a surrogate pair (a lone \\uD800-\\uDFFF), which the database cannot store\n' +
        'patients[1].timeEntries[0].activity: contains half of a surrogate pair (a lone \\uD800-\\uDFFF), which the database cannot store',
    );
    const orgs = await sql<{ n: number }>`
      select count(*)::int as n from organizations where id = 'org-half'`.execute(conn.db);
    expect(orgs.rows[0]?.n).toBe(0);
  });

  // More patients than one batch of rows (BATCH in import-export.ts, 5,000) and many times
  // that of time entries; the benchmarks import 20,000 and 100,000.
  it('round-trips a generated practice of 6,000 patients', async () => {
    const dataset = generateDataset({ seed: 3, patients: 6_000, year: 2026, months: 12 });
    await importDataset(conn.db, { orgId: 'org-big', actor: 'test', dataset });
    const back = await exportDataset(conn.db, {
      orgId: 'org-big',
      actor: 'test',
      practiceId: dataset.practice.id,
    });
    expect(back.patients).toHaveLength(6_000);
    expect(back).toEqual(dataset);
  }, 600_000);
});

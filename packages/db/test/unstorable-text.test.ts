import type { Dataset } from '@chronicle/dataset';
import { generateDataset } from '@chronicle/synthetic';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataset, UnstorableDatasetError, type Connection } from '../src/index.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

// Issue 8: JSON can carry half of a surrogate pair (`"\ud800"`), which jsonb refuses. A
// dataset holding one is refused before anything is written, naming each place, like a NUL
// character, instead of failing half-way as a database error.

describe.each(DATABASE_KINDS)('importing text the database cannot hold, on %s', (kind) => {
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

  it('refuses a lone surrogate by path, keeps a whole pair (an emoji), and writes nothing', async () => {
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
});

import { connect } from '@chronicle/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTarget, DATABASE_KINDS, rowCounts, type TestTarget } from './databases.js';
import { cli, exampleDataset } from './support.js';

// chronicle import, export and log verify against a real database of each kind: an import
// is all or nothing and idempotent, an export gives back the document imported, and log
// verify's exit code tells an intact log from one edited in SQL.

const EXAMPLE = exampleDataset('02-bill-99490-99439x2.json');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests edit raw JSON, valid or not
type Json = Record<string, any>;

/** The example with changes applied to a copy. */
function variant(change: (dataset: Json) => void): string {
  const dataset = JSON.parse(EXAMPLE) as Json;
  change(dataset);
  return JSON.stringify(dataset);
}

describe.each(DATABASE_KINDS)('chronicle import, export and log verify on %s', (kind) => {
  let target: TestTarget;
  const db = () => ['--db', target.db];
  beforeAll(async () => {
    target = await createTestTarget(kind);
  }, 60_000);
  afterAll(async () => {
    await target?.drop();
  }, 60_000);

  it('imports a dataset, and a second run of the same import changes nothing', async () => {
    const first = await cli(['import', 'd.json', ...db(), '--org', 'org-1'], { 'd.json': EXAMPLE });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const inserted = Number(
      /^imported practice pr-1: (\d+) inserted, 0 updated, 0 deleted, 0 unchanged\n$/.exec(
        first.stdout,
      )?.[1],
    );
    expect(inserted).toBeGreaterThan(0);
    const second = await cli(['import', 'd.json', ...db(), '--org', 'org-1'], {
      'd.json': EXAMPLE,
    });
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(
      `imported practice pr-1: 0 inserted, 0 updated, 0 deleted, ${inserted} unchanged\n`,
    );
  }, 60_000);

  it('exports to --out a document equal to the one imported', async () => {
    await cli(['import', 'd.json', ...db(), '--org', 'org-2'], { 'd.json': EXAMPLE });
    const r = await cli(['export', ...db(), '--org', 'org-2', '--out', 'out.json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse((r.written.get('out.json') as string | undefined) ?? 'null')).toEqual(
      JSON.parse(EXAMPLE),
    );
  }, 60_000);

  it('asks for --practice when the organization holds several practices, and exports the one named', async () => {
    const second = variant((d) => (d.practice.id = 'pr-2'));
    await cli(['import', 'a.json', ...db(), '--org', 'org-3'], { 'a.json': EXAMPLE });
    await cli(['import', 'b.json', ...db(), '--org', 'org-3'], { 'b.json': second });
    const r = await cli(['export', ...db(), '--org', 'org-3']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      '--practice: organization "org-3" has 2 practices (pr-1, pr-2); name one\n',
    );
    const named = await cli(['export', ...db(), '--org', 'org-3', '--practice', 'pr-2']);
    expect(named.code).toBe(0);
    expect(JSON.parse(named.stdout)).toEqual(JSON.parse(second));
  }, 60_000);

  it('refuses a dataset with several problems: exit 2, every problem as path: message, nothing written', async () => {
    await cli(['import', 'd.json', ...db(), '--org', 'org-4'], { 'd.json': EXAMPLE });
    const before = await rowCounts(target.db);
    const invalid = variant((d) => {
      d.practice.timezone = 'Mars/Olympus';
      d.clinicians[0].npi = '123';
      d.patients[0].birthDate = '1950-02-30';
      d.patients[0].timeEntries[0].clinicianId = 'c-nobody';
      delete d.patients[0].timeEntries[1].start;
    });
    const r = await cli(['import', 'bad.json', ...db(), '--org', 'org-4'], { 'bad.json': invalid });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      'practice.timezone: must be an IANA time zone name such as America/Chicago',
      'clinicians[0].npi: must be 10 digits with a valid check digit',
      'patients[0].birthDate: must be a calendar date YYYY-MM-DD',
      'patients[0].timeEntries[0].clinicianId: refers to clinician "c-nobody", which is not in clinicians',
      'patients[0].timeEntries[1].start: is required',
      '',
    ]);
    expect(await rowCounts(target.db)).toEqual(before);
  }, 60_000);

  it('writes nothing when the database refuses a valid document partway through', async () => {
    // PostgreSQL text cannot hold U+0000; the dataset format does not forbid it. The last
    // time entry fails after the practice, clinicians and patient rows were written.
    await cli(['import', 'd.json', ...db(), '--org', 'org-5'], { 'd.json': EXAMPLE });
    const before = await rowCounts(target.db);
    const refused = variant((d) => {
      d.practice.name = 'Renamed practice';
      d.patients[0].timeEntries.at(-1).activity = 'Reviewed labs\u0000';
    });
    const r = await cli(['import', 'nul.json', ...db(), '--org', 'org-5'], {
      'nul.json': refused,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^chronicle could not run: .+\n$/);
    expect(r.stderr).not.toMatch(/Reviewed labs/);
    expect(await rowCounts(target.db)).toEqual(before);
    const exported = await cli(['export', ...db(), '--org', 'org-5']);
    expect(JSON.parse(exported.stdout).practice.name).toBe(JSON.parse(EXAMPLE).practice.name);
  }, 60_000);

  it('log verify exits 0 on the log as written, and 1 naming the entry edited in SQL', async () => {
    await cli(['import', 'd.json', ...db(), '--org', 'org-6'], { 'd.json': EXAMPLE });
    await cli(['export', ...db(), '--org', 'org-6']);
    const intact = await cli(['log', 'verify', ...db(), '--org', 'org-6']);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(
      /^activity log of org-6: 3 entries verified \(head [0-9a-f]{12}\)\n$/,
    );

    const conn = await connect({ url: target.db });
    try {
      await conn.db
        .updateTable('activity_log')
        .set({ actor: 'someone-else' })
        .where('org_id', '=', 'org-6')
        .where('seq', '=', 2)
        .execute();
    } finally {
      await conn.close();
    }
    const broken = await cli(['log', 'verify', ...db(), '--org', 'org-6']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe(
      'activity log of org-6: BROKEN at entry 2: entry 2 was changed after it was written\n',
    );

    // An organization with nothing stored is a mistaken --org, not a log that is broken.
    const unknown = await cli(['log', 'verify', ...db(), '--org', 'org-typo']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/--org: no organization "org-typo" is stored in this database/);
  }, 60_000);
});

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditReportSchema } from '@chronicle/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  DATABASE_KINDS,
  type TestDatabase,
} from '../../../packages/db/test/support/databases.js';
import { cli, exampleDataset, examplesDir } from './support.js';

// `chronicle audit --db`: a practice imported with `chronicle import` and audited from the
// database gives the report that auditing the file gives, on an embedded data folder and
// on PostgreSQL. The JSON report is streamed, with the period after the months, so the
// reports are compared as JSON values, and CSV (built from the same months) as text.

const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.json'));

describe.each(DATABASE_KINDS)('chronicle audit --db on %s', (kind) => {
  let url: string;
  let database: TestDatabase | undefined;
  let folder: string | undefined;
  beforeAll(async () => {
    if (kind === 'pglite') {
      // A data folder rather than memory: every command opens the database afresh.
      folder = mkdtempSync(join(tmpdir(), 'chronicle-audit-db-'));
      url = folder;
    } else {
      database = await createTestDatabase(kind);
      url = database.url;
    }
    for (const name of examples) {
      const r = await cli(['import', 'd.json', '--db', url, '--org', orgOf(name)], {
        'd.json': exampleDataset(name),
      });
      expect(r.stderr).toBe('');
    }
  });
  afterAll(async () => {
    await database?.drop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const orgOf = (name: string) => `org-${name.slice(0, 2)}`;

  it.each(examples)('audits the stored %s as the file audit does (JSON)', async (name) => {
    const fromFile = await cli(['audit', 'd.json'], { 'd.json': exampleDataset(name) });
    const stored = await cli(['audit', '--db', url, '--org', orgOf(name)]);
    expect(stored.stderr).toBe('');
    expect(stored.code).toBe(fromFile.code);
    const report = auditReportSchema.parse(JSON.parse(stored.stdout));
    expect(report).toEqual(JSON.parse(fromFile.stdout));
    // Only the period moved (after the months); every other line is where the file audit puts it.
    const withoutPeriod = (text: string) => text.replace(/\n {2}"period": \{[^}]*\},/, '');
    expect(withoutPeriod(stored.stdout)).toBe(withoutPeriod(fromFile.stdout));
  });

  it('gives the same CSV, honours --from/--to and writes --out', async () => {
    const name = '05-multi-practitioner.json';
    const file = { 'd.json': exampleDataset(name) };
    const org = ['--db', url, '--org', orgOf(name)];
    expect((await cli(['audit', ...org, '--format', 'csv'])).stdout).toBe(
      (await cli(['audit', 'd.json', '--format', 'csv'], file)).stdout,
    );
    const period = ['--from', '2026-11', '--to', '2026-12'];
    const out = join(tmpdir(), `chronicle-audit-${process.pid}-${kind}.json`);
    try {
      const r = await cli(['audit', ...org, ...period, '--out', out]);
      expect(r.stdout).toBe('');
      expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(
        JSON.parse((await cli(['audit', 'd.json', ...period], file)).stdout),
      );
    } finally {
      rmSync(out, { force: true });
    }
  });

  it('logs one entry for the read, and exits 2 naming a practice that is not stored', async () => {
    const org = orgOf('01');
    const entries = async () => {
      const log = await cli(['log', 'verify', '--db', url, '--org', org]);
      expect(log.code).toBe(0);
      return Number(/(\d+) entries verified/.exec(log.stdout)?.[1]);
    };
    const before = await entries();
    await cli(['audit', '--db', url, '--org', org]);
    expect(await entries()).toBe(before + 1);
    const missing = await cli(['audit', '--db', url, '--org', org, '--practice', 'nowhere']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`practice: no practice "nowhere" in organization "${org}"\n`);
    expect(await entries()).toBe(before + 1);
  });
});

describe('chronicle audit without a dataset', () => {
  it('exits 2 when given both a file and --db, or neither (and no database is configured)', async () => {
    const both = await cli(['audit', 'd.json', '--db', 'memory:'], {
      'd.json': exampleDataset('01-clean-99490.json'),
    });
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('audit: give a dataset file or --db, not both\n');
    if (process.env.DATABASE_URL === undefined && process.env.CHRONICLE_DATA_DIR === undefined) {
      const neither = await cli(['audit']);
      expect(neither.code).toBe(2);
      expect(neither.stderr).toMatch(/name a dataset file .* or a database with --db/);
    }
  });
});

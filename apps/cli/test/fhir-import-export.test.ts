import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../src/io.js';
import { run } from '../src/run.js';
import { createTestTarget, DATABASE_KINDS, type TestTarget } from './databases.js';
import { cli, exampleDataset } from './support.js';

// chronicle import of FHIR (issue 7) against a real database of each kind: a Bundle or a
// folder of NDJSON goes into a new practice or merges into a stored one, the report names
// resources and elements but no patient data, a second import changes nothing, and
// export --format fhir gives a Bundle that imports back to the same patients.

const fhirDir = join(import.meta.dirname, '../../../fixtures/fhir');
const GAYLA = readFileSync(
  join(fhirDir, 'synthea-r4-smart/Gayla_Ferry_259bc6c6-9c1d-43e9-bd25-7539cf07f8ac.json'),
  'utf8',
);
const NEW_PRACTICE = [
  '--practice-id',
  'pr-fhir',
  '--timezone',
  'America/New_York',
  '--setting',
  'office',
];

/** Runs the CLI against files on disk (a folder of NDJSON cannot live in the in-memory files). */
async function cliOnDisk(
  argv: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => {
      stdout += typeof t === 'string' ? t : Buffer.from(t).toString('utf8');
    },
    stderr: (t) => {
      stderr += t;
    },
    read: (path) => readFile(path, 'utf8'),
    write: (path, data) => writeFile(path, data),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

describe.each(DATABASE_KINDS)('chronicle import and export of FHIR on %s', (kind) => {
  let target: TestTarget;
  let folder: string;
  const db = () => ['--db', target.db];
  beforeAll(async () => {
    target = await createTestTarget(kind);
    folder = mkdtempSync(join(tmpdir(), 'chronicle-fhir-'));
  }, 60_000);
  afterAll(async () => {
    await target?.drop();
    rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  it('imports a Synthea Bundle into a new practice, reports without patient data, and a second import changes nothing', async () => {
    const args = ['import', 'gayla.json', ...db(), '--org', 'org-f1', ...NEW_PRACTICE];
    const first = await cli(args, { 'gayla.json': GAYLA });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const lines = first.stdout.split('\n');
    expect(lines[0]).toBe('FHIR input: 199 resources, 25 used, 174 skipped, 0 rejected');
    expect(lines[1]).toBe(
      'used: CarePlan 1, Condition 6, ExplanationOfBenefit 16, Patient 1, Practitioner 1',
    );
    expect(lines[2]).toMatch(
      /^skipped: Claim 23 \(no CPT or HCPCS line\), DiagnosticReport 5 \(not used by Chronicle\), Encounter 16 /,
    );
    expect(lines[3]).toMatch(
      /^problem: Practitioner\/11cb6f4d-10ad-4f18-bc2d-7ed1d4ca0e7e\.identifier\[0\]\.value: /,
    );
    const inserted = Number(
      /^imported practice pr-fhir: (\d+) inserted, 0 updated, 0 deleted, 0 unchanged$/.exec(
        lines[4] ?? '',
      )?.[1],
    );
    expect(inserted).toBeGreaterThan(0);
    expect(first.stdout).not.toMatch(/Gayla|Ferry|1937-06-03/);

    const second = await cli(args, { 'gayla.json': GAYLA });
    expect(second.code).toBe(0);
    expect(second.stdout.split('\n').at(-2)).toBe(
      `imported practice pr-fhir: 0 inserted, 0 updated, 0 deleted, ${inserted} unchanged`,
    );
  }, 60_000);

  it('needs the time zone and setting to create a practice, naming the options', async () => {
    const r = await cli(
      ['import', 'gayla.json', ...db(), '--org', 'org-f2', '--practice-id', 'pr-new'],
      {
        'gayla.json': GAYLA,
      },
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      '--timezone: needed to create practice "pr-new"\n--setting: needed to create practice "pr-new"\n',
    );
  }, 60_000);

  it("merges FHIR patients into the organization's stored practice and keeps its own patients", async () => {
    const example = exampleDataset('01-clean-99490.json');
    await cli(['import', 'd.json', ...db(), '--org', 'org-f3'], { 'd.json': example });
    const merged = await cli(['import', 'gayla.json', ...db(), '--org', 'org-f3'], {
      'gayla.json': GAYLA,
    });
    expect(merged.code).toBe(0);
    expect(merged.stdout).toMatch(
      /imported practice pr-1: \d+ inserted, 0 updated, 0 deleted, \d+ unchanged\n$/,
    );
    const again = await cli(['import', 'gayla.json', ...db(), '--org', 'org-f3'], {
      'gayla.json': GAYLA,
    });
    expect(again.stdout).toMatch(
      /imported practice pr-1: 0 inserted, 0 updated, 0 deleted, \d+ unchanged\n$/,
    );
    const exported = JSON.parse((await cli(['export', ...db(), '--org', 'org-f3'])).stdout) as {
      practice: unknown;
      patients: Array<{ id: string; coverage: unknown[] }>;
    };
    expect(exported.practice).toEqual(JSON.parse(example).practice);
    expect(exported.patients.map((p) => p.id)).toEqual([
      'p-1',
      '77155e2b-5d21-4b47-86f0-4004183d68b2',
    ]);
    const refused = await cli(
      ['import', 'gayla.json', ...db(), '--org', 'org-f3', '--timezone', 'Europe/Paris'],
      {
        'gayla.json': GAYLA,
      },
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^--timezone: practice "pr-1" is stored with "America\/Chicago"/,
    );
  }, 60_000);

  it('imports a folder of bulk-data NDJSON files, idempotently', async () => {
    const bundle = JSON.parse(GAYLA) as { entry: Array<{ resource: { resourceType: string } }> };
    const dir = join(folder, `ndjson-${kind}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    for (const type of [
      'Patient',
      'Practitioner',
      'Condition',
      'Encounter',
      'CarePlan',
      'ExplanationOfBenefit',
      'Observation',
    ])
      writeFileSync(
        join(dir, `${type}.ndjson`),
        bundle.entry
          .map((e) => e.resource)
          .filter((r) => r.resourceType === type)
          .map((r) => JSON.stringify(r))
          .join('\n'),
      );
    const args = ['import', dir, ...db(), '--org', 'org-f4', ...NEW_PRACTICE];
    const first = await cliOnDisk(args);
    expect(first.stderr).toBe('');
    expect(first.stdout.split('\n')[0]).toBe(
      'FHIR input: 146 resources, 25 used, 121 skipped, 0 rejected',
    );
    const second = await cliOnDisk(args);
    expect(second.stdout).toMatch(
      /imported practice pr-fhir: 0 inserted, 0 updated, 0 deleted, \d+ unchanged\n$/,
    );
  }, 60_000);

  it('exports a practice as a FHIR Bundle that imports back into the same patients and clinicians', async () => {
    const example = exampleDataset('03-complex-99487.json');
    await cli(['import', 'd.json', ...db(), '--org', 'org-f5'], { 'd.json': example });
    const fhir = await cli([
      'export',
      ...db(),
      '--org',
      'org-f5',
      '--format',
      'fhir',
      '--out',
      'b.json',
    ]);
    expect(fhir.code).toBe(0);
    const bundle = fhir.written.get('b.json') as string;
    expect(JSON.parse(bundle)).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const back = await cli(
      [
        'import',
        'b.json',
        ...db(),
        '--org',
        'org-f6',
        '--practice-id',
        'pr-1',
        '--timezone',
        'America/Chicago',
        '--setting',
        'office',
      ],
      { 'b.json': bundle },
    );
    expect(back.stdout.split('\n')[0]).toMatch(
      /^FHIR input: \d+ resources, \d+ used, 0 skipped, 0 rejected$/,
    );
    const reexported = JSON.parse(
      (await cli(['export', ...db(), '--org', 'org-f6'])).stdout,
    ) as Record<string, unknown>;
    const original = JSON.parse(example) as Record<string, unknown>;
    expect(reexported.patients).toEqual(original.patients);
    expect(reexported.clinicians).toEqual(original.clinicians);
  }, 60_000);
});

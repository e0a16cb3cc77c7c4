import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditReportSchema } from '@chronicle/rules';
import { describe, expect, it } from 'vitest';
import { cli, exampleDataset, examplesDir } from './support.js';

// `chronicle audit`: exit codes, every problem listed on bad input, the report shape, and
// golden files for each format (UPDATE_GOLDEN=1 rewrites them after a deliberate change).

const golden = (name: string, text: string) => {
  const file = join(import.meta.dirname, 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  if (!existsSync(file)) throw new Error(`no golden file ${name}: run with UPDATE_GOLDEN=1`);
  expect(text).toBe(readFileSync(file, 'utf8'));
};

describe('chronicle audit', () => {
  it('exits 2 and lists each problem as path: message on an invalid dataset, writing nothing', async () => {
    const doc = JSON.parse(exampleDataset('01-clean-99490.json'));
    doc.patients[0].timeEntries[0].clinicianId = 'ghost';
    doc.patients[0].claims[0].dateOfService = '2026-13-01';
    doc.practice.timezone = 'Mars/Olympus';
    const r = await cli(['audit', 'bad.json', '--out', 'report.json'], {
      'bad.json': JSON.stringify(doc),
    });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'practice.timezone: must be an IANA time zone name such as America/Chicago',
      'patients[0].timeEntries[0].clinicianId: refers to clinician "ghost", which is not in clinicians',
      'patients[0].claims[0].dateOfService: must be a calendar date YYYY-MM-DD',
    ]);
    expect(r.written.size).toBe(0);
  });

  it('exits 2 on unreadable input, broken JSON and a bad month option', async () => {
    expect((await cli(['audit', 'missing.json'])).stderr).toMatch(
      /missing.json: cannot read the file \(ENOENT\)/,
    );
    expect((await cli(['audit', 'x.json'], { 'x.json': '{' })).code).toBe(2);
    const bad = await cli(['audit', 'x.json', '--from', '2026-13'], {
      'x.json': exampleDataset('01-clean-99490.json'),
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--from <YYYY-MM>.*must be a month YYYY-MM/);
  });

  it('reads a dataset saved with a UTF-8 byte order mark as the same dataset', async () => {
    const text = exampleDataset('01-clean-99490.json');
    const plain = await cli(['audit', 'd.json', '--format', 'json'], { 'd.json': text });
    const marked = await cli(['audit', 'd.json', '--format', 'json'], {
      'd.json': `\uFEFF${text}`,
    });
    expect(plain.code).toBe(0);
    expect(marked.stderr).toBe('');
    expect(marked.code).toBe(0);
    expect(marked.stdout).toBe(plain.stdout);
  });

  it('does not echo the text around a JSON syntax error, which may be patient data', async () => {
    const text = exampleDataset('01-clean-99490.json').replace(/"birthDate":"/, '"birthDate":x"');
    expect(text).toContain('"birthDate":x"');
    const r = await cli(['audit', 'd.json'], { 'd.json': text });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("(document): not valid JSON: Unexpected token 'x'\n");
  });

  it('writes a PDF report as bytes, to --out or standard output, with the exit code of its findings', async () => {
    const clean = await cli(['audit', 'd.json', '--format', 'pdf', '--out', 'r.pdf'], {
      'd.json': exampleDataset('01-clean-99490.json'),
    });
    expect(clean.code).toBe(0);
    const file = clean.written.get('r.pdf');
    expect(file).toBeInstanceOf(Uint8Array);
    const text = Buffer.from(file as Uint8Array).toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    const failing = await cli(['audit', 'd.json', '--format', 'pdf'], {
      'd.json': exampleDataset('04-consent-missing.json'),
    });
    expect(failing.code).toBe(1);
    expect(failing.stdoutBytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('exits 2 naming the file when --out cannot be written', async () => {
    const r = await cli(['audit', 'd.json', '--out', 'readonly/o.json'], {
      'd.json': exampleDataset('01-clean-99490.json'),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('readonly/o.json: cannot write the file (EACCES)\n');
  });

  it('exits 2 naming the bad field of a policy file', async () => {
    const r = await cli(['audit', 'd.json', '--policy', 'p.json'], {
      'd.json': exampleDataset('01-clean-99490.json'),
      'p.json': JSON.stringify({ dateOfService: 'whenever' }),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^policy\.dateOfService: /);
  });

  it('exits 0 on a clean month and 1 when a month has an error finding', async () => {
    expect(
      (await cli(['audit', 'd.json'], { 'd.json': exampleDataset('01-clean-99490.json') })).code,
    ).toBe(0);
    expect(
      (await cli(['audit', 'd.json'], { 'd.json': exampleDataset('04-consent-missing.json') }))
        .code,
    ).toBe(1);
  });

  it('writes a JSON report of the spec shape, validated by the report schema', async () => {
    for (const name of [
      '01-clean-99490.json',
      '03-complex-99487.json',
      '05-multi-practitioner.json',
    ]) {
      const r = await cli(['audit', 'd.json'], { 'd.json': exampleDataset(name) });
      const report = auditReportSchema.parse(JSON.parse(r.stdout));
      expect(report.format).toBe('ccm-audit-report');
      expect(report.months.length).toBeGreaterThan(0);
    }
  });

  it('honours --from/--to and --out', async () => {
    const r = await cli(
      ['audit', 'd.json', '--from', '2026-11', '--to', '2026-12', '--out', 'o.json'],
      { 'd.json': exampleDataset('01-clean-99490.json') },
    );
    expect(r.stdout).toBe('');
    const report = JSON.parse(r.written.get('o.json') as string);
    expect(report.months).toEqual([]);
    expect(report.period).toEqual({ from: '2026-11', to: '2026-12' });
  });

  const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.json'));
  it.each(examples.flatMap((name) => ['json', 'csv', 'html'].map((format) => [name, format])))(
    'renders %s as %s like its golden file',
    async (name, format) => {
      const r = await cli(['audit', 'd.json', '--format', format], {
        'd.json': exampleDataset(name),
      });
      golden(`${name.replace(/\.json$/, '')}.audit.${format}`, r.stdout);
    },
  );
});

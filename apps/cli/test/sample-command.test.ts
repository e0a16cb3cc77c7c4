import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditReportSchema } from '@chronicle/rules';
import { describe, expect, it } from 'vitest';
import { cli } from './support.js';

// `chronicle audit --sample`: a reproducible random sample of the billed months with the
// overpayment extrapolated, and `chronicle sample-size`, on the demo practice (40 patients).

const demo = readFileSync(join(import.meta.dirname, '../demo/demo-dataset.json'), 'utf8');
const files = { 'demo.json': demo };

async function sampled(args: string[]) {
  const r = await cli(['audit', 'demo.json', '--sample', '30', ...args], files);
  expect(r.stderr).not.toMatch(/could not run/);
  return { ...r, report: auditReportSchema.parse(JSON.parse(r.stdout)) };
}

describe('chronicle audit --sample', () => {
  it('draws the same months for the same seed, records the frame and extrapolates', async () => {
    const a = await sampled(['--seed', '20261129']);
    const b = await sampled(['--seed', '20261129']);
    expect(a.stdout).toBe(b.stdout);
    const { sampling, estimate, months } = a.report;
    expect(sampling).toMatchObject({ method: 'simple-random', seed: '20261129', sampleSize: 30 });
    expect(sampling?.selection).toHaveLength(30);
    expect(months.map((m) => [m.patientId, m.month])).toEqual(
      sampling?.selection.map((s) => [s.patientId, s.month]),
    );
    const full = auditReportSchema.parse(
      JSON.parse((await cli(['audit', 'demo.json'], files)).stdout),
    );
    expect(sampling?.frame.size).toBe(full.months.filter((m) => m.claimIds.length > 0).length);
    expect(estimate?.confidence).toBe(0.9);
    expect(estimate?.overpayment.lowerLimit).toBeLessThanOrEqual(
      estimate?.overpayment.pointEstimate ?? 0,
    );
    // The exit code speaks for the sampled months.
    expect(a.code).toBe(months.some((m) => m.verdict === 'fail') ? 1 : 0);
  });

  it('draws another sample for another seed', async () => {
    const a = await sampled(['--seed', '1']);
    const b = await sampled(['--seed', '2']);
    expect(a.report.sampling?.selection).not.toEqual(b.report.sampling?.selection);
  });

  it('chooses, prints and records a seed when none is given', async () => {
    const r = await sampled([]);
    const seed = /seed (\d+)/.exec(r.stderr)?.[1];
    expect(seed).toBeDefined();
    expect(r.report.sampling?.seed).toBe(seed);
  });

  it('stratifies by practitioner, with every stratum sampled', async () => {
    const r = await sampled(['--seed', '7', '--stratify', 'practitioner', '--confidence', '0.95']);
    expect(r.report.sampling?.method).toBe('stratified');
    expect(r.report.sampling?.stratifiedBy).toBe('practitioner');
    const strata = r.report.sampling?.strata ?? [];
    expect(strata.length).toBeGreaterThan(1);
    expect(strata.reduce((n, s) => n + s.sampleSize, 0)).toBe(30);
    expect(r.report.estimate?.confidence).toBe(0.95);
  });

  it('renders a sampled report as HTML with its sample and estimate', async () => {
    const r = await cli(
      ['audit', 'demo.json', '--sample', '30', '--seed', '3', '--format', 'html'],
      files,
    );
    expect(r.code).toBeLessThan(2);
    expect(r.stdout).toMatch(/Sample/);
    expect(r.stdout).toMatch(/Overpayment estimate/i);
  });

  it('refuses sample options without --sample, and a bad seed, naming the flag', async () => {
    const stray = await cli(['audit', 'demo.json', '--seed', '5'], files);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('--seed: only with --sample N');
    const bad = await cli(['audit', 'demo.json', '--sample', '10', '--seed', 'abc'], files);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/seed/);
    const zero = await cli(['audit', 'demo.json', '--sample', '0'], files);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--sample: a whole number above 0');
  });
});

describe('chronicle sample-size', () => {
  it('sizes a sample for a dollar precision on the total', async () => {
    const r = await cli([
      'sample-size',
      '--frame',
      '12000',
      '--sd',
      '45',
      '--precision',
      '25000',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    // Checked by hand: n0 = (t·S·N/E)² with t at n−1 df, then n0/(1 + n0/N).
    const n = result.sampleSize as number;
    const n0 = ((result.tValue * 45 * 12000) / 25000) ** 2;
    expect(n).toBe(Math.ceil(n0 / (1 + n0 / 12000)));
    expect(result.degreesOfFreedom).toBe(n - 1);
  });

  it('sizes from a probe report, and for an error rate', async () => {
    const probe = (await cli(['audit', 'demo.json', '--sample', '20', '--seed', '9'], files))
      .stdout;
    const fromProbe = await cli(
      ['sample-size', '--probe', 'probe.json', '--relative-precision', '0.25'],
      {
        'probe.json': probe,
      },
    );
    expect(fromProbe.code).toBe(0);
    expect(fromProbe.stdout).toMatch(/^Sample \d+ of \d+ billed months/);
    const rate = await cli([
      'sample-size',
      '--frame',
      '12000',
      '--rate',
      '0.2',
      '--rate-precision',
      '0.05',
    ]);
    expect(rate.code).toBe(0);
    expect(rate.stdout).toMatch(/error rate within ±0.05 at 90% confidence/);
  });

  it('refuses missing inputs with the flag to give', async () => {
    const r = await cli(['sample-size', '--sd', '10', '--precision', '100']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--frame: give the frame size, or --probe');
  });
});

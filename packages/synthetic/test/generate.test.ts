import { formatProblem, parseDataset } from '@chronicle/dataset';
import { audit } from '@chronicle/rules';
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, generateDataset } from '../src/index.js';

// The generator feeds the benchmark, the demo and integration tests: its output must be
// valid, reproducible, and faulty exactly where its manifest says.

describe('generateDataset', () => {
  it.each([
    [1, 10, 2026],
    [2, 60, 2021],
    [3, 25, 2018],
    [4, 25, 2015],
  ])('seed %i, %i patients, %i: a valid dataset', (seed, patients, year) => {
    const { dataset } = generateDataset({ seed, patients, year });
    const parsed = parseDataset(JSON.parse(JSON.stringify(dataset)));
    expect(parsed.ok ? [] : parsed.problems.slice(0, 5).map(formatProblem)).toEqual([]);
    expect(dataset.patients).toHaveLength(patients);
  });

  it('gives byte-identical output for the same options, and different output for another seed', () => {
    const a = JSON.stringify(generateDataset({ seed: 9, patients: 30, year: 2026 }));
    expect(JSON.stringify(generateDataset({ seed: 9, patients: 30, year: 2026 }))).toBe(a);
    expect(JSON.stringify(generateDataset({ seed: 10, patients: 30, year: 2026 }))).not.toBe(a);
  });

  it('logs care-management time for every patient in every month', () => {
    const { dataset } = generateDataset({ seed: 5, patients: 40, year: 2026, months: 12 });
    for (const p of dataset.patients) {
      const months = new Set(p.timeEntries.map((t) => t.start.slice(0, 7)));
      expect(months.size, p.id).toBe(12);
    }
  });

  it('injects faults at about the requested share of billed months', () => {
    const { dataset, faults } = generateDataset({
      seed: 11,
      patients: 300,
      year: 2026,
      faultRate: 0.2,
    });
    const billedMonths = new Set(
      dataset.patients.flatMap((p) =>
        p.claims.map((c) => `${p.id}|${c.dateOfService.slice(0, 7)}`),
      ),
    ).size;
    expect(faults.length / billedMonths).toBeGreaterThan(0.15);
    expect(faults.length / billedMonths).toBeLessThan(0.25);
    expect(new Set(faults.map((f) => f.kind)).size).toBe(
      FAULT_KINDS.filter((k) => k.applies(2026)).length,
    );
  });

  it('every injected fault is caught by its rule, and clean months carry no error', () => {
    const { dataset, faults } = generateDataset({
      seed: 12,
      patients: 200,
      year: 2026,
      faultRate: 0.25,
    });
    const report = audit(dataset);
    const byMonth = new Map<string, string[]>();
    for (const m of report.months) {
      const key = `${m.patientId}|${m.month}`;
      byMonth.set(key, [
        ...(byMonth.get(key) ?? []),
        ...m.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId),
      ]);
    }
    for (const f of faults)
      expect(
        byMonth.get(`${f.patientId}|${f.month}`),
        `${f.kind} in ${f.patientId} ${f.month}`,
      ).toContain(f.ruleId);
    const faulty = new Set(faults.map((f) => `${f.patientId}|${f.month}`));
    const stray = [...byMonth].filter(([key, ids]) => !faulty.has(key) && ids.length > 0);
    expect(stray).toEqual([]);
  });

  it('uses only made-up names', () => {
    const { dataset } = generateDataset({ seed: 13, patients: 50, year: 2026 });
    for (const p of dataset.patients) expect(p.name.family).toMatch(/-Synthetic$/);
  });
});

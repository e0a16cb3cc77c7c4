import { audit } from '@chronicle/rules';
import { describe, expect, it } from 'vitest';
import { applicableFaults, FAULT_KINDS, generateDatasetWithManifest } from '../src/index.js';

// The manifest is what integration tests rely on: every fault it lists must be caught by
// the rule it names, in the month it names, and no month it does not list may carry an
// error. Checked across the service years whose codes differ and across time zones.

function errorsByMonth(report: ReturnType<typeof audit>): Map<string, string[]> {
  const byMonth = new Map<string, string[]>();
  for (const m of report.months) {
    const key = `${m.patientId}|${m.month}`;
    const errors = m.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId);
    byMonth.set(key, [...(byMonth.get(key) ?? []), ...errors]);
  }
  return byMonth;
}

describe('injected faults', () => {
  it.each([
    [2026, 'America/Chicago'],
    [2021, 'America/New_York'],
    [2020, 'Europe/London'],
    [2018, 'America/Los_Angeles'],
    [2016, 'UTC'],
  ])('%i, %s: each is caught by its rule, and clean months carry no error', (year, timezone) => {
    const { dataset, faults } = generateDatasetWithManifest({
      seed: year,
      patients: 150,
      year,
      timezone,
      faultRate: 0.3,
    });
    const byMonth = errorsByMonth(audit(dataset));
    const missed = faults
      .filter((f) => !(byMonth.get(`${f.patientId}|${f.month}`) ?? []).includes(f.ruleId))
      .map(
        (f) => `${f.kind} ${f.patientId} ${f.month}: ${byMonth.get(`${f.patientId}|${f.month}`)}`,
      );
    expect(missed).toEqual([]);
    const faulty = new Set(faults.map((f) => `${f.patientId}|${f.month}`));
    const stray = [...byMonth].filter(([key, ids]) => !faulty.has(key) && ids.length > 0);
    expect(stray).toEqual([]);
  });

  it('come at about the requested share of billed months, every kind of the year included', () => {
    for (const faultRate of [0.05, 0.15, 0.3]) {
      const { dataset, faults } = generateDatasetWithManifest({
        seed: 11,
        patients: 600,
        year: 2026,
        faultRate,
      });
      const billed = new Set(
        dataset.patients.flatMap((p) =>
          p.claims.map((c) => `${p.id}|${c.dateOfService.slice(0, 7)}`),
        ),
      );
      expect(faults.length / billed.size).toBeCloseTo(faultRate, 1);
      expect(new Set(faults.map((f) => `${f.patientId}|${f.month}`)).size).toBe(faults.length);
      if (faultRate === 0.3)
        expect(new Set(faults.map((f) => f.kind))).toEqual(
          new Set(applicableFaults(2026, true).map((k) => k.kind)),
        );
    }
  });

  it('none with a fault rate of 0', () => {
    const { faults } = generateDatasetWithManifest({
      seed: 3,
      patients: 50,
      year: 2026,
      faultRate: 0,
    });
    expect(faults).toEqual([]);
  });

  it('name each kind once, with a rule ID, and honour code years', () => {
    expect(new Set(FAULT_KINDS.map((k) => k.kind)).size).toBe(FAULT_KINDS.length);
    expect(applicableFaults(2015, true).map((k) => k.kind)).not.toContain('complex-without-mdm');
    expect(applicableFaults(2026, false).map((k) => k.kind)).not.toContain('care-plan-not-shared');
    expect(
      applicableFaults(2026, true, true)
        .map((k) => k.kind)
        .sort(),
    ).toEqual(['care-plan-not-shared', 'consent-after-time', 'one-chronic-condition']);
  });
});

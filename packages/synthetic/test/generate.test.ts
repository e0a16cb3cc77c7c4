import { formatProblem, isValidNpi, MBI_PATTERN, parseDataset } from '@chronicle/dataset';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  FAMILY_NAMES,
  generateDataset,
  generateDatasetWithManifest,
  GIVEN_NAMES,
  SYNTHETIC_SUFFIX,
} from '../src/index.js';

// The generator feeds the benchmark, the demo and integration tests: its output must be
// valid, reproducible to the byte, the size asked for, and obviously made up.

describe('generateDataset', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    [1, 10, 2026, 'America/Chicago'],
    [2, 60, 2021, 'America/New_York'],
    [3, 25, 2018, 'Asia/Kolkata'],
    [4, 25, 2015, 'UTC'],
    [5, 1, 2020, 'Pacific/Honolulu'],
    [6, 0, 2026, 'America/Chicago'],
  ])('seed %i, %i patients, %i, %s: a valid dataset', (seed, patients, year, timezone) => {
    const dataset = generateDataset({ seed, patients, year, timezone, faultRate: 0.3 });
    const parsed = parseDataset(JSON.parse(JSON.stringify(dataset)));
    expect(parsed.ok ? [] : parsed.problems.slice(0, 5).map(formatProblem)).toEqual([]);
    expect(dataset.patients).toHaveLength(patients);
    expect(dataset.practice.timezone).toBe(timezone);
  });

  it('gives byte-identical output for the same options, and different output for another seed', () => {
    const options = { seed: 9, patients: 30, year: 2026 };
    const a = JSON.stringify(generateDatasetWithManifest(options));
    expect(JSON.stringify(generateDatasetWithManifest(options))).toBe(a);
    expect(JSON.stringify(generateDatasetWithManifest({ ...options, seed: 10 }))).not.toBe(a);
  });

  it('reads neither Math.random nor the clock', () => {
    const refuse = () => {
      throw new Error('not pure');
    };
    vi.spyOn(Math, 'random').mockImplementation(refuse);
    vi.spyOn(Date, 'now').mockImplementation(refuse);
    expect(() => generateDataset({ seed: 1, patients: 20, year: 2026 })).not.toThrow();
  });

  it('logs time for every patient in every month until the patient dies', () => {
    const months = 12;
    const dataset = generateDataset({ seed: 5, patients: 80, year: 2026, months });
    for (const p of dataset.patients) {
      const active = new Set(p.timeEntries.map((t) => t.start.slice(0, 7)));
      const expected = p.deathDate ? Number(p.deathDate.slice(5, 7)) : months;
      expect(active.size, p.id).toBe(expected);
    }
    expect(dataset.patients.filter((p) => !p.deathDate).length).toBeGreaterThan(60);
  });

  it('can run past December into the next year', () => {
    const dataset = generateDataset({ seed: 7, patients: 5, year: 2025, months: 15 });
    const months = new Set(
      dataset.patients.flatMap((p) => p.timeEntries.map((t) => t.start.slice(0, 7))),
    );
    expect(months.has('2026-03')).toBe(true);
    expect(parseDataset(dataset).ok).toBe(true);
  });

  it('writes instants in the practice time zone, some in the evening, entries of 3-35 minutes', () => {
    const dataset = generateDataset({ seed: 8, patients: 60, year: 2026 });
    const entries = dataset.patients.flatMap((p) => p.timeEntries);
    expect(entries.every((t) => /-0[56]:00$/.test(t.start))).toBe(true);
    expect(entries.some((t) => Number(t.start.slice(11, 13)) >= 18)).toBe(true);
    expect(entries.some((t) => t.end !== undefined)).toBe(true);
    const minutes = entries.map((t) =>
      t.end ? (Date.parse(t.end) - Date.parse(t.start)) / 60_000 : (t.minutes ?? 0),
    );
    expect(Math.min(...minutes)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...minutes)).toBeLessThanOrEqual(35);
  });

  it('bills the usual CCM codes, mostly 99490', () => {
    const dataset = generateDataset({ seed: 12, patients: 100, year: 2026, faultRate: 0 });
    const counts = new Map<string, number>();
    for (const line of dataset.patients.flatMap((p) => p.claims.flatMap((c) => c.lines)))
      counts.set(line.code, (counts.get(line.code) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(['99439', '99487', '99489', '99490', '99491']);
    expect(counts.get('99490')).toBeGreaterThan((counts.get('99487') ?? 0) * 3);
  });

  it('uses only made-up names, valid NPIs and MBIs in the CMS format', () => {
    const dataset = generateDataset({ seed: 13, patients: 50, year: 2026 });
    for (const p of dataset.patients) {
      expect(GIVEN_NAMES).toContain(p.name.given);
      expect(p.name.family.endsWith(SYNTHETIC_SUFFIX)).toBe(true);
      expect(FAMILY_NAMES).toContain(p.name.family.slice(0, -SYNTHETIC_SUFFIX.length));
      expect(p.mbi).toMatch(MBI_PATTERN);
    }
    for (const c of dataset.clinicians) {
      expect(c.name).toContain(SYNTHETIC_SUFFIX);
      if (c.npi !== undefined) expect(isValidNpi(c.npi)).toBe(true);
    }
    expect(dataset.practice.name).toContain('synthetic');
  });

  it('refuses a negative patient count and a fault rate outside 0-1', () => {
    expect(() => generateDataset({ seed: 1, patients: -1, year: 2026 })).toThrow(RangeError);
    expect(() => generateDataset({ seed: 1, patients: 1, year: 2026, faultRate: 2 })).toThrow(
      RangeError,
    );
  });
});

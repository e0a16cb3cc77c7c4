import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDate, timeZone } from '../src/primitives.js';

// The calendar-date check is arithmetic (it runs for every date the database gives back);
// it must accept exactly the dates that a Date built from the same fields gives back.

function byDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('isoDate', () => {
  it('accepts the same YYYY-MM-DD dates as a Date round trip, leap years included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, mo, d) => {
          const value = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
          expect(isoDate.safeParse(value).success).toBe(byDate(value));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('decides the boundaries: 29 February, 31st of short months, years 1900 and 2000', () => {
    const cases: Array<[string, boolean]> = [
      ['2024-02-29', true],
      ['2023-02-29', false],
      ['1900-02-29', false],
      ['2000-02-29', true],
      ['2026-04-31', false],
      ['2026-12-31', true],
      ['2026-00-10', false],
      ['2026-13-01', false],
      ['2026-01-00', false],
      ['2026-1-01', false],
      ['2026-01-01T00:00:00Z', false],
    ];
    for (const [value, ok] of cases) expect(isoDate.safeParse(value).success, value).toBe(ok);
  });
});

describe('timeZone', () => {
  it('accepts IANA names, the same again from its cache, and refuses others however long', () => {
    for (const zone of ['America/Chicago', 'America/Argentina/ComodRivadavia', 'UTC'])
      for (let i = 0; i < 2; i++) expect(timeZone.safeParse(zone).success, zone).toBe(true);
    for (const zone of [
      '',
      'America/Nowhere',
      'x'.repeat(1_000_000),
      `America/Chicago${' '.repeat(60)}`,
    ])
      for (let i = 0; i < 2; i++) expect(timeZone.safeParse(zone).success).toBe(false);
  });
});

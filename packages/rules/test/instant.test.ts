import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant } from '../src/time/instant.js';

// parseInstant replaces Date.parse on the audit's hot path: it must agree with it on every
// string, canonical or not, or an audit would place minutes differently.

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const instantLike = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.integer({ min: 0, max: 61 }),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined }),
    zone: fc.oneof(
      fc.constant('Z'),
      fc
        .record({
          sign: fc.constantFrom('+', '-'),
          h: fc.integer({ min: 0, max: 25 }),
          m: fc.integer({ min: 0, max: 61 }),
        })
        .map(({ sign, h, m }) => `${sign}${pad(h, 2)}:${pad(m, 2)}`),
    ),
  })
  .map(
    (r) =>
      `${pad(r.year, 4)}-${pad(r.month, 2)}-${pad(r.day, 2)}T${pad(r.hour, 2)}:${pad(r.minute, 2)}:${pad(r.second, 2)}` +
      `${r.fraction === undefined ? '' : `.${r.fraction}`}${r.zone}`,
  );

describe('parseInstant', () => {
  it('agrees with Date.parse on instant-shaped strings, valid or not', () => {
    fc.assert(
      fc.property(instantLike, (s) => {
        expect(Object.is(parseInstant(s), Date.parse(s))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with Date.parse on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(Object.is(parseInstant(s), Date.parse(s))).toBe(true);
      }),
    );
  });

  it.each([
    ['2026-03-08T02:30:00.123Z'],
    ['2024-02-29T23:59:59.9999+05:45'],
    ['2026-11-01T01:30:00-05:00'],
    ['2025-02-29T00:00:00Z'],
    ['1969-12-31T23:59:59-00:00'],
  ])('reads %s as Date.parse does', (s) => {
    expect(Object.is(parseInstant(s), Date.parse(s))).toBe(true);
  });
});

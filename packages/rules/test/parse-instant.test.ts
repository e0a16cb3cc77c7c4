import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant } from '../src/time/parse-instant.js';

describe('parseInstant', () => {
  it.each([
    '2026-10-31T23:30:00-05:00',
    '2026-10-31T23:30:00Z',
    '2026-03-08T02:30:00.5+05:30',
    '2024-02-29T00:00Z',
    '1999-12-31T23:59:59.999-00:00',
    '2026-10-31T23:30:00.123456+14:00',
  ])('agrees with Date.parse on %s', (text) => {
    expect(parseInstant(text)).toBe(Date.parse(text));
  });

  it('agrees with Date.parse on any instant written with an offset', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (date, offset) => {
          const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 23);
          const sign = offset < 0 ? '-' : '+';
          const abs = Math.abs(offset);
          const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(parseInstant(text)).toBe(date.getTime());
        },
      ),
    );
  });
});

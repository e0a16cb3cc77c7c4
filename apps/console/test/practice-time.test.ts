import { describe, expect, it } from 'vitest';
import {
  clockDuration,
  monthsBack,
  practiceClock,
  practiceInstant,
} from '../src/patient/practice-time.js';

// Time is entered and shown on the practice's clock, whatever zone the browser is in: the
// instant sent carries the practice's offset on that day (DST included), and an instant
// read back shows as the same wall time.

describe('practice time', () => {
  it("writes a wall time with the practice's offset on that day, DST included", () => {
    expect(practiceInstant('2026-11-24', '09:00', 'America/Chicago')).toBe(
      '2026-11-24T09:00:00-06:00',
    );
    expect(practiceInstant('2026-07-01', '09:00', 'America/Chicago')).toBe(
      '2026-07-01T09:00:00-05:00',
    );
    expect(practiceInstant('2026-07-01', '23:30', 'Asia/Kolkata')).toBe(
      '2026-07-01T23:30:00+05:30',
    );
    expect(practiceInstant('2026-03-08', '03:30', 'America/Chicago')).toBe(
      '2026-03-08T03:30:00-05:00',
    );
  });

  it('reads an instant back as the wall time it was written from', () => {
    expect(practiceClock('2026-11-24T09:00:00-06:00', 'America/Chicago')).toEqual({
      date: '2026-11-24',
      time: '09:00',
    });
    expect(practiceClock('2026-12-01T03:00:00Z', 'America/Chicago')).toEqual({
      date: '2026-11-30',
      time: '21:00',
    });
  });

  it('counts months back across the year, newest first', () => {
    expect(monthsBack('2026-02', 4)).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
    expect(monthsBack('2026-11', 12)).toHaveLength(12);
    expect(monthsBack('2026-11', 12).at(-1)).toBe('2025-12');
  });

  it('shows a running duration as H:MM:SS', () => {
    expect(clockDuration(0)).toBe('0:00:00');
    expect(clockDuration(3725.9)).toBe('1:02:05');
  });
});

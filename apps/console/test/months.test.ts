import { describe, expect, it } from 'vitest';
import { practiceMonth } from '../src/months.js';

// The worklist asks for the practice's current month, not the browser's: near a month's
// end the two differ, and the minutes shown must be those the practice will bill.

describe('practiceMonth', () => {
  it("gives the practice's month where the browser's zone has moved on", () => {
    const at = new Date('2026-12-01T03:00:00Z'); // 21:00 on Nov 30 in Chicago
    expect(practiceMonth('America/Chicago', at)).toBe('2026-11');
    expect(practiceMonth('UTC', at)).toBe('2026-12');
    expect(practiceMonth('Pacific/Kiritimati', new Date('2026-11-30T11:00:00Z'))).toBe('2026-12');
  });

  it('crosses the year at its end, in the zone asked for', () => {
    expect(practiceMonth('America/New_York', new Date('2027-01-01T04:59:59Z'))).toBe('2026-12');
    expect(practiceMonth('America/New_York', new Date('2027-01-01T05:00:00Z'))).toBe('2027-01');
  });
});

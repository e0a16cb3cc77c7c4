import type { StratifyBy } from '@chronicle/rules';
import { compareCodePoints, type FrameMonth } from './frame.js';

// How the frame is cut into strata before drawing. Each stratum lists its units as
// 0-based frame indexes in frame order; strata come in the order they are drawn.

export interface FrameStratum {
  id: string;
  label: string;
  /** 0-based frame indexes, ascending. */
  units: number[];
}

export const ALL_STRATUM_ID = 'all';

/** A simple random sample is drawn as one stratum holding the whole frame. */
export function wholeFrame(frame: readonly FrameMonth[]): FrameStratum[] {
  return [{ id: ALL_STRATUM_ID, label: 'All billed months', units: frame.map((_, i) => i) }];
}

export function stratify(frame: readonly FrameMonth[], by: StratifyBy): FrameStratum[] {
  switch (by) {
    case 'practitioner':
      return byPractitioner(frame);
    case 'amount':
      return byAmount(frame);
  }
}

/** One stratum per billing practitioner id (the empty id for months without one). */
function byPractitioner(frame: readonly FrameMonth[]): FrameStratum[] {
  const groups = new Map<string, number[]>();
  frame.forEach((m, i) => {
    const id = m.billingPractitionerId ?? '';
    const units = groups.get(id);
    if (units) units.push(i);
    else groups.set(id, [i]);
  });
  return [...groups.keys()].sort(compareCodePoints).map((id) => ({
    id,
    label: id === '' ? 'No billing practitioner' : `Practitioner ${id}`,
    units: groups.get(id) ?? [],
  }));
}

/**
 * Up to three strata of billed amount cut at the frame's terciles: with the amounts sorted
 * ascending as a[1..N], t1 = a[ceil(N/3)] and t2 = a[ceil(2N/3)]; stratum 1 holds amounts
 * ≤ t1, stratum 2 amounts in (t1, t2], stratum 3 amounts > t2. Equal amounts always share a
 * stratum, so tied amounts can leave a stratum empty: empty strata are dropped and the
 * rest numbered amount-1, amount-2, ... from the lowest amounts up.
 */
function byAmount(frame: readonly FrameMonth[]): FrameStratum[] {
  if (frame.length === 0) return [];
  const sorted = frame.map((m) => m.billedAmount).sort((x, y) => x - y);
  const n = sorted.length;
  const t1 = sorted[Math.ceil(n / 3) - 1] as number;
  const t2 = sorted[Math.ceil((2 * n) / 3) - 1] as number;
  const bands: number[][] = [[], [], []];
  frame.forEach((m, i) => {
    const a = m.billedAmount;
    (bands[a <= t1 ? 0 : a <= t2 ? 1 : 2] as number[]).push(i);
  });
  return bands
    .filter((units) => units.length > 0)
    .map((units, k) => {
      const amounts = units.map((i) => (frame[i] as FrameMonth).billedAmount);
      return {
        id: `amount-${k + 1}`,
        label: `${dollars(Math.min(...amounts))} to ${dollars(Math.max(...amounts))}`,
        units,
      };
    });
}

const dollars = (amount: number): string => `$${amount.toFixed(2)}`;

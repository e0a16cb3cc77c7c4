import { addonFor, codeDefinition } from '../codes/code-catalogue.js';
import type { Policy } from '../policy.js';

// The ladder of a base code: the minutes its base needs, each add-on unit's increment,
// and the cap. Full increments only; CMS allows no midpoint rounding for CCM or PCM.

export interface Ladder {
  base: string;
  addon: string | undefined;
  baseMinutes: number;
  increment: number;
  cap: number | null;
}

// Ladders depend only on the code, the year and the policy: build each once. Looked up by
// policy, then year, then code, so that no key string is made per month.
const ladders = new WeakMap<Policy, Map<number, Map<string, Ladder | null>>>();

export function ladderFor(base: string, year: number, policy: Policy): Ladder | undefined {
  let byYear = ladders.get(policy);
  if (!byYear) {
    byYear = new Map();
    ladders.set(policy, byYear);
  }
  let byCode = byYear.get(year);
  if (!byCode) {
    byCode = new Map();
    byYear.set(year, byCode);
  }
  let ladder = byCode.get(base);
  if (ladder === undefined) {
    ladder = buildLadder(base, year, policy) ?? null;
    byCode.set(base, ladder);
  }
  return ladder ?? undefined;
}

function buildLadder(base: string, year: number, policy: Policy): Ladder | undefined {
  const def = codeDefinition(base);
  if (!def || def.kind !== 'base' || def.minutes === undefined) return undefined;
  const addon = addonFor(base, year);
  const addonDef = addon ? codeDefinition(addon) : undefined;
  return {
    base,
    addon,
    baseMinutes: def.minutes,
    increment: addonDef?.minutes ?? 0,
    cap: addon ? addonCap(addon, policy) : 0,
  };
}

export function addonCap(addon: string, policy: Policy): number | null {
  const caps = policy.addonCaps as Record<string, number | null | undefined>;
  if (addon in caps) return caps[addon] ?? null;
  return codeDefinition(addon)?.statedCap ?? null;
}

/** Seconds needed for the base plus `units` add-on units. */
export function requiredSeconds(ladder: Ladder, units: number): number {
  return (ladder.baseMinutes + units * ladder.increment) * 60;
}

/** Add-on units the seconds support in full increments (before any cap), or -1 below the base. */
export function supportedUnits(ladder: Ladder, seconds: number): number {
  if (seconds < ladder.baseMinutes * 60) return -1;
  if (!ladder.addon || ladder.increment === 0) return 0;
  return Math.floor((seconds - ladder.baseMinutes * 60) / (ladder.increment * 60));
}

/** Supported units, limited by the cap. */
export function billableUnits(ladder: Ladder, seconds: number): number {
  const units = supportedUnits(ladder, seconds);
  if (units <= 0 || ladder.cap === null) return units;
  return Math.min(units, ladder.cap);
}

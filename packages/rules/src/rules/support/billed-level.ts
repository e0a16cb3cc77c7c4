import { codeDefinition } from '../../codes/code-catalogue.js';
import { requiredSeconds, supportedUnits, type Ladder } from '../../evaluate/levels.js';
import {
  reachedOn,
  wholeMinutes,
  type MonthMinutes,
  type Pool,
} from '../../evaluate/month-minutes.js';
import type { MemoKey, MonthContext } from '../../engine/month-context.js';

// The time-based levels billed in a month: each base code billed with its add-on units,
// the pool of minutes it counts (staff time, or the billing practitioner's own) and what
// that pool holds. Shared by the time rules so they agree on one reading of the month.

export interface BilledLevel {
  base: string;
  ladder: Ladder;
  addonUnits: number;
  pool: 'staff' | 'personal';
  minutes: MonthMinutes;
  /** Seconds the billed level needs: the base minimum plus every add-on unit billed. */
  required: number;
  /** Countable seconds in the pool. */
  counted: number;
}

// A dozen rules read the levels of the same month: compute them once per month.
const LEVELS: MemoKey<BilledLevel[]> = { name: 'billed levels', compute: computeLevels };

export function billedLevels(ctx: MonthContext): BilledLevel[] {
  return ctx.memo(LEVELS);
}

function hasLevel(levels: readonly BilledLevel[], base: string): boolean {
  for (const l of levels) if (l.base === base) return true;
  return false;
}

function computeLevels(ctx: MonthContext): BilledLevel[] {
  // Made with its first level (a month bills one or two): no room for 17 from a push.
  let levels: BilledLevel[] | undefined;
  for (const line of ctx.lines) {
    const def = codeDefinition(line.code);
    if (!def || def.kind !== 'base' || def.minutes === undefined || def.program === 'rhc') continue;
    if (levels !== undefined && hasLevel(levels, line.code)) continue;
    const ladder = ctx.ladder(line.code);
    if (!ladder) continue;
    const service = def.program === 'pcm' ? 'pcm' : 'ccm';
    const minutes = ctx.minutes(service);
    const pool = def.performer === 'practitioner-personal' ? 'personal' : 'staff';
    const addonUnits = ladder.addon ? ctx.units(ladder.addon) : 0;
    const level: BilledLevel = {
      base: line.code,
      ladder,
      addonUnits,
      pool,
      minutes,
      required: requiredSeconds(ladder, addonUnits),
      counted: minutes[pool].seconds,
    };
    if (levels === undefined) levels = [level];
    else levels.push(level);
  }
  return levels ?? [];
}

export function poolOf(level: BilledLevel): Pool {
  return level.minutes[level.pool];
}

/** The local date the pool reached the billed level, if it did. */
export function levelReachedOn(ctx: MonthContext, level: BilledLevel): string | undefined {
  return reachedOn(poolOf(level), level.required, ctx.clock);
}

/** Add-on units the countable minutes support in full increments (before the cap). */
export function supportedAddonUnits(level: BilledLevel): number {
  return Math.max(0, supportedUnits(level.ladder, level.counted));
}

export function minutesLabel(seconds: number): number {
  return wholeMinutes(seconds);
}

/** Evidence common to time findings: the billed level, the minutes and the entries counted. */
export function levelEvidence(level: BilledLevel): Record<string, unknown> {
  return {
    baseCode: level.base,
    addonCode: level.ladder.addon ?? null,
    addonUnits: level.addonUnits,
    requiredMinutes: level.required / 60,
    countableSeconds: level.counted,
    countedEntryIds: poolOf(level).spans.map((s) => s.entryId),
  };
}

import { parseInstant } from '../time/instant.js';
import type { TimeEntry } from '@chronicle/dataset';

/** When an entry ends: its `end`, or its start plus its minutes (to the millisecond). */
export function entryEndMs(entry: TimeEntry, startMs: number): number {
  if (entry.end !== undefined) return parseInstant(entry.end);
  return startMs + Math.round((entry.minutes ?? 0) * 60_000);
}

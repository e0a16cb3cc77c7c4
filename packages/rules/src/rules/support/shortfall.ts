import type { Exclusion } from '../../evaluate/month-minutes.js';
import type { MonthContext } from '../../engine/month-context.js';
import type { Reporter } from '../../engine/rule.js';
import { billedLevels, levelEvidence, minutesLabel } from './billed-level.js';

/**
 * Reports when a billed level is short of countable minutes and minutes left out for
 * `reason` are what it is short of: the practice counted minutes that cannot count.
 * One helper, so each exclusion rule reads the month the same way.
 */
export function reportExcludedShortfall(
  ctx: MonthContext,
  reason: Exclusion,
  report: Reporter,
): void {
  for (const level of billedLevels(ctx)) {
    if (level.counted >= level.required) continue;
    const excluded = level.minutes.excluded.get(reason);
    if (!excluded || excluded.seconds <= 0) continue;
    report({
      messageId: 'needed',
      data: {
        code: level.base,
        excludedMinutes: minutesLabel(excluded.seconds),
        countableMinutes: minutesLabel(level.counted),
        requiredMinutes: level.required / 60,
      },
      evidence: {
        ...levelEvidence(level),
        excludedEntryIds: excluded.entryIds,
        excludedSeconds: excluded.seconds,
      },
    });
  }
}

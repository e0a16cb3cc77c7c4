import type { Coverage } from '@chronicle/dataset';
import type { PlanPolicy } from './plan-policy.js';

// Whether the plan's policy applies to a date of service: the patient is the plan's member
// then. The dataset records the kind of coverage, not the plan's name, so every patient
// with a listed coverage kind (Medicare Advantage by default) is taken to be a member: a
// practice contracting with several MA plans would see this plan's rules on all of them.

/** True when a coverage period of a listed kind includes the date (both ends inclusive). */
export function isMember(
  coverage: readonly Coverage[],
  date: string,
  policy: Pick<PlanPolicy, 'coverageKinds'>,
): boolean {
  return coverage.some(
    (c) =>
      policy.coverageKinds.includes(c.kind) &&
      c.start <= date &&
      (c.end === undefined || c.end >= date),
  );
}

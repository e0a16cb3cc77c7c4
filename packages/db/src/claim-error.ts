import { formatProblem, type Problem } from '@chronicle/dataset';

/**
 * A claim request refused, with what kind of refusal it is: something named does not
 * exist, the rules or the documentation stand in the way (each problem says how), or the
 * claim is not in a state the step can start from. Closed months and stale versions have
 * errors of their own (ClosedMonthError, StaleWriteError).
 */
export class ClaimError extends Error {
  override name = 'ClaimError';
  constructor(
    readonly kind: 'not-found' | 'blocked' | 'conflict',
    readonly problems: Problem[],
  ) {
    super(problems.map(formatProblem).join('\n'));
  }
}

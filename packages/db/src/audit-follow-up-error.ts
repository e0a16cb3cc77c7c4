import { formatProblem, problemsFromZod, type Problem } from '@chronicle/dataset';
import type { z } from 'zod';

// What the follow-up of an audit (corrective-action plans, overpayment cases) refuses, and
// why: each refusal kind has one meaning, which the API maps to its status. A stale
// version keeps its own error (StaleWriteError), as on every other edited record.

export const FOLLOW_UP_REFUSALS = ['invalid', 'not-found', 'conflict'] as const;
export type FollowUpRefusal = (typeof FOLLOW_UP_REFUSALS)[number];

export class AuditFollowUpError extends Error {
  override name = 'AuditFollowUpError';
  constructor(
    /**
     * invalid: the input cannot be recorded as given; not-found: what it names does not
     * exist in the organization; conflict: the stored state does not allow it now.
     */
    readonly refusal: FollowUpRefusal,
    readonly problems: Problem[],
  ) {
    super(problems.map(formatProblem).join('\n'));
  }
}

export function refuseFollowUp(refusal: FollowUpRefusal, path: string, message: string): never {
  throw new AuditFollowUpError(refusal, [{ path, message }]);
}

/** The input parsed by its schema, or every problem with it, named by path. */
export function parseFollowUp<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success)
    throw new AuditFollowUpError('invalid', problemsFromZod(result.error, input));
  return result.data;
}

import { formatProblem, problemsFromZod, type Problem } from '@chronicle/dataset';
import type { z } from 'zod';
import { unstorableStrings } from './unstorable-text.js';

// What the care-record functions (consents, care plans, time, timers, clinician links)
// refuse, and why: each refusal kind has one meaning, which the API maps to its status.
// Closed months and stale versions keep their own errors (closed-months.ts).

export const CARE_RECORD_REFUSALS = ['invalid', 'not-found', 'not-allowed', 'conflict'] as const;
export type CareRecordRefusal = (typeof CARE_RECORD_REFUSALS)[number];

export class CareRecordError extends Error {
  override name = 'CareRecordError';
  constructor(
    /**
     * invalid: the input cannot be recorded as given; not-found: what it names does not
     * exist; not-allowed: the user may not record it (who they are in the practice);
     * conflict: the stored state does not allow it now.
     */
    readonly refusal: CareRecordRefusal,
    readonly problems: Problem[],
  ) {
    super(problems.map(formatProblem).join('\n'));
  }
}

export function refuse(refusal: CareRecordRefusal, path: string, message: string): never {
  throw new CareRecordError(refusal, [{ path, message }]);
}

/** The input parsed by its schema, or every problem with it, named by path. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new CareRecordError('invalid', problemsFromZod(result.error, input));
  refuseUnstorable(result.data);
  return result.data;
}

/**
 * Refuses strings holding the NUL character (U+0000), which JSON allows but PostgreSQL's
 * text and jsonb cannot store, before anything is written or queried with them.
 */
export function refuseUnstorable(value: unknown): void {
  const problems = unstorableStrings(value, (text) =>
    text.includes('\u0000')
      ? 'contains the NUL character (\\u0000), which cannot be stored'
      : undefined,
  );
  if (problems.length > 0) throw new CareRecordError('invalid', problems);
}

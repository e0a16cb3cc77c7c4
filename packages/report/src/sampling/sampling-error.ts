import type { z } from 'zod';

// One error type for every bad input to sampling, carrying the name of the field at fault
// so that the CLI and the server can point at the option the person typed.

export class SamplingError extends Error {
  override readonly name = 'SamplingError';

  constructor(
    /** The input at fault: `seed`, `size`, `confidence`, `report`, ... */
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/**
 * Parses with a zod schema, turning its first issue into a SamplingError naming the field
 * (`whole` when the value itself is wrong, e.g. not an object).
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  whole = 'options',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new SamplingError(whole, 'invalid');
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys')
    throw new SamplingError([...path, issue.keys[0]].join('.'), 'is not a known option');
  throw new SamplingError(path.join('.') || whole, issue.message);
}

import type { z } from 'zod';

/** One thing wrong with a document, located by a path such as `patients[3].timeEntries[0].end`. */
export interface Problem {
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(document)' : out;
}

export function formatProblem(problem: Problem): string {
  return `${problem.path}: ${problem.message}`;
}

/**
 * The issues as problems. Pass the parsed `input` too: zod leaves it out of its issues (it
 * may be patient data), and without it a value of the wrong type cannot be told from a
 * missing one, so both read "is required".
 */
export function problemsFromZod(error: z.ZodError, input?: unknown): Problem[] {
  // zod also runs a string's length check on an array (it has a length too): a value of the
  // wrong type gets one problem, its type.
  const mistyped = new Set(
    error.issues.filter((i) => i.code === 'invalid_type').map((i) => formatPath(i.path)),
  );
  return error.issues
    .filter((issue) => issue.code === 'invalid_type' || !mistyped.has(formatPath(issue.path)))
    .map((issue) => ({
      path: formatPath(issue.path),
      message: describeIssue(issue, input),
    }));
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined ? 'is required' : `must be ${issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

import type { z } from 'zod';
import { formatPath } from '@chronicle/dataset';

// A resource with a malformed element is not thrown away whole: the element is cut out
// (the array item holding it, else the top-level element), reported, and the resource is
// read again without it. If what is left is not enough for a record, the mapper rejects
// it as it would any incomplete resource.

export interface Salvaged<T> {
  value?: T;
  problems: Array<{ path: string; message: string }>;
}

const CUT = Symbol('cut');

export function salvage<T>(schema: z.ZodType<T>, resource: Record<string, unknown>): Salvaged<T> {
  const first = schema.safeParse(resource);
  if (first.success) return { value: first.data, problems: [] };
  const problems = first.error.issues.map((issue) => {
    const path = formatPath(issue.path);
    return { path: path === '(document)' ? '' : path, message: describe(issue, resource) };
  });
  const copy = structuredClone(resource);
  for (const issue of first.error.issues) {
    const path = issue.path;
    const lastIndex = path.findLastIndex((k) => typeof k === 'number');
    const cutAt = lastIndex >= 0 ? lastIndex : 0;
    if (path.length === 0) return { problems };
    let node: unknown = copy;
    for (const key of path.slice(0, cutAt)) node = (node as Record<PropertyKey, unknown>)?.[key];
    if (node === null || typeof node !== 'object') continue;
    const key = path[cutAt] as PropertyKey;
    if (Array.isArray(node)) node[key as number] = CUT;
    else delete (node as Record<PropertyKey, unknown>)[key];
  }
  const again = schema.safeParse(prune(copy));
  return again.success ? { value: again.data, problems } : { problems };
}

function prune(value: unknown): unknown {
  if (Array.isArray(value)) {
    const kept = value.filter((v) => v !== CUT).map(prune);
    return kept.length > 0 ? kept : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const p = prune(v);
      if (p !== undefined) out[k] = p;
    }
    return out;
  }
  return value;
}

/** zod leaves the input out of its issues (it may be patient data): whether it was there is read here. */
function describe(issue: z.core.$ZodIssue, resource: Record<string, unknown>): string {
  if (issue.code !== 'invalid_type') return issue.message;
  let value: unknown = resource;
  for (const key of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value === undefined ? 'is required' : `must be ${issue.expected}`;
}

import type { Problem } from '@chronicle/dataset';

// Text PostgreSQL cannot store as it was sent: the NUL character (U+0000), which JSON
// allows as \u0000 and text and jsonb refuse, and half of a UTF-16 surrogate pair (JSON's
// "\ud800" alone), which is not text at all and which jsonb refuses. The dataset import,
// the care-record writes and the API's input check each find such strings with
// `unstorableStrings`, in their own words.

/** Half of a UTF-16 surrogate pair with no other half. */
export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Every string of `value` for which `why` gives a reason, by path (`a.b[2].c`; the value
 * itself is `(input)`), in document order. With `key`, object keys are checked too, each
 * problem's message made from the reason by `key`. Iterative: input nested however deep.
 */
export function unstorableStrings(
  value: unknown,
  why: (text: string) => string | undefined,
  key?: (reason: string) => string,
): Problem[] {
  const problems: Problem[] = [];
  // Each entry: a value, its path, and the key it is held under (checked with it).
  const stack: Array<[unknown, string, string?]> = [[value, '']];
  while (stack.length > 0) {
    const [item, path, name] = stack.pop() as [unknown, string, string?];
    const keyReason = key && name !== undefined ? why(name) : undefined;
    if (keyReason) problems.push({ path, message: (key as (r: string) => string)(keyReason) });
    if (typeof item === 'string') {
      const reason = why(item);
      if (reason) problems.push({ path: path || '(input)', message: reason });
    } else if (Array.isArray(item)) {
      // Pushed last first, so that they are visited, and their problems listed, in order.
      for (let i = item.length - 1; i >= 0; i--) stack.push([item[i], `${path}[${i}]`]);
    } else if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [childName, child] = entries[i] as [string, unknown];
        stack.push([child, path ? `${path}.${childName}` : childName, childName]);
      }
    }
  }
  return problems;
}

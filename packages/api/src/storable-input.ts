import { LONE_SURROGATE } from '@chronicle/db';
import type { Problem } from './errors.js';

// JSON may carry half of a UTF-16 surrogate pair (`"\ud800"`), which no text is made of:
// PostgreSQL's jsonb refuses it, failing the write halfway as an internal error, and its
// text would store U+FFFD instead, so that what is read back is not what was sent. Every
// string of an input, keys included, is checked before any query; the walk is iterative,
// for input nested however deep.

const MESSAGE = 'contains half of a surrogate pair (a lone \\uD800-\\uDFFF), which is not text';

/** The paths of the input's strings (and keys) that hold a lone surrogate. */
export function unstorableStrings(input: unknown): Problem[] {
  const problems: Problem[] = [];
  const stack: Array<[unknown, string]> = [[input, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, string];
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) problems.push({ path: path || '(input)', message: MESSAGE });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, `${path}[${i}]`]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        if (LONE_SURROGATE.test(key)) problems.push({ path: at, message: `its name ${MESSAGE}` });
        stack.push([item, at]);
      }
    }
  }
  return problems.reverse();
}

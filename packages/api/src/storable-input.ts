import { LONE_SURROGATE, unstorableStrings } from '@chronicle/db';
import type { Problem } from './errors.js';

// JSON may carry half of a UTF-16 surrogate pair (`"\ud800"`), which no text is made of:
// PostgreSQL's jsonb refuses it, failing the write halfway as an internal error, and its
// text would store U+FFFD instead, so that what is read back is not what was sent. Every
// string of an input, keys included, is checked before any query (the db package's walk,
// iterative, for input nested however deep).

const MESSAGE = 'contains half of a surrogate pair (a lone \\uD800-\\uDFFF), which is not text';

/** The paths of the input's strings (and keys) that hold a lone surrogate. */
export function unstorableInput(input: unknown): Problem[] {
  return unstorableStrings(
    input,
    (text) => (LONE_SURROGATE.test(text) ? MESSAGE : undefined),
    (reason) => `its name ${reason}`,
  );
}

import { describe, expect, it } from 'vitest';
import { LONE_SURROGATE, unstorableStrings } from '../src/index.js';

// The one walk that the dataset import, the care-record writes and the API's input check
// share to find text the database cannot store: every string, keys when asked, by path and
// in document order, however deep. (The import's refusals themselves are in
// import-export.test.ts, the API's in apps/server/test/input-fuzz.test.ts.)

const nul = (text: string) => (text.includes('\u0000') ? 'NUL' : undefined);

describe('unstorableStrings', () => {
  it('names each string by path in document order, a key just before what it holds', () => {
    const value = {
      a: 'ok',
      'b\u0000': { c: ['fine', 'x\u0000', { d: '\u0000' }] },
      e: '\u0000',
    };
    expect(unstorableStrings(value, nul, (reason) => `key ${reason}`)).toEqual([
      { path: 'b\u0000', message: 'key NUL' },
      { path: 'b\u0000.c[1]', message: 'NUL' },
      { path: 'b\u0000.c[2].d', message: 'NUL' },
      { path: 'e', message: 'NUL' },
    ]);
    // Without a key check, keys are not looked at.
    expect(unstorableStrings(value, nul).map((p) => p.path)).toEqual([
      'b\u0000.c[1]',
      'b\u0000.c[2].d',
      'e',
    ]);
  });

  it('names the value itself (input), and finds nothing in numbers, booleans and null', () => {
    expect(unstorableStrings('\u0000', nul)).toEqual([{ path: '(input)', message: 'NUL' }]);
    expect(unstorableStrings([1, true, null, { n: 2 }], nul)).toEqual([]);
  });

  it('walks input nested far deeper than the call stack allows', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorableStrings(deep, nul)).toEqual([{ path: '[0]'.repeat(100_000), message: 'NUL' }]);
  });

  it('tells a lone surrogate from a whole pair', () => {
    for (const text of ['\uD800', 'a\uDC00b', '\uDBFF', 'x\uD800\uD800\uDC00'])
      expect(LONE_SURROGATE.test(text), JSON.stringify(text)).toBe(true);
    for (const text of ['', 'plain', '👩‍⚕️', '\uD800\uDC00'])
      expect(LONE_SURROGATE.test(text), text).toBe(false);
  });
});

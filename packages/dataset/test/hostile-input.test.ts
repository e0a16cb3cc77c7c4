import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatPath,
  parseDataset,
  parseDatasetJson,
  type Dataset,
  type ParseResult,
} from '@chronicle/dataset';

// Issue 8, hostile input: whatever a dataset file holds, the parser (parseDataset, and
// parseDatasetJson for text; the CLI reads a file as JSON.parse then parseDataset) returns
// a value, never throws: the dataset, or problems that each name a path. Free text carrying
// markup, SQL or odd unicode is data like any other and comes back unchanged.

const examples = join(import.meta.dirname, '../../../fixtures/examples');
const base = (
  JSON.parse(readFileSync(join(examples, '03-complex-99487.json'), 'utf8')) as {
    dataset: Dataset;
  }
).dataset;

const INJECTION = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE patients; --",
  "' OR '1'='1",
  'Robert"); DELETE FROM time_entries; --',
  '</style><svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '${process.exit(1)}',
  '=HYPERLINK("http://example.invalid","x")',
];
const UNICODE = [
  '\uD800', // lone high surrogate
  'a\uDC00b', // lone low surrogate
  'nul\u0000inside',
  '\u202Eevil\u202C', // right-to-left override
  '\u200F\u200E\u2067x\u2069', // RTL/LTR marks and isolates
  'e\u0301\u0301\u0301', // stacked combining marks
  '👩‍⚕️🧑🏽‍🦳🇺🇸',
  '\uFEFFbom',
  '\u2028\u2029',
  'Zoë Ångström-Núñez',
];
/** Names of Object.prototype's members, as keys and values. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
/** Strings a hostile or careless source puts in a text field. */
const hostileString = fc.oneof(
  fc.constantFrom(...INJECTION, ...UNICODE, ...PROTOTYPE_KEYS),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
  fc
    .tuple(fc.constantFrom(...INJECTION), fc.constantFrom(...UNICODE))
    .map(([a, b]) => `${b}${a}${b}`),
);

type Key = string | number;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every node of a JSON document with its path, the root excluded. */
function nodes(value: Json, path: Key[] = []): Array<{ path: Key[]; value: Json }> {
  const children: Array<[Key, Json]> = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : value !== null && typeof value === 'object'
      ? Object.entries(value)
      : [];
  return children.flatMap(([k, v]) => [
    { path: [...path, k], value: v },
    ...nodes(v, [...path, k]),
  ]);
}

function setAt(doc: Json, path: Key[], value: Json | undefined): Json {
  const copy = structuredClone(doc);
  let node = copy as Record<Key, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<Key, Json>;
  const last = path.at(-1) as Key;
  if (value === undefined) delete node[last];
  // Defined, not assigned: a key "__proto__" is then a key like any other, as JSON.parse makes it.
  else
    Object.defineProperty(node, last, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

/** The base document with the text in every field listed (cloned once: the text may be large). */
function plantAll(leaves: Array<{ path: Key[] }>, text: string): Json {
  const doc = structuredClone(base) as unknown as Json;
  for (const { path } of leaves) {
    let node = doc as Record<Key, Json>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<Key, Json>;
    node[path.at(-1) as Key] = text;
  }
  return doc;
}

const typeOf = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** The result is a dataset, or problems that each say where. */
function expectWellFormed(result: ParseResult<Dataset>): void {
  if (result.ok) return;
  expect(result.problems.length).toBeGreaterThan(0);
  for (const p of result.problems) {
    expect(p.path).toMatch(/\S/);
    expect(p.message).toMatch(/\S/);
  }
}

const ALL = nodes(base as unknown as Json);
const STRING_LEAVES = ALL.filter((n) => typeof n.value === 'string');
/** Fields whose content is the source's own words: any text goes. */
const FREE_TEXT =
  /^(practice\.name|clinicians\[\d+\]\.name|patients\[\d+\]\.(mrn|name\.(given|family)|conditions\[\d+\]\.display|timeEntries\[\d+\]\.activity))$/;
const FREE_TEXT_LEAVES = STRING_LEAVES.filter((n) => FREE_TEXT.test(formatPath(n.path)));

describe('hostile dataset input', () => {
  it('the base document is valid and has free text to plant strings in', () => {
    expect(parseDataset(base)).toEqual({ ok: true, value: base });
    expect(FREE_TEXT_LEAVES.length).toBeGreaterThanOrEqual(10);
  });

  it('never throws on arbitrary JSON values or text, headed as a dataset or not', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.boolean(),
        fc.string({ unit: 'binary', maxLength: 200 }),
        (value, headed, text) => {
          const doc =
            headed && value !== null && typeof value === 'object' && !Array.isArray(value)
              ? { ...value, format: 'ccm-dataset', version: 1 }
              : value;
          expectWellFormed(parseDataset(doc));
          expectWellFormed(parseDatasetJson(JSON.stringify(doc)));
          expectWellFormed(parseDatasetJson(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports a value of the wrong type at its path as "must be ...", not as missing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL), fc.jsonValue(), ({ path, value }, other) => {
        fc.pre(typeOf(other as Json) !== typeOf(value));
        const result = parseDataset(setAt(base as unknown as Json, path, other as Json));
        expectWellFormed(result);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        const at = formatPath(path);
        const here = result.problems.filter((p) => p.path === at);
        expect(here.length, JSON.stringify(result.problems)).toBeGreaterThan(0);
        for (const p of here) expect(p.message).toMatch(/^must be /);
      }),
      { numRuns: 300 },
    );
  });

  it('issue 8: says "must be string" for a number name and nothing more for a list id or entry', () => {
    const doc = structuredClone(base) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a fixture mutated into invalid shapes
    doc.practice.name = 5;
    doc.patients[0].carePlans[0].id = [];
    doc.patients[0].timeEntries[0] = 'a note';
    const result = parseDataset(doc);
    expect(result.ok ? [] : result.problems).toEqual([
      { path: 'practice.name', message: 'must be string' },
      { path: 'patients[0].carePlans[0].id', message: 'must be string' },
      { path: 'patients[0].timeEntries[0]', message: 'must be object' },
    ]);
  });

  it('names the object holding an unknown key, and the path of a removed one', () => {
    const objects = [{ path: [] as Key[], value: base as unknown as Json }, ...ALL].filter(
      (n) => typeOf(n.value) === 'object',
    );
    fc.assert(
      fc.property(fc.constantFrom(...objects), hostileString, ({ path, value }, key) => {
        fc.pre(!Object.hasOwn(value as object, key));
        const result = parseDataset(setAt(base as unknown as Json, [...path, key], 'x'));
        expectWellFormed(result);
        expect(result.ok ? [] : result.problems).toContainEqual(
          expect.objectContaining({
            path: formatPath(path),
            message: expect.stringMatching(/^unknown key /),
          }),
        );
      }),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...ALL), ({ path }) => {
        // Optional fields may go; a required one is reported where it was.
        const result = parseDataset(setAt(base as unknown as Json, path, undefined));
        expectWellFormed(result);
      }),
      { numRuns: 150 },
    );
  });

  it('takes injection strings and unicode edge cases in any string field without throwing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STRING_LEAVES), hostileString, ({ path }, text) => {
        const doc = setAt(base as unknown as Json, path, text);
        const result = parseDataset(doc);
        expectWellFormed(result);
        // Nothing is transformed: what is accepted is what was given.
        if (result.ok) expect(result.value).toEqual(doc);
        else if (!/(^|\.)id$/.test(formatPath(path)))
          // A changed id is fine in itself; what refers to it is reported instead.
          expect(result.problems.map((p) => p.path)).toContain(formatPath(path));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps hostile free text and ids byte for byte, through JSON text as well', () => {
    const clinicianIds = base.clinicians.map((c) => c.id);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...FREE_TEXT_LEAVES), hostileString), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.constantFrom(...clinicianIds),
        hostileString,
        (plants, clinicianId, newId) => {
          let doc = base as unknown as Json;
          for (const [{ path }, text] of plants) doc = setAt(doc, path, text);
          // An id renamed wherever it is used: any non-empty string is an id.
          fc.pre(!clinicianIds.includes(newId));
          const renamed = JSON.parse(
            JSON.stringify(doc, (_k, v: unknown) => (v === clinicianId ? newId : v)),
          ) as Json;
          for (const input of [doc, renamed]) {
            const result = parseDataset(input);
            expect(result).toEqual({ ok: true, value: input });
            // JSON.stringify writes a lone surrogate as an escape, which parses back to it.
            expect(parseDatasetJson(JSON.stringify(input))).toEqual({ ok: true, value: input });
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('takes a 1 MB string in every string field without throwing, and keeps it in free text', () => {
    const big = `${'<script>alert(1)</script>'.repeat(40_000)}\uD800`.slice(0, 1 << 20);
    const everywhere = plantAll(STRING_LEAVES, big);
    const result = parseDataset(everywhere);
    expectWellFormed(result);
    expect(result.ok).toBe(false);
    const freeText = plantAll(FREE_TEXT_LEAVES, big);
    expect(parseDataset(freeText)).toEqual({ ok: true, value: freeText });
    const text = JSON.stringify(freeText);
    expect(text.length).toBeGreaterThan(10 << 20);
    expect(parseDatasetJson(text)).toEqual({ ok: true, value: freeText });
  });

  // V8's JSON.parse does not recurse on the call stack, and the schema reads only the
  // levels a dataset has: a value nested far deeper is refused at its first wrong level.
  // No depth bound is needed; this checks that none is hit at depths far past any dataset.
  it.each([10_000, 100_000])(
    'refuses arrays and objects nested %i deep by path, without a stack overflow',
    (depth) => {
      const arrays = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const objects = `${'{"a":'.repeat(depth)}null${'}'.repeat(depth)}`;
      for (const deep of [arrays, objects]) {
        const whole = parseDatasetJson(deep);
        expectWellFormed(whole);
        expect(whole.ok).toBe(false);
        const inField = parseDatasetJson(
          JSON.stringify(base)
            .replace('"Harold"', deep)
            .replace('"practice":{', `"practice":{"deep":${deep},`),
        );
        expectWellFormed(inField);
        expect(inField.ok ? [] : inField.problems).toEqual([
          { path: 'practice', message: 'unknown key "deep"' },
          { path: 'patients[0].name.given', message: expect.stringMatching(/^must be string/) },
        ]);
        const asRecords = parseDataset({ ...base, clinicians: JSON.parse(deep) as unknown });
        expectWellFormed(asRecords);
      }
    },
  );

  it('reports a byte order mark before the document as a syntax error (one inside text is kept, above)', () => {
    const withBom = parseDatasetJson(`\uFEFF${JSON.stringify(base)}`);
    expect(withBom.ok ? [] : withBom.problems.map((p) => p.path)).toEqual(['(document)']);
    expect(withBom.ok ? '' : withBom.problems[0]?.message).toMatch(/^not valid JSON/);
  });
});

import type { Dataset } from '@chronicle/dataset';
import { generateDataset } from '@chronicle/synthetic';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  datasetToFhir,
  fhirToDataset,
  ndjsonToDataset,
  type FhirImportResult,
} from '../src/index.js';
import { READ_SCHEMAS } from '../src/fhir-schemas.js';

// Issue 8, hostile input: whatever a Bundle or an NDJSON file holds, the import returns a
// dataset and a report and throws nothing. A resource it cannot read is rejected with a
// problem located as `Type/id.path` (or skipped, docs/admin/fhir.md), the resources around
// it are still used, and text carrying markup, SQL or odd unicode arrives unchanged.

const INJECTION = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE patients; --",
  "' OR '1'='1",
  '</style><svg onload=alert(1)>',
  'javascript:alert(1)',
  '=HYPERLINK("http://example.invalid","x")',
];
const UNICODE = [
  '\uD800',
  'a\uDC00b',
  'nul\u0000inside',
  '\u202Eevil\u202C',
  '\u200F\u200Ex\u2069',
  'e\u0301\u0301',
  '👩‍⚕️🇺🇸',
  '\uFEFFbom',
  'line\u2028break',
];
/** Names of Object.prototype's members: a lookup table keyed by input must not find them. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
const hostileString = fc.oneof(
  fc.constantFrom(...INJECTION, ...UNICODE, ...PROTOTYPE_KEYS),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
  fc
    .tuple(fc.constantFrom(...INJECTION), fc.constantFrom(...UNICODE))
    .map(([a, b]) => `${b}${a}${b}`),
);
/** Any JSON, hostile strings included. */
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileString);

const dataset = generateDataset({ seed: 8, patients: 3, year: 2026, months: 2 });
const PRACTICE = dataset.practice;
type Resource = Record<string, unknown> & { resourceType: string; id?: string };
const bundle = JSON.parse(JSON.stringify(datasetToFhir(dataset))) as {
  resourceType: 'Bundle';
  entry: Array<{ resource: Resource }>;
};
const resources = bundle.entry.map((e) => e.resource);
const [victim, bystander] = dataset.patients.map((p) => p.id) as [string, string];
/** The victim's own resources: its Patient and those that name it. */
const victimIndexes = resources
  .map((r, i) => ({ r, i }))
  .filter(({ r }) => r.id === victim || JSON.stringify(r).includes(`"Patient/${victim}"`))
  .map(({ i }) => i);

/** The resource types the import reads. */
const READ_TYPES = Object.keys(READ_SCHEMAS);
/** Elements the import reads, to put random values where it looks. */
const ELEMENTS = [
  'id',
  'identifier',
  'extension',
  'name',
  'birthDate',
  'deceasedDateTime',
  'subject',
  'patient',
  'beneficiary',
  'code',
  'category',
  'clinicalStatus',
  'onsetDateTime',
  'period',
  'performedPeriod',
  'performer',
  'participant',
  'class',
  'type',
  'status',
  'intent',
  'author',
  'created',
  'provision',
  'item',
  'diagnosis',
  'careTeam',
  'billablePeriod',
  'note',
  'qualification',
];
const arbitraryResource = fc
  .tuple(
    fc.oneof(fc.constantFrom(...READ_TYPES, 'Bundle', 'Observation'), hostileString),
    fc.dictionary(fc.constantFrom(...ELEMENTS), anyValue, { maxKeys: 6 }),
  )
  .map(([resourceType, fields]) => ({ ...fields, resourceType }));

function expectSound(result: FhirImportResult): void {
  const { report } = result;
  for (const p of report.problems) {
    expect(p.message).toMatch(/\S/);
    // Input that is no resource is located by where it was (`[3]`, `Bundle.entry[0]`, a
    // file's line); a resource's problem by `Type/id` (or `Type/(no id)`) and its element.
    if (p.resourceType === '(input)' || p.resourceType === 'Bundle') expect(p.id).toBeUndefined();
    else
      expect(p.location.startsWith(`${p.resourceType}/${p.id ?? '(no id)'}`), p.location).toBe(
        true,
      );
  }
  const counted = [
    ...Object.values(report.used),
    ...Object.values(report.rejected),
    ...Object.values(report.skipped).flatMap((reasons) => Object.values(reasons)),
  ].reduce((a, b) => a + b, 0);
  expect(counted).toBe(report.resources);
}

type Key = string | number;
function paths(value: unknown, path: Key[] = []): Key[][] {
  if (value === null || typeof value !== 'object') return [];
  const children = Array.isArray(value)
    ? value.map((v, i): [Key, unknown] => [i, v])
    : Object.entries(value);
  return children.flatMap(([k, v]) => [[...path, k], ...paths(v, [...path, k])]);
}

function mutate(resource: Resource, path: Key[], value: unknown): Resource {
  const copy = structuredClone(resource);
  let node = copy as Record<Key, unknown>;
  for (const key of path.slice(0, -1)) node = node?.[key] as Record<Key, unknown>;
  // An earlier mutation may have taken the element away.
  if (node === null || typeof node !== 'object') return copy;
  if (value === undefined) delete node[path.at(-1) as Key];
  else node[path.at(-1) as Key] = value;
  return copy;
}

const baseline = fhirToDataset(bundle, { practice: PRACTICE });
const patientIn = (d: Dataset, id: string) => d.patients.find((p) => p.id === id);

describe('hostile FHIR input', () => {
  it('the base Bundle imports whole, with three patients', () => {
    expect(baseline.report.problems).toEqual([]);
    expect(baseline.dataset.patients).toHaveLength(3);
    expect(victimIndexes.length).toBeGreaterThan(5);
  });

  it('never throws on arbitrary JSON, arbitrary resources or bundles of them', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue({ maxDepth: 4 }),
          arbitraryResource,
          fc.array(arbitraryResource, { maxLength: 6 }),
          fc.array(fc.oneof(arbitraryResource, anyValue), { maxLength: 6 }).map((items) => ({
            resourceType: 'Bundle',
            entry: items.map((resource, i) => (i % 3 === 2 ? resource : { resource })),
          })),
        ),
        (input) => expectSound(fhirToDataset(input, { practice: PRACTICE })),
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on NDJSON lines of resources, broken JSON and hostile text', () => {
    const line = fc.oneof(
      arbitraryResource.map((r) => JSON.stringify(r)),
      fc.constantFrom(...resources).map((r) => JSON.stringify(r)),
      hostileString,
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.json({ maxDepth: 3 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(hostileString, fc.array(line, { maxLength: 8 })), { maxLength: 3 }),
        (files) =>
          expectSound(
            ndjsonToDataset(
              files.map(([name, lines]) => ({ name, text: lines.join('\n') })),
              { practice: PRACTICE },
            ),
          ),
      ),
      { numRuns: 200 },
    );
  });

  it("mangling one patient's resources (wrong types, hostile strings, missing ids) leaves another's records whole", () => {
    const mutation = fc
      .constantFrom(...victimIndexes)
      .chain((index) =>
        fc.tuple(
          fc.constant(index),
          fc.constantFrom(...paths(resources[index])),
          fc.option(anyValue, { nil: undefined, freq: 4 }),
        ),
      );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const mangled = [...resources];
        for (const [index, path, value] of mutations)
          mangled[index] = mutate(mangled[index] as Resource, path, value);
        const result = fhirToDataset(
          { resourceType: 'Bundle', entry: mangled.map((resource) => ({ resource })) },
          { practice: PRACTICE },
        );
        expectSound(result);
        // No problem is about the bystander's resources, and its records are all there.
        for (const p of result.report.problems) expect(p.location).not.toContain(bystander);
        expect(patientIn(result.dataset, bystander)).toEqual(
          patientIn(baseline.dataset, bystander),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('rejects a resource without an id by `Type/(no id)` and imports the rest', () => {
    const index = resources.findIndex(
      (r) => r.resourceType === 'Condition' && JSON.stringify(r).includes(victim),
    );
    const withoutId = resources.map((r, i) => {
      if (i !== index) return r;
      const { id: _id, identifier: _identifier, ...rest } = r;
      return rest;
    });
    const result = fhirToDataset(withoutId, { practice: PRACTICE });
    expect(result.report.problems.map((p) => `${p.location}: ${p.message}`)).toEqual([
      'Condition/(no id).id: the resource needs an id',
    ]);
    expect(result.report.rejected).toEqual({ Condition: 1 });
    expect(patientIn(result.dataset, victim)?.conditions).toHaveLength(
      (patientIn(baseline.dataset, victim)?.conditions.length ?? 0) - 1,
    );
  });

  it('keeps hostile names, notes and displays byte for byte, from a Bundle and from NDJSON', () => {
    fc.assert(
      fc.property(
        // Names are read trimmed (FHIR strings carry no white space at their ends, and
        // String.prototype.trim takes a byte order mark for white space too).
        fc.array(
          hostileString.filter((s) => s.trim() === s && s !== ''),
          { minLength: 6, maxLength: 6 },
        ),
        ([given, family, clinician, activity, display, mrn]) => {
          const planted = structuredClone(dataset);
          const patient = planted.patients[0] as Dataset['patients'][number];
          patient.name = { given: given as string, family: family as string };
          patient.mrn = mrn as string;
          (planted.clinicians[0] as { name: string }).name = clinician as string;
          for (const t of patient.timeEntries) t.activity = activity as string;
          for (const c of patient.conditions) c.display = display as string;
          const exported = JSON.parse(JSON.stringify(datasetToFhir(planted))) as typeof bundle;
          const fromBundle = fhirToDataset(exported, { practice: PRACTICE });
          expect(fromBundle.report.problems).toEqual([]);
          expect(fromBundle.dataset).toEqual(planted);
          const ndjson = exported.entry.map((e) => JSON.stringify(e.resource)).join('\n');
          const fromNdjson = ndjsonToDataset([{ name: 'all.ndjson', text: ndjson }], {
            practice: PRACTICE,
          });
          expect(fromNdjson.dataset).toEqual(planted);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('issue 8: reads a resourceType or code named like an Object member ("toString") as a plain string', () => {
    for (const key of PROTOTYPE_KEYS) {
      const practitioner = {
        resourceType: 'Practitioner',
        id: `pr-${key}`,
        name: [{ text: 'Dr. Proto' }],
        qualification: [
          {
            code: {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0360', code: key }],
            },
          },
        ],
      };
      const result = fhirToDataset([...resources, { resourceType: key, id: 'x' }, practitioner], {
        practice: PRACTICE,
      });
      expectSound(result);
      expect(result.report.skipped[key]).toEqual({ 'not used by Chronicle': 1 });
      expect(result.dataset.clinicians.find((c) => c.id === `pr-${key}`)).toMatchObject({
        credential: 'other-clinical',
      });
    }
  });

  it('reads a 1 MB name, note and id without throwing', () => {
    const big = `${'<img src=x onerror=alert(1)>'.repeat(40_000)}`.slice(0, 1 << 20);
    const planted = structuredClone(dataset);
    const patient = planted.patients[0] as Dataset['patients'][number];
    patient.name.family = big;
    for (const t of patient.timeEntries) t.activity = big;
    const exported = JSON.parse(JSON.stringify(datasetToFhir(planted))) as typeof bundle;
    expect(fhirToDataset(exported, { practice: PRACTICE }).dataset).toEqual(planted);
    const hugeId = [...exported.entry.map((e) => e.resource)];
    hugeId.push({ resourceType: 'Condition', id: big, subject: { reference: `Patient/${big}` } });
    expectSound(fhirToDataset(hugeId, { practice: PRACTICE }));
  });

  // Reading a resource recurses (nested extensions, the copy of a malformed one), and so
  // does unpacking bundles in bundles: past a bound the input is refused, not followed
  // until the stack overflows (src/nesting.ts).
  it.each([1_000, 10_000, 100_000])(
    'refuses resources and bundles nested %i deep, and still imports the rest',
    (depth) => {
      // Written as text: JSON.stringify recurses, JSON.parse does not.
      const lines = [
        ...resources.map((r) => JSON.stringify(r)),
        `{"resourceType":"Condition","id":"deep-ext","extension":[${'{"url":"x","extension":['.repeat(depth)}{"url":"x"}${']}'.repeat(depth)}]}`,
        `{"resourceType":"Condition","id":"deep-unknown","code":42,"foo":${'['.repeat(depth)}${']'.repeat(depth)}}`,
        `${'{"resourceType":"Bundle","entry":[{"resource":'.repeat(depth)}{"resourceType":"Observation"}${'}]}'.repeat(depth)}`,
      ];
      const input = lines.map((line) => JSON.parse(line) as unknown);
      const result = fhirToDataset(input, { practice: PRACTICE });
      expectSound(result);
      expect(result.report.problems.map((p) => `${p.location}: ${p.message}`)).toEqual([
        `[${resources.length + 2}]${'.entry[0].resource'.repeat(16)}: bundles nested more than 16 deep; not read`,
        'Condition/deep-ext: nested more than 64 levels deep; not imported',
        'Condition/deep-unknown: nested more than 64 levels deep; not imported',
      ]);
      expect(result.dataset).toEqual(baseline.dataset);
      const ndjson = ndjsonToDataset([{ name: 'Deep.ndjson', text: lines.join('\n') }], {
        practice: PRACTICE,
      });
      expect(ndjson.dataset).toEqual(baseline.dataset);
    },
  );
});

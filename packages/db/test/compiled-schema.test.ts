import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  clinicianSchema,
  patientSchema,
  practiceSchema,
  type Dataset,
  type Patient,
} from '@chronicle/dataset';
import { generateDataset } from '@chronicle/synthetic';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileSchema, INVALID } from '../src/compiled-schema.js';

// The compiled check stands in for the dataset schema's parse on stored records: wherever
// it says valid, zod must say valid and give the same value, keys in the same order. It is
// held to more here (the same verdict as zod on every input tried), which the stored read
// does not need (it asks zod whenever the compiled check says INVALID) but which shows it
// checks all that the schema checks.

const EXAMPLES = join(import.meta.dirname, '../../../fixtures/examples');

function datasets(): Dataset[] {
  const examples = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.json'))
    .map(
      (f) => (JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8')) as { dataset: Dataset }).dataset,
    );
  return [
    ...examples,
    generateDataset({ seed: 3, patients: 60, year: 2026, months: 6 }),
    generateDataset({ seed: 4, patients: 30, year: 2025, months: 6, faultRate: 0.6 }),
  ];
}

const all = datasets();
const patients: Patient[] = all.flatMap((d) => d.patients);
const check = compileSchema(patientSchema);

/** The compiled verdict and value against zod's, through JSON as a stored record comes. */
function agree(input: unknown): { compiled: boolean; zod: boolean } {
  const compiled = check?.(input) ?? INVALID;
  const parsed = patientSchema.safeParse(input);
  if (compiled !== INVALID && parsed.success) {
    expect(JSON.stringify(compiled)).toBe(JSON.stringify(parsed.data));
    expect(isDeepStrictEqual(compiled, parsed.data)).toBe(true);
  }
  return { compiled: compiled !== INVALID, zod: parsed.success };
}

/** Values that sit on the edges of the schema's checks. */
const edgy = fc.constantFrom<unknown>(
  '',
  'x',
  '\u{1F600}',
  '2026-02-28',
  '2028-02-29',
  '2026-02-29',
  '2026-13-01',
  '2026-1-01',
  '2026-03-01T09:00:00-06:00',
  '2026-03-01T09:00:00Z',
  '2026-03-01T09:00:00',
  '2026-03-01T25:00:00Z',
  '1EG4TE5MK72',
  '1EG4TE5MK7',
  'ccm',
  'visit',
  'paid',
  'accepted',
  'moderate',
  0,
  -1,
  0.5,
  1,
  1.5,
  2 ** 53,
  true,
  false,
  null,
  [],
  {},
  [{}],
);

type Path = Array<string | number>;
type Node = Record<string | number, unknown>;

function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

/** Every path to a value inside `value`, the root excluded. */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value))
    return value.flatMap((v, i) => [[...prefix, i], ...paths(v, [...prefix, i])]);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
  return [];
}

type Mutation =
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; value: unknown };

function mutate(patient: Patient, mutations: Mutation[]): unknown {
  const copy = JSON.parse(JSON.stringify(patient)) as Record<string, unknown>;
  for (const m of mutations) {
    const all = paths(copy);
    if (all.length === 0) break;
    const path = all[m.at % all.length] as Path;
    const parent = path.slice(0, -1).reduce<Node>((v, k) => v[k] as Node, copy);
    const key = path[path.length - 1] as string | number;
    if (m.kind === 'set') parent[key] = m.value;
    else if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else {
      const target = parent[key];
      if (typeof target === 'object' && target !== null && !Array.isArray(target))
        Object.defineProperty(target, m.key, {
          value: m.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
  }
  // Through JSON, as the database gives records back.
  return JSON.parse(JSON.stringify(copy));
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.nat(),
    value: fc.oneof(edgy, fc.jsonValue({ maxDepth: 2 })),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    at: fc.nat(),
    key: fc.constantFrom('id', 'extra', 'lines', 'end', 'mbi', 'constructor', '__proto__'),
    value: fc.oneof(edgy, fc.jsonValue({ maxDepth: 1 })),
  }),
);

describe('the compiled dataset schema', () => {
  it('compiles the schemas of stored records', () => {
    expect(check).toBeTypeOf('function');
    expect(compileSchema(practiceSchema)).toBeTypeOf('function');
    expect(compileSchema(clinicianSchema)).toBeTypeOf('function');
  });

  it("passes every valid patient as zod's parse gives it, keys in the schema's order", () => {
    expect(patients.length).toBeGreaterThan(90);
    for (const patient of patients) {
      expect(agree(JSON.parse(JSON.stringify(patient)))).toEqual({ compiled: true, zod: true });
      // jsonb keeps keys in an order of its own: the result must not depend on it.
      expect(agree(reversedKeys(patient))).toEqual({ compiled: true, zod: true });
    }
    for (const [schema, records] of [
      [practiceSchema, all.map((d) => d.practice)],
      [clinicianSchema, all.flatMap((d) => d.clinicians)],
    ] as const) {
      const compiled = compileSchema(schema as z.ZodType<unknown>);
      for (const record of records) expect(compiled?.(record)).toEqual(schema.parse(record));
    }
  });

  it('gives the verdict zod gives on mutated patients', () => {
    const verdicts = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(
        fc.nat({ max: patients.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (i, mutations) => {
          const { compiled, zod } = agree(mutate(patients[i] as Patient, mutations));
          expect(compiled).toBe(zod);
          verdicts[zod ? 'valid' : 'invalid'] += 1;
        },
      ),
      { numRuns: 1000 },
    );
    // Both sides of the line were tried.
    expect(verdicts.valid).toBeGreaterThan(50);
    expect(verdicts.invalid).toBeGreaterThan(50);
  }, 180_000);

  it('says INVALID for the faults a hand edit may leave', () => {
    const patient = patients.find((p) => p.timeEntries.length > 0 && p.claims.length > 0);
    if (!patient) throw new Error('no patient with time and claims');
    const [entry] = patient.timeEntries;
    const [claim] = patient.claims;
    const cases: Array<(p: Node) => void> = [
      (p) => (p.birthDate = '1950-13-45'),
      (p) => (p.extra = 1),
      (p) => delete p.mrn,
      (p) => (p.timeEntries = [{ ...entry, start: '2026-03-01 09:00' }]),
      (p) => (p.claims = [{ ...claim, lines: [] }]),
      (p) => (p.claims = [{ ...claim, lines: [{ code: '99490', units: 1.5 }] }]),
      (p) => (p.mbi = '1EG4TE5MK7O'),
      (p) => (p.coverage = [{ kind: 'medicare-part-c', start: '2020-01-01' }]),
    ];
    for (const edit of cases) {
      const copy = JSON.parse(JSON.stringify(patient)) as Node;
      edit(copy);
      expect(check?.(copy)).toBe(INVALID);
      expect(patientSchema.safeParse(copy).success).toBe(false);
    }
    // A key that JSON.parse makes an own property and an assignment could not.
    const proto = JSON.parse(JSON.stringify(patient).replace('{', '{"__proto__":{},')) as Node;
    expect(Object.keys(proto)).toContain('__proto__');
    expect(check?.(proto)).toBe(INVALID);
    expect(patientSchema.safeParse(proto).success).toBe(false);
  });

  it('leaves to zod the kinds of schema it does not know', () => {
    for (const schema of [
      z.string().transform((s) => s.length),
      z.union([z.string(), z.number()]),
      z.strictObject({ a: z.string().default('x') }),
      z.looseObject({ a: z.string() }),
      z.object({ a: z.string().email() }),
      z.array(z.number().nullable()),
      z.strictObject({ a: z.string().catch('x') }),
      z.date(),
    ])
      expect(compileSchema(schema as z.ZodType<unknown>)).toBeUndefined();
  });

  it('strips the unknown keys of a plain object, as zod does', () => {
    const schema = z.object({ a: z.string(), b: z.number().int().min(1).optional() });
    const compiled = compileSchema(schema);
    expect(compiled?.({ z: 1, a: 'x' })).toEqual(schema.parse({ z: 1, a: 'x' }));
    expect(Object.keys(compiled?.({ b: 2, a: 'x', c: 3 }) as object)).toEqual(['a', 'b']);
    expect(compiled?.({ a: 'x', b: 0 })).toBe(INVALID);
  });
});

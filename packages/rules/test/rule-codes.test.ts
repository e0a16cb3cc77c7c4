import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDataset, type Claim, type Dataset } from '@chronicle/dataset';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODES, CONFLICT_CODES } from '../src/codes/code-catalogue.js';
import { audit, cmsRules, policySchema, type Rule } from '../src/index.js';
import { entry, patientOf, scenario } from './support/scenario.js';

// A rule's `meta.codes` lets the engine skip it on a month that bills none of them. The
// skip must never change a report: each case is audited with the catalogue as it is and
// with the codes taken away, so that every rule runs on every month.

const unskipped: readonly Rule[] = cmsRules.map((rule) => {
  const { codes: _, ...meta } = rule.meta;
  return { ...rule, meta };
});

const KNOWN = new Set([...CODES.map((c) => c.code), ...CONFLICT_CODES]);

describe('rules that declare their codes', () => {
  it('declare only codes of the catalogue (a misspelt code would silence the rule)', () => {
    for (const rule of cmsRules)
      for (const code of rule.meta.codes ?? [])
        expect(KNOWN.has(code), `${rule.meta.id}: ${code}`).toBe(true);
  });

  const EXAMPLES = join(import.meta.dirname, '../../../fixtures/examples');
  const examples = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const parsed = parseDataset(
        (JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8')) as { dataset: unknown }).dataset,
      );
      if (!parsed.ok) throw new Error(`${f} is not a valid dataset`);
      return [f, parsed.value] as const;
    });

  it.each(examples)('give the same report when never skipped: %s', (_name, dataset) => {
    expect(audit(dataset)).toEqual(audit(dataset, { rules: unskipped }));
  });

  // Lines drawn from every code the rules speak of, conflicting services and a visit code.
  const code = fc.constantFrom(...KNOWN, '99214');
  const lines = fc.array(fc.tuple(code, fc.integer({ min: 1, max: 3 })), { maxLength: 4 });
  const month = fc.constantFrom('2016-05', '2019-10', '2020-06', '2021-03', '2022-11', '2025-04');
  const minutes = fc.array(fc.integer({ min: 1, max: 45 }), { maxLength: 5 });

  it('give the same report when never skipped, on generated months', () => {
    fc.assert(
      fc.property(
        fc.record({
          month,
          own: lines,
          earlier: lines,
          other: lines,
          staff: minutes,
          practitioner: fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 2 }),
          pcm: minutes,
          day: fc.integer({ min: 1, max: 28 }),
          setting: fc.constantFrom('office', 'rhc', 'fqhc', 'hospital-outpatient'),
          policy: fc.record({
            pcmWithCcmOtherPractitioner: fc.constantFrom('allowed', 'warning', 'error'),
            dateOfService: fc.constantFrom('threshold-or-later', 'month-end'),
            consentRenewal: fc.constantFrom('never', 'annual'),
          }),
        }),
        (c) => {
          const dataset = generated(c);
          const policy = policySchema.parse(c.policy);
          expect(audit(dataset, { policy })).toEqual(audit(dataset, { policy, rules: unskipped }));
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);
});

function generated(c: {
  month: string;
  own: Array<[string, number]>;
  earlier: Array<[string, number]>;
  other: Array<[string, number]>;
  staff: number[];
  practitioner: number[];
  pcm: number[];
  day: number;
  setting: string;
}): Dataset {
  const day = String(c.day).padStart(2, '0');
  const d = scenario({
    month: c.month,
    staff: c.staff,
    practitioner: c.practitioner,
    lines: c.own,
    dateOfService: `${c.month}-${day}`,
  });
  (d.practice as { setting: string }).setting = c.setting;
  const p = patientOf(d);
  c.pcm.forEach((m, i) => p.timeEntries.push(entry(`t-pcm${i}`, 'c-ma', c.month, 3 + i, m, 'pcm')));
  const claim = (id: string, date: string, by: string, l: Array<[string, number]>): Claim => ({
    id,
    dateOfService: date,
    billingPractitionerId: by,
    status: 'submitted',
    lines: l.map(([code, units]) => ({ code, units })),
  });
  // The month before (first billed months, repeated G0506) and another practitioner's month.
  const [year, m] = c.month.split('-').map(Number) as [number, number];
  const before = m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
  if (c.earlier.length > 0) p.claims.push(claim('cl-early', `${before}-${day}`, 'c-md', c.earlier));
  if (c.other.length > 0) p.claims.push(claim('cl-other', `${c.month}-${day}`, 'c-np', c.other));
  return d;
}

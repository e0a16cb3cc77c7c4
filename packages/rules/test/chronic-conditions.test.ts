import { describe, expect, it } from 'vitest';
import { classifyCondition } from '../src/codesets/chronic-conditions.js';

const icd = (code: string, chronic?: boolean) =>
  classifyCondition({ system: 'icd-10-cm', code, ...(chronic === undefined ? {} : { chronic }) });

describe('classifyCondition', () => {
  it.each([
    ['I10', 'hypertension'],
    ['E11.9', 'diabetes'],
    ['J44.9', 'copd'],
    ['N18.3', 'chr_kidney_dis'],
    ['I48.91', 'atrial_fib'],
    ['G30.9', 'alzheimer'],
    ['F32.9', 'depression'],
  ])('finds %s in the CCW category %s', (code, category) => {
    expect(icd(code)).toMatchObject({ chronic: true, basis: 'ccw', category });
  });

  it('normalises dots, case and spaces before the lookup', () => {
    expect(icd('e11.9')).toMatchObject({ chronic: true, category: 'diabetes' });
    expect(icd(' E119 ')).toMatchObject({ chronic: true, category: 'diabetes' });
  });

  it('falls back to the AHRQ indicator for chronic codes outside the CCW (essential tremor G25.0)', () => {
    expect(icd('G25.0')).toEqual({ chronic: true, basis: 'cci' });
  });

  it('does not count acute conditions (pharyngitis, a fracture, pneumonia, a urinary infection)', () => {
    for (const code of ['J02.9', 'S52.501A', 'J18.9', 'N39.0'])
      expect(icd(code).chronic, code).toBe(false);
  });

  it("lets the clinician's flag override the code sets both ways", () => {
    expect(icd('J02.9', true)).toMatchObject({ chronic: true, basis: 'override' });
    expect(icd('I10', false)).toMatchObject({
      chronic: false,
      basis: 'override',
      category: 'hypertension',
    });
  });

  it('reads SNOMED through the curated list', () => {
    expect(classifyCondition({ system: 'snomed', code: '38341003' })).toMatchObject({
      chronic: true,
      basis: 'snomed-curated',
      category: 'hypertension',
    });
    expect(classifyCondition({ system: 'snomed', code: '162864005' })).toEqual({
      chronic: true,
      basis: 'snomed-curated',
    });
    expect(classifyCondition({ system: 'snomed', code: '10509002' })).toEqual({
      chronic: false,
      basis: 'none',
    }); // acute bronchitis
  });
});

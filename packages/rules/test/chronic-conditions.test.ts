import { describe, expect, it } from 'vitest';
import {
  CCW_CATEGORIES,
  CODESET_VERSIONS,
  classifyCondition,
  normaliseIcd10,
} from '../src/codesets/chronic-conditions.js';
import { SNOMED_CHRONIC } from '../src/codesets/snomed-chronic.js';

const icd = (code: string, chronic?: boolean) =>
  classifyCondition({ system: 'icd-10-cm', code, ...(chronic === undefined ? {} : { chronic }) });
const snomed = (code: string) => classifyCondition({ system: 'snomed', code });

describe('classifyCondition: ICD-10-CM through the CMS CCW categories', () => {
  it.each([
    ['I10', 'hypertension', 'Hypertension'],
    ['E11.9', 'diabetes', 'Diabetes'],
    ['J44.9', 'copd', 'Chronic obstructive pulmonary disease'],
    ['N18.3', 'chr_kidney_dis', 'Chronic kidney disease'],
    ['I48.91', 'atrial_fib', 'Atrial fibrillation and flutter'],
    ['G30.9', 'alzheimer', "Alzheimer's disease"],
    ['F32.9', 'depression', 'Depression, bipolar, or other depressive mood disorders'],
    ['E78.5', 'hyperlipid', 'Hyperlipidemia'],
  ])('%s is chronic with CCW category %s and its CCW name', (code, category, categoryName) => {
    expect(icd(code)).toEqual({ chronic: true, basis: 'ccw', category, categoryName });
  });

  it.each(['N18.30', 'N18.31', 'N18.32'])(
    '%s (added after the FY2019 CCI) is still found, through the CCW',
    (code) => {
      expect(icd(code)).toMatchObject({ chronic: true, basis: 'ccw', category: 'chr_kidney_dis' });
    },
  );

  it.each([
    ['E11.22', 'diabetes'],
    ['I12.9', 'hypertension'],
    ['I13.0', 'hypertension'],
    ['G30.9', 'alzheimer'],
    ['M80.051A', 'osteoporosis'],
  ])('%s, in several CCW categories, reports the one it belongs to (%s)', (code, category) => {
    expect(icd(code).category).toBe(category);
  });
});

describe('classifyCondition: ICD-10-CM normalisation', () => {
  it.each(['I10', 'i10', ' I10 ', 'I10\t'])(
    'case and surrounding space do not matter (%j)',
    (code) => {
      expect(icd(code)).toMatchObject({ chronic: true, category: 'hypertension' });
    },
  );

  it('accepts the code with or without its dot', () => {
    expect(icd('e11.9')).toEqual(icd('E119'));
    expect(normaliseIcd10('s52.501a')).toBe('S52501A');
  });

  it.each(['I1.0', 'E1.19', 'E11..9', '.I10', 'I10.', 'E11 9', '', 'diabetes'])(
    'a malformed code (%j) is not guessed into a chronic one',
    (code) => {
      expect(normaliseIcd10(code)).toBeUndefined();
      expect(icd(code)).toEqual({ chronic: false, basis: 'none' });
    },
  );
});

describe('classifyCondition: acute conditions and the AHRQ CCI fallback', () => {
  it.each([
    ['J02.9', 'acute pharyngitis'],
    ['S52.501A', 'forearm fracture'],
    ['N39.0', 'urinary tract infection'],
    ['J18.9', 'pneumonia, a CCW acute-event category'],
    ['S72.001A', 'hip fracture, a CCW acute-event category'],
  ])('%s (%s) is not chronic', (code) => {
    expect(icd(code)).toEqual({ chronic: false, basis: 'none' });
  });

  it.each([
    ['G25.0', 'essential tremor'],
    ['K21.9', 'GERD'],
    ['I25.2', 'old myocardial infarction'],
  ])('%s (%s), outside the CCW, is chronic through the CCI without a category', (code) => {
    expect(icd(code)).toEqual({ chronic: true, basis: 'cci' });
  });

  it('acute MI (I21.9) is kept out of the CCW step but the CCI still flags it chronic', () => {
    expect(icd('I21.9')).toEqual({ chronic: true, basis: 'cci' });
  });
});

describe("classifyCondition: the clinician's flag", () => {
  it('makes an acute code chronic', () => {
    expect(icd('J02.9', true)).toEqual({ chronic: true, basis: 'override' });
  });

  it('makes a CCW code not chronic, keeping the category it overrode', () => {
    expect(icd('I10', false)).toEqual({
      chronic: false,
      basis: 'override',
      category: 'hypertension',
      categoryName: 'Hypertension',
    });
  });

  it('applies to SNOMED too', () => {
    expect(classifyCondition({ system: 'snomed', code: '10509002', chronic: true })).toEqual({
      chronic: true,
      basis: 'override',
    });
  });
});

describe('classifyCondition: SNOMED CT through the curated list', () => {
  it.each([
    ['38341003', 'hypertension'],
    ['53741008', 'ischemic_heart_dis'],
    ['239872002', 'arthritis'],
    ['64859006', 'osteoporosis'],
    ['185086009', 'copd'],
    ['88805009', 'heart_failure'],
    ['230690007', 'stroke'],
    ['44054006', 'diabetes'],
  ])('the Synthea and common concept %s is chronic (%s)', (code, category) => {
    expect(snomed(code)).toEqual({
      chronic: true,
      basis: 'snomed-curated',
      category,
      categoryName: CCW_CATEGORIES[category],
    });
  });

  it('a listed concept outside the CCW is chronic without a category (obesity)', () => {
    expect(snomed('162864005')).toEqual({ chronic: true, basis: 'snomed-curated' });
  });

  it.each([
    ['195662009', 'acute viral pharyngitis'],
    ['444814009', 'viral sinusitis'],
    ['10509002', 'acute bronchitis'],
    ['15777000', 'prediabetes, as the CCI does not flag R73.03'],
    ['constructor', 'an object-prototype key'],
  ])('an unlisted concept %s (%s) is not chronic', (code) => {
    expect(snomed(code)).toEqual({ chronic: false, basis: 'none' });
  });

  it('every curated category is a CCW category that counts as chronic', () => {
    for (const category of Object.values(SNOMED_CHRONIC)) {
      if (category === null) continue;
      expect(CCW_CATEGORIES, category).toHaveProperty(category);
      expect(['mi', 'hip_fracture', 'pneumonia']).not.toContain(category);
    }
  });
});

describe('code set metadata', () => {
  it('names every CCW category the lists use and records the source versions', () => {
    expect(Object.keys(CCW_CATEGORIES)).toHaveLength(31);
    expect(CODESET_VERSIONS.cci.version).toBe('2019.1');
    expect(CODESET_VERSIONS.ccw.commit).toMatch(/^[0-9a-f]{40}$/);
  });
});

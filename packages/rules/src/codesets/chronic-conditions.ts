import { CCI_CHRONIC_CODES } from './cci-chronic.generated.js';
import { CCW_CATEGORY_NAMES, CCW_CODES, CCW_SHARED } from './ccw-codes.generated.js';
import { SNOMED_CHRONIC } from './snomed-chronic.js';

// Whether a condition is chronic for CCM: the clinician's `chronic` flag when the record
// has one; else the CMS Chronic Conditions Warehouse categories; else the AHRQ Chronic
// Condition Indicator (codes expected to last twelve months or more); else, for SNOMED,
// Chronicle's curated list. The lists are compiled by scripts/compile-codesets.ts.
// Blind spots: the CCI list is frozen at FY2019 (N18.30-N18.32, I1A.0 are found only
// through the CCW); codes are matched exactly, so a category header such as E11 is not.

export interface ChronicClassification {
  chronic: boolean;
  basis: 'override' | 'ccw' | 'cci' | 'snomed-curated' | 'none';
  /** CCW category abbreviation, when the code is in one. */
  category?: string;
  categoryName?: string;
}

export type CodeSystem = 'icd-10-cm' | 'snomed';

/** CCW category abbreviation -> the CCW's own name for it. */
export const CCW_CATEGORIES: Readonly<Record<string, string>> = CCW_CATEGORY_NAMES;

// The CCW tracks these as conditions of interest, but they are acute events, not
// conditions expected to last twelve months: their codes do not count as CCW-chronic.
// They still reach the CCI step, which flags acute MI (I21-I23) chronic; see the tests.
const ACUTE_EVENT_CATEGORIES: ReadonlySet<string> = new Set(['mi', 'hip_fracture', 'pneumonia']);

export const CODESET_VERSIONS = {
  ccw: {
    source:
      'CMS Chronic Conditions Data Warehouse condition categories, ICD-10-CM (30-condition definitions, 2022-02)',
    transcription:
      'Public Health - Seattle & King County, PHSKC-APDE/reference-data claims_data/ccw_lookup.xlsx',
    commit: '9dc03e13221d0fe6ff786943af7ed1bc45a4910f',
    date: '2024-10-08',
  },
  cci: {
    source: 'AHRQ HCUP Chronic Condition Indicator for ICD-10-CM',
    version: '2019.1',
    codesThrough: 'FY2019',
  },
  snomed: {
    source: 'Chronicle curated SNOMED CT list (src/codesets/snomed-chronic.ts)',
    version: '2',
  },
} as const;

// Built once: the audit classifies every condition of every patient.
const ccwByCode = new Map<string, string>();
for (const [category, codes] of Object.entries(CCW_CODES)) {
  if (ACUTE_EVENT_CATEGORIES.has(category)) continue;
  for (const code of codes.split(' ')) ccwByCode.set(code, category);
}
for (const [code, categories] of Object.entries(CCW_SHARED)) {
  const first = categories.split(' ').find((c) => !ACUTE_EVENT_CATEGORIES.has(c));
  if (first) ccwByCode.set(code, first);
}
const cciChronic: ReadonlySet<string> = new Set(CCI_CHRONIC_CODES.split(' '));

// Letter, digit, alphanumeric, then up to four more characters, the dot (if any) only
// after the third: 'I1.0' is malformed, not I10, and guessing would count it chronic.
const ICD10CM_SHAPE = /^([A-Z][0-9][0-9A-Z])(?:\.?([0-9A-Z]{1,4}))?$/;

/** ICD-10-CM as the lists hold it (no dot, upper case), or undefined when malformed. */
export function normaliseIcd10(code: string): string | undefined {
  const m = ICD10CM_SHAPE.exec(code.trim().toUpperCase());
  return m ? `${m[1]}${m[2] ?? ''}` : undefined;
}

export function classifyCondition(c: {
  system: CodeSystem;
  code: string;
  chronic?: boolean;
}): ChronicClassification {
  const found = lookup(c.system, c.code);
  // The category stays visible under an override so a report can show what was overridden.
  if (c.chronic !== undefined) return { ...found, chronic: c.chronic, basis: 'override' };
  return found;
}

function lookup(system: CodeSystem, code: string): ChronicClassification {
  if (system === 'snomed') {
    const key = code.trim();
    if (!Object.hasOwn(SNOMED_CHRONIC, key)) return { chronic: false, basis: 'none' };
    return withCategory(
      { chronic: true, basis: 'snomed-curated' },
      SNOMED_CHRONIC[key] ?? undefined,
    );
  }
  const icd = normaliseIcd10(code);
  if (icd === undefined) return { chronic: false, basis: 'none' };
  const category = ccwByCode.get(icd);
  if (category) return withCategory({ chronic: true, basis: 'ccw' }, category);
  if (cciChronic.has(icd)) return { chronic: true, basis: 'cci' };
  return { chronic: false, basis: 'none' };
}

function withCategory(
  c: ChronicClassification,
  category: string | undefined,
): ChronicClassification {
  if (!category) return c;
  return { ...c, category, categoryName: CCW_CATEGORIES[category] ?? category };
}

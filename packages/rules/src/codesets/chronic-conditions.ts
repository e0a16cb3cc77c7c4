import { CCI_CHRONIC_CODES } from './cci-chronic.generated.js';
import { CCW_CODES } from './ccw-codes.generated.js';
import { SNOMED_CHRONIC } from './snomed-chronic.js';

// Whether a condition is chronic for CCM: the clinician's `chronic` flag when the record
// has one; else the CMS Chronic Conditions Warehouse categories; else the AHRQ Chronic
// Condition Indicator (codes expected to last twelve months or more); else, for SNOMED,
// Chronicle's curated list. The lists are compiled by scripts/compile-codesets.ts.
// Blind spot: the CCI list is frozen at FY2019 and lacks later codes (e.g. N18.30-N18.32).

export interface ChronicClassification {
  chronic: boolean;
  basis: 'override' | 'ccw' | 'cci' | 'snomed-curated' | 'none';
  /** CCW category abbreviation, when the code is in one. */
  category?: string;
  categoryName?: string;
}

export const CCW_CATEGORIES: Readonly<Record<string, string>> = {
  alzheimer: "Alzheimer's disease",
  alzheimer_related: "Alzheimer's disease and related disorders",
  anemia: 'Anemia',
  arthritis: 'Rheumatoid arthritis / osteoarthritis',
  asthma: 'Asthma',
  atrial_fib: 'Atrial fibrillation',
  bph: 'Benign prostatic hyperplasia',
  cancer_breast: 'Breast cancer',
  cancer_colorectal: 'Colorectal cancer',
  cancer_endometrial: 'Endometrial cancer',
  cancer_lung: 'Lung cancer',
  cancer_prostate: 'Prostate cancer',
  cancer_urologic: 'Urologic cancer',
  cataract: 'Cataract',
  chr_kidney_dis: 'Chronic kidney disease',
  copd: 'COPD and bronchiectasis',
  depression: 'Depression',
  diabetes: 'Diabetes',
  glaucoma: 'Glaucoma',
  heart_failure: 'Heart failure',
  hyperlipid: 'Hyperlipidemia',
  hypertension: 'Hypertension',
  hypothyroid: 'Acquired hypothyroidism',
  ischemic_heart_dis: 'Ischemic heart disease',
  non_alzheimer_dementia: "Non-Alzheimer's dementia",
  osteoporosis: 'Osteoporosis',
  parkinsons: "Parkinson's disease",
  stroke: 'Stroke / transient ischemic attack',
};

export const CODESET_VERSIONS = {
  ccw: 'CMS CCW condition categories, ICD-10-CM, as transcribed by Public Health - Seattle & King County (reference-data 9dc03e1, 2024-10-08)',
  cci: 'AHRQ HCUP Chronic Condition Indicator for ICD-10-CM v2019.1',
  snomed: 'Chronicle curated SNOMED CT list 1',
} as const;

const ccwByCode = new Map<string, string>();
for (const [category, codes] of Object.entries(CCW_CODES)) {
  for (const code of codes.split(' ')) if (!ccwByCode.has(code)) ccwByCode.set(code, category);
}
const cciChronic = new Set(CCI_CHRONIC_CODES.split(' '));

/** ICD-10-CM as compared: no dot, no spaces, upper case. */
export function normaliseIcd10(code: string): string {
  return code.replace(/[.\s]/g, '').toUpperCase();
}

export function classifyCondition(c: {
  system: 'icd-10-cm' | 'snomed';
  code: string;
  chronic?: boolean;
}): ChronicClassification {
  const found = lookup(c.system, c.code);
  if (c.chronic !== undefined) return { ...found, chronic: c.chronic, basis: 'override' };
  return found;
}

function lookup(system: 'icd-10-cm' | 'snomed', code: string): ChronicClassification {
  if (system === 'snomed') {
    const key = code.trim();
    if (!(key in SNOMED_CHRONIC)) return { chronic: false, basis: 'none' };
    return withCategory(
      { chronic: true, basis: 'snomed-curated' },
      SNOMED_CHRONIC[key] ?? undefined,
    );
  }
  const icd = normaliseIcd10(code);
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

// Every code the rules speak of, by service year: its program, whether it is a base code
// or an add-on, the minutes it needs and per unit, whose time counts and when it was in
// force. Spec: ccm-domain.md section 1 and the CODE-NOT-EFFECTIVE windows of rules.md.

export type Program = 'ccm' | 'pcm' | 'apcm' | 'rhc';
export type Performer = 'clinical-staff' | 'practitioner-personal' | 'none';
export type CcmVariant = 'non-complex' | 'complex' | 'personal';

export interface CodeDefinition {
  code: string;
  description: string;
  program: Program;
  kind: 'base' | 'addon' | 'once';
  /** For an add-on, the base code it needs in the same month (per year where it changed). */
  base?: string;
  /** Minutes needed for the base code, or for one add-on unit after the base minimum. */
  minutes?: number;
  performer: Performer;
  variant?: CcmVariant;
  /** First and last service year (inclusive); `to` absent means still in force. */
  from: number;
  to?: number;
  /** Cap on units per month where CMS states one; policy may set the others. */
  statedCap?: number;
}

const d = (def: CodeDefinition) => def;

export const CODES: readonly CodeDefinition[] = [
  d({
    code: '99490',
    description: 'Non-complex CCM, first 20 minutes of clinical staff time',
    program: 'ccm',
    kind: 'base',
    minutes: 20,
    performer: 'clinical-staff',
    variant: 'non-complex',
    from: 2015,
  }),
  d({
    code: 'G2058',
    description: 'Non-complex CCM, each additional 20 minutes (2020 only)',
    program: 'ccm',
    kind: 'addon',
    base: '99490',
    minutes: 20,
    performer: 'clinical-staff',
    variant: 'non-complex',
    from: 2020,
    to: 2020,
    statedCap: 2,
  }),
  d({
    code: '99439',
    description: 'Non-complex CCM, each additional 20 minutes',
    program: 'ccm',
    kind: 'addon',
    base: '99490',
    minutes: 20,
    performer: 'clinical-staff',
    variant: 'non-complex',
    from: 2021,
    statedCap: 2,
  }),
  d({
    code: '99487',
    description: 'Complex CCM, first 60 minutes',
    program: 'ccm',
    kind: 'base',
    minutes: 60,
    performer: 'clinical-staff',
    variant: 'complex',
    from: 2017,
  }),
  d({
    code: '99489',
    description: 'Complex CCM, each additional 30 minutes',
    program: 'ccm',
    kind: 'addon',
    base: '99487',
    minutes: 30,
    performer: 'clinical-staff',
    variant: 'complex',
    from: 2017,
  }),
  d({
    code: '99491',
    description: 'CCM personally by the physician or QHP, first 30 minutes',
    program: 'ccm',
    kind: 'base',
    minutes: 30,
    performer: 'practitioner-personal',
    variant: 'personal',
    from: 2019,
  }),
  d({
    code: '99437',
    description: 'CCM personally by the physician or QHP, each additional 30 minutes',
    program: 'ccm',
    kind: 'addon',
    base: '99491',
    minutes: 30,
    performer: 'practitioner-personal',
    variant: 'personal',
    from: 2022,
  }),
  d({
    code: 'G0506',
    description:
      'Comprehensive assessment and care planning at CCM initiation (add-on to the initiating visit)',
    program: 'ccm',
    kind: 'once',
    performer: 'practitioner-personal',
    from: 2017,
  }),
  d({
    code: 'G2064',
    description: 'PCM by the physician or QHP, at least 30 minutes',
    program: 'pcm',
    kind: 'base',
    minutes: 30,
    performer: 'practitioner-personal',
    from: 2020,
    to: 2021,
  }),
  d({
    code: 'G2065',
    description: 'PCM by clinical staff, at least 30 minutes',
    program: 'pcm',
    kind: 'base',
    minutes: 30,
    performer: 'clinical-staff',
    from: 2020,
    to: 2021,
  }),
  d({
    code: '99424',
    description: 'PCM personally by the physician or QHP, first 30 minutes',
    program: 'pcm',
    kind: 'base',
    minutes: 30,
    performer: 'practitioner-personal',
    from: 2022,
  }),
  d({
    code: '99425',
    description: 'PCM by the physician or QHP, each additional 30 minutes',
    program: 'pcm',
    kind: 'addon',
    base: '99424',
    minutes: 30,
    performer: 'practitioner-personal',
    from: 2022,
  }),
  d({
    code: '99426',
    description: 'PCM by clinical staff, first 30 minutes',
    program: 'pcm',
    kind: 'base',
    minutes: 30,
    performer: 'clinical-staff',
    from: 2022,
  }),
  d({
    code: '99427',
    description: 'PCM by clinical staff, each additional 30 minutes',
    program: 'pcm',
    kind: 'addon',
    base: '99426',
    minutes: 30,
    performer: 'clinical-staff',
    from: 2022,
  }),
  d({
    code: 'G0556',
    description: 'APCM, patient with at most one chronic condition',
    program: 'apcm',
    kind: 'base',
    performer: 'none',
    from: 2025,
  }),
  d({
    code: 'G0557',
    description: 'APCM, patient with two or more chronic conditions',
    program: 'apcm',
    kind: 'base',
    performer: 'none',
    from: 2025,
  }),
  d({
    code: 'G0558',
    description: 'APCM, two or more chronic conditions and a Qualified Medicare Beneficiary',
    program: 'apcm',
    kind: 'base',
    performer: 'none',
    from: 2025,
  }),
  d({
    code: 'G0511',
    description: 'RHC/FQHC general care management (until the transition end in 2025)',
    program: 'rhc',
    kind: 'base',
    minutes: 20,
    performer: 'clinical-staff',
    from: 2018,
    to: 2025,
  }),
];

const byCode = new Map(CODES.map((c) => [c.code, c]));

export function codeDefinition(code: string): CodeDefinition | undefined {
  return byCode.get(code);
}

/** The codes a Chronicle audit treats as a billed care-management month. */
export function isAuditedCode(code: string): boolean {
  return byCode.has(code);
}

export const CCM_CODES = CODES.filter((c) => c.program === 'ccm' && c.code !== 'G0506').map(
  (c) => c.code,
);
export const PCM_CODES = CODES.filter((c) => c.program === 'pcm').map((c) => c.code);
export const APCM_CODES = CODES.filter((c) => c.program === 'apcm').map((c) => c.code);
export const ADDON_CODES = CODES.filter((c) => c.kind === 'addon').map((c) => c.code);

// Codes that conflict with CCM in the same month, shown with the audited month.
export const TCM_CODES = ['99495', '99496'];
export const OVERSIGHT_CODES = ['G0181', 'G0182'];
export const ESRD_CODES = Array.from({ length: 20 }, (_, i) => String(90951 + i));
export const CONFLICT_CODES = new Set([...TCM_CODES, ...OVERSIGHT_CODES, ...ESRD_CODES]);

/** Initiating visits: E/M office levels 2-5, AWV, IPPE, and TCM from 2017. */
export const EM_OFFICE_CODES = [
  '99202',
  '99203',
  '99204',
  '99205',
  '99212',
  '99213',
  '99214',
  '99215',
];
export function isQualifyingInitiatingVisit(code: string, year: number): boolean {
  if (EM_OFFICE_CODES.includes(code)) return true;
  if (code === 'G0438' || code === 'G0439' || code === 'G0402') return true;
  return year >= 2017 && TCM_CODES.includes(code);
}

/** Whether a code is in force in a service year (G0511's end is the policy's transition end). */
export function inForce(def: CodeDefinition, date: string, g0511TransitionEnd: string): boolean {
  const year = Number(date.slice(0, 4));
  if (year < def.from) return false;
  if (def.code === 'G0511') return date <= g0511TransitionEnd;
  return def.to === undefined || year <= def.to;
}

/** The add-on code for a base in a year: 99490 takes G2058 in 2020 and 99439 from 2021. */
export function addonFor(base: string, year: number): string | undefined {
  switch (base) {
    case '99490':
      return year === 2020 ? 'G2058' : year >= 2021 ? '99439' : undefined;
    case '99487':
      return '99489';
    case '99491':
      return year >= 2022 ? '99437' : undefined;
    case '99424':
      return '99425';
    case '99426':
      return '99427';
    default:
      return undefined;
  }
}

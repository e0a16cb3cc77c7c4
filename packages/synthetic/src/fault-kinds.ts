import type { Random } from './random.js';

// The faults the generator writes into a billed month instead of a clean one: each the
// kind of error auditors find, with the rule that must catch it. `firstBilled` faults
// change something every later month also reads (the consent date, when the care plan
// reached the patient, when a diagnosis was made), so they go only into a patient's first
// billed month; `ends` faults end the patient's record (death).

export interface FaultKindInfo {
  kind: string;
  ruleId: string;
  fromYear?: number;
  toYear?: number;
  firstBilled?: boolean;
  ends?: boolean;
  /** How often the kind is chosen relative to the others (default 1). */
  weight?: number;
}

export const FAULT_KINDS = [
  { kind: 'no-consent', ruleId: 'CONSENT-MISSING' },
  { kind: 'consent-after-time', ruleId: 'CONSENT-AFTER-TIME', firstBilled: true },
  { kind: 'below-threshold', ruleId: 'TIME-BELOW-THRESHOLD' },
  { kind: 'addon-increment', ruleId: 'ADDON-INCREMENT-INCOMPLETE', fromYear: 2017 },
  { kind: 'addon-over-cap', ruleId: 'ADDON-UNITS-OVER-CAP', fromYear: 2020 },
  { kind: 'addon-without-base', ruleId: 'ADDON-WITHOUT-BASE', fromYear: 2017 },
  { kind: 'dos-before-threshold', ruleId: 'DOS-BEFORE-THRESHOLD' },
  { kind: 'non-clinical-minutes', ruleId: 'STAFF-NOT-CLINICAL' },
  { kind: 'inpatient-minutes', ruleId: 'TIME-DURING-FACILITY-STAY' },
  { kind: 'second-practitioner', ruleId: 'CCM-MULTI-PRACTITIONER' },
  { kind: 'complex-without-mdm', ruleId: 'COMPLEX-MDM-UNDOCUMENTED', fromYear: 2017 },
  { kind: 'care-plan-not-shared', ruleId: 'CAREPLAN-NOT-SHARED', firstBilled: true },
  { kind: 'one-chronic-condition', ruleId: 'DX-FEWER-THAN-TWO-CHRONIC', firstBilled: true },
  // Rarer: CCM patients do die, but a death ends the patient's record.
  { kind: 'deceased-before-dos', ruleId: 'PATIENT-DECEASED', ends: true, weight: 0.3 },
  { kind: 'code-out-of-years', ruleId: 'CODE-NOT-EFFECTIVE' },
] as const satisfies readonly FaultKindInfo[];

export type FaultKind = (typeof FAULT_KINDS)[number]['kind'];
type FaultEntry = (typeof FAULT_KINDS)[number];

/**
 * The kinds that can go into a month of `year`: first-billed kinds only when it is the
 * patient's first billed month, and nothing else when `onlyFirstBilled`.
 */
export function applicableFaults(
  year: number,
  firstBilled: boolean,
  onlyFirstBilled = false,
): FaultEntry[] {
  return FAULT_KINDS.filter((entry) => {
    const k: FaultKindInfo = entry;
    const inYears =
      (k.fromYear === undefined || year >= k.fromYear) &&
      (k.toYear === undefined || year <= k.toYear);
    return inYears && (k.firstBilled ? firstBilled : !onlyFirstBilled);
  });
}

/** Picks one of `kinds` in proportion to its weight. */
export function pickFault(r: Random, kinds: readonly FaultEntry[]): FaultEntry {
  const weightOf = (k: FaultKindInfo) => k.weight ?? 1;
  let roll = r.next() * kinds.reduce((sum, k) => sum + weightOf(k), 0);
  for (const k of kinds) {
    roll -= weightOf(k);
    if (roll < 0) return k;
  }
  return kinds[kinds.length - 1] as FaultEntry;
}

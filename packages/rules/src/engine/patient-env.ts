import type { Claim, Clinician, Condition, Patient, Practice } from '@chronicle/dataset';
import { classifyCondition, type ChronicClassification } from '../codesets/chronic-conditions.js';
import type { MonthMinutes } from '../evaluate/month-minutes.js';
import type { EntryView } from '../evaluate/time-index.js';
import type { Policy } from '../policy.js';
import type { PracticeClock } from '../time/practice-clock.js';

// What every month of one patient shares: the practice, its clock, the clinicians, the
// policy in force and the patient's time entries already placed on the practice clock.

export interface DatasetEnv {
  practice: Practice;
  clinicians: ReadonlyMap<string, Clinician>;
  clock: PracticeClock;
  policy: Policy;
}

export interface PatientEnv extends DatasetEnv {
  patient: Patient;
  views: readonly EntryView[];
  /** The entries that touch a month: started, ended or (read in UTC) fell in it. */
  viewsIn(month: string): readonly EntryView[];
  /**
   * A month's minutes for a service and billing practitioner if they were already
   * computed for this patient: an unbilled month is read by the proposal, its draft
   * claim and the unbilled rules. `keepMinutes` records them.
   */
  keptMinutes(
    month: string,
    service: 'ccm' | 'pcm',
    practitionerId: string | undefined,
  ): MonthMinutes | undefined;
  keepMinutes(minutes: MonthMinutes): void;
  /** The patient's condition at an index with its chronic classification (made once). */
  activeCondition(conditionIndex: number): ActiveCondition;
}

export interface ActiveCondition {
  condition: Condition;
  classification: ChronicClassification;
}

const NO_VIEWS: readonly EntryView[] = Object.freeze([]);

/**
 * One patient's env: a class rather than an object of closures, so that the thousands of
 * patients of an audit share one shape and allocate no functions.
 */
class PatientScope implements PatientEnv {
  readonly practice: Practice;
  readonly clinicians: ReadonlyMap<string, Clinician>;
  readonly clock: PracticeClock;
  readonly policy: Policy;
  private readonly byMonth = new Map<string, EntryView[]>();
  private readonly minutes: MonthMinutes[] = [];
  private readonly conditions: Array<ActiveCondition | undefined> = [];

  constructor(
    env: DatasetEnv,
    readonly patient: Patient,
    readonly views: readonly EntryView[],
  ) {
    this.practice = env.practice;
    this.clinicians = env.clinicians;
    this.clock = env.clock;
    this.policy = env.policy;
    for (const v of views) {
      const start = v.localMonth;
      const end = v.lastLocalMonth;
      this.add(start, v);
      if (end !== start) this.add(end, v);
      if (v.utcMonth !== start && v.utcMonth !== end) this.add(v.utcMonth, v);
    }
  }

  private add(month: string, v: EntryView): void {
    const list = this.byMonth.get(month);
    if (list) list.push(v);
    else this.byMonth.set(month, [v]);
  }

  viewsIn(month: string): readonly EntryView[] {
    return this.byMonth.get(month) ?? NO_VIEWS;
  }

  keptMinutes(
    month: string,
    service: 'ccm' | 'pcm',
    practitionerId: string | undefined,
  ): MonthMinutes | undefined {
    const { minutes } = this;
    // Latest first: a month's minutes are asked for while that month is audited.
    for (let i = minutes.length - 1; i >= 0; i--) {
      const m = minutes[i] as MonthMinutes;
      if (m.month === month && m.service === service && m.billingPractitionerId === practitionerId)
        return m;
    }
    return undefined;
  }

  keepMinutes(minutes: MonthMinutes): void {
    this.minutes.push(minutes);
  }

  activeCondition(i: number): ActiveCondition {
    let c = this.conditions[i];
    if (c === undefined) {
      const condition = this.patient.conditions[i] as Condition;
      c = { condition, classification: classifyShared(condition) };
      this.conditions[i] = c;
    }
    return c;
  }
}

export function patientEnv(
  env: DatasetEnv,
  patient: Patient,
  views: readonly EntryView[],
): PatientEnv {
  return new PatientScope(env, patient, views);
}

/** The patient's claims an audit reads: every one but the denied (the record's own list when none is). */
export function liveClaims(patient: Patient): readonly Claim[] {
  const all = patient.claims;
  let i = 0;
  while (i < all.length && (all[i] as Claim).status !== 'denied') i++;
  if (i === all.length) return all;
  const claims = all.slice(0, i);
  for (i++; i < all.length; i++)
    if ((all[i] as Claim).status !== 'denied') claims.push(all[i] as Claim);
  return claims;
}

// Patients share their diagnosis codes: classify each code (and override) once per run.
const classified = new Map<string, ChronicClassification>();
function classifyShared(condition: Condition): ChronicClassification {
  const key = `${condition.system}|${condition.code}|${condition.chronic ?? ''}`;
  let c = classified.get(key);
  if (!c) {
    c = Object.freeze(classifyCondition(condition));
    classified.set(key, c);
  }
  return c;
}

import type { Clinician, Condition, Patient, Practice } from '@chronicle/dataset';
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
   * A month's minutes for a service and billing practitioner, computed once per patient:
   * an unbilled month is read by the proposal, its draft claim and the unbilled rules.
   */
  minutesOnce(
    month: string,
    service: 'ccm' | 'pcm',
    practitionerId: string | undefined,
    compute: () => MonthMinutes,
  ): MonthMinutes;
  /** The patient's condition at an index with its chronic classification (made once). */
  activeCondition(conditionIndex: number): ActiveCondition;
}

export interface ActiveCondition {
  condition: Condition;
  classification: ChronicClassification;
}

export function patientEnv(
  env: DatasetEnv,
  patient: Patient,
  views: readonly EntryView[],
): PatientEnv {
  const cache: Array<ActiveCondition | undefined> = [];
  const minutes = new Map<string, MonthMinutes[]>(); // by month; a few per month
  const byMonth = new Map<string, EntryView[]>();
  for (const v of views) {
    const start = v.localMonth;
    const end = env.clock.localMonth(Math.max(v.startMs, v.endMs - 1));
    add(byMonth, start, v);
    if (end !== start) add(byMonth, end, v);
    if (v.utcMonth !== start && v.utcMonth !== end) add(byMonth, v.utcMonth, v);
  }
  return {
    ...env,
    patient,
    views,
    viewsIn: (month) => byMonth.get(month) ?? [],
    minutesOnce(month, service, practitionerId, compute) {
      let list = minutes.get(month);
      if (list === undefined) {
        list = [];
        minutes.set(month, list);
      }
      for (const m of list)
        if (m.service === service && m.billingPractitionerId === practitionerId) return m;
      const m = compute();
      list.push(m);
      return m;
    },
    activeCondition(i) {
      let c = cache[i];
      if (c === undefined) {
        const condition = patient.conditions[i] as Condition;
        c = { condition, classification: classifyShared(condition) };
        cache[i] = c;
      }
      return c;
    },
  };
}

function add(byMonth: Map<string, EntryView[]>, month: string, v: EntryView): void {
  const list = byMonth.get(month);
  if (list) list.push(v);
  else byMonth.set(month, [v]);
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

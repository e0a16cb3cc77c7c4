import type { Clinician, Patient, Practice } from '@chronicle/dataset';
import { classifyCondition, type ChronicClassification } from '../codesets/chronic-conditions.js';
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
  classify(conditionIndex: number): ChronicClassification;
}

export function patientEnv(
  env: DatasetEnv,
  patient: Patient,
  views: readonly EntryView[],
): PatientEnv {
  const cache: Array<ChronicClassification | undefined> = [];
  const byMonth = new Map<string, EntryView[]>();
  for (const v of views) {
    const start = v.localDate.slice(0, 7);
    const end = env.clock.localDate(Math.max(v.startMs, v.endMs - 1)).slice(0, 7);
    add(byMonth, start, v);
    if (end !== start) add(byMonth, end, v);
    if (v.utcMonth !== start && v.utcMonth !== end) add(byMonth, v.utcMonth, v);
  }
  return {
    ...env,
    patient,
    views,
    viewsIn: (month) => byMonth.get(month) ?? [],
    classify(i) {
      let c = cache[i];
      if (c === undefined) {
        c = classifyShared(patient.conditions[i] as Patient['conditions'][number]);
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
function classifyShared(condition: Patient['conditions'][number]): ChronicClassification {
  const key = `${condition.system}|${condition.code}|${condition.chronic ?? ''}`;
  let c = classified.get(key);
  if (!c) {
    c = Object.freeze(classifyCondition(condition));
    classified.set(key, c);
  }
  return c;
}

import type { Clinician, Dataset, Patient, Practice } from '@chronicle/dataset';
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
  classify(conditionIndex: number): ChronicClassification;
}

export function patientEnv(
  env: DatasetEnv,
  patient: Patient,
  views: readonly EntryView[],
): PatientEnv {
  const cache: Array<ChronicClassification | undefined> = [];
  return {
    ...env,
    patient,
    views,
    classify(i) {
      let c = cache[i];
      if (c === undefined) {
        c = classifyCondition(patient.conditions[i] as Patient['conditions'][number]);
        cache[i] = c;
      }
      return c;
    },
  };
}

export type { Dataset };

import type { Dataset, Patient } from '@chronicle/dataset';
import { clinicianOverlaps } from '../evaluate/overlap-index.js';
import { clinicianMap, viewEntries } from '../evaluate/time-index.js';
import { DEFAULT_POLICY, type Policy } from '../policy.js';
import type { AuditedMonth, AuditReport } from '../report/report-schema.js';
import { createPracticeClock } from '../time/practice-clock.js';
import type { MonthSelection } from './audit-patient.js';
import { assembleReport, createAuditor } from './auditor.js';
import { patientEnv, type DatasetEnv } from './patient-env.js';

export interface AuditOptions extends MonthSelection {
  policy?: Policy;
  /** Called after each patient, for a progress display: patients done, patients in all. */
  onPatient?: (done: number, total: number) => void;
}

/**
 * The dataset-wide facts, prepared once: the practice clock, the clinicians and where any
 * clinician was on two intervals at once. Each patient's entries are then viewed in turn.
 */
export function prepare(dataset: Dataset, policy: Policy = DEFAULT_POLICY) {
  const env: DatasetEnv = {
    practice: dataset.practice,
    clinicians: clinicianMap(dataset),
    clock: createPracticeClock(dataset.practice.timezone),
    policy,
  };
  const overlaps = clinicianOverlaps(dataset.patients);
  const patientEnvOf = (patient: Patient) =>
    patientEnv(env, patient, viewEntries(patient, env.clinicians, env.clock, overlaps));
  return { env, patientEnvOf };
}

/** A dataset held in memory, audited patient by patient with every month kept. */
export function auditDataset(dataset: Dataset, options: AuditOptions): AuditReport {
  const auditor = createAuditor({
    ...options,
    practice: dataset.practice,
    clinicians: dataset.clinicians,
    overlaps: clinicianOverlaps(dataset.patients),
  });
  const months: AuditedMonth[] = [];
  const total = dataset.patients.length;
  let done = 0;
  for (const patient of dataset.patients) {
    for (const m of auditor.auditPatient(patient)) months.push(m);
    options.onPatient?.(++done, total);
  }
  return assembleReport(auditor.head, months, auditor.finish());
}

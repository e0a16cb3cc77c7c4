import type { Clinician, Patient, Practice } from '@chronicle/dataset';
import type { OverlapIndex } from '../evaluate/overlap-index.js';
import { viewEntries } from '../evaluate/time-index.js';
import { FEE_SCHEDULE_NAME } from '../fees/fee-schedule.js';
import { DEFAULT_POLICY, type Policy } from '../policy.js';
import type { AuditedMonth, AuditReport } from '../report/report-schema.js';
import { createPracticeClock } from '../time/practice-clock.js';
import { auditPatient, type MonthSelection } from './audit-patient.js';
import { patientEnv, type DatasetEnv } from './patient-env.js';
import { RULES_VERSION } from './rules-version.js';
import { createSummaryBuilder } from './summary.js';

// An audit fed one patient at a time: the caller decides whether to keep each patient's
// months (a whole-dataset audit does; a streamed one writes them out and drops them).
// Only the period and the summary's totals grow with the run, and they stay small.

export interface AuditorOptions extends MonthSelection {
  practice: Practice;
  clinicians: readonly Clinician[];
  /**
   * Where a clinician was on two intervals at once, across every patient of the practice:
   * clinicianOverlaps for patients in memory, createOverlapIndexBuilder for a stream.
   */
  overlaps: OverlapIndex;
  policy?: Policy;
}

/** The report's fields that are known before any patient is audited. */
export type ReportHead = Pick<
  AuditReport,
  'format' | 'version' | 'rulesVersion' | 'policy' | 'practice' | 'feeSchedule'
>;

/** The report's fields that are known once every patient has been audited. */
export type ReportTail = Pick<AuditReport, 'period' | 'summary'>;

export interface Auditor {
  readonly head: ReportHead;
  /** The patient's audited months, in report order; patients go in the dataset's order. */
  auditPatient(patient: Patient): AuditedMonth[];
  finish(): ReportTail;
}

export function createAuditor(options: AuditorOptions): Auditor {
  const policy = options.policy ?? DEFAULT_POLICY;
  const env: DatasetEnv = {
    practice: options.practice,
    clinicians: new Map(options.clinicians.map((c) => [c.id, c])),
    clock: createPracticeClock(options.practice.timezone),
    policy,
  };
  const { overlaps } = options;
  const summary = createSummaryBuilder();
  let first: string | null = null;
  let last: string | null = null;
  return {
    head: {
      format: 'ccm-audit-report',
      version: 1,
      rulesVersion: RULES_VERSION,
      policy,
      practice: {
        id: options.practice.id,
        timezone: options.practice.timezone,
        setting: options.practice.setting,
      },
      feeSchedule: FEE_SCHEDULE_NAME,
    },
    auditPatient(patient) {
      const views = viewEntries(patient, env.clinicians, env.clock, overlaps);
      const months = auditPatient(patientEnv(env, patient, views), options);
      for (const m of months) {
        summary.add(m);
        if (first === null || m.month < first) first = m.month;
        if (last === null || m.month > last) last = m.month;
      }
      return months;
    },
    finish: () => ({
      period: { from: options.from ?? first, to: options.to ?? last },
      summary: summary.result(),
    }),
  };
}

/** The whole report, its keys in the order of the report format. */
export function assembleReport(
  head: ReportHead,
  months: AuditedMonth[],
  tail: ReportTail,
): AuditReport {
  return {
    format: head.format,
    version: head.version,
    rulesVersion: head.rulesVersion,
    policy: head.policy,
    period: tail.period,
    practice: head.practice,
    feeSchedule: head.feeSchedule,
    months,
    summary: tail.summary,
  };
}

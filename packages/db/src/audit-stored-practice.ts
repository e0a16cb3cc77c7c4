import {
  createAuditor,
  type AuditedMonth,
  type Policy,
  type ReportHead,
  type ReportTail,
  type Rule,
} from '@chronicle/rules';
import { streamPracticeForAudit, type AuditSourceOptions } from './audit-source.js';
import type { Db } from './tenant.js';

// The audit of a stored practice, patient by patient: each patient's months go to the
// sink as soon as they are made, and only the sink decides whether to keep them.

export interface StoredAuditOptions extends AuditSourceOptions {
  from?: string;
  to?: string;
  policy?: Policy;
  /** The CMS catalogue by default. */
  rules?: readonly Rule[];
  /** Called after each patient, for a progress display: patients done, patients in all. */
  onPatient?: (done: number, total: number) => void;
}

export interface AuditSink {
  /** Before the first patient: the report's fields known up front. */
  start?(head: ReportHead): void | Promise<void>;
  /** One patient's audited months (often none), in the practice's patient order. */
  months(months: AuditedMonth[]): void | Promise<void>;
}

export interface StoredAuditResult {
  head: ReportHead;
  /** The period and summary, known once every patient is audited. */
  tail: ReportTail;
  patients: number;
}

export async function auditStoredPractice(
  db: Db,
  options: StoredAuditOptions,
  sink: AuditSink,
): Promise<StoredAuditResult> {
  return streamPracticeForAudit(db, options, async (source) => {
    const auditor = createAuditor({
      practice: source.practice,
      clinicians: source.clinicians,
      overlaps: source.overlaps,
      ...(options.from !== undefined ? { from: options.from } : {}),
      ...(options.to !== undefined ? { to: options.to } : {}),
      ...(options.policy !== undefined ? { policy: options.policy } : {}),
      ...(options.rules !== undefined ? { rules: options.rules } : {}),
    });
    await sink.start?.(auditor.head);
    let patients = 0;
    for await (const patient of source.patients) {
      patients += 1;
      const months = auditor.auditPatient(patient);
      const wrote = sink.months(months);
      if (wrote) await wrote;
      options.onPatient?.(patients, source.patientCount);
    }
    return { head: auditor.head, tail: auditor.finish(), patients };
  });
}

import type { Dataset, Patient } from '@chronicle/dataset';
import { monthKeys, ZoneOffsets } from './calendar.js';
import { buildFault } from './fault-builders.js';
import { applicableFaults, pickFault, type FaultKind } from './fault-kinds.js';
import type { MonthContext, PatientState } from './month-log.js';
import { billedMonth, unbilledMonth } from './months.js';
import { enrolledPatient } from './patient.js';
import { seeded } from './random.js';
import { practice, roster } from './roster.js';
import { Schedule } from './schedule.js';

export interface GenerateOptions {
  seed: number;
  patients: number;
  /** The first service year; months run from its January. */
  year: number;
  months?: number;
  /** Share of billed months given one documentation or billing fault (0-1). */
  faultRate?: number;
  /** IANA zone of the practice; instants carry its offset. */
  timezone?: string;
}

/** A fault the generator put into a billed month, and the rule that should catch it. */
export interface InjectedFault {
  patientId: string;
  /** The service month, YYYY-MM. */
  month: string;
  kind: FaultKind;
  ruleId: string;
}

export interface GeneratedDataset {
  dataset: Dataset;
  /** In patient order, then month order. */
  faults: InjectedFault[];
}

/** A practice of `patients` CCM patients over `months` months: same options, same bytes. */
export function generateDataset(options: GenerateOptions): Dataset {
  return generateDatasetWithManifest(options).dataset;
}

/** The dataset and, for each injected fault, its patient-month and the rule ID it triggers. */
export function generateDatasetWithManifest(options: GenerateOptions): GeneratedDataset {
  const { seed, patients: count, year } = options;
  const months = monthKeys(year, options.months ?? 12);
  const faultRate = options.faultRate ?? 0.15;
  const timezone = options.timezone ?? 'America/Chicago';
  if (!Number.isInteger(count) || count < 0) throw new RangeError('patients: a whole number ≥ 0');
  if (!(faultRate >= 0 && faultRate <= 1)) throw new RangeError('faultRate: between 0 and 1');

  const r = seeded(seed);
  const team = roster(r, count);
  const offsets = new ZoneOffsets(timezone);
  const schedules = months.map((m) => new Schedule(m.key, m.lastDay, team.index, offsets));
  const faults: InjectedFault[] = [];
  const patients: Patient[] = [];
  for (let n = 1; n <= count; n++) {
    const practitioner = r.pick(team.practitioners);
    const staff = r.pick(team.staff);
    const others = team.practitioners.filter((p) => p !== practitioner);
    const s: PatientState = {
      patient: enrolledPatient(r, n, practitioner, staff, year),
      practitioner,
      staff,
      otherPractitioner: r.pick(others),
      nonClinical: team.nonClinical,
      seq: 0,
      billedBefore: false,
      ended: false,
    };
    for (const month of months) {
      if (s.ended) break;
      const ctx: MonthContext = {
        r,
        s,
        month,
        schedule: schedules[month.index] as Schedule,
        // The last two months' claims are still awaiting payment.
        claimStatus: month.index >= months.length - 2 ? 'submitted' : 'paid',
      };
      const roll = r.next();
      if (roll < 0.15) {
        unbilledMonth(ctx, roll >= 0.1);
        continue;
      }
      if (!r.chance(faultRate)) {
        billedMonth(ctx, (roll - 0.15) / 0.85);
        continue;
      }
      // Enrolment-time gaps (consent, care plan, diagnoses) can only be a first billed
      // month's fault; they get half of those months so that they are not rare.
      const first = !s.billedBefore && r.chance(0.5);
      const kind = pickFault(r, applicableFaults(month.year, !s.billedBefore, first));
      buildFault(kind.kind, ctx);
      faults.push({
        patientId: s.patient.id,
        month: month.key,
        kind: kind.kind,
        ruleId: kind.ruleId,
      });
    }
    patients.push(s.patient);
  }
  return {
    dataset: {
      format: 'ccm-dataset',
      version: 1,
      practice: practice(year, timezone),
      clinicians: team.clinicians,
      patients,
    },
    faults,
  };
}

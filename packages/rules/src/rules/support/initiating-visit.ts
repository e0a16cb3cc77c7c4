import type { Encounter } from '@chronicle/dataset';
import { APCM_CODES, CCM_CODES, isQualifyingInitiatingVisit } from '../../codes/code-catalogue.js';
import type { MemoKey, MonthContext } from '../../engine/month-context.js';
import { shiftDate, yearOf } from '../../time/calendar.js';

// The initiating-visit reading shared by INIT-VISIT-MISSING and INIT-VISIT-NONQUALIFYING.
// Only the first billed month of a program by a practitioner needs an initiating visit.
// 2015-2016: always, a visit near the start of CCM (within the 12 months before the
// first date of service). 2017 on: only when the patient had no visit with the
// practitioner in the 12 months before CCM began (36 months for APCM); the initiating
// visit then falls between the start of CCM and the first date of service.

export interface InitiatingVisitCheck {
  program: 'ccm' | 'apcm';
  firstDateOfService: string;
  ccmStart: string;
  /** Visits by the practitioner that can serve as the initiating visit. */
  candidates: Encounter[];
  qualifying: Encounter[];
}

// Two rules read the same check of a month: work it out once.
const CHECKS: MemoKey<readonly InitiatingVisitCheck[]> = {
  name: 'initiating-visit checks',
  compute: computeChecks,
};

export function initiatingVisitCheck(ctx: MonthContext): readonly InitiatingVisitCheck[] {
  return ctx.memo(CHECKS);
}

const PROGRAMS = ['ccm', 'apcm'] as const;

// Almost every month is not a first billed month: those share one empty list.
const NO_CHECKS: readonly InitiatingVisitCheck[] = [];

function billsAny(lines: ReadonlyArray<{ code: string }>, codes: readonly string[]): boolean {
  for (const l of lines) if (codes.includes(l.code)) return true;
  return false;
}

function computeChecks(ctx: MonthContext): readonly InitiatingVisitCheck[] {
  let out: InitiatingVisitCheck[] | undefined;
  for (const program of PROGRAMS) {
    const codes = program === 'ccm' ? CCM_CODES : APCM_CODES;
    if (!billsAny(ctx.lines, codes)) continue;
    let first: string | undefined;
    for (const c of ctx.patientClaims) {
      if (
        c.billingPractitionerId !== ctx.billingPractitionerId ||
        (first !== undefined && c.dateOfService >= first)
      )
        continue;
      if (billsAny(c.lines, codes)) first = c.dateOfService;
    }
    if (first === undefined || !first.startsWith(ctx.month)) continue; // not the first billed month
    const consent = ctx.firstConsent(program);
    const start = consent && consent.date <= first ? consent.date : first;
    const lookback = program === 'apcm' ? 36 : 12;
    const visits = ctx.patient.encounters.filter(
      (e) => e.kind === 'visit' && e.clinicianId === ctx.billingPractitionerId,
    );
    const year = yearOf(first);
    let candidates: Encounter[];
    if (year <= 2016 && program === 'ccm') {
      candidates = visits.filter((v) => v.date >= shiftDate(first, -12) && v.date <= first);
    } else {
      const seenBefore = visits.some(
        (v) => v.date >= shiftDate(start, -lookback) && v.date < start,
      );
      if (seenBefore) continue; // an established patient needs no initiating visit
      candidates = visits.filter((v) => v.date >= start && v.date <= first);
    }
    (out ??= []).push({
      program,
      firstDateOfService: first,
      ccmStart: start,
      candidates,
      qualifying: candidates.filter((v) => isQualifyingInitiatingVisit(v.code, yearOf(v.date))),
    });
  }
  return out ?? NO_CHECKS;
}

import type { Consent, Program } from '@chronicle/dataset';
import { codeDefinition } from '../../codes/code-catalogue.js';
import type { MemoKey, MonthContext } from '../../engine/month-context.js';
import { shiftDate } from '../../time/calendar.js';

// Which consent a billed month rests on, read the same way by every consent rule: for
// each program billed, the latest decision (accepted or declined) by the patient naming
// the billing practitioner, dated on or before the date of service.

const PROGRAMS: MemoKey<Program[]> = { name: 'billed programs', compute: computePrograms };

export function billedPrograms(ctx: MonthContext): Program[] {
  return ctx.memo(PROGRAMS);
}

function computePrograms(ctx: MonthContext): Program[] {
  // A month bills one program or two: a short list, no Set.
  let programs: Program[] | undefined;
  for (const line of ctx.lines) {
    let program = codeDefinition(line.code)?.program;
    if (program === 'rhc') program = 'ccm';
    if (program === undefined) continue;
    if (programs === undefined) programs = [program];
    else if (!programs.includes(program)) programs.push(program);
  }
  if (programs === undefined) return [];
  return programs.length > 1 ? programs.sort() : programs;
}

export function latestDecision(ctx: MonthContext, program: Program): Consent | undefined {
  let latest: Consent | undefined;
  for (const c of ctx.patient.consents) {
    if (
      c.program !== program ||
      c.practitionerId !== ctx.billingPractitionerId ||
      c.date > ctx.dateOfService
    )
      continue;
    if (!latest || c.date > latest.date || (c.date === latest.date && c.decision === 'accepted'))
      latest = c;
  }
  return latest;
}

/** Whether an accepted consent is too old under the `consentRenewal: annual` policy. */
export function expired(ctx: MonthContext, consent: Consent): boolean {
  return ctx.policy.consentRenewal === 'annual' && consent.date < shiftDate(ctx.dateOfService, -12);
}

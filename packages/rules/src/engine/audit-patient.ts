import type { Claim } from '@chronicle/dataset';
import { CONFLICT_CODES, codeDefinition, isAuditedCode } from '../codes/code-catalogue.js';
import { wholeMinutes } from '../evaluate/month-minutes.js';
import { settingFor, unitFee } from '../fees/fee-schedule.js';
import type { AuditedMonth, BilledCode, Verdict } from '../report/report-schema.js';
import { compareStrings, sortIfNeeded } from './compare.js';
import { MonthContext, type BilledLine } from './month-context.js';
import { liveClaims, type PatientEnv } from './patient-env.js';
import { proposeMonth } from './propose.js';
import { responsiblePractitioner } from './responsible-practitioner.js';
import type { Rule } from './rule.js';
import { runRules, type RuleFinding } from './run-rules.js';

// One patient's audited months: what a whole-dataset audit and a streamed audit share.

/** Which months are audited, and against which rules. */
export interface MonthSelection {
  /** First month audited, YYYY-MM (inclusive). */
  from?: string;
  /** Last month audited, YYYY-MM (inclusive). */
  to?: string;
  rules: readonly Rule[];
}

function inPeriod(month: string, options: MonthSelection): boolean {
  return (
    (options.from === undefined || month >= options.from) &&
    (options.to === undefined || month <= options.to)
  );
}

/** One practitioner's claims in one month: a billed month. */
interface BilledGroup {
  month: string;
  practitionerId: string;
  claims: Claim[];
}

function hasAuditedLine(claim: Claim): boolean {
  for (const l of claim.lines) if (isAuditedCode(l.code)) return true;
  return false;
}

function hasConflictLine(claim: Claim): boolean {
  for (const l of claim.lines) if (CONFLICT_CODES.has(l.code)) return true;
  return false;
}

function groupOf(
  groups: readonly BilledGroup[],
  month: string,
  practitionerId: string,
): BilledGroup | undefined {
  // Latest first: claims mostly come in date order. A patient has a few dozen at most.
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i] as BilledGroup;
    if (g.month === month && g.practitionerId === practitionerId) return g;
  }
  return undefined;
}

/** Month, then practitioner: the order of the keys `${month}\u0000${practitionerId}`. */
function compareGroups(a: BilledGroup, b: BilledGroup): number {
  if (a.month.length !== b.month.length)
    return compareStrings(
      `${a.month}\u0000${a.practitionerId}`,
      `${b.month}\u0000${b.practitionerId}`,
    );
  return compareStrings(a.month, b.month) || compareStrings(a.practitionerId, b.practitionerId);
}

/** Audits one patient's billed months, then their unbilled months with time. */
export function auditPatient(penv: PatientEnv, options: MonthSelection): AuditedMonth[] {
  const claims = liveClaims(penv.patient);
  const audited: boolean[] = [];
  const groups: BilledGroup[] = [];
  for (const claim of claims) {
    const billed = hasAuditedLine(claim);
    audited.push(billed);
    if (!billed) continue;
    const month = claim.dateOfService.slice(0, 7);
    if (!inPeriod(month, options)) continue;
    const group = groupOf(groups, month, claim.billingPractitionerId);
    if (group) group.claims.push(claim);
    else groups.push({ month, practitionerId: claim.billingPractitionerId, claims: [claim] });
  }
  // Conflicting services billed by the same practitioner join that practitioner's month.
  if (groups.length > 0) {
    for (let i = 0; i < claims.length; i++) {
      const claim = claims[i] as Claim;
      if (audited[i] || !hasConflictLine(claim)) continue;
      const month = claim.dateOfService.slice(0, 7);
      groupOf(groups, month, claim.billingPractitionerId)?.claims.push(claim);
    }
  }
  sortIfNeeded(groups, compareGroups);
  const out: AuditedMonth[] = [];
  for (const g of groups) {
    const ctx = new MonthContext(penv, g.month, g.practitionerId, g.claims, claims);
    out.push(auditedMonth(ctx, runRules(options.rules, ctx, 'billed-month')));
  }
  unbilledMonths(penv, claims, audited, options, out);
  return sortIfNeeded(out, compareMonths);
}

function compareMonths(a: AuditedMonth, b: AuditedMonth): number {
  return (
    compareStrings(a.month, b.month) ||
    compareStrings(a.billingPractitionerId ?? '', b.billingPractitionerId ?? '')
  );
}

/** Audits the months with care-management time and no claim, adding those with findings. */
function unbilledMonths(
  penv: PatientEnv,
  claims: readonly Claim[],
  audited: readonly boolean[],
  options: MonthSelection,
  out: AuditedMonth[],
): void {
  // Months with a care-management claim by any practitioner (in the period or not).
  const billed: string[] = [];
  for (let i = 0; i < claims.length; i++) {
    if (!audited[i]) continue;
    const month = (claims[i] as Claim).dateOfService.slice(0, 7);
    if (!billed.includes(month)) billed.push(month);
  }
  const months: string[] = [];
  for (const v of penv.views) {
    if (v.entry.service !== 'ccm' && v.entry.service !== 'pcm') continue;
    const month = v.localMonth;
    if (!months.includes(month) && !billed.includes(month) && inPeriod(month, options))
      months.push(month);
  }
  sortIfNeeded(months, compareStrings);
  for (const month of months) {
    const practitionerId = responsiblePractitioner(penv.patient, month, penv.clinicians);
    const proposal = proposeMonth(penv, month, practitionerId, claims, options.rules);
    const ctx = new MonthContext(penv, month, practitionerId, [], claims);
    ctx.proposal = {
      lines: proposal.lines,
      dateOfService: proposal.dateOfService,
      blockers: proposal.blockers,
    };
    const findings = runRules(options.rules, ctx, 'unbilled-month');
    if (findings.length > 0) out.push(auditedMonth(ctx, findings));
  }
}

function auditedMonth(ctx: MonthContext, findings: RuleFinding[]): AuditedMonth {
  const { lines, claims } = ctx;
  // The record is kept for the whole report: its lists are made to size in the common case
  // of one code and one claim, not grown by push (which leaves room for 17).
  let codes: BilledCode[];
  if (lines.length === 1) {
    const line = lines[0] as BilledLine;
    codes = [{ code: line.code, units: line.units }];
  } else {
    codes = [];
    for (const line of lines) {
      const seen = codeIn(codes, line.code);
      if (seen) seen.units += line.units;
      else codes.push({ code: line.code, units: line.units });
    }
  }
  let claimIds: string[];
  if (claims.length === 1) claimIds = [(claims[0] as Claim).id];
  else {
    claimIds = [];
    for (const c of claims) if (!claimIds.includes(c.id)) claimIds.push(c.id);
  }
  const minutes = ctx.minutes();
  // The month's billed amount, and the part of it that its error findings put at risk.
  let billed = 0;
  let unpriced = 0;
  for (const line of lines) {
    if (!codeDefinition(line.code)) continue;
    const f = feeIn(ctx, line.code);
    if (f === null) unpriced += 1;
    billed += (f ?? 0) * line.units;
  }
  return {
    patientId: ctx.patient.id,
    month: ctx.month,
    billingPractitionerId: ctx.billingPractitionerId ?? null,
    claimIds,
    codes,
    countableMinutes: {
      clinicalStaff: wholeMinutes(minutes.clinicalStaffSeconds),
      practitioner: wholeMinutes(minutes.practitionerSeconds),
    },
    verdict: verdictOf(findings),
    findings: findings.length === 0 ? findings : findings.map(withoutAtRisk),
    billedAmount: cents(billed),
    amountAtRisk: atRiskAmount(ctx, findings, billed),
    unpricedLines: unpriced,
  };
}

function codeIn(codes: readonly BilledCode[], code: string): BilledCode | undefined {
  for (const c of codes) if (c.code === code) return c;
  return undefined;
}

/** A code is priced at the fee in force on the date of its first line in the month. */
function feeIn(ctx: MonthContext, code: string): number | null {
  for (const line of ctx.lines) {
    if (line.code !== code) continue;
    return unitFee(code, line.dateOfService, settingFor(line.placeOfService, ctx.practice.setting));
  }
  return null;
}

/** The part of the billed amount that the month's error findings put at risk. */
function atRiskAmount(ctx: MonthContext, findings: readonly RuleFinding[], billed: number): number {
  let errors = 0;
  let whole = false;
  for (const f of findings) {
    if (f.severity !== 'error') continue;
    errors += 1;
    if (!f.atRisk) whole = true;
  }
  if (errors === 0) return 0;
  if (whole) return cents(billed);
  const units = new Map<string, number>();
  for (const f of findings) {
    if (f.severity !== 'error') continue;
    for (const l of f.atRisk ?? []) units.set(l.code, Math.max(units.get(l.code) ?? 0, l.units));
  }
  let atRisk = 0;
  for (const [code, n] of units) atRisk += (feeIn(ctx, code) ?? 0) * Math.min(n, ctx.units(code));
  return cents(atRisk);
}

export function verdictOf(findings: ReadonlyArray<{ severity: string }>): Verdict {
  let warning = false;
  for (const f of findings) {
    if (f.severity === 'error') return 'fail';
    if (f.severity === 'warning') warning = true;
  }
  return warning ? 'warn' : 'pass';
}

function cents(n: number): number {
  return Math.round(n * 100) / 100;
}

function withoutAtRisk(finding: RuleFinding): RuleFinding {
  if (finding.atRisk === undefined) return finding;
  const { atRisk: _, ...rest } = finding;
  return rest;
}

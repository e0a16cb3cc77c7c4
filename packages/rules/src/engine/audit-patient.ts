import type { Claim } from '@chronicle/dataset';
import { CONFLICT_CODES, codeDefinition, isAuditedCode } from '../codes/code-catalogue.js';
import { wholeMinutes } from '../evaluate/month-minutes.js';
import { settingFor, unitFee } from '../fees/fee-schedule.js';
import type { AuditedMonth, BilledCode, Verdict } from '../report/report-schema.js';
import { compareStrings, sortIfNeeded } from './compare.js';
import { MonthContext } from './month-context.js';
import type { PatientEnv } from './patient-env.js';
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

/** Audits one patient's billed months, then their unbilled months with time. */
export function auditPatient(penv: PatientEnv, options: MonthSelection): AuditedMonth[] {
  const { patient } = penv;
  const claims = patient.claims.filter((c) => c.status !== 'denied');
  const groups = new Map<string, Claim[]>();
  for (const claim of claims) {
    if (!claim.lines.some((l) => isAuditedCode(l.code))) continue;
    const month = claim.dateOfService.slice(0, 7);
    if (!inPeriod(month, options)) continue;
    const key = `${month}\u0000${claim.billingPractitionerId}`;
    const group = groups.get(key);
    if (group) group.push(claim);
    else groups.set(key, [claim]);
  }
  // Conflicting services billed by the same practitioner join that practitioner's month.
  for (const claim of claims) {
    if (claim.lines.some((l) => isAuditedCode(l.code))) continue;
    if (!claim.lines.some((l) => CONFLICT_CODES.has(l.code))) continue;
    const key = `${claim.dateOfService.slice(0, 7)}\u0000${claim.billingPractitionerId}`;
    groups.get(key)?.push(claim);
  }
  const out: AuditedMonth[] = [];
  for (const key of [...groups.keys()].sort()) {
    const [month, practitionerId] = key.split('\u0000') as [string, string];
    const ctx = new MonthContext(penv, month, practitionerId, groups.get(key) ?? [], claims);
    out.push(auditedMonth(ctx, runRules(options.rules, ctx, 'billed-month')));
  }
  out.push(...unbilledMonths(penv, claims, options));
  return sortIfNeeded(out, compareMonths);
}

function compareMonths(a: AuditedMonth, b: AuditedMonth): number {
  return (
    compareStrings(a.month, b.month) ||
    compareStrings(a.billingPractitionerId ?? '', b.billingPractitionerId ?? '')
  );
}

function unbilledMonths(
  penv: PatientEnv,
  claims: Claim[],
  options: MonthSelection,
): AuditedMonth[] {
  const billed = new Set(
    claims
      .filter((c) => c.lines.some((l) => isAuditedCode(l.code)))
      .map((c) => c.dateOfService.slice(0, 7)),
  );
  const months = new Set<string>();
  for (const v of penv.views) {
    if (v.entry.service !== 'ccm' && v.entry.service !== 'pcm') continue;
    const month = v.localMonth;
    if (!billed.has(month) && inPeriod(month, options)) months.add(month);
  }
  const out: AuditedMonth[] = [];
  for (const month of [...months].sort()) {
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
  return out;
}

function auditedMonth(ctx: MonthContext, findings: RuleFinding[]): AuditedMonth {
  const codes: BilledCode[] = [];
  for (const line of ctx.lines) {
    const seen = codes.find((c) => c.code === line.code);
    if (seen) seen.units += line.units;
    else codes.push({ code: line.code, units: line.units });
  }
  const claimIds: string[] = [];
  for (const c of ctx.claims) if (!claimIds.includes(c.id)) claimIds.push(c.id);
  const minutes = ctx.minutes();
  const { billed, atRisk, unpriced } = amounts(ctx, findings);
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
    findings: findings.map((f) => (f.atRisk === undefined ? f : withoutAtRisk(f))),
    billedAmount: billed,
    amountAtRisk: atRisk,
    unpricedLines: unpriced,
  };
}

export function verdictOf(findings: ReadonlyArray<{ severity: string }>): Verdict {
  if (findings.some((f) => f.severity === 'error')) return 'fail';
  if (findings.some((f) => f.severity === 'warning')) return 'warn';
  return 'pass';
}

/** The month's billed amount, and the part of it that its error findings put at risk. */
function amounts(
  ctx: MonthContext,
  findings: RuleFinding[],
): { billed: number; atRisk: number; unpriced: number } {
  // A code is priced at the fee in force on the date of its first line in the month.
  const fees = new Map<string, number | null>();
  const fee = (code: string) => {
    let f = fees.get(code);
    if (f === undefined) {
      const line = ctx.lines.find((l) => l.code === code);
      f = line
        ? unitFee(code, line.dateOfService, settingFor(line.placeOfService, ctx.practice.setting))
        : null;
      fees.set(code, f);
    }
    return f;
  };
  const price = (code: string, units: number) => (fee(code) ?? 0) * units;
  let billed = 0;
  let unpriced = 0;
  for (const line of ctx.lines) {
    if (!codeDefinition(line.code)) continue;
    const f = fee(line.code);
    if (f === null) unpriced += 1;
    billed += (f ?? 0) * line.units;
  }
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return { billed: cents(billed), atRisk: 0, unpriced };
  if (errors.some((f) => !f.atRisk))
    return { billed: cents(billed), atRisk: cents(billed), unpriced };
  const units = new Map<string, number>();
  for (const f of errors)
    for (const l of f.atRisk ?? []) units.set(l.code, Math.max(units.get(l.code) ?? 0, l.units));
  let atRisk = 0;
  for (const [code, n] of units) atRisk += price(code, Math.min(n, ctx.units(code)));
  return { billed: cents(billed), atRisk: cents(atRisk), unpriced };
}

function cents(n: number): number {
  return Math.round(n * 100) / 100;
}

function withoutAtRisk({ atRisk: _, ...finding }: RuleFinding): RuleFinding {
  return finding;
}

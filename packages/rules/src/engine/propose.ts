import type { Claim } from '@chronicle/dataset';
import { codeDefinition, isAuditedCode } from '../codes/code-catalogue.js';
import { billableUnits, requiredSeconds, type Ladder } from '../evaluate/levels.js';
import { reachedOn, type MonthMinutes } from '../evaluate/month-minutes.js';
import { unitFee } from '../fees/fee-schedule.js';
import { MonthContext } from './month-context.js';
import type { PatientEnv } from './patient-env.js';
import type { Rule } from './rule.js';
import { runRules, type RuleFinding } from './run-rules.js';

// What a month's documentation supports: the most valuable level its countable minutes
// reach (non-complex, complex or personal CCM, or PCM), the date of service, and the
// rules that stand in the way when the lines are tried as a draft claim.

export interface MonthPlan {
  lines: Array<{ code: string; units: number }>;
  dateOfService: string | null;
  next?: { code: string; minutesNeeded: number };
  minutes: MonthMinutes;
}

export interface MonthProposalResult extends MonthPlan {
  blockers: RuleFinding[];
  warnings: RuleFinding[];
}

// Relative value of a unit when the fee table has no figure for the year (2025 amounts).
const FALLBACK_VALUE: Record<string, number> = {
  '99490': 60.49,
  '99439': 45.93,
  G2058: 45.93,
  '99487': 131.65,
  '99489': 70.52,
  '99491': 82.16,
  '99437': 57.58,
  '99424': 83.4,
  '99425': 60.22,
  '99426': 63.33,
  '99427': 47.44,
  G2064: 83.4,
  G2065: 63.33,
};

function value(code: string, units: number, date: string): number {
  return (unitFee(code, date, 'non-facility') ?? FALLBACK_VALUE[code] ?? 0) * units;
}

interface PlanOption {
  ladder: Ladder;
  seconds: number;
  pool: 'staff' | 'personal';
  service: 'ccm' | 'pcm';
}

// The levels a month may be billed at, in the order they are weighed (the first of equal
// worth wins). Complex CCM needs moderate or high MDM by the practitioner in the month.
const LEVELS: ReadonlyArray<{
  base: string;
  pool: 'staff' | 'personal';
  service: 'ccm' | 'pcm';
  complex?: true;
}> = [
  { base: '99490', pool: 'staff', service: 'ccm' },
  { base: '99487', pool: 'staff', service: 'ccm', complex: true },
  { base: '99491', pool: 'personal', service: 'ccm' },
  { base: '99426', pool: 'staff', service: 'pcm' },
  { base: 'G2065', pool: 'staff', service: 'pcm' },
  { base: '99424', pool: 'personal', service: 'pcm' },
  { base: 'G2064', pool: 'personal', service: 'pcm' },
];

export function planMonth(ctx: MonthContext): MonthPlan {
  const year = ctx.year;
  let complex: boolean | undefined;
  let best:
    { lines: MonthPlan['lines']; worth: number; option: PlanOption; units: number } | undefined;
  for (const { base, pool, service, complex: needsComplexity } of LEVELS) {
    if (needsComplexity && !(complex ??= hasComplexityBasis(ctx))) continue;
    const def = codeDefinition(base);
    const ladder = ctx.ladder(base);
    if (!def || !ladder || year < def.from || (def.to !== undefined && year > def.to)) continue;
    const option: PlanOption = {
      ladder,
      seconds: ctx.minutes(service)[pool].seconds,
      pool,
      service,
    };
    const units = billableUnits(ladder, option.seconds);
    if (units < 0) continue;
    const lines = [{ code: ladder.base, units: 1 }];
    if (units > 0 && ladder.addon) lines.push({ code: ladder.addon, units });
    let worth = 0;
    for (const l of lines) worth += value(l.code, l.units, ctx.lastDay);
    if (!best || worth > best.worth) best = { lines, worth, option, units };
  }
  const ccm = ctx.minutes('ccm');
  if (!best) {
    const need = Math.max(0, 20 * 60 - ccm.staff.seconds);
    return {
      lines: [],
      dateOfService: null,
      next: { code: '99490', minutesNeeded: Math.ceil(need / 60) },
      minutes: ccm,
    };
  }
  const { option, units } = best;
  const minutes = ctx.minutes(option.service);
  const reached =
    reachedOn(minutes[option.pool], requiredSeconds(option.ladder, units), ctx.clock) ??
    ctx.lastDay;
  const dateOfService = ctx.policy.dateOfService === 'month-end' ? ctx.lastDay : reached;
  const plan: MonthPlan = { lines: best.lines, dateOfService, minutes };
  const { ladder } = option;
  if (ladder.addon && ladder.increment > 0 && (ladder.cap === null || units < ladder.cap)) {
    const need = requiredSeconds(ladder, units + 1) - option.seconds;
    plan.next = { code: ladder.addon, minutesNeeded: Math.ceil(need / 60) };
  }
  return plan;
}

/** Complex CCM needs moderate or high MDM by the billing practitioner in the month. */
export function hasComplexityBasis(ctx: MonthContext): boolean {
  return ctx.entryViews.some(
    ({ entry, localMonth }) =>
      entry.clinicianId === ctx.billingPractitionerId &&
      (entry.mdm === 'moderate' || entry.mdm === 'high') &&
      localMonth === ctx.month,
  );
}

/**
 * Plans the month and tries the lines as a draft claim against every billed-month rule:
 * error findings block it (and empty the lines), warnings come along.
 */
export function proposeMonth(
  env: PatientEnv,
  month: string,
  practitionerId: string | undefined,
  patientClaims: readonly Claim[],
  rules: readonly Rule[],
): MonthProposalResult {
  // The practitioner's own care-management claims of the month are what the proposal
  // replaces; their other claims that month (TCM, oversight, ESRD) stay, so the same-month
  // rules see them next to the draft.
  const others: Claim[] = [];
  const kept: Claim[] = [];
  for (const c of patientClaims) {
    const own = c.billingPractitionerId === practitionerId && c.dateOfService.startsWith(month);
    if (!own) others.push(c);
    else if (!c.lines.some((l) => isAuditedCode(l.code))) kept.push(c);
  }
  const plan = planMonth(new MonthContext(env, month, practitionerId, [], others));
  if (plan.lines.length === 0 || practitionerId === undefined || plan.dateOfService === null) {
    return Object.assign(plan, { blockers: [], warnings: [] });
  }
  const draft: Claim = {
    id: `proposed-${month}`,
    dateOfService: plan.dateOfService,
    billingPractitionerId: practitionerId,
    status: 'draft',
    lines: plan.lines,
  };
  const ctx = new MonthContext(
    env,
    month,
    practitionerId,
    [draft, ...kept],
    [...others, ...kept, draft],
  );
  const findings = runRules(rules, ctx, 'billed-month');
  const blockers = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  return { ...plan, lines: blockers.length > 0 ? [] : plan.lines, blockers, warnings };
}

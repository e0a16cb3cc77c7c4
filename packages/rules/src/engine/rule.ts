import type { Policy } from '../policy.js';
import type { Severity } from '../report/report-schema.js';
import type { MonthContext } from './month-context.js';
import type { SourceKey } from './sources.js';

// A rule is `meta` plus a check. The check reads the month's context and reports findings
// as data (a message id, the values for its template, evidence with record ids); the
// engine turns them into report findings. Rules never build message strings by hand.

export interface SeverityPeriod {
  from: number;
  to?: number;
  severity: Severity;
}

export interface RuleMeta {
  /** Stable public ID: never changes meaning, never reused. Plugins prefix theirs (`acme/...`). */
  id: string;
  /** One severity, or severities by service year. */
  severity: Severity | readonly SeverityPeriod[];
  /** Service years the rule applies to (inclusive); `to` absent: still in force. */
  years: { from: number; to?: number };
  /** Keys of the CMS source table, or URLs (plugins cite their own sources). */
  sources: ReadonlyArray<SourceKey | `https://${string}` | `http://${string}`>;
  description: string;
  /** Message templates by id; `{name}` is replaced by the finding's data. */
  messages: Readonly<Record<string, string>>;
  /** Which months the rule looks at: billed ones, or months with time and no claim. */
  scope: 'billed-month' | 'unbilled-month';
  /**
   * The codes the rule is about, when it can only report on a month whose lines (the
   * billing practitioner's claims of the month) bill at least one of them: the engine
   * skips it on any other month. Leave it out when the rule may report whatever the month
   * bills (consent, time, documentation, the patient) or reads only other practitioners'
   * claims; the rule then runs on every month.
   */
  codes?: readonly string[];
  lifecycle: { addedIn: string; retiredIn?: string; replacedBy?: string };
  /** Policy options the rule reads. */
  policy?: ReadonlyArray<keyof Policy>;
  docs: {
    why: string;
    fail: string;
    pass: string;
    blindSpots?: string;
    /**
     * What a practice does when the rule fails: the fix for the months already billed
     * (hold, correct or refund) and the change that stops it recurring. Shown in reports
     * beside the rule's findings and in the rule's page. Required: a finding a compliance
     * officer cannot act on is half a finding.
     */
    correctiveAction: string;
  };
}

export interface AtRiskLine {
  code: string;
  units: number;
}

export interface FindingReport {
  messageId: string;
  data?: Record<string, string | number>;
  evidence?: Record<string, unknown>;
  /** Lines the finding puts at risk; absent on an error means the whole month. */
  atRisk?: AtRiskLine[];
  /**
   * This finding's severity when it differs from the rule's (e.g. a conflict with another
   * practitioner's claim, weighed by a policy option, beside a same-practitioner error).
   */
  severity?: Severity;
}

export type Reporter = (finding: FindingReport) => void;

export interface Rule {
  meta: RuleMeta;
  check(ctx: MonthContext, report: Reporter): void;
  /**
   * The id of the plugin that registered the rule, set by the plugin host (a rule pack
   * leaves it out). The engine names it when the rule throws, so that a RULE-FAILED
   * finding says whose rule failed.
   */
  readonly plugin?: string;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

export function severityIn(meta: RuleMeta, year: number): Severity {
  if (typeof meta.severity === 'string') return meta.severity;
  const period = meta.severity.find((p) => year >= p.from && (p.to === undefined || year <= p.to));
  return period?.severity ?? (meta.severity[meta.severity.length - 1] as SeverityPeriod).severity;
}

export function appliesIn(meta: RuleMeta, year: number): boolean {
  return year >= meta.years.from && (meta.years.to === undefined || year <= meta.years.to);
}

export function formatMessage(
  template: string,
  data: Record<string, string | number> = {},
): string {
  let parts = compiled.get(template);
  if (parts === undefined) {
    parts = template.split(/\{(\w+)\}/);
    compiled.set(template, parts);
  }
  // Even indices are literal text, odd ones the names between braces.
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i] as string;
    out += (key in data ? String(data[key]) : `{${key}}`) + (parts[i + 1] as string);
  }
  return out;
}

// Templates split once into text and names: an audit formats tens of thousands of messages.
const compiled = new Map<string, string[]>();

export function yearsLabel(meta: RuleMeta): string {
  const { from, to } = meta.years;
  if (to === undefined) return `${from}+`;
  return from === to ? String(from) : `${from}-${to}`;
}

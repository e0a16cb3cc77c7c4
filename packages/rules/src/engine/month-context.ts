import { compareStrings } from './compare.js';
import type {
  Claim,
  Clinician,
  Condition,
  Consent,
  Patient,
  Practice,
  Program,
} from '@chronicle/dataset';
import { CONFLICT_CODES, codeDefinition, isAuditedCode } from '../codes/code-catalogue.js';
import { ladderFor, type Ladder } from '../evaluate/levels.js';
import { monthMinutes, type MonthMinutes } from '../evaluate/month-minutes.js';
import type { Policy } from '../policy.js';
import { firstDay, lastDay, yearOf } from '../time/calendar.js';
import type { EntryView } from '../evaluate/time-index.js';
import type { PracticeClock } from '../time/practice-clock.js';
import type { ActiveCondition, PatientEnv } from './patient-env.js';

// Everything a rule may ask about one billed patient-month (one patient, one calendar
// month, one billing practitioner). Costly facts are computed on first use and kept.

export interface BilledLine {
  code: string;
  units: number;
  claimId: string;
  dateOfService: string;
  placeOfService: string | undefined;
}

export type { ActiveCondition };

/** A proposal for a month with no claim, set by the engine for unbilled-month rules. */
export interface MonthProposal {
  lines: Array<{ code: string; units: number }>;
  dateOfService: string | null;
  blockers: Array<{ ruleId: string }>;
}

function ofProgram(l: BilledLine, program: string): boolean {
  return l.code !== 'G0506' && codeDefinition(l.code)?.program === program;
}

interface MonthFacts {
  year: number;
  firstDay: string;
  lastDay: string;
}

// The year and first and last days of a month, worked out once per month of the audit.
const facts = new Map<string, MonthFacts>();
function monthFacts(month: string): MonthFacts {
  let f = facts.get(month);
  if (f === undefined) {
    f = { year: yearOf(month), firstDay: firstDay(month), lastDay: lastDay(month) };
    facts.set(month, f);
  }
  return f;
}

/** Names one fact that several rules derive from a month; see `MonthContext.memo`. */
export interface MemoKey<T> {
  readonly name: string;
  compute(ctx: MonthContext): T;
}

export class MonthContext {
  readonly year: number;
  readonly firstDay: string;
  readonly lastDay: string;
  readonly lines: readonly BilledLine[];
  private ccmMinutes: MonthMinutes | undefined;
  private pcmMinutes: MonthMinutes | undefined;
  private conditionsCache: ActiveCondition[] | undefined;
  private chronicCache: ActiveCondition[] | undefined;
  private dateOfServiceCache: string | undefined;
  private serviceCache: 'ccm' | 'pcm' | undefined;
  private monthClaimsCache: Claim[] | undefined;
  private otherLinesCache: ReadonlyArray<BilledLine & { practitionerId: string }> | undefined;
  // Memoised facts as key, value, key, value...: a month holds a handful, and a short
  // array costs less to make and to search than a Map.
  private memos: unknown[] | undefined;
  private memoCount = 0;
  proposal: MonthProposal | undefined;

  constructor(
    private readonly env: PatientEnv,
    readonly month: string,
    readonly billingPractitionerId: string | undefined,
    /** This practitioner's claims with a date of service in the month. */
    readonly claims: readonly Claim[],
    /** Every claim of the patient (all practitioners), denied ones left out. */
    readonly patientClaims: readonly Claim[],
  ) {
    const facts = monthFacts(month);
    this.year = facts.year;
    this.firstDay = facts.firstDay;
    this.lastDay = facts.lastDay;
    // Always an array of its own, never a shared frozen one: rules loop over the lines of
    // every month, and loops stay fast while every such array has the same kind.
    // Sized to the lines found (most months have one or two), not grown by push.
    let count = 0;
    for (const claim of claims)
      for (const l of claim.lines) if (isAuditedCode(l.code) || CONFLICT_CODES.has(l.code)) count++;
    const lines: BilledLine[] = count === 0 ? [] : new Array<BilledLine>(count);
    let k = 0;
    for (const claim of claims) {
      for (const l of claim.lines) {
        if (!isAuditedCode(l.code) && !CONFLICT_CODES.has(l.code)) continue;
        lines[k++] = {
          code: l.code,
          units: l.units,
          claimId: claim.id,
          dateOfService: claim.dateOfService,
          placeOfService: claim.placeOfService,
        };
      }
    }
    this.lines = lines;
  }

  /**
   * A fact derived from the month, computed on first use and kept with the month (not in
   * a WeakMap keyed by it: an audit makes hundreds of thousands of months, and weak keys
   * cost the garbage collector far more than a field).
   */
  memo<T>(key: MemoKey<T>): T {
    const memos = this.memos;
    if (memos !== undefined)
      for (let i = 0; i < 2 * this.memoCount; i += 2)
        if (memos[i] === key) return memos[i + 1] as T;
    const value = key.compute(this);
    // Room for four facts at first (the catalogue keeps three), grown only past that.
    const at = 2 * this.memoCount++;
    const store = (this.memos ??= new Array<unknown>(8));
    store[at] = key;
    store[at + 1] = value;
    return value;
  }

  get practice(): Practice {
    return this.env.practice;
  }
  get patient(): Patient {
    return this.env.patient;
  }
  get policy(): Policy {
    return this.env.policy;
  }
  get clock(): PracticeClock {
    return this.env.clock;
  }
  /** The patient's time entries that touch the month (see `PatientEnv.viewsIn`). */
  get entryViews(): readonly EntryView[] {
    return this.env.viewsIn(this.month);
  }

  clinician(id: string | undefined): Clinician | undefined {
    return id === undefined ? undefined : this.env.clinicians.get(id);
  }

  get billingPractitioner(): Clinician | undefined {
    return this.clinician(this.billingPractitionerId);
  }

  /** Units billed for a code in the month by this practitioner. */
  units(code: string): number {
    const { lines } = this;
    let n = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as BilledLine;
      if (line.code === code) n += line.units;
    }
    return n;
  }

  /** Lines of a program (ccm, pcm, apcm, rhc), G0506 excluded. */
  programLines(program: string): BilledLine[] {
    return this.lines.filter((l) => ofProgram(l, program));
  }

  private billsProgram(program: string): boolean {
    const { lines } = this;
    for (let i = 0; i < lines.length; i++)
      if (ofProgram(lines[i] as BilledLine, program)) return true;
    return false;
  }

  /** The latest date of service among this month's claims. */
  get dateOfService(): string {
    if (this.dateOfServiceCache === undefined) {
      let latest = this.claims[0]?.dateOfService ?? this.lastDay;
      for (const c of this.claims) if (c.dateOfService > latest) latest = c.dateOfService;
      this.dateOfServiceCache = latest;
    }
    return this.dateOfServiceCache;
  }

  /** The patient's claims in this month by every practitioner. */
  get monthClaims(): Claim[] {
    if (this.monthClaimsCache === undefined) {
      const claims: Claim[] = [];
      for (const c of this.patientClaims)
        if (c.dateOfService.startsWith(this.month)) claims.push(c);
      this.monthClaimsCache = claims;
    }
    return this.monthClaimsCache;
  }

  /** Lines billed in this month by other practitioners. */
  otherPractitionerLines(): ReadonlyArray<BilledLine & { practitionerId: string }> {
    if (this.otherLinesCache === undefined) {
      const lines: Array<BilledLine & { practitionerId: string }> = [];
      for (const c of this.patientClaims) {
        if (
          c.billingPractitionerId === this.billingPractitionerId ||
          !c.dateOfService.startsWith(this.month)
        )
          continue;
        for (const l of c.lines) {
          lines.push({
            code: l.code,
            units: l.units,
            claimId: c.id,
            dateOfService: c.dateOfService,
            placeOfService: c.placeOfService,
            practitionerId: c.billingPractitionerId,
          });
        }
      }
      this.otherLinesCache = lines;
    }
    return this.otherLinesCache;
  }

  /** The earliest accepted consent for a program naming the billing practitioner. */
  firstConsent(program: Program): Consent | undefined {
    let first: Consent | undefined;
    for (const c of this.patient.consents) {
      if (
        c.program !== program ||
        c.decision !== 'accepted' ||
        c.practitionerId !== this.billingPractitionerId
      )
        continue;
      if (first === undefined || compareStrings(c.date, first.date) < 0) first = c;
    }
    return first;
  }

  /** The minutes of the month for a service, counted for this billing practitioner. */
  minutes(service: 'ccm' | 'pcm' = this.service): MonthMinutes {
    let m = service === 'ccm' ? this.ccmMinutes : this.pcmMinutes;
    if (!m) {
      m = this.env.keptMinutes(this.month, service, this.billingPractitionerId);
      if (m === undefined) {
        m = monthMinutes({
          patient: this.patient,
          views: this.entryViews,
          month: this.month,
          service,
          billingPractitionerId: this.billingPractitionerId,
          consentDate: this.firstConsent(service)?.date,
          clock: this.clock,
        });
        this.env.keepMinutes(m);
      }
      if (service === 'ccm') this.ccmMinutes = m;
      else this.pcmMinutes = m;
    }
    return m;
  }

  /** The service whose minutes the month's codes rest on: PCM when only PCM is billed. */
  get service(): 'ccm' | 'pcm' {
    if (this.serviceCache === undefined) {
      this.serviceCache = this.billsProgram('pcm') && !this.billsProgram('ccm') ? 'pcm' : 'ccm';
    }
    return this.serviceCache;
  }

  ladder(base: string): Ladder | undefined {
    return ladderFor(base, this.year, this.policy);
  }

  /** Conditions active in the month: onset by its end and not abated before its start. */
  activeConditions(): ActiveCondition[] {
    this.conditionsCache ??= this.readConditions(false);
    return this.conditionsCache;
  }

  chronicConditions(): ActiveCondition[] {
    this.chronicCache ??=
      this.conditionsCache === undefined
        ? this.readConditions(true)
        : this.conditionsCache.filter((c) => c.classification.chronic);
    return this.chronicCache;
  }

  /** The conditions active in the month (only the chronic ones if asked), in record order. */
  private readConditions(chronicOnly: boolean): ActiveCondition[] {
    const { conditions } = this.patient;
    // At most one per condition: sized to that, then cut to what was found.
    const out = new Array<ActiveCondition>(conditions.length);
    let n = 0;
    for (let i = 0; i < conditions.length; i++) {
      const { onset, abatement } = conditions[i] as Condition;
      if (onset !== undefined && onset > this.lastDay) continue;
      if (abatement !== undefined && abatement < this.firstDay) continue;
      const active = this.env.activeCondition(i);
      if (!chronicOnly || active.classification.chronic) out[n++] = active;
    }
    out.length = n;
    return out;
  }
}

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
  private otherLinesCache: Array<BilledLine & { practitionerId: string }> | undefined;
  private memos: Map<MemoKey<unknown>, unknown> | undefined;
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
    this.year = yearOf(month);
    this.firstDay = firstDay(month);
    this.lastDay = lastDay(month);
    const lines: BilledLine[] = [];
    for (const claim of claims) {
      for (const l of claim.lines) {
        if (!isAuditedCode(l.code) && !CONFLICT_CODES.has(l.code)) continue;
        lines.push({
          code: l.code,
          units: l.units,
          claimId: claim.id,
          dateOfService: claim.dateOfService,
          placeOfService: claim.placeOfService,
        });
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
    this.memos ??= new Map();
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = key.compute(this);
    this.memos.set(key, value);
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
    let n = 0;
    for (const line of this.lines) if (line.code === code) n += line.units;
    return n;
  }

  /** Lines of a program (ccm, pcm, apcm, rhc), G0506 excluded. */
  programLines(program: string): BilledLine[] {
    return this.lines.filter(
      (l) => l.code !== 'G0506' && codeDefinition(l.code)?.program === program,
    );
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
    this.monthClaimsCache ??= this.patientClaims.filter((c) =>
      c.dateOfService.startsWith(this.month),
    );
    return this.monthClaimsCache;
  }

  /** Lines billed in this month by other practitioners. */
  otherPractitionerLines(): Array<BilledLine & { practitionerId: string }> {
    this.otherLinesCache ??= this.monthClaims
      .filter((c) => c.billingPractitionerId !== this.billingPractitionerId)
      .flatMap((c) =>
        c.lines.map((l) => ({
          code: l.code,
          units: l.units,
          claimId: c.id,
          dateOfService: c.dateOfService,
          placeOfService: c.placeOfService,
          practitionerId: c.billingPractitionerId,
        })),
      );
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
      m = this.env.minutesOnce(this.month, service, this.billingPractitionerId, () =>
        monthMinutes({
          patient: this.patient,
          views: this.entryViews,
          month: this.month,
          service,
          billingPractitionerId: this.billingPractitionerId,
          consentDate: this.firstConsent(service)?.date,
          clock: this.clock,
        }),
      );
      if (service === 'ccm') this.ccmMinutes = m;
      else this.pcmMinutes = m;
    }
    return m;
  }

  /** The service whose minutes the month's codes rest on: PCM when only PCM is billed. */
  get service(): 'ccm' | 'pcm' {
    if (this.serviceCache === undefined) {
      this.serviceCache =
        this.programLines('pcm').length > 0 && this.programLines('ccm').length === 0
          ? 'pcm'
          : 'ccm';
    }
    return this.serviceCache;
  }

  ladder(base: string): Ladder | undefined {
    return ladderFor(base, this.year, this.policy);
  }

  /** Conditions active in the month: onset by its end and not abated before its start. */
  activeConditions(): ActiveCondition[] {
    if (!this.conditionsCache) {
      const active: ActiveCondition[] = [];
      const { conditions } = this.patient;
      for (let i = 0; i < conditions.length; i++) {
        const { onset, abatement } = conditions[i] as Condition;
        if (onset !== undefined && onset > this.lastDay) continue;
        if (abatement !== undefined && abatement < this.firstDay) continue;
        active.push(this.env.activeCondition(i));
      }
      this.conditionsCache = active;
    }
    return this.conditionsCache;
  }

  chronicConditions(): ActiveCondition[] {
    this.chronicCache ??= this.activeConditions().filter((c) => c.classification.chronic);
    return this.chronicCache;
  }
}

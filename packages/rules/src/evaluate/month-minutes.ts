import type { Encounter, Patient } from '@chronicle/dataset';
import type { PracticeClock } from '../time/practice-clock.js';
import type { EntryView } from './time-index.js';

// The countable minutes of one patient-month for one billing practitioner: which seconds
// count toward staff codes and toward the practitioner's personal codes, which do not and
// why, and the local day each running total was reached. Seconds precision; nothing is
// rounded up.

export type Exclusion =
  | 'non-clinical'
  | 'facility-stay'
  | 'before-consent'
  | 'after-death'
  | 'double-counted'
  | 'outside-month';

export interface CountedSpan {
  entryId: string;
  clinicianId: string;
  startMs: number;
  seconds: number;
}

export interface Pool {
  seconds: number;
  spans: CountedSpan[];
}

export interface ExcludedMinutes {
  seconds: number;
  entryIds: string[];
}

export interface MonthMinutes {
  month: string;
  service: 'ccm' | 'pcm';
  /** Clinical staff and practitioner minutes: what staff-time codes count. */
  staff: Pool;
  /** Minutes by clinical staff only (for the report's split). */
  clinicalStaffSeconds: number;
  /** Minutes by anyone in the practitioner role. */
  practitionerSeconds: number;
  /** The billing practitioner's own minutes: what personal codes count. */
  personal: Pool;
  excluded: ReadonlyMap<Exclusion, ExcludedMinutes>;
  /** Counted entries with no activity text (for TIME-ENTRY-UNDOCUMENTED). */
  undocumentedEntryIds: string[];
  /** The consent date used to exclude earlier minutes, if any. */
  consentDate: string | undefined;
  /** Whose personal minutes `personal` holds. */
  billingPractitionerId: string | undefined;
}

export interface MinutesInput {
  patient: Patient;
  views: readonly EntryView[];
  month: string;
  service: 'ccm' | 'pcm';
  billingPractitionerId: string | undefined;
  consentDate: string | undefined;
  clock: PracticeClock;
}

const NO_EXCLUSIONS: ReadonlyMap<Exclusion, ExcludedMinutes> = new Map();
const NO_IDS: string[] = [];

export function monthMinutes(input: MinutesInput): MonthMinutes {
  const { patient, views, month, service, billingPractitionerId, consentDate, clock } = input;
  const from = clock.monthStart(month);
  const to = clock.monthEnd(month);
  // At most one span per entry: sized to the month's entries, cut to the count at the end.
  const staffSpans = new Array<CountedSpan>(views.length);
  let counted = 0;
  const result: MonthMinutes = {
    month,
    service,
    consentDate,
    billingPractitionerId,
    staff: { seconds: 0, spans: staffSpans },
    personal: { seconds: 0, spans: [] },
    clinicalStaffSeconds: 0,
    practitionerSeconds: 0,
    excluded: NO_EXCLUSIONS,
    undocumentedEntryIds: NO_IDS,
  };
  for (const v of views) {
    if (v.entry.service !== service) continue;
    if (v.endMs <= from || v.startMs >= to) {
      // Wholly in another local month; only a UTC reading would have put it here.
      if (v.utcMonth === month) exclude(result, 'outside-month', v.endMs - v.startMs, v.entry.id);
      continue;
    }
    const inStart = Math.max(v.startMs, from);
    const inEnd = Math.min(v.endMs, to);
    const inMonth = inEnd - inStart;
    exclude(result, 'outside-month', v.endMs - v.startMs - inMonth, v.entry.id);
    const id = v.entry.id;
    const ms = inMonth;
    if (v.performer === 'non-clinical') {
      exclude(result, 'non-clinical', ms, id);
      continue;
    }
    if (patient.deathDate !== undefined && v.localDate > patient.deathDate) {
      exclude(result, 'after-death', ms, id);
      continue;
    }
    if (consentDate !== undefined && v.localDate < consentDate) {
      exclude(result, 'before-consent', ms, id);
      continue;
    }
    if (duringAnyStay(patient.encounters, v.localDate)) {
      exclude(result, 'facility-stay', ms, id);
      continue;
    }
    const doubled = Math.min(v.overlapMs, ms);
    exclude(result, 'double-counted', doubled, id);
    const seconds = Math.floor((ms - doubled) / 1000);
    if (seconds <= 0) continue;
    const span: CountedSpan = {
      entryId: id,
      clinicianId: v.entry.clinicianId,
      startMs: inStart,
      seconds,
    };
    result.staff.seconds += seconds;
    staffSpans[counted++] = span;
    if (isBlank(v.entry.activity)) {
      if (result.undocumentedEntryIds === NO_IDS) result.undocumentedEntryIds = [];
      result.undocumentedEntryIds.push(id);
    }
    if (v.performer === 'clinical-staff') result.clinicalStaffSeconds += seconds;
    else result.practitionerSeconds += seconds;
    if (v.entry.clinicianId === billingPractitionerId) {
      result.personal.seconds += seconds;
      result.personal.spans.push(span);
    }
  }
  staffSpans.length = counted;
  return result;
}

/** Whether a text is empty or only white space, without trimming it when it plainly is not. */
function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  if (first > 32 && first < 127) return false; // printable ASCII is never white space
  return text.trim() === '';
}

// Most months exclude nothing: the map is made only when something is left out.
function exclude(result: MonthMinutes, reason: Exclusion, ms: number, entryId: string): void {
  if (ms <= 0) return;
  if (result.excluded === NO_EXCLUSIONS) result.excluded = new Map();
  const excluded = result.excluded as Map<Exclusion, ExcludedMinutes>;
  const bucket = excluded.get(reason) ?? { seconds: 0, entryIds: [] };
  bucket.seconds += Math.floor(ms / 1000);
  if (!bucket.entryIds.includes(entryId)) bucket.entryIds.push(entryId);
  excluded.set(reason, bucket);
}

function duringAnyStay(encounters: readonly Encounter[], date: string): boolean {
  for (const e of encounters) if (e.kind !== 'visit' && duringStay(e, date)) return true;
  return false;
}

/**
 * A stay covers its admission day up to the day before discharge: minutes on the day of
 * discharge are taken as after it (a known blind spot: the data has dates, not times).
 */
export function duringStay(stay: Encounter, date: string): boolean {
  if (date < stay.date) return false;
  if (stay.endDate === undefined || stay.endDate === stay.date) return date === stay.date;
  return date < stay.endDate;
}

/** The local date on which a pool's running total first reached `seconds`, if it did. */
export function reachedOn(pool: Pool, seconds: number, clock: PracticeClock): string | undefined {
  if (seconds <= 0) return undefined;
  let total = 0;
  for (const span of pool.spans) {
    if (total + span.seconds >= seconds)
      return clock.localDate(span.startMs + (seconds - total) * 1000);
    total += span.seconds;
  }
  return undefined;
}

export function wholeMinutes(seconds: number): number {
  return Math.floor(seconds / 60);
}

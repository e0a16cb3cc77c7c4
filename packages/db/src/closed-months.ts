import { formatProblem, type Problem } from '@chronicle/dataset';
import { sql } from 'kysely';
import { parseInstantMs } from './instants.js';
import type { AmendedRecordType } from './tables/close.table.js';
import type { Tx } from './tenant.js';

// Which stored records a closed month rests on, shared by the edits (month-close.ts) and
// the import (import-export.ts), and the errors they raise. A record rests on a closed
// month of its patient when the month's audit read it as evidence:
// - a time entry whose start falls in the month, on the practice's clock;
// - a consent or care-plan event dated on or before the month's last day (every later
//   month reads it).

export type RecordType = AmendedRecordType;
export const RECORD_TYPES = [
  'time_entry',
  'consent',
  'care_plan_event',
] as const satisfies readonly RecordType[];

/** Where each record type is stored, its name in messages and its list in a patient. */
export const RECORD_KINDS = {
  time_entry: { table: 'time_entries', label: 'time entry', list: 'timeEntries' },
  consent: { table: 'consents', label: 'consent', list: 'consents' },
  care_plan_event: { table: 'care_plan_events', label: 'care-plan event', list: 'carePlans' },
} as const satisfies Record<RecordType, { table: string; label: string; list: string }>;

/** Anything refused or not found by the month-close functions. */
export class MonthCloseError extends Error {
  override name = 'MonthCloseError';
}

/** Refused because a closed month rests on what would change; each problem says where. */
export class ClosedMonthError extends MonthCloseError {
  override name = 'ClosedMonthError';
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

/** The record changed since the caller read it: nothing was written. */
export class StaleWriteError extends MonthCloseError {
  override name = 'StaleWriteError';
  constructor(
    readonly record: string,
    readonly expectedVersion: number,
    /** Undefined when the record was deleted meanwhile. */
    readonly storedVersion: number | undefined,
  ) {
    super(
      `expectedVersion: ${record} was read at version ${expectedVersion} but is now ` +
        (storedVersion === undefined ? 'deleted' : `at version ${storedVersion}`) +
        '; nothing was written: read it again and redo the change',
    );
  }
}

/**
 * Closing takes a practice's lock exclusively; writers of the records a close rests on
 * (import, edits) take it shared. A close then never reads records that an unfinished
 * write is changing, and a writer never checks against closes that are still being made.
 */
export async function lockPractice(
  trx: Tx,
  orgId: string,
  practiceId: string,
  mode: 'shared' | 'exclusive',
): Promise<void> {
  const key = `chronicle.close:${orgId}/${practiceId}`;
  if (mode === 'shared')
    await sql`select pg_advisory_xact_lock_shared(hashtext(${key}))`.execute(trx);
  else await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}

/** The month (YYYY-MM) of an instant on a time zone's calendar. */
export function monthIn(timeZone: string): (ms: number) => string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
  });
  return (ms) => {
    let year = '';
    let month = '';
    for (const part of format.formatToParts(ms)) {
      if (part.type === 'year') year = part.value.padStart(4, '0');
      else if (part.type === 'month') month = part.value;
    }
    return `${year}-${month}`;
  };
}

/** Whether a record (its stored `data`) rests on `month` of its patient. */
export function restsOnMonth(
  type: RecordType,
  data: Record<string, unknown>,
  month: string,
  localMonth: (ms: number) => string,
): boolean {
  switch (type) {
    case 'time_entry':
      return typeof data.start === 'string' && localMonth(parseInstantMs(data.start)) === month;
    case 'consent':
    case 'care_plan_event':
      // On or before the month's last day: YYYY-MM-DD strings compare by their month.
      return typeof data.date === 'string' && data.date.slice(0, 7) <= month;
  }
}

export interface ClosedMonths {
  timeZone: string;
  localMonth: (ms: number) => string;
  /** Each patient with a closed month: its closed months, in order. */
  byPatient: ReadonlyMap<string, readonly string[]>;
  /** The first closed month the record rests on, if any. */
  restsOn(patientId: string, type: RecordType, data: Record<string, unknown>): string | undefined;
}

/** The closed months of a practice (or of one of its patients), with its clock. */
export async function loadClosedMonths(
  trx: Tx,
  orgId: string,
  practiceId: string,
  patientId?: string,
): Promise<ClosedMonths> {
  const practice = await trx
    .selectFrom('practices')
    .select('timezone')
    .where('org_id', '=', orgId)
    .where('id', '=', practiceId)
    .executeTakeFirst();
  let query = trx
    .selectFrom('month_closes')
    .select(['patient_id', 'month'])
    .where('org_id', '=', orgId)
    .where('practice_id', '=', practiceId);
  if (patientId !== undefined) query = query.where('patient_id', '=', patientId);
  const byPatient = new Map<string, string[]>();
  for (const row of await query.orderBy('patient_id').orderBy('month').execute()) {
    const months = byPatient.get(row.patient_id);
    if (months) months.push(row.month);
    else byPatient.set(row.patient_id, [row.month]);
  }
  const timeZone = practice?.timezone ?? 'UTC';
  const localMonth = monthIn(timeZone);
  return {
    timeZone,
    localMonth,
    byPatient,
    restsOn: (patient, type, data) =>
      byPatient.get(patient)?.find((month) => restsOnMonth(type, data, month, localMonth)),
  };
}

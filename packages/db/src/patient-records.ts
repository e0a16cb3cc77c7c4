import { randomUUID } from 'node:crypto';
import {
  carePlanSchema,
  consentSchema,
  parseDataset,
  problemsFromZod,
  timeEntrySchema,
  type CarePlanEvent,
  type Consent,
  type Problem,
  type TimeEntry,
} from '@chronicle/dataset';
import { sql } from 'kysely';
import { appendActivity } from './activity-log.js';
import { CareRecordError } from './care-record-error.js';
import { ClosedMonthError, RECORD_KINDS, type RecordType } from './closed-months.js';
import { parseInstantMs } from './instants.js';
import type { PatientScope } from './patient-scope.js';
import { recordOf } from './stored-record.js';
import type { Tx } from './tenant.js';

// A patient's consents, care-plan events and time entries as records of their lists: new
// ones are checked as the dataset checks them (the record's schema, then the references a
// record makes into the practice), get a random id and the next place in the list, and go
// to the activity log. Each list is its own table, as the import stores it, so an export
// gives back a dataset document that holds them.

export type RecordOf<T extends RecordType> = T extends 'time_entry'
  ? TimeEntry
  : T extends 'consent'
    ? Consent
    : CarePlanEvent;

export interface StoredRecord<T> {
  record: T;
  /** Rises with every change; an edit names the version it read. */
  version: number;
}

const SCHEMAS = {
  time_entry: timeEntrySchema,
  consent: consentSchema,
  care_plan_event: carePlanSchema,
} as const;

/** The field by which a record rests on a month (closed-months.ts). */
export const DATED_BY = { time_entry: 'start', consent: 'date', care_plan_event: 'date' } as const;

/** A record's name in messages: no patient data, only ids. */
export function recordName(type: RecordType, id: string, patientId: string): string {
  return `${RECORD_KINDS[type].label} "${id}" of patient "${patientId}"`;
}

/** Adds a new record at the end of the patient's list, inside the scope's transaction. */
export async function appendRecord<T extends RecordType>(
  scope: PatientScope,
  type: T,
  fields: Omit<RecordOf<T>, 'id'>,
  actor: string,
): Promise<StoredRecord<RecordOf<T>>> {
  const { trx, orgId, practiceId, patientId } = scope;
  const { table, label } = RECORD_KINDS[type];
  const record = checkedRecord(scope, type, { id: randomUUID(), ...fields });
  const month = scope.closed.restsOn(patientId, type, record);
  if (month)
    throw new ClosedMonthError([
      {
        path: DATED_BY[type],
        message: `a new ${label} would rest on closed month ${month} of patient "${patientId}"; a closed month changes only by amendment`,
      },
    ]);
  const next = await sql<{ ord: number }>`
    select coalesce(max(ord), -1) + 1 as ord from ${sql.table(table)}
    where org_id = ${orgId} and practice_id = ${practiceId} and patient_id = ${patientId}
  `.execute(trx);
  const columns: Record<string, unknown> = {
    org_id: orgId,
    practice_id: practiceId,
    patient_id: patientId,
    id: record.id,
    ord: Number(next.rows[0]?.ord ?? 0),
    ...queryColumns(type, record),
  };
  await sql`
    insert into ${sql.table(table)} (${sql.join([...Object.keys(columns), 'data'].map((c) => sql.ref(c)))})
    values (${sql.join([...Object.values(columns).map((v) => sql`${v}`), sql`${JSON.stringify(record)}::jsonb`])})
  `.execute(trx);
  await appendActivity(trx, orgId, [
    {
      actor,
      action: 'create',
      recordType: type,
      recordId: `${practiceId}/${patientId}/${record.id}`,
      fields: Object.keys(record).sort(),
    },
  ]);
  return { record, version: 1 };
}

/** One stored record of the patient with its version, locked for the transaction. */
export async function readRecord<T extends RecordType>(
  scope: PatientScope,
  type: T,
  id: string,
): Promise<StoredRecord<RecordOf<T>> | undefined> {
  const { table } = RECORD_KINDS[type];
  const result = await sql<{ data: unknown; version: number }>`
    select data, version from ${sql.table(table)}
    where org_id = ${scope.orgId} and practice_id = ${scope.practiceId}
      and patient_id = ${scope.patientId} and id = ${id}
    for update
  `.execute(scope.trx);
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    record: SCHEMAS[type].parse(recordOf(row)) as RecordOf<T>,
    version: Number(row.version),
  };
}

/** Every record of one of the patient's lists, in list order, with versions (not logged). */
export async function readRecords<T extends RecordType>(
  trx: Tx,
  orgId: string,
  where: { practiceId: string; patientId: string },
  type: T,
): Promise<Array<StoredRecord<RecordOf<T>>>> {
  const { table } = RECORD_KINDS[type];
  const result = await sql<{ data: unknown; version: number }>`
    select data, version from ${sql.table(table)}
    where org_id = ${orgId} and practice_id = ${where.practiceId}
      and patient_id = ${where.patientId}
    order by ord
  `.execute(trx);
  return result.rows.map((row) => ({
    record: SCHEMAS[type].parse(recordOf(row)) as RecordOf<T>,
    version: Number(row.version),
  }));
}

/**
 * The record as the dataset would hold it: its schema (keys in the format's order), then,
 * inside a one-patient document of the practice, the checks across records (clinicians
 * that exist, dates in order, exactly one of end and minutes). Problems are named by the
 * record's own field paths.
 */
function checkedRecord<T extends RecordType>(
  scope: PatientScope,
  type: T,
  record: Record<string, unknown>,
): RecordOf<T> {
  const parsed = SCHEMAS[type].safeParse(record);
  if (!parsed.success) throw new CareRecordError('invalid', problemsFromZod(parsed.error, record));
  const { list } = RECORD_KINDS[type];
  const document = parseDataset({
    format: 'ccm-dataset',
    version: 1,
    practice: scope.practice,
    clinicians: [...scope.clinicians.values()],
    patients: [
      {
        id: scope.patientId,
        // Placeholders: the checks read no identity, and none is loaded for them.
        mrn: 'check',
        name: { given: '', family: '' },
        birthDate: '1900-01-01',
        coverage: [],
        conditions: [],
        encounters: [],
        consents: [],
        carePlans: [],
        timeEntries: [],
        claims: [],
        [list]: [parsed.data],
      },
    ],
  });
  if (!document.ok) {
    const at = `patients[0].${list}[0]`;
    const problems: Problem[] = document.problems.map((p) => ({
      path:
        p.path === at
          ? '(record)'
          : p.path.startsWith(`${at}.`)
            ? p.path.slice(at.length + 1)
            : p.path,
      message: p.message,
    }));
    throw new CareRecordError('invalid', problems);
  }
  return parsed.data as RecordOf<T>;
}

/** The columns queries filter on, kept beside `data` (as the import writes them). */
function queryColumns(type: RecordType, record: Record<string, unknown>): Record<string, unknown> {
  switch (type) {
    case 'time_entry': {
      const entry = record as TimeEntry;
      const start = parseInstantMs(entry.start);
      const end =
        entry.end !== undefined
          ? parseInstantMs(entry.end)
          : start + Math.round((entry.minutes ?? 0) * 60_000);
      return { clinician_id: entry.clinicianId, start_ms: start, end_ms: end };
    }
    case 'consent':
    case 'care_plan_event':
      return { date: record.date };
  }
}

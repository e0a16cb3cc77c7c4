import { CareRecordError, refuse } from './care-record-error.js';
import {
  ClosedMonthError,
  MonthCloseError,
  StaleWriteError,
  type RecordType,
} from './closed-months.js';
import { amendRecord, updateRecord, type EditResult } from './month-close.js';
import {
  DATED_BY,
  readRecord,
  recordName,
  type RecordOf,
  type StoredRecord,
} from './patient-records.js';
import { openPatient, type PatientScope } from './patient-scope.js';
import { withTenant, type Db } from './tenant.js';

// Edits of a stored consent, care-plan event or time entry go through the month-close
// functions, which check the version read, validate the record, keep amendments and log
// the change in one transaction. Without a reason an edit is ordinary, and refused when a
// closed month rests on the record; with one it is an amendment, which keeps the record
// before and after, the author and the reason.
//
// The checks particular to each kind of edit read the record first, at the version the
// caller names: when the edit's own transaction finds another version, nothing is written
// (StaleWriteError), so the checks always saw the record that is changed.

export interface EditRequest<T extends RecordType> {
  orgId: string;
  practiceId: string;
  patientId: string;
  type: T;
  id: string;
  /** The input field that names the record, for problems. */
  idField: string;
  expectedVersion: number;
  actor: string;
  /** An amendment's reason; absent for an ordinary edit. */
  reason?: string | undefined;
  now: Date;
}

/**
 * Reads the record at the expected version, lets `plan` check it and say what changes
 * (a field set to undefined is removed), refuses an ordinary edit of a closed month, then
 * writes. `rename` turns a path of the stored record into the caller's input field.
 */
export async function editPatientRecord<T extends RecordType>(
  db: Db,
  request: EditRequest<T>,
  plan: (
    stored: RecordOf<T>,
    scope: PatientScope,
  ) => Record<string, unknown> | Promise<Record<string, unknown>>,
  rename: (path: string) => string = (path) => path,
): Promise<StoredRecord<RecordOf<T>> & { changed: string[] }> {
  const { orgId, practiceId, patientId, type, id, idField, expectedVersion, reason } = request;
  const name = recordName(type, id, patientId);
  const changes = await withTenant(db, orgId, async (trx) => {
    const scope = await openPatient(trx, orgId, { practiceId, patientId }, request.now);
    const stored = await readRecord(scope, type, id);
    if (!stored) return refuse('not-found', idField, `no ${name} in practice "${practiceId}"`);
    if (stored.version !== expectedVersion)
      throw new StaleWriteError(name, expectedVersion, stored.version);
    const planned = await plan(stored.record, scope);
    if (reason === undefined) {
      const after = { ...stored.record, ...planned } as Record<string, unknown>;
      const month =
        scope.closed.restsOn(patientId, type, stored.record) ??
        scope.closed.restsOn(patientId, type, after);
      if (month)
        throw new ClosedMonthError([
          {
            path: idField,
            message: `${name} rests on closed month ${month} (by its ${DATED_BY[type]}); a closed month changes only by amendment: give a reason to amend it`,
          },
        ]);
    }
    return planned;
  });
  const edit = {
    orgId,
    practiceId,
    patientId,
    recordType: type,
    recordId: id,
    expectedVersion,
    changes,
  };
  let result: EditResult;
  try {
    result =
      reason === undefined
        ? await updateRecord(db, { ...edit, actor: request.actor })
        : await amendRecord(db, { ...edit, author: request.actor, reason });
  } catch (error) {
    throw renamed(error, (path) => (path === 'recordId' ? idField : rename(path)));
  }
  return { record: result.record as RecordOf<T>, version: result.version, changed: result.changed };
}

/** The month-close functions' errors with paths of the caller's input. */
function renamed(error: unknown, rename: (path: string) => string): unknown {
  if (error instanceof StaleWriteError) return error;
  if (error instanceof ClosedMonthError)
    return new ClosedMonthError(error.problems.map((p) => ({ ...p, path: rename(p.path) })));
  if (error instanceof MonthCloseError) {
    const problems = error.message.split('\n').map((line) => {
      const at = /^([^:\s]+): (.*)$/s.exec(line);
      return at
        ? { path: rename(at[1] as string), message: at[2] as string }
        : { path: '', message: line };
    });
    const missing = problems.every((p) => p.message.startsWith('no '));
    return new CareRecordError(missing ? 'not-found' : 'invalid', problems);
  }
  return error;
}

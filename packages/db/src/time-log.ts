import {
  clinicianSchema,
  timeEntrySchema,
  type Clinician,
  type TimeEntry,
} from '@chronicle/dataset';
import { recordOf } from './stored-record.js';
import { withTenant, type Db } from './tenant.js';

// What a time log shows beside a month's entries: the clinician the signed-in user records
// time as in the practice (none until an admin links them, and then every timer and
// entry form would only be refused), and each entry's amendments with their reasons, so
// that a changed entry shows what it was, who changed it and why. Amendments are read
// with the entries they belong to, whose read the month's list already logs.

export interface TimeAmendment {
  at: string;
  /** The user who amended. */
  author: string;
  reason: string;
  before: TimeEntry;
  after: TimeEntry;
}

export interface TimeLogDetails {
  /** The user's clinician in the practice; null while no admin has linked them. */
  clinician: Clinician | null;
  /** Each listed entry's amendments, oldest first, by entry id (an entry never amended is absent). */
  amendments: Record<string, TimeAmendment[]>;
}

export async function timeLogDetails(
  db: Db,
  orgId: string,
  userId: string,
  input: { practiceId: string; patientId: string; entryIds: readonly string[] },
): Promise<TimeLogDetails> {
  const { practiceId, patientId, entryIds } = input;
  return withTenant(db, orgId, async (trx) => {
    const linked = await trx
      .selectFrom('user_clinicians as l')
      .innerJoin('clinicians as c', (join) =>
        join
          .onRef('c.org_id', '=', 'l.org_id')
          .onRef('c.practice_id', '=', 'l.practice_id')
          .onRef('c.id', '=', 'l.clinician_id'),
      )
      .select('c.data')
      .where('l.org_id', '=', orgId)
      .where('l.user_id', '=', userId)
      .where('l.practice_id', '=', practiceId)
      .executeTakeFirst();
    const amendments: Record<string, TimeAmendment[]> = {};
    if (entryIds.length > 0) {
      const rows = await trx
        .selectFrom('amendments')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('practice_id', '=', practiceId)
        .where('patient_id', '=', patientId)
        .where('record_type', '=', 'time_entry')
        .where('record_id', 'in', [...entryIds])
        .orderBy('id')
        .execute();
      for (const row of rows)
        (amendments[row.record_id] ??= []).push({
          at: new Date(row.at).toISOString(),
          author: row.author,
          reason: row.reason,
          before: timeEntrySchema.parse(recordOf({ data: row.before })),
          after: timeEntrySchema.parse(recordOf({ data: row.after })),
        });
    }
    return {
      clinician: linked ? clinicianSchema.parse(recordOf(linked)) : null,
      amendments,
    };
  });
}

import { setImmediate } from 'node:timers/promises';
import { createOverlapIndexBuilder, type OverlapEntry, type OverlapIndex } from '@chronicle/rules';
import { sql } from 'kysely';
import type { PracticeScope } from './stored-record.js';

// The clinician-overlap index of a stored practice, built from the time entries that can
// take part in an overlap, read in (clinician, start) order through one cursor, a page at
// a time. Only the entries' keys and instants are read, and the builder keeps only a
// window of each clinician's recent entries. Entries of one clinician at one instant may
// straddle two pages: the builder orders such ties itself once the next instant arrives.
//
// Which entries: the database walks each clinician's entries by start once (the index
// time_entries_by_clinician gives them in that order) and passes on an entry only when
// an entry before it is still open at its start, or the entry after it starts before it
// ends. An entry that does neither overlaps no entry of its clinician, so the builder
// would give it no mark and name it in none; without it the builder gives the same marks.
// (Ties at one start come in any order here; whichever order, an entry of a tied pair
// that overlaps the other passes one of the two tests.) Overlaps are rare, so the client
// receives a few rows instead of one per entry; a test in test/audit-source.test.ts holds
// the marks to the in-memory index's on crowded, tied and day-long entries.

const CURSOR = 'chronicle_audit_entries';

/** Pages of the cursor, each page asked for before the one in hand is indexed. */
export async function readOverlapIndex(
  scope: PracticeScope,
  pageSize: number,
): Promise<OverlapIndex> {
  const { trx, orgId, practiceId } = scope;
  // Named as the index takes them, so that the rows go to it as they are, one object each.
  await sql`
    declare ${sql.id(CURSOR)} no scroll cursor for
    select "patientId", "entryId", "clinicianId", "startMs", "endMs"
    from (
      select patient_id as "patientId", id as "entryId", clinician_id as "clinicianId",
        start_ms as "startMs", end_ms as "endMs",
        max(end_ms) over (by_start rows between unbounded preceding and 1 preceding) as reach,
        lead(start_ms) over by_start as next_start
      from time_entries
      where org_id = ${orgId} and practice_id = ${practiceId}
      window by_start as (partition by clinician_id order by start_ms)
    ) entries
    where reach > "startMs" or next_start < "endMs"
    order by "clinicianId", "startMs"
  `.execute(trx);
  const fetchPage = () =>
    sql<OverlapEntry>`fetch forward ${sql.lit(pageSize)} from ${sql.id(CURSOR)}`
      .execute(trx)
      .then((r) => r.rows);
  const builder = createOverlapIndexBuilder();
  let next: Promise<OverlapEntry[]> | undefined = fetchPage();
  try {
    while (next) {
      const rows: OverlapEntry[] = await next;
      next = rows.length === pageSize ? fetchPage() : undefined;
      next?.catch(() => undefined);
      // Let the next page's query go out before this page is indexed.
      await setImmediate();
      for (const entry of rows) builder.add(entry);
    }
  } finally {
    await next?.catch(() => undefined);
  }
  await sql`close ${sql.id(CURSOR)}`.execute(trx);
  return builder.finish();
}

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
// time_entries_by_clinician gives them in that order), keeping the latest end so far, and
// finds the entries that an earlier one still covers at their start. It sends those, and
// with each the entries just before it (at the latest start before its own, and at its
// own start). Every entry that overlaps another is among them: one covered at its start
// is found by the walk, and one that covers a later entry without being covered itself
// comes just before the first entry it covers, as that entry starts inside it. An entry
// that overlaps nothing gets no mark and is named in none, so the builder gives the same
// marks without it. (Ties at one start come in any order; whichever comes first, the
// tied entries are sent together.) Overlaps are rare, so the client receives a few rows
// instead of one per entry, and the walk needs one window aggregate: a second one, for
// the entry after each, cost the database about twice as much. A test in
// test/audit-source.test.ts holds the marks to the in-memory index's on crowded, tied and
// day-long entries.

const CURSOR = 'chronicle_audit_entries';

/** Pages of the cursor, each page asked for before the one in hand is indexed. */
export async function readOverlapIndex(
  scope: PracticeScope,
  pageSize: number,
): Promise<OverlapIndex> {
  const { trx, orgId, practiceId } = scope;
  // Named as the index takes them, so that the rows go to it as they are, one object each.
  const ofPractice = (alias: string) =>
    sql`${sql.ref(`${alias}.org_id`)} = ${orgId} and ${sql.ref(`${alias}.practice_id`)} = ${practiceId}`;
  await sql`
    declare ${sql.id(CURSOR)} no scroll cursor for
    select distinct e.patient_id as "patientId", e.id as "entryId",
      e.clinician_id as "clinicianId", e.start_ms as "startMs", e.end_ms as "endMs"
    from (
      select clinician_id, start_ms
      from (
        select w.clinician_id, w.start_ms, max(w.end_ms) over (
          partition by w.clinician_id order by w.start_ms
          rows between unbounded preceding and 1 preceding
        ) as covered_until
        from time_entries w
        where ${ofPractice('w')}
      ) walked
      where covered_until > start_ms
    ) covered
    cross join lateral (
      select x.patient_id, x.id, x.clinician_id, x.start_ms, x.end_ms
      from time_entries x
      where ${ofPractice('x')} and x.clinician_id = covered.clinician_id
        and x.start_ms <= covered.start_ms
        and x.start_ms >= coalesce((
          select max(b.start_ms) from time_entries b
          where ${ofPractice('b')} and b.clinician_id = covered.clinician_id
            and b.start_ms < covered.start_ms
        ), covered.start_ms)
      offset 0
    ) e
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

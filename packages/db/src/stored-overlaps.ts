import { setImmediate } from 'node:timers/promises';
import { createOverlapIndexBuilder, type OverlapEntry, type OverlapIndex } from '@chronicle/rules';
import type { PracticeScope } from './stored-record.js';

// The clinician-overlap index of a stored practice, built from its time entries read in
// (clinician, start) order a page at a time: only the entries' keys and instants are read,
// and the builder keeps only a window of each clinician's recent entries.

/**
 * Keyset pages over (clinician, start), the order of the time_entries_by_clinician index,
 * each page asked for before the one in hand is indexed.
 */
export async function readOverlapIndex(
  scope: PracticeScope,
  pageSize: number,
): Promise<OverlapIndex> {
  const builder = createOverlapIndexBuilder();
  let next: Promise<EntryPage> | undefined = entryPage(scope, undefined, pageSize);
  try {
    while (next) {
      const page: EntryPage = await next;
      next = page.after ? entryPage(scope, page.after, pageSize) : undefined;
      next?.catch(() => undefined);
      // Let the next page's query go out before this page is indexed.
      await setImmediate();
      for (const entry of page.rows) builder.add(entry);
    }
  } finally {
    await next?.catch(() => undefined);
  }
  return builder.finish();
}

interface EntryPage {
  rows: OverlapEntry[];
  /** Where the next page starts; none after the last page. */
  after?: { clinicianId: string; startMs: number };
}

/**
 * A page never ends inside a group of entries of one clinician at one instant: such a
 * group is left whole to the next page or, when it fills a page alone, read whole.
 */
async function entryPage(
  scope: PracticeScope,
  from: EntryPage['after'],
  pageSize: number,
): Promise<EntryPage> {
  const { trx, orgId, practiceId } = scope;
  const base = () =>
    trx
      .selectFrom('time_entries')
      // Named as the index takes them: the rows go to it as they are, one object each.
      .select([
        'patient_id as patientId',
        'id as entryId',
        'clinician_id as clinicianId',
        'start_ms as startMs',
        'end_ms as endMs',
      ])
      .where('org_id', '=', orgId)
      .where('practice_id', '=', practiceId);
  let rows: OverlapEntry[] = await (
    from
      ? base().where((eb) =>
          eb(
            eb.refTuple('clinician_id', 'start_ms'),
            '>',
            eb.tuple(from.clinicianId, from.startMs),
          ),
        )
      : base()
  )
    .orderBy('clinician_id')
    .orderBy('start_ms')
    .limit(pageSize)
    .execute();
  if (rows.length < pageSize) return { rows };
  const last = rows[rows.length - 1] as OverlapEntry;
  let cut = rows.length - 1;
  while (cut > 0 && sameInstant(rows[cut - 1] as OverlapEntry, last)) cut--;
  rows =
    cut > 0
      ? rows.slice(0, cut)
      : await base()
          .where('clinician_id', '=', last.clinicianId)
          .where('start_ms', '=', last.startMs)
          .execute();
  const end = rows[rows.length - 1] as OverlapEntry;
  return { rows, after: { clinicianId: end.clinicianId, startMs: end.startMs } };
}

function sameInstant(a: OverlapEntry, b: OverlapEntry): boolean {
  return a.clinicianId === b.clinicianId && a.startMs === b.startMs;
}

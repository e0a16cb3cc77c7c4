import { setImmediate } from 'node:timers/promises';
import { patientSchema, type Patient } from '@chronicle/dataset';
import { sql } from 'kysely';
import { recordOf, type PracticeScope } from './stored-record.js';

// The patients of a stored practice, one at a time in their stored (dataset) order: keyset
// pages on `ord`, each page's lists read with one query per table, each patient rebuilt
// as exportDataset rebuilds it (through the dataset schema). One page is held, and the
// next is read while this one is used.

/** The patients page by page, the next page read while this one is used. */
export async function* readPatients(
  scope: PracticeScope,
  pageSize: number,
): AsyncGenerator<Patient> {
  let next: Promise<Page> | undefined = patientPage(scope, -1, pageSize);
  try {
    while (next) {
      const page: Page = await next;
      next =
        page.patients.length === pageSize ? patientPage(scope, page.lastOrd, pageSize) : undefined;
      // A failed read-ahead is reported by the await above; until then it is not unhandled.
      next?.catch(() => undefined);
      for (const patient of page.patients) {
        yield patient;
        // Back to the event loop between patients: the read-ahead's queries are sent and
        // their rows taken in while this page is audited, not after it.
        await setImmediate();
      }
    }
  } finally {
    // Stopped early: let the read-ahead finish before the transaction ends.
    await next?.catch(() => undefined);
  }
}

interface Page {
  patients: Patient[];
  /** The `ord` of the page's last patient: where the next page starts. */
  lastOrd: number;
}

const LISTS = [
  ['coverage', 'coverage'],
  ['conditions', 'conditions'],
  ['encounters', 'encounters'],
  ['consents', 'consents'],
  ['care_plan_events', 'carePlans'],
  ['time_entries', 'timeEntries'],
  ['claims', 'claims'],
] as const;

type ListName = (typeof LISTS)[number][1];

interface ChildRow {
  patient_id: string;
  id?: string;
  data: unknown;
}

/** One page of patients rebuilt as dataset records, exactly as exportDataset rebuilds them. */
async function patientPage(
  scope: PracticeScope,
  afterOrd: number,
  pageSize: number,
): Promise<Page> {
  const { trx, orgId, practiceId } = scope;
  const rows = await trx
    .selectFrom('patients')
    .select(['id', 'ord', 'data'])
    .where('org_id', '=', orgId)
    .where('practice_id', '=', practiceId)
    .where('ord', '>', afterOrd)
    .orderBy('ord')
    .limit(pageSize)
    .execute();
  if (rows.length === 0) return { patients: [], lastOrd: afterOrd };
  const ids = rows.map((r) => r.id);
  const childRows = (table: string, extra: string[], order: string[]) =>
    sql<ChildRow>`
      select ${sql.join(['patient_id', ...extra, 'data'].map((c) => sql.ref(c)))}
      from ${sql.table(table)}
      where org_id = ${orgId} and practice_id = ${practiceId} and patient_id = any(${ids}::text[])
      order by ${sql.join(order.map((c) => sql.ref(c)))}
    `
      .execute(trx)
      .then((r) => r.rows);

  // Every list at once: the queries queue on the connection and run back to back.
  const [lineRows, ...listRows] = await Promise.all([
    childRows('claim_lines', ['claim_id'], ['patient_id', 'claim_id', 'ord']),
    ...LISTS.map(([table]) =>
      childRows(table, table === 'claims' ? ['id'] : [], ['patient_id', 'ord']),
    ),
  ]);
  const lines = new Map<string, unknown[]>();
  for (const r of lineRows) {
    const row = r as ChildRow & { claim_id: string };
    push(lines, `${row.patient_id}\u0000${row.claim_id}`, recordOf(row));
  }
  const lists = new Map<string, Partial<Record<ListName, unknown[]>>>();
  LISTS.forEach(([table, name], i) => {
    for (const r of listRows[i] as ChildRow[]) {
      const record = recordOf(r);
      if (table === 'claims')
        record.lines = lines.get(`${r.patient_id}\u0000${String(r.id)}`) ?? [];
      let byName = lists.get(r.patient_id);
      if (!byName) lists.set(r.patient_id, (byName = {}));
      (byName[name] ??= []).push(record);
    }
  });
  const patients = rows.map((r) => {
    const byName = lists.get(r.id) ?? {};
    const parsed = patientSchema.safeParse({
      ...recordOf(r),
      coverage: byName.coverage ?? [],
      conditions: byName.conditions ?? [],
      encounters: byName.encounters ?? [],
      consents: byName.consents ?? [],
      carePlans: byName.carePlans ?? [],
      timeEntries: byName.timeEntries ?? [],
      claims: byName.claims ?? [],
    });
    // Where, never what: the values of a stored record are patient data.
    if (!parsed.success)
      throw new Error(
        `patient ${practiceId}/${r.id}: the stored record is not a valid dataset patient (at ${parsed.error.issues
          .map((i) => i.path.join('.') || '(record)')
          .join(', ')})`,
      );
    return parsed.data;
  });
  return { patients, lastOrd: (rows[rows.length - 1] as (typeof rows)[number]).ord };
}

function push(map: Map<string, unknown[]>, key: string, value: unknown): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

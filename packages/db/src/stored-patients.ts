import { setImmediate } from 'node:timers/promises';
import { patientSchema, type Patient } from '@chronicle/dataset';
import { sql } from 'kysely';
import { compileSchema, INVALID } from './compiled-schema.js';
import type { PracticeScope } from './stored-record.js';

// The patients of a stored practice, one at a time in their stored (dataset) order, read
// through one cursor: each row is a whole patient, its record and every list (claims with
// their lines) put together by the database as one JSON text, parsed once and rebuilt as
// exportDataset rebuilds it (through the dataset schema). One page of rows is held, and
// the next is fetched while this one is used.
//
// Why this shape: reading a page as eight queries (one per list) gave the client about
// seventy rows per patient to take apart and regroup, and every page of a keyset on `ord`
// (which has no index) sorted the practice's patients again. One ordered query sorts them
// once, and its rows cost the client one string each.

const CURSOR = 'chronicle_audit_patients';

/** The patients page by page, the next page fetched while this one is used. */
export async function* readPatients(
  scope: PracticeScope,
  pageSize: number,
): AsyncGenerator<Patient> {
  const { trx } = scope;
  await sql`declare ${sql.id(CURSOR)} no scroll cursor for ${patientQuery(scope)}`.execute(trx);
  const fetchPage = () =>
    sql<Row>`fetch forward ${sql.lit(pageSize)} from ${sql.id(CURSOR)}`
      .execute(trx)
      .then((r) => r.rows);
  let next: Promise<Row[]> | undefined = fetchPage();
  try {
    while (next) {
      const rows: Row[] = await next;
      next = rows.length === pageSize ? fetchPage() : undefined;
      // A failed read-ahead is reported by the await above; until then it is not unhandled.
      next?.catch(() => undefined);
      let yielded = performance.now();
      for (const row of rows) {
        yield patientOf(scope, row);
        // Back to the event loop now and then: the read-ahead's rows are taken in while
        // this page is audited, so that the database goes on producing them meanwhile
        // instead of waiting on a full socket. Every patient would cost a turn each for
        // nothing; a few milliseconds apart keeps the socket drained.
        if (performance.now() - yielded > YIELD_MS) {
          await setImmediate();
          yielded = performance.now();
        }
      }
    }
  } finally {
    // Stopped early: let the read-ahead finish before the transaction ends (which closes
    // the cursor).
    await next?.catch(() => undefined);
  }
}

const YIELD_MS = 2;

/**
 * One row per patient in `ord` order: a JSON array of the patient's record, then each of
 * its lists in stored order (LISTS; claims as [claim id, claim] pairs), then its claim
 * lines as [claim id, line] pairs by claim and line order. The lists are read per patient
 * through their primary keys, which begin with the patient. (The planner computes the
 * lists after sorting the patients, as a cursor has them read a page at a time.)
 */
function patientQuery({ orgId, practiceId }: PracticeScope, patientIds?: readonly string[]) {
  const list = (table: string) => sql`(
      select coalesce(json_agg(${table === 'claims' ? sql`json_build_array(x.id, x.data)` : sql`x.data`} order by x.ord), '[]')
      from ${sql.table(table)} x
      where x.org_id = p.org_id and x.practice_id = p.practice_id and x.patient_id = p.id
    )`;
  return sql`
    select p.id, json_build_array(
      p.data,
      ${sql.join(LISTS.map(([table]) => list(table)))},
      (
        select coalesce(json_agg(json_build_array(x.claim_id, x.data) order by x.claim_id, x.ord), '[]')
        from claim_lines x
        where x.org_id = p.org_id and x.practice_id = p.practice_id and x.patient_id = p.id
      )
    )::text as patient
    from patients p
    where p.org_id = ${orgId} and p.practice_id = ${practiceId}
      ${patientIds === undefined ? sql`` : sql`and p.id in (${sql.join(patientIds)})`}
    order by p.ord
  `;
}

/**
 * Some of a practice's patients with every list, in stored order, in one query (a page of
 * the console's list, a month status): one row each, checked as the audit checks them.
 * Patients not stored are left out.
 */
export async function readSomePatients(
  scope: PracticeScope,
  patientIds: readonly string[],
): Promise<Patient[]> {
  if (patientIds.length === 0) return [];
  const rows = await patientQuery(scope, patientIds).execute(scope.trx);
  return (rows.rows as Row[]).map((row) => patientOf(scope, row));
}

interface Row {
  id: string;
  patient: string;
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

/**
 * Every stored patient is checked against the dataset schema before the audit sees it: the
 * records were valid when written, but the database does not hold them to the schema, and
 * a record edited by hand must be reported, not audited. The compiled check gives what the
 * schema's parse gives at a fraction of its cost; when it does not pass a record, the
 * schema itself decides and names where the record is wrong.
 */
const checkPatient = compileSchema(patientSchema);

/** A patient rebuilt from its row, exactly as exportDataset rebuilds it. */
function patientOf({ practiceId }: PracticeScope, row: Row): Patient {
  const stored = JSON.parse(row.patient) as unknown[];
  // The record, fresh from JSON.parse, takes its lists in place (as a copy with them
  // would); one that is not an object is copied, for the schema to report.
  const patient = asRecord(stored[0]);
  const lines = new Map<string, unknown[]>();
  for (const [claimId, line] of stored[LISTS.length + 1] as Array<[string, unknown]>) {
    const list = lines.get(claimId);
    if (list) list.push(line);
    else lines.set(claimId, [line]);
  }
  LISTS.forEach(([, name], i) => {
    const items = stored[i + 1] as unknown[];
    // Claims come as [id, record], their lines found by the claim's stored key.
    if (name === 'claims')
      items.forEach((pair, j) => {
        const [claimId, claim] = pair as [string, unknown];
        const record = (items[j] = asRecord(claim));
        record.lines = lines.get(claimId) ?? [];
      });
    patient[name] = items;
  });
  const checked = checkPatient?.(patient) ?? INVALID;
  if (checked !== INVALID) return checked;
  const parsed = patientSchema.safeParse(patient);
  if (parsed.success) return parsed.data;
  // Where, never what: the values of a stored record are patient data.
  throw new Error(
    `patient ${practiceId}/${row.id}: the stored record is not a valid dataset patient (at ${parsed.error.issues
      .map((i) => i.path.join('.') || '(record)')
      .join(', ')})`,
  );
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : { ...(value as object) };
}

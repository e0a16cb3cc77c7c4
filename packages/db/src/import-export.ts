import { isDeepStrictEqual } from 'node:util';
import {
  clinicianSchema,
  datasetSchema,
  formatProblem,
  practiceSchema,
  type Clinician,
  type Dataset,
  type Patient,
  type Practice,
  type Problem,
} from '@chronicle/dataset';
import { sql } from 'kysely';
import { appendActivity, type ActivityInput } from './activity-log.js';
import {
  ClosedMonthError,
  loadClosedMonths,
  lockPractice,
  RECORD_KINDS,
  RECORD_TYPES,
} from './closed-months.js';
import { parseInstantMs } from './instants.js';
import { readSomePatients } from './stored-patients.js';
import { ensureOrganization, withTenant, type Db, type Tx } from './tenant.js';
import { LONE_SURROGATE, unstorableStrings } from './unstorable-text.js';

// Whole practices in and out. An import is one transaction: every record of the document
// is inserted or updated (only when it differs, so re-importing changes nothing) and the
// practice's records that the document no longer holds are deleted. Export rebuilds the
// document from the stored records, in their original order. An import that would change
// or delete a record a closed month rests on is refused whole (see closed-months.ts).

export interface ImportResult {
  practiceId: string;
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

export type ChildTable =
  | 'coverage'
  | 'conditions'
  | 'encounters'
  | 'consents'
  | 'care_plan_events'
  | 'time_entries'
  | 'claims'
  | 'claim_lines';

/** Which of a patient's lists each table holds, for the activity log's `fields`. */
const LIST_OF: Record<ChildTable, string> = {
  coverage: 'coverage',
  conditions: 'conditions',
  encounters: 'encounters',
  consents: 'consents',
  care_plan_events: 'carePlans',
  time_entries: 'timeEntries',
  claims: 'claims',
  claim_lines: 'claims',
};

const BATCH = 5000;

/** A valid document the database cannot hold as it is; each problem says where. */
export class UnstorableDatasetError extends Error {
  override name = 'UnstorableDatasetError';
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

/**
 * Every string (and key) of the dataset holding text the database cannot store
 * (unstorable-text.ts), found before anything is written.
 */
function unstorableText(dataset: Dataset): Problem[] {
  return unstorableStrings(
    dataset,
    (text) =>
      text.includes('\u0000')
        ? 'contains the NUL character (\\u0000), which the database cannot store'
        : LONE_SURROGATE.test(text)
          ? 'contains half of a surrogate pair (a lone \\uD800-\\uDFFF), which the database cannot store'
          : undefined,
    (reason) => `key ${reason}`,
  );
}

/** SQL types of the columns import writes; the rest are text (`data` goes as text, then jsonb). */
const COLUMN_TYPES: Record<string, string> = {
  ord: 'integer',
  units: 'integer',
  start_ms: 'double precision',
  end_ms: 'double precision',
};

interface Counts {
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

export async function importDataset(
  db: Db,
  input: { orgId: string; actor: string; dataset: Dataset },
): Promise<ImportResult> {
  const { orgId, actor, dataset } = input;
  const practiceId = dataset.practice.id;
  const counts: Counts = { inserted: 0, updated: 0, deleted: 0, unchanged: 0 };
  const changedPatients = new Map<string, Set<string>>();
  const touch = (patientId: string, field: string) => {
    let set = changedPatients.get(patientId);
    if (!set) changedPatients.set(patientId, (set = new Set()));
    set.add(field);
  };
  const unstorable = unstorableText(dataset);
  if (unstorable.length > 0) throw new UnstorableDatasetError(unstorable);
  await ensureOrganization(db, orgId);
  await withTenant(db, orgId, async (trx) => {
    await lockPractice(trx, orgId, practiceId, 'shared');
    await refuseClosedMonthChanges(trx, orgId, dataset);
    const base = { org_id: orgId, practice_id: practiceId };
    const practiceChanged = await upsert(
      trx,
      'practices',
      ['org_id', 'id'],
      [
        {
          org_id: orgId,
          id: practiceId,
          name: dataset.practice.name,
          timezone: dataset.practice.timezone,
          data: json(dataset.practice),
        },
      ],
      counts,
    );
    const clinicianChanges = await upsert(
      trx,
      'clinicians',
      ['org_id', 'practice_id', 'id'],
      dataset.clinicians.map((c, ord) => ({ ...base, id: c.id, ord, role: c.role, data: json(c) })),
      counts,
    );
    counts.deleted += await deleteMissing(
      trx,
      'clinicians',
      orgId,
      practiceId,
      ['id'],
      [dataset.clinicians.map((c) => c.id)],
    );

    // Patients (without their lists), then each list in its own table.
    const patientChanges = await upsert(
      trx,
      'patients',
      ['org_id', 'practice_id', 'id'],
      dataset.patients.map((p, ord) => ({ ...base, id: p.id, ord, data: json(patientRecord(p)) })),
      counts,
    );
    for (const id of patientChanges) touch(id, 'patient');
    const removedPatients = await deleteMissing(
      trx,
      'patients',
      orgId,
      practiceId,
      ['id'],
      [dataset.patients.map((p) => p.id)],
    );
    counts.deleted += removedPatients;
    // Fresh statistics before the lists go in: each of their rows checks its patient, and
    // without them the planner may look the patient up through the name index, reading the
    // whole practice per row (an import of 10,000 patients went from minutes to seconds).
    await analyzeIfChanged(trx, 'patients', patientChanges.length + removedPatients);

    for (const table of Object.keys(LIST_OF) as ChildTable[]) {
      const rows = childRows(table, dataset, base);
      const key = childKey(table);
      const changed = await upsert(
        trx,
        table,
        ['org_id', 'practice_id', ...key],
        rows,
        counts,
        'patient_id',
      );
      for (const patientId of changed) touch(patientId, LIST_OF[table]);
      const keyColumns = key.map((k) => rows.map((r) => String(r[k])));
      const removed = await deleteMissing(trx, table, orgId, practiceId, key, keyColumns, (pid) =>
        touch(pid, LIST_OF[table]),
      );
      counts.deleted += removed;
      await analyzeIfChanged(trx, table, changed.length + removed);
    }

    const entries: ActivityInput[] = [];
    if (practiceChanged.length > 0 || clinicianChanges.length > 0)
      entries.push({
        actor,
        action: 'import',
        recordType: 'practice',
        recordId: practiceId,
        fields: [
          ...(practiceChanged.length > 0 ? ['practice'] : []),
          ...(clinicianChanges.length > 0 ? ['clinicians'] : []),
        ],
      });
    for (const [patientId, fields] of [...changedPatients].sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    ))
      entries.push({
        actor,
        action: 'import',
        recordType: 'patient',
        recordId: `${practiceId}/${patientId}`,
        fields: [...fields].sort(),
      });
    await appendActivity(trx, orgId, entries);
  });
  return { practiceId, ...counts };
}

/**
 * Rows changed before a table's statistics are renewed within the import. The embedded
 * database has no autovacuum to do it later, and PostgreSQL's runs only after the commit.
 */
const ANALYZE_AFTER = 1000;

async function analyzeIfChanged(trx: Tx, table: string, changed: number): Promise<void> {
  if (changed >= ANALYZE_AFTER) await sql`analyze ${sql.table(table)}`.execute(trx);
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * Throws when the document would change or delete a stored record that a closed month of
 * its patient rests on (in its stored or its new version), would add a record
 * such a month would rest on, or would delete such a patient: those change only by
 * amendment.
 */
async function refuseClosedMonthChanges(trx: Tx, orgId: string, dataset: Dataset): Promise<void> {
  const practiceId = dataset.practice.id;
  const closed = await loadClosedMonths(trx, orgId, practiceId);
  if (closed.byPatient.size === 0) return;
  const patientIds = [...closed.byPatient.keys()];
  const problems: Problem[] = [];
  const inDocument = new Map(dataset.patients.map((p, i) => [p.id, i]));
  for (const [patientId, months] of closed.byPatient)
    if (!inDocument.has(patientId))
      problems.push({
        path: 'patients',
        message: `patient "${patientId}" would be deleted, but it has closed months (${months.join(', ')})`,
      });
  for (const type of RECORD_TYPES) {
    const { table, label, list } = RECORD_KINDS[type];
    const stored = new Map<string, Record<string, unknown>>();
    const rows = await sql<{ patient_id: string; id: string; data: unknown }>`
      select patient_id, id, data from ${sql.table(table)}
      where org_id = ${orgId} and practice_id = ${practiceId}
        and patient_id in (${sql.join(patientIds)})
      order by patient_id, ord
    `.execute(trx);
    for (const row of rows.rows) stored.set(`${row.patient_id}\u0000${row.id}`, data(row));
    const seen = new Set<string>();
    for (const [patientId, i] of inDocument) {
      if (!closed.byPatient.has(patientId)) continue;
      const patient = dataset.patients[i] as Patient;
      (patient[list] as Array<{ id: string }>).forEach((record, j) => {
        const key = `${patientId}\u0000${record.id}`;
        const before = stored.get(key);
        // Through JSON, as it would be stored: optional keys set to undefined are no change.
        const after = JSON.parse(json(record)) as Record<string, unknown>;
        if (before === undefined) {
          // A record new to the store that a closed month would rest on changes that
          // month's basis as surely as an edit does.
          const month = closed.restsOn(patientId, type, after);
          if (month)
            problems.push({
              path: `patients[${i}].${list}[${j}]`,
              message: `${label} "${record.id}" would be added to closed month ${month} of patient "${patientId}"; a closed month changes only by amendment`,
            });
          return;
        }
        seen.add(key);
        if (isDeepStrictEqual(before, after)) return;
        const month =
          closed.restsOn(patientId, type, before) ?? closed.restsOn(patientId, type, after);
        if (month)
          problems.push({
            path: `patients[${i}].${list}[${j}]`,
            message: `rests on closed month ${month} of patient "${patientId}"; amend it instead`,
          });
      });
    }
    for (const [key, before] of stored) {
      const [patientId, id] = key.split('\u0000') as [string, string];
      const i = inDocument.get(patientId);
      if (seen.has(key) || i === undefined) continue;
      const month = closed.restsOn(patientId, type, before);
      if (month)
        problems.push({
          path: `patients[${i}].${list}`,
          message: `${label} "${id}" would be deleted, but it rests on closed month ${month} of patient "${patientId}"; keep it (amend it to correct it)`,
        });
    }
  }
  if (problems.length > 0) throw new ClosedMonthError(problems);
}

/** A patient without the lists that have tables of their own. */
export function patientRecord(p: Patient): Record<string, unknown> {
  const {
    coverage: _coverage,
    conditions: _conditions,
    encounters: _encounters,
    consents: _consents,
    carePlans: _carePlans,
    timeEntries: _timeEntries,
    claims: _claims,
    ...record
  } = p;
  return record;
}

function childKey(table: ChildTable): string[] {
  if (table === 'coverage') return ['patient_id', 'ord'];
  if (table === 'claim_lines') return ['patient_id', 'claim_id', 'ord'];
  return ['patient_id', 'id'];
}

type Row = Record<string, unknown>;

export function childRows(table: ChildTable, dataset: Pick<Dataset, 'patients'>, base: Row): Row[] {
  const rows: Row[] = [];
  for (const p of dataset.patients) {
    const at = { ...base, patient_id: p.id };
    switch (table) {
      case 'coverage':
        p.coverage.forEach((c, ord) => rows.push({ ...at, ord, data: json(c) }));
        break;
      case 'conditions':
        p.conditions.forEach((c, ord) => rows.push({ ...at, id: c.id, ord, data: json(c) }));
        break;
      case 'encounters':
        p.encounters.forEach((e, ord) =>
          rows.push({ ...at, id: e.id, ord, date: e.date, kind: e.kind, data: json(e) }),
        );
        break;
      case 'consents':
        p.consents.forEach((c, ord) =>
          rows.push({ ...at, id: c.id, ord, date: c.date, data: json(c) }),
        );
        break;
      case 'care_plan_events':
        p.carePlans.forEach((c, ord) =>
          rows.push({ ...at, id: c.id, ord, date: c.date, data: json(c) }),
        );
        break;
      case 'time_entries':
        p.timeEntries.forEach((t, ord) => {
          const start = parseInstantMs(t.start);
          const end =
            t.end !== undefined
              ? parseInstantMs(t.end)
              : start + Math.round((t.minutes ?? 0) * 60_000);
          rows.push({
            ...at,
            id: t.id,
            ord,
            clinician_id: t.clinicianId,
            start_ms: start,
            end_ms: end,
            data: json(t),
          });
        });
        break;
      case 'claims':
        p.claims.forEach((c, ord) => {
          const { lines: _lines, ...claim } = c;
          rows.push({
            ...at,
            id: c.id,
            ord,
            date_of_service: c.dateOfService,
            billing_practitioner_id: c.billingPractitionerId,
            data: json(claim),
          });
        });
        break;
      case 'claim_lines':
        for (const c of p.claims)
          c.lines.forEach((l, ord) =>
            rows.push({ ...at, claim_id: c.id, ord, code: l.code, units: l.units, data: json(l) }),
          );
        break;
    }
  }
  return rows;
}

/**
 * Inserts rows, or updates those whose content differs (raising their version); returns
 * the `report` column (the patient for patient rows, the key otherwise) of rows changed.
 */
async function upsert(
  trx: Tx,
  table: string,
  key: string[],
  rows: Row[],
  counts: Counts,
  report = 'id',
): Promise<string[]> {
  const changed: string[] = [];
  if (rows.length === 0) return changed;
  const columns = Object.keys(rows[0] as Row);
  const settable = columns.filter((c) => !key.includes(c) && c !== 'org_id');
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    // One array parameter per column (unnest): any number of rows in a statement that
    // parses and plans as fast as a single-row insert.
    const values = sql.join(
      columns.map(
        (c) => sql`${batch.map((r) => r[c] ?? null)}::${sql.raw(COLUMN_TYPES[c] ?? 'text')}[]`,
      ),
    );
    const selected = sql.join(
      columns.map((c) => (c === 'data' ? sql`${sql.ref(c)}::jsonb` : sql.ref(c))),
    );
    const result = await sql<{ inserted: boolean; reported: string }>`
      insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
      select ${selected} from unnest(${values}) as input(${sql.join(columns.map((c) => sql.ref(c)))})
      on conflict (${sql.join(key.map((c) => sql.ref(c)))}) do update set
        ${sql.join(settable.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`))},
        version = ${sql.table(table)}.version + 1
      where (${sql.join(settable.map((c) => sql`${sql.table(table)}.${sql.ref(c)}`))})
        is distinct from (${sql.join(settable.map((c) => sql`excluded.${sql.ref(c)}`))})
      returning (xmax = 0) as inserted, ${sql.ref(report)}::text as reported
    `.execute(trx);
    for (const row of result.rows) {
      if (row.inserted) counts.inserted += 1;
      else counts.updated += 1;
      changed.push(row.reported);
    }
    counts.unchanged += batch.length - result.rows.length;
  }
  return changed;
}

/**
 * Deletes the practice's rows of a table whose key is not among `keep` (parallel arrays of
 * key columns). The stored keys are read and compared here: SQL anti-joins against a
 * parameter list of this size are planned badly (the list's size is unknown to the planner).
 */
async function deleteMissing(
  trx: Tx,
  table: string,
  orgId: string,
  practiceId: string,
  key: string[],
  keep: string[][],
  onDeleted?: (patientId: string) => void,
): Promise<number> {
  const wanted = new Set<string>();
  const count = keep[0]?.length ?? 0;
  for (let i = 0; i < count; i++) wanted.add(keep.map((column) => column[i]).join('\u0000'));
  const stored = await sql<Record<string, string>>`
    select ${sql.join(key.map((k, i) => sql`${sql.ref(k)}::text as ${sql.raw(`k${i}`)}`))}
    from ${sql.table(table)}
    where org_id = ${orgId} and practice_id = ${practiceId}
  `.execute(trx);
  const gone = stored.rows
    .map((r) => key.map((_, i) => r[`k${i}`] as string))
    .filter((values) => !wanted.has(values.join('\u0000')));
  for (let i = 0; i < gone.length; i += BATCH) {
    const batch = gone.slice(i, i + BATCH);
    await sql`
      delete from ${sql.table(table)}
      where org_id = ${orgId} and practice_id = ${practiceId}
        and (${sql.join(key.map((k) => sql`${sql.ref(k)}::text`))}) in (${sql.join(
          batch.map((values) => sql`(${sql.join(values.map((v) => sql`${v}`))})`),
        )})
    `.execute(trx);
  }
  if (onDeleted && key[0] === 'patient_id')
    for (const values of gone) onDeleted(values[0] as string);
  return gone.length;
}

/** The stored practices of an organization. */
export async function listPractices(db: Db, orgId: string): Promise<string[]> {
  return withTenant(db, orgId, async (trx) =>
    (
      await trx
        .selectFrom('practices')
        .select('id')
        .where('org_id', '=', orgId)
        .orderBy('id')
        .execute()
    ).map((r) => r.id),
  );
}

/** A practice and its clinicians as the dataset gives them; nothing goes to the log. */
export async function loadPractice(
  trx: Tx,
  orgId: string,
  practiceId: string,
): Promise<{ practice: Practice; clinicians: Clinician[] } | undefined> {
  const practice = await trx
    .selectFrom('practices')
    .select('data')
    .where('org_id', '=', orgId)
    .where('id', '=', practiceId)
    .executeTakeFirst();
  if (!practice) return undefined;
  const clinicians = await trx
    .selectFrom('clinicians')
    .select('data')
    .where('org_id', '=', orgId)
    .where('practice_id', '=', practiceId)
    .orderBy('ord')
    .execute();
  return {
    practice: practiceSchema.parse(data(practice)),
    clinicians: clinicians.map((r) => clinicianSchema.parse(data(r))),
  };
}

/**
 * One patient with every list, as the dataset gives it. Nothing goes to the activity log:
 * the caller logs the read with the purpose it was made for.
 */
export async function loadPatient(
  trx: Tx,
  orgId: string,
  practiceId: string,
  patientId: string,
): Promise<Patient | undefined> {
  const [patient] = await readSomePatients({ trx, orgId, practiceId }, [patientId]);
  return patient;
}

/** Rebuilds a practice's dataset document; the read of every patient goes to the log. */
export async function exportDataset(
  db: Db,
  input: { orgId: string; actor: string; practiceId: string },
): Promise<Dataset> {
  const { orgId, actor, practiceId } = input;
  return withTenant(db, orgId, async (trx) => {
    const stored = await loadPractice(trx, orgId, practiceId);
    if (!stored)
      throw new Error(`practice: no practice "${practiceId}" in organization "${orgId}"`);
    const patients = await readPatients(trx, orgId, practiceId);
    const document = {
      format: 'ccm-dataset',
      version: 1,
      practice: stored.practice,
      clinicians: stored.clinicians,
      patients,
    };
    await appendActivity(
      trx,
      orgId,
      patients.map((p) => ({
        actor,
        action: 'export',
        recordType: 'patient',
        recordId: `${practiceId}/${String(p.id)}`,
        fields: ['*'],
      })),
    );
    // Through the schema: keys come out in the format's order, whatever jsonb did to them.
    return datasetSchema.parse(document);
  });
}

/** A practice's patients (or some of them) with their lists, in stored order, unparsed. */
async function readPatients(
  trx: Tx,
  orgId: string,
  practiceId: string,
  patientIds?: readonly string[],
): Promise<Array<Record<string, unknown>>> {
  const rowsOf = async (table: string, patientColumn: string, order: string[]) =>
    (
      await sql<Row & { data: unknown }>`
        select * from ${sql.table(table)}
        where org_id = ${orgId} and practice_id = ${practiceId}
          ${patientIds === undefined ? sql`` : sql`and ${sql.ref(patientColumn)} in (${sql.join(patientIds)})`}
        order by ${sql.join(order.map((c) => sql.ref(c)))}
      `.execute(trx)
    ).rows;
  const patients = await rowsOf('patients', 'id', ['ord']);
  const lists = new Map<string, Record<string, unknown[]>>();
  const listOf = (id: string, name: string): unknown[] => {
    let byName = lists.get(id);
    if (!byName) lists.set(id, (byName = {}));
    return (byName[name] ??= []);
  };
  const lines = new Map<string, unknown[]>();
  for (const r of await rowsOf('claim_lines', 'patient_id', ['patient_id', 'claim_id', 'ord'])) {
    const k = `${String(r.patient_id)}\u0000${String(r.claim_id)}`;
    let list = lines.get(k);
    if (!list) lines.set(k, (list = []));
    list.push(data(r));
  }
  const tables: Array<[string, string]> = [
    ['coverage', 'coverage'],
    ['conditions', 'conditions'],
    ['encounters', 'encounters'],
    ['consents', 'consents'],
    ['care_plan_events', 'carePlans'],
    ['time_entries', 'timeEntries'],
    ['claims', 'claims'],
  ];
  for (const [table, name] of tables) {
    for (const r of await rowsOf(table, 'patient_id', ['patient_id', 'ord'])) {
      const record = data(r);
      if (table === 'claims')
        record.lines = lines.get(`${String(r.patient_id)}\u0000${String(r.id)}`) ?? [];
      listOf(String(r.patient_id), name).push(record);
    }
  }
  return patients.map((r) => {
    const byName = lists.get(String(r.id)) ?? {};
    return {
      ...data(r),
      coverage: byName.coverage ?? [],
      conditions: byName.conditions ?? [],
      encounters: byName.encounters ?? [],
      consents: byName.consents ?? [],
      carePlans: byName.carePlans ?? [],
      timeEntries: byName.timeEntries ?? [],
      claims: byName.claims ?? [],
    };
  });
}

function data(row: { data: unknown }): Record<string, unknown> {
  return (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<
    string,
    unknown
  >;
}

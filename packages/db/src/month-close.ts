import { isDeepStrictEqual } from 'node:util';
import {
  carePlanSchema,
  consentSchema,
  datasetSchema,
  formatProblem,
  parseDataset,
  problemsFromZod,
  timeEntrySchema,
  type Dataset,
  type Patient,
  type Problem,
} from '@chronicle/dataset';
import {
  audit,
  auditedMonthSchema,
  DEFAULT_POLICY,
  policySchema,
  RULES_VERSION,
  type AuditedMonth,
  type Policy,
} from '@chronicle/rules';
import { sql, type Selectable } from 'kysely';
import { z } from 'zod';
import { appendActivity, type ActivityInput } from './activity-log.js';
import {
  ClosedMonthError,
  loadClosedMonths,
  lockPractice,
  MonthCloseError,
  monthIn,
  RECORD_KINDS,
  RECORD_TYPES,
  restsOnMonth,
  StaleWriteError,
  type RecordType,
} from './closed-months.js';
import { loadPatient, loadPractice } from './import-export.js';
import { parseInstantMs } from './instants.js';
import type { MonthCloseTable } from './tables/close.table.js';
import { withTenant, type Db, type Tx } from './tenant.js';

// Closing a patient-month keeps the audit's decision with everything it was made from: the
// dataset it read, the rules version and policy, and the audited months. From then on the
// records it rests on (closed-months.ts) change only by amendment, which keeps the record
// before and after, who changed it and why; ordinary edits and imports of them are refused.
// Every edit is optimistic: it names the version it read, and loses if that is not the
// stored version any more.

const id = z.string().min(1, 'is required').max(200);

export const closeMonthInputSchema = z.strictObject({
  orgId: id,
  practiceId: id,
  patientId: id,
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM'),
  actor: id,
  policy: policySchema.optional(),
});
export type CloseMonthInput = z.input<typeof closeMonthInputSchema>;

export const monthHistoryInputSchema = closeMonthInputSchema.omit({ policy: true });
export type MonthHistoryInput = z.input<typeof monthHistoryInputSchema>;

const edit = {
  orgId: id,
  practiceId: id,
  patientId: id,
  recordType: z.enum(RECORD_TYPES),
  recordId: id,
  expectedVersion: z.number().int().min(1, 'must be the version read (1 or more)'),
  /** Fields to set; a field set to undefined is removed. Validated after merging. */
  changes: z.record(z.string(), z.unknown()),
};
const reasonRequired = 'a reason is required for an amendment';

export const updateRecordInputSchema = z.strictObject({ ...edit, actor: id });
export type UpdateRecordInput = z.input<typeof updateRecordInputSchema>;

export const amendRecordInputSchema = z.strictObject({
  ...edit,
  author: id,
  reason: z.string().trim().min(1, reasonRequired).max(2000),
});
export type AmendRecordInput = z.input<typeof amendRecordInputSchema>;

/** A closed patient-month: the decision and what it was made from. */
export interface MonthClose {
  orgId: string;
  practiceId: string;
  patientId: string;
  month: string;
  billingPractitionerId: string | null;
  closedAt: string;
  closedBy: string;
  rulesVersion: string;
  policy: Policy;
  /** The dataset the audit read: the practice, its clinicians, the patient, context. */
  inputs: Dataset;
  /** The patient's audited months for the month (one per billing practitioner). */
  outcome: AuditedMonth[];
}

export interface Amendment {
  id: number;
  practiceId: string;
  patientId: string;
  recordType: RecordType;
  recordId: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  author: string;
  at: string;
  reason: string;
}

export interface MonthHistory {
  close: MonthClose;
  /** Amendments of records the close rests on (before or after the change), oldest first. */
  amendments: Amendment[];
}

export interface EditResult {
  /** The stored version now (unchanged when nothing changed). */
  version: number;
  record: Record<string, unknown>;
  /** The fields that changed, by name. */
  changed: string[];
}

/** Audits a patient-month and keeps the decision record; a month is closed once. */
export async function closeMonth(db: Db, input: CloseMonthInput): Promise<MonthClose> {
  const { orgId, practiceId, patientId, month, actor, ...rest } = parse(
    closeMonthInputSchema,
    input,
  );
  const policy = rest.policy ?? DEFAULT_POLICY;
  return withTenant(db, orgId, async (trx) => {
    await lockPractice(trx, orgId, practiceId, 'exclusive');
    const done = await trx
      .selectFrom('month_closes')
      .select(['closed_at', 'closed_by'])
      .where('org_id', '=', orgId)
      .where('practice_id', '=', practiceId)
      .where('patient_id', '=', patientId)
      .where('month', '=', month)
      .executeTakeFirst();
    if (done)
      throw new ClosedMonthError([
        {
          path: 'month',
          message: `${month} of patient "${patientId}" was already closed at ${done.closed_at} by ${done.closed_by}`,
        },
      ]);
    const inputs = await closeInputs(trx, orgId, practiceId, patientId, month);
    const outcome = auditMonth(inputs, patientId, month, policy);
    const close: MonthClose = {
      orgId,
      practiceId,
      patientId,
      month,
      billingPractitionerId:
        outcome.length === 1 ? (outcome[0]?.billingPractitionerId ?? null) : null,
      closedAt: new Date().toISOString(),
      closedBy: actor,
      rulesVersion: RULES_VERSION,
      policy,
      inputs,
      outcome,
    };
    await trx
      .insertInto('month_closes')
      .values({
        org_id: orgId,
        practice_id: practiceId,
        patient_id: patientId,
        month,
        billing_practitioner_id: close.billingPractitionerId,
        closed_at: close.closedAt,
        closed_by: actor,
        rules_version: close.rulesVersion,
        policy: JSON.stringify(policy),
        inputs: JSON.stringify(inputs),
        outcome: JSON.stringify(outcome),
      })
      .execute();
    const read = (patient: Patient, fields: string[]): ActivityInput => ({
      actor,
      action: 'read',
      recordType: 'patient',
      recordId: `${practiceId}/${patient.id}`,
      fields,
    });
    await appendActivity(trx, orgId, [
      ...inputs.patients.map((p) => read(p, p.id === patientId ? ['*'] : ['timeEntries'])),
      {
        actor,
        action: 'close',
        recordType: 'month-close',
        recordId: `${practiceId}/${patientId}/${month}`,
        fields: ['inputs', 'outcome', 'policy', 'rulesVersion'],
      },
    ]);
    return close;
  });
}

/** Runs the audit again on a close's stored inputs; it must give the stored outcome. */
export function reproduceClose(close: MonthClose): AuditedMonth[] {
  if (close.rulesVersion !== RULES_VERSION)
    throw new MonthCloseError(
      `rulesVersion: ${close.month} of patient "${close.patientId}" was closed under rules ${close.rulesVersion}; these are rules ${RULES_VERSION}, which may decide differently`,
    );
  return auditMonth(close.inputs, close.patientId, close.month, close.policy);
}

function auditMonth(inputs: Dataset, patientId: string, month: string, policy: Policy) {
  return audit(inputs, { from: month, to: month, policy }).months.filter(
    (m) => m.patientId === patientId,
  );
}

// Other patients appear in a close's inputs only through the time entries that can make
// this patient's minutes double counted (one clinician on two patients at once): entries by
// the same clinician that overlap one of this patient's entries that touch the month. A
// day's margin either side of the month covers every time zone's offset and an entry that
// crosses midnight. They carry no identity: placeholders stand in for the name, birth date
// and MRN, and the entries keep only what places them in time (the free-text activity can
// name people).
const DAY_MS = 86_400_000;
const PLACEHOLDER_IDENTITY = {
  mrn: 'context-only',
  name: { given: '', family: '' },
  birthDate: '1900-01-01',
} as const;

export async function closeInputs(
  trx: Tx,
  orgId: string,
  practiceId: string,
  patientId: string,
  month: string,
): Promise<Dataset> {
  const practice = await loadPractice(trx, orgId, practiceId);
  if (!practice)
    throw new MonthCloseError(`practiceId: no practice "${practiceId}" in organization "${orgId}"`);
  const patient = await loadPatient(trx, orgId, practiceId, patientId);
  if (!patient)
    throw new MonthCloseError(`patientId: no patient "${patientId}" in practice "${practiceId}"`);
  const from = Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1) - DAY_MS;
  const to = Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1) + DAY_MS;
  const others = await sql<{ patient_id: string; data: unknown }>`
    select o.patient_id, o.data from time_entries o
    where o.org_id = ${orgId} and o.practice_id = ${practiceId} and o.patient_id <> ${patientId}
      and exists (
        select 1 from time_entries p
        where p.org_id = o.org_id and p.practice_id = o.practice_id
          and p.patient_id = ${patientId} and p.clinician_id = o.clinician_id
          and p.start_ms < ${to} and p.end_ms > ${from}
          and o.start_ms <= p.end_ms and o.end_ms >= p.start_ms)
    order by o.patient_id, o.ord
  `.execute(trx);
  const context = new Map<string, Patient>();
  for (const row of others.rows) {
    const {
      id: entryId,
      clinicianId,
      start,
      end,
      minutes,
      service,
    } = timeEntrySchema.parse(jsonValue(row.data));
    let other = context.get(row.patient_id);
    if (!other) {
      other = { id: row.patient_id, ...PLACEHOLDER_IDENTITY, ...emptyLists() };
      context.set(row.patient_id, other);
    }
    other.timeEntries.push({
      id: entryId,
      clinicianId,
      start,
      ...(end === undefined ? {} : { end }),
      ...(minutes === undefined ? {} : { minutes }),
      service,
      activity: '',
    });
  }
  return datasetSchema.parse({
    format: 'ccm-dataset',
    version: 1,
    practice: practice.practice,
    clinicians: practice.clinicians,
    patients: [patient, ...context.values()],
  });
}

function emptyLists(): Omit<Patient, 'id' | 'mrn' | 'name' | 'birthDate'> {
  return {
    coverage: [],
    conditions: [],
    encounters: [],
    consents: [],
    carePlans: [],
    timeEntries: [],
    claims: [],
  };
}

/** The ordinary edit, for records no closed month rests on (before or after the edit). */
export async function updateRecord(db: Db, input: UpdateRecordInput): Promise<EditResult> {
  const change = parse(updateRecordInputSchema, input);
  return withTenant(db, change.orgId, (trx) =>
    editRecord(trx, change, { action: 'update', actor: change.actor }),
  );
}

/** Changes a record, keeping the record before and after, the author and the reason. */
export async function amendRecord(db: Db, input: AmendRecordInput): Promise<EditResult> {
  const change = parse(amendRecordInputSchema, input);
  return withTenant(db, change.orgId, (trx) =>
    editRecord(trx, change, { action: 'amend', actor: change.author, reason: change.reason }),
  );
}

type Edit = z.infer<typeof updateRecordInputSchema> | z.infer<typeof amendRecordInputSchema>;
type EditMode =
  { action: 'update'; actor: string } | { action: 'amend'; actor: string; reason: string };

async function editRecord(trx: Tx, edit: Edit, mode: EditMode): Promise<EditResult> {
  const { orgId, practiceId, patientId, recordType, recordId, expectedVersion } = edit;
  const { table, label } = RECORD_KINDS[recordType];
  const name = `${label} "${recordId}" of patient "${patientId}"`;
  await lockPractice(trx, orgId, practiceId, 'shared');
  // The patient before the record, as every writer of a patient's records locks them
  // (patient-scope.ts): an amendment's row refers to the patient, so writing it takes a
  // lock on the patient after the record's, and two edits that took the two locks in
  // opposite orders would deadlock.
  await trx
    .selectFrom('patients')
    .select('id')
    .where('org_id', '=', orgId)
    .where('practice_id', '=', practiceId)
    .where('id', '=', patientId)
    .forUpdate()
    .execute();
  const stored = await versionOf(trx, edit, true);
  if (!stored) throw new MonthCloseError(`recordId: no ${name} in practice "${practiceId}"`);
  if (stored.version !== expectedVersion)
    throw new StaleWriteError(name, expectedVersion, stored.version);
  const before = jsonValue(stored.data) as Record<string, unknown>;
  const after = await validated(trx, edit, before);
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => !isDeepStrictEqual(before[key], after[key]))
    .sort();
  if (mode.action === 'update') {
    const closed = await loadClosedMonths(trx, orgId, practiceId, patientId);
    const month =
      closed.restsOn(patientId, recordType, before) ?? closed.restsOn(patientId, recordType, after);
    if (month)
      throw new ClosedMonthError([
        {
          path: 'recordId',
          message: `${name} rests on closed month ${month}; amend it instead (amendRecord, with a reason)`,
        },
      ]);
  }
  if (changed.length === 0) {
    if (mode.action === 'amend') throw new MonthCloseError('changes: nothing would change');
    return { version: stored.version, record: before, changed };
  }
  // The version check that counts: another writer may have changed the row since it was read.
  const updated = await sql<{ version: number }>`
    update ${sql.table(table)} set
      data = ${JSON.stringify(after)}::jsonb,
      ${sql.join(
        Object.entries(queryColumns(recordType, after)).map(
          ([column, value]) => sql`${sql.ref(column)} = ${value}`,
        ),
      )},
      version = version + 1
    where org_id = ${orgId} and practice_id = ${practiceId} and patient_id = ${patientId}
      and id = ${recordId} and version = ${expectedVersion}
    returning version
  `.execute(trx);
  const row = updated.rows[0];
  if (!row) throw new StaleWriteError(name, expectedVersion, (await versionOf(trx, edit))?.version);
  const at = new Date();
  if (mode.action === 'amend')
    await trx
      .insertInto('amendments')
      .values({
        org_id: orgId,
        practice_id: practiceId,
        patient_id: patientId,
        record_type: recordType,
        record_id: recordId,
        before: JSON.stringify(before),
        after: JSON.stringify(after),
        author: mode.actor,
        at: at.toISOString(),
        reason: mode.reason,
      })
      .execute();
  await appendActivity(
    trx,
    orgId,
    [
      {
        actor: mode.actor,
        action: mode.action,
        recordType,
        recordId: `${practiceId}/${patientId}/${recordId}`,
        fields: changed,
      },
    ],
    at,
  );
  return { version: Number(row.version), record: after, changed };
}

async function versionOf(
  trx: Tx,
  edit: Edit,
  withData = false,
): Promise<{ version: number; data: unknown } | undefined> {
  const { table } = RECORD_KINDS[edit.recordType];
  const result = await sql<{ version: number; data: unknown }>`
    select version, ${withData ? sql`data` : sql`null`} as data from ${sql.table(table)}
    where org_id = ${edit.orgId} and practice_id = ${edit.practiceId}
      and patient_id = ${edit.patientId} and id = ${edit.recordId}
  `.execute(trx);
  const row = result.rows[0];
  return row && { version: Number(row.version), data: row.data };
}

const SCHEMAS = {
  time_entry: timeEntrySchema,
  consent: consentSchema,
  care_plan_event: carePlanSchema,
} as const;

/**
 * The record with the changes merged in, checked by its dataset schema and then, inside a
 * one-patient document, by the dataset's cross-record checks (clinicians that exist, an
 * entry with exactly one of end and minutes), which the record schema alone cannot see.
 */
async function validated(
  trx: Tx,
  edit: Edit,
  before: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if ('id' in edit.changes && edit.changes.id !== edit.recordId)
    fail([{ path: 'changes.id', message: "a record's id cannot change" }]);
  const merged: Record<string, unknown> = { ...before, ...edit.changes };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  const checked = SCHEMAS[edit.recordType].safeParse(merged);
  if (!checked.success)
    fail(
      problemsFromZod(checked.error, merged).map((p) => ({
        ...p,
        path: p.path === '(document)' ? 'changes' : `changes.${p.path}`,
      })),
    );
  const practice = await loadPractice(trx, edit.orgId, edit.practiceId);
  const { list } = RECORD_KINDS[edit.recordType];
  const document = parseDataset({
    format: 'ccm-dataset',
    version: 1,
    practice: practice?.practice,
    clinicians: practice?.clinicians,
    patients: [{ id: edit.patientId, ...PLACEHOLDER_IDENTITY, ...emptyLists(), [list]: [merged] }],
  });
  if (!document.ok) {
    const at = `patients[0].${list}[0]`;
    fail(
      document.problems.map((p) => ({
        path: p.path.startsWith(at) ? `changes${p.path.slice(at.length)}` : p.path,
        message: p.message,
      })),
    );
  }
  return document.value.patients[0]?.[list][0] as Record<string, unknown>;
}

function fail(problems: Problem[]): never {
  throw new MonthCloseError(problems.map(formatProblem).join('\n'));
}

/** The columns queries filter on, kept beside `data` (as the import writes them). */
function queryColumns(type: RecordType, record: Record<string, unknown>): Record<string, unknown> {
  switch (type) {
    case 'time_entry': {
      const start = parseInstantMs(String(record.start));
      const end =
        typeof record.end === 'string'
          ? parseInstantMs(record.end)
          : start + Math.round(Number(record.minutes ?? 0) * 60_000);
      return { clinician_id: record.clinicianId, start_ms: start, end_ms: end };
    }
    case 'consent':
    case 'care_plan_event':
      return { date: record.date };
  }
}

/** The close of a patient-month and every amendment of the records it rests on. */
export async function monthHistory(
  db: Db,
  input: MonthHistoryInput,
): Promise<MonthHistory | undefined> {
  const { orgId, practiceId, patientId, month, actor } = parse(monthHistoryInputSchema, input);
  return withTenant(db, orgId, async (trx) => {
    const row = await trx
      .selectFrom('month_closes')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('practice_id', '=', practiceId)
      .where('patient_id', '=', patientId)
      .where('month', '=', month)
      .executeTakeFirst();
    if (!row) return undefined;
    const close = toMonthClose(row);
    const localMonth = monthIn(close.inputs.practice.timezone);
    const rows = await trx
      .selectFrom('amendments')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('practice_id', '=', practiceId)
      .where('patient_id', '=', patientId)
      .orderBy('id')
      .execute();
    const amendments: Amendment[] = [];
    for (const r of rows) {
      const schema = SCHEMAS[r.record_type];
      const before = schema.parse(jsonValue(r.before)) as Record<string, unknown>;
      const after = schema.parse(jsonValue(r.after)) as Record<string, unknown>;
      if (
        !restsOnMonth(r.record_type, before, month, localMonth) &&
        !restsOnMonth(r.record_type, after, month, localMonth)
      )
        continue;
      amendments.push({
        id: Number(r.id),
        practiceId,
        patientId,
        recordType: r.record_type,
        recordId: r.record_id,
        before,
        after,
        author: r.author,
        at: r.at,
        reason: r.reason,
      });
    }
    await appendActivity(trx, orgId, [
      {
        actor,
        action: 'read',
        recordType: 'month-close',
        recordId: `${practiceId}/${patientId}/${month}`,
        fields: ['inputs', 'outcome', 'amendments'],
      },
    ]);
    return { close, amendments };
  });
}

function toMonthClose(row: Selectable<MonthCloseTable>): MonthClose {
  return {
    orgId: row.org_id,
    practiceId: row.practice_id,
    patientId: row.patient_id,
    month: row.month,
    billingPractitionerId: row.billing_practitioner_id,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    rulesVersion: row.rules_version,
    policy: policySchema.parse(jsonValue(row.policy)),
    // Through the schemas: keys come back in the formats' order, whatever jsonb did to them.
    inputs: datasetSchema.parse(jsonValue(row.inputs)),
    outcome: z.array(auditedMonthSchema).parse(jsonValue(row.outcome)),
  };
}

/** A jsonb value: parsed by the driver, or text on a driver that leaves it alone. */
function jsonValue(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) fail(problemsFromZod(result.error, input));
  return result.data;
}

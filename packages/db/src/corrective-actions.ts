import { randomUUID } from 'node:crypto';
import { ruleList } from '@chronicle/rules';
import { z } from 'zod';
import { appendActivity } from './activity-log.js';
import { parseFollowUp, refuseFollowUp } from './audit-follow-up-error.js';
import {
  fieldName,
  findingCounts,
  lockCorrectiveAction,
  logEntry,
  readCorrectiveActions,
  type CorrectiveAction,
} from './corrective-action-records.js';
import {
  dateField,
  expectedVersionField,
  idField,
  textField,
  type FollowUpCaller,
} from './follow-up-fields.js';
import { doneRun } from './follow-up-runs.js';
import type { CorrectiveActionStatus } from './tables/audit-follow-up.table.js';
import { withTenant, type Db, type Tx } from './tenant.js';

// An audit run's corrective-action plan: one item per rule with findings in the run, with
// an owner (a user of the organization), a due date, a status, the action to take (the
// rule's recommended corrective action until someone edits it), notes, and the last
// re-test against a later run (corrective-action-retest.ts). Every edit names the version
// it read. The plan holds rule ids and counts, no patient data: reading it is not logged.

export const CORRECTIVE_ACTION_STATUSES = [
  'open',
  'in-progress',
  'done',
  'verified',
] as const satisfies readonly CorrectiveActionStatus[];

/** The severities a plan covers: info findings are missed revenue, not a failure to fix. */
const PLANNED_SEVERITIES = ['error', 'warning'];

/** Each catalogue rule's recommended corrective action, where its doc gives one. */
const RECOMMENDED = new Map(ruleList().map((r) => [r.id, r.correctiveAction ?? '']));

const ACTION_MAX = 4000;
const NOTES_MAX = 20_000;

export const listCorrectiveActionsInputSchema = z.strictObject({ runId: idField });

export const createCorrectiveActionInputSchema = z.strictObject({
  runId: idField,
  ruleId: idField,
  ownerId: idField.optional(),
  dueOn: dateField.optional(),
  /** Omitted: the rule's recommended corrective action. */
  action: textField(ACTION_MAX).optional(),
  notes: textField(NOTES_MAX).optional(),
});

export const planCorrectiveActionsInputSchema = z.strictObject({
  runId: idField,
  /** Given to the items the plan creates (items already there keep theirs). */
  ownerId: idField.optional(),
  dueOn: dateField.optional(),
});

export const updateCorrectiveActionInputSchema = z.strictObject({
  id: idField,
  expectedVersion: expectedVersionField,
  ownerId: idField.nullable().optional(),
  dueOn: dateField.nullable().optional(),
  status: z.enum(CORRECTIVE_ACTION_STATUSES).optional(),
  action: textField(ACTION_MAX).optional(),
  notes: textField(NOTES_MAX).optional(),
});

export type CreateCorrectiveActionInput = z.input<typeof createCorrectiveActionInputSchema>;
export type PlanCorrectiveActionsInput = z.input<typeof planCorrectiveActionsInputSchema>;
export type UpdateCorrectiveActionInput = z.input<typeof updateCorrectiveActionInputSchema>;

/** The run's plan, in rule order. */
export async function listCorrectiveActions(
  db: Db,
  orgId: string,
  input: z.input<typeof listCorrectiveActionsInputSchema>,
): Promise<CorrectiveAction[]> {
  const { runId } = parseFollowUp(listCorrectiveActionsInputSchema, input);
  return withTenant(db, orgId, async (trx) => {
    await doneRun(trx, orgId, runId, 'runId');
    return readCorrectiveActions(trx, orgId, { runId });
  });
}

/** Adds the item of one rule with findings in the run; a second item of a rule is refused. */
export async function createCorrectiveAction(
  db: Db,
  who: FollowUpCaller,
  input: CreateCorrectiveActionInput,
): Promise<CorrectiveAction> {
  const item = parseFollowUp(createCorrectiveActionInputSchema, input);
  const { orgId } = who;
  return withTenant(db, orgId, async (trx) => {
    const run = await doneRun(trx, orgId, item.runId, 'runId');
    const counts = await findingCounts(trx, orgId, run.id);
    if (!counts.has(item.ruleId))
      refuseFollowUp(
        'invalid',
        'ruleId',
        `rule "${item.ruleId}" has no findings in run "${run.id}"`,
      );
    if (item.ownerId !== undefined) await checkOwner(trx, orgId, item.ownerId);
    const [created] = await insertItems(trx, who, run, [item]);
    if (!created) {
      const [existing] = await readCorrectiveActions(trx, orgId, {
        runId: run.id,
        ruleId: item.ruleId,
      });
      return refuseFollowUp(
        'conflict',
        'ruleId',
        `rule "${item.ruleId}" already has item "${existing?.id}" in the plan of run "${run.id}"; update it instead`,
      );
    }
    return (await readCorrectiveActions(trx, orgId, { id: created }))[0] as CorrectiveAction;
  });
}

/**
 * Makes the run's plan: an item for every rule with error or warning findings that has
 * none yet. Idempotent: planning again adds only what is missing, and changes nothing.
 */
export async function planCorrectiveActions(
  db: Db,
  who: FollowUpCaller,
  input: PlanCorrectiveActionsInput,
): Promise<{ created: string[]; items: CorrectiveAction[] }> {
  const plan = parseFollowUp(planCorrectiveActionsInputSchema, input);
  const { orgId } = who;
  return withTenant(db, orgId, async (trx) => {
    const run = await doneRun(trx, orgId, plan.runId, 'runId');
    if (plan.ownerId !== undefined) await checkOwner(trx, orgId, plan.ownerId);
    const failing = await trx
      .selectFrom('audit_findings')
      .select('rule_id')
      .distinct()
      .where('org_id', '=', orgId)
      .where('run_id', '=', run.id)
      .where('severity', 'in', PLANNED_SEVERITIES)
      .orderBy('rule_id')
      .execute();
    const created = await insertItems(
      trx,
      who,
      run,
      failing.map((f) => ({ ...plan, ruleId: f.rule_id })),
    );
    const items = await readCorrectiveActions(trx, orgId, { runId: run.id });
    return {
      created: items.filter((i) => created.includes(i.id)).map((i) => i.ruleId),
      items,
    };
  });
}

/** Changes an item; `verified` needs a passing re-test. Nothing changed: nothing written. */
export async function updateCorrectiveAction(
  db: Db,
  who: FollowUpCaller,
  input: UpdateCorrectiveActionInput,
): Promise<CorrectiveAction> {
  const { id, expectedVersion, ...changes } = parseFollowUp(
    updateCorrectiveActionInputSchema,
    input,
  );
  const { orgId, actor, now } = who;
  return withTenant(db, orgId, async (trx) => {
    const stored = await lockCorrectiveAction(trx, orgId, id, expectedVersion);
    if (changes.ownerId) await checkOwner(trx, orgId, changes.ownerId);
    if (changes.status === 'verified' && stored.retest_result !== 'pass')
      refuseFollowUp(
        'invalid',
        'status',
        stored.retest_result === 'fail'
          ? `the last re-test (run "${stored.retest_run_id}") failed: re-test with a later run before marking it verified`
          : 're-test the rule with a later run before marking it verified',
      );
    const next = {
      owner_id: changes.ownerId === undefined ? stored.owner_id : changes.ownerId,
      due_on: changes.dueOn === undefined ? stored.due_on : changes.dueOn,
      status: changes.status ?? stored.status,
      action: changes.action ?? stored.action,
      notes: changes.notes ?? stored.notes,
    };
    const changed = (Object.keys(next) as Array<keyof typeof next>).filter(
      (k) => next[k] !== stored[k],
    );
    if (changed.length > 0) {
      await trx
        .updateTable('corrective_actions')
        .set((eb) => ({ ...next, updated_at: now.toISOString(), version: eb('version', '+', 1) }))
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .execute();
      await appendActivity(
        trx,
        orgId,
        [logEntry(actor, 'update', id, changed.map(fieldName))],
        now,
      );
    }
    return (await readCorrectiveActions(trx, orgId, { id }))[0] as CorrectiveAction;
  });
}

/** The items inserted (by id); a rule that already has one is left as it is. */
async function insertItems(
  trx: Tx,
  who: FollowUpCaller,
  run: { id: string; practiceId: string },
  items: ReadonlyArray<{
    ruleId: string;
    ownerId?: string | undefined;
    dueOn?: string | undefined;
    action?: string | undefined;
    notes?: string | undefined;
  }>,
): Promise<string[]> {
  if (items.length === 0) return [];
  const at = who.now.toISOString();
  const rows = items.map((item) => ({
    org_id: who.orgId,
    id: randomUUID(),
    practice_id: run.practiceId,
    run_id: run.id,
    rule_id: item.ruleId,
    owner_id: item.ownerId ?? null,
    due_on: item.dueOn ?? null,
    action: item.action ?? RECOMMENDED.get(item.ruleId) ?? '',
    notes: item.notes ?? '',
    retest_run_id: null,
    retest_result: null,
    retest_findings: null,
    retested_at: null,
    retested_by: null,
    created_by: who.actor,
    created_at: at,
    updated_at: at,
  }));
  // Two plans of one run at once: the second's inserts of the same rules do nothing.
  const inserted = await trx
    .insertInto('corrective_actions')
    .values(rows)
    .onConflict((oc) => oc.columns(['org_id', 'run_id', 'rule_id']).doNothing())
    .returning('id')
    .execute();
  const ids = inserted.map((r) => r.id);
  const fields = ['ruleId', 'ownerId', 'dueOn', 'status', 'action', 'notes'];
  await appendActivity(
    trx,
    who.orgId,
    ids.map((id) => logEntry(who.actor, 'create', id, fields)),
    who.now,
  );
  return ids;
}

async function checkOwner(trx: Tx, orgId: string, ownerId: string): Promise<void> {
  const user = await trx
    .selectFrom('users')
    .select(['id', 'disabled_at'])
    .where('org_id', '=', orgId)
    .where('id', '=', ownerId)
    .executeTakeFirst();
  if (!user) refuseFollowUp('not-found', 'ownerId', `no user "${ownerId}" in the organization`);
  if (user.disabled_at !== null)
    refuseFollowUp('invalid', 'ownerId', `user "${ownerId}" is disabled; choose an active owner`);
}

import type { Selectable } from 'kysely';
import type { ActivityInput } from './activity-log.js';
import { refuseFollowUp } from './audit-follow-up-error.js';
import { StaleWriteError } from './closed-months.js';
import type {
  CorrectiveActionStatus,
  CorrectiveActionTable,
  RetestResult,
} from './tables/audit-follow-up.table.js';
import type { Tx } from './tenant.js';

// Corrective-action items as stored and as callers see them, shared by the plan's edits
// (corrective-actions.ts) and its re-tests (corrective-action-retest.ts).

export interface CorrectiveActionRetest {
  runId: string;
  result: RetestResult;
  /** The later run's findings of the rule in the months the rule failed. */
  findings: number;
  at: string;
  by: string;
}

export interface CorrectiveAction {
  id: string;
  runId: string;
  practiceId: string;
  ruleId: string;
  /** The rule's findings in the run. */
  findings: number;
  ownerId: string | null;
  dueOn: string | null;
  status: CorrectiveActionStatus;
  action: string;
  notes: string;
  retest: CorrectiveActionRetest | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The stored item, locked for the change, if it is at the version the caller read. */
export async function lockCorrectiveAction(
  trx: Tx,
  orgId: string,
  id: string,
  expectedVersion: number,
): Promise<Selectable<CorrectiveActionTable>> {
  const stored = await trx
    .selectFrom('corrective_actions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!stored) return refuseFollowUp('not-found', 'id', `no corrective action "${id}"`);
  if (Number(stored.version) !== expectedVersion)
    throw new StaleWriteError(`corrective action "${id}"`, expectedVersion, Number(stored.version));
  return stored;
}

const FIELD_NAMES: Record<string, string> = { owner_id: 'ownerId', due_on: 'dueOn' };
export const fieldName = (column: string) => FIELD_NAMES[column] ?? column;

export function logEntry(
  actor: string,
  action: 'create' | 'update',
  id: string,
  fields: string[],
): ActivityInput {
  return { actor, action, recordType: 'corrective-action', recordId: id, fields };
}

/** Findings of the run by rule. */
export async function findingCounts(
  trx: Tx,
  orgId: string,
  runId: string,
): Promise<Map<string, number>> {
  const rows = await trx
    .selectFrom('audit_findings')
    .select(['rule_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where('run_id', '=', runId)
    .groupBy('rule_id')
    .execute();
  return new Map(rows.map((r) => [r.rule_id, Number(r.n)]));
}

/** Items by id, by run (in rule order) or by run and rule. */
export async function readCorrectiveActions(
  trx: Tx,
  orgId: string,
  q: { id: string } | { runId: string; ruleId?: string },
): Promise<CorrectiveAction[]> {
  let query = trx.selectFrom('corrective_actions').selectAll().where('org_id', '=', orgId);
  if ('id' in q) query = query.where('id', '=', q.id);
  else {
    query = query.where('run_id', '=', q.runId);
    if (q.ruleId !== undefined) query = query.where('rule_id', '=', q.ruleId);
  }
  const rows = await query.orderBy('rule_id').execute();
  const counts = new Map<string, Map<string, number>>();
  for (const runId of new Set(rows.map((r) => r.run_id)))
    counts.set(runId, await findingCounts(trx, orgId, runId));
  return rows.map((r) => ({
    id: r.id,
    runId: r.run_id,
    practiceId: r.practice_id,
    ruleId: r.rule_id,
    findings: counts.get(r.run_id)?.get(r.rule_id) ?? 0,
    ownerId: r.owner_id,
    dueOn: r.due_on,
    status: r.status,
    action: r.action,
    notes: r.notes,
    retest:
      r.retest_run_id === null || r.retest_result === null
        ? null
        : {
            runId: r.retest_run_id,
            result: r.retest_result,
            findings: r.retest_findings ?? 0,
            at: r.retested_at ? new Date(r.retested_at).toISOString() : '',
            by: r.retested_by ?? '',
          },
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    version: Number(r.version),
  }));
}

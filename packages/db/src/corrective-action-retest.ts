import { z } from 'zod';
import { appendActivity } from './activity-log.js';
import { parseFollowUp, refuseFollowUp } from './audit-follow-up-error.js';
import {
  lockCorrectiveAction,
  logEntry,
  readCorrectiveActions,
  type CorrectiveAction,
} from './corrective-action-records.js';
import { expectedVersionField, idField, type FollowUpCaller } from './follow-up-fields.js';
import { doneRun, type FollowUpRun } from './follow-up-runs.js';
import { withTenant, type Db } from './tenant.js';

// Re-testing an item of a corrective-action plan against a later run of the same practice:
// it passes when the later run has no finding of the item's rule in the months where the
// rule failed in the planned run, and fails otherwise. The verdict is computed here from
// the stored runs, never taken from the caller. A later run that did not audit all those
// months cannot vouch for them and is refused. A verified item whose re-test fails goes
// back to in progress: `verified` always means a passing re-test.

export const retestCorrectiveActionInputSchema = z.strictObject({
  id: idField,
  /** A done run of the same practice, started after the planned one. */
  laterRunId: idField,
  expectedVersion: expectedVersionField,
});
export type RetestCorrectiveActionInput = z.input<typeof retestCorrectiveActionInputSchema>;

export async function retestCorrectiveAction(
  db: Db,
  who: FollowUpCaller,
  input: RetestCorrectiveActionInput,
): Promise<CorrectiveAction> {
  const { id, laterRunId, expectedVersion } = parseFollowUp(
    retestCorrectiveActionInputSchema,
    input,
  );
  const { orgId, actor, now } = who;
  return withTenant(db, orgId, async (trx) => {
    const item = await lockCorrectiveAction(trx, orgId, id, expectedVersion);
    const planned = await doneRun(trx, orgId, item.run_id, 'id');
    const later = await doneRun(trx, orgId, laterRunId, 'laterRunId');
    if (later.practiceId !== planned.practiceId)
      refuseFollowUp(
        'invalid',
        'laterRunId',
        `run "${later.id}" audited practice "${later.practiceId}", not "${planned.practiceId}"`,
      );
    if (later.id === planned.id || later.startedAt <= planned.startedAt)
      refuseFollowUp(
        'invalid',
        'laterRunId',
        `run "${later.id}" did not start after run "${planned.id}" (${planned.startedAt})`,
      );
    const months = (
      await trx
        .selectFrom('audit_findings')
        .select('month')
        .distinct()
        .where('org_id', '=', orgId)
        .where('run_id', '=', planned.id)
        .where('rule_id', '=', item.rule_id)
        .orderBy('month')
        .execute()
    ).map((r) => r.month);
    const uncovered = months.filter((m) => !covers(later, m));
    if (uncovered.length > 0)
      refuseFollowUp(
        'invalid',
        'laterRunId',
        `run "${later.id}" audited ${period(later)}, which leaves out ${uncovered.join(', ')}, where rule "${item.rule_id}" failed`,
      );
    const found =
      months.length === 0
        ? 0
        : Number(
            (
              await trx
                .selectFrom('audit_findings')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .where('org_id', '=', orgId)
                .where('run_id', '=', later.id)
                .where('rule_id', '=', item.rule_id)
                .where('month', 'in', months)
                .executeTakeFirstOrThrow()
            ).n,
          );
    const result = found === 0 ? 'pass' : 'fail';
    const status = result === 'fail' && item.status === 'verified' ? 'in-progress' : item.status;
    await trx
      .updateTable('corrective_actions')
      .set((eb) => ({
        retest_run_id: later.id,
        retest_result: result,
        retest_findings: found,
        retested_at: now,
        retested_by: actor,
        status,
        updated_at: now.toISOString(),
        version: eb('version', '+', 1),
      }))
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .execute();
    const fields = ['retest', ...(status === item.status ? [] : ['status'])];
    await appendActivity(trx, orgId, [logEntry(actor, 'update', id, fields)], now);
    return (await readCorrectiveActions(trx, orgId, { id }))[0] as CorrectiveAction;
  });
}

/** Whether the run audited the month: an open bound is every stored month. */
function covers(run: FollowUpRun, month: string): boolean {
  return (run.from === null || run.from <= month) && (run.to === null || month <= run.to);
}

function period(run: FollowUpRun): string {
  return `${run.from ?? 'the first month stored'} to ${run.to ?? 'the last month stored'}`;
}

import { refuseFollowUp } from './audit-follow-up-error.js';
import type { Tx } from './tenant.js';

// The audit runs the follow-up rests on: only a done run has its findings, so plans,
// re-tests and overpayment cases are made from done runs only.

export interface FollowUpRun {
  id: string;
  practiceId: string;
  startedAt: string;
  /** The audited period's bounds (YYYY-MM); null is open, every month stored. */
  from: string | null;
  to: string | null;
}

/** The run, if the organization has it and it is done; else the refusal naming `path`. */
export async function doneRun(
  trx: Tx,
  orgId: string,
  runId: string,
  path: string,
): Promise<FollowUpRun> {
  const row = await trx
    .selectFrom('audit_runs')
    .select(['id', 'practice_id', 'started_at', 'status', 'period_from', 'period_to'])
    .where('org_id', '=', orgId)
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!row) return refuseFollowUp('not-found', path, `no audit run "${runId}"`);
  if (row.status !== 'done')
    refuseFollowUp('conflict', path, `the run is ${row.status}; its findings come when it is done`);
  return {
    id: row.id,
    practiceId: row.practice_id,
    startedAt: row.started_at,
    from: row.period_from,
    to: row.period_to,
  };
}

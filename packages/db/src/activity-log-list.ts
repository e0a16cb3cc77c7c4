import { z } from 'zod';
import type { ActivityInput } from './activity-log.js';
import { parseInput } from './care-record-error.js';
import { withTenant, type Db } from './tenant.js';

// The organization's activity log as a compliance officer reads it: one page at a time,
// newest first, filtered by who acted, what they did and to what kind of record. Entries
// name the fields read or changed, never their values (the log holds none), so a page
// shows no patient data beyond record ids. Reading the log is not itself logged: the log
// records patient data read and changed, and this is neither.

export const ACTIVITY_ACTIONS = [
  'create',
  'update',
  'delete',
  'read',
  'import',
  'export',
  'close',
  'amend',
] as const satisfies readonly ActivityInput['action'][];

// Fails to compile when activity-log.ts gains an action this list lacks.
const everyAction: Record<ActivityInput['action'], true> = Object.fromEntries(
  ACTIVITY_ACTIONS.map((a) => [a, true]),
) as { [A in (typeof ACTIVITY_ACTIONS)[number]]: true };
void everyAction;

const filter = z.string().trim().min(1, 'must not be empty').max(200).optional();

export const activityListInputSchema = z.strictObject({
  page: z
    .strictObject({
      index: z.number().int().min(0, 'must be 0 or more').max(1_000_000),
      size: z.number().int().min(1, 'must be 1 or more').max(200, 'must be at most 200'),
    })
    .default({ index: 0, size: 50 }),
  /** The user id who acted, exactly. */
  actor: filter,
  action: z.enum(ACTIVITY_ACTIONS).optional(),
  /** The kind of record, exactly (patient, user, practice, claim…). */
  recordType: filter,
});
export type ActivityListInput = z.input<typeof activityListInputSchema>;

export interface ActivityRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  recordType: string;
  recordId: string;
  fields: string[];
}

export interface ActivityPage {
  rows: ActivityRow[];
  /** Entries matching the filters, on every page. */
  total: number;
}

export async function listActivity(
  db: Db,
  orgId: string,
  input: ActivityListInput,
): Promise<ActivityPage> {
  const { page, actor, action, recordType } = parseInput(activityListInputSchema, input);
  return withTenant(db, orgId, async (trx) => {
    let query = trx.selectFrom('activity_log').where('org_id', '=', orgId);
    if (actor !== undefined) query = query.where('actor', '=', actor);
    if (action !== undefined) query = query.where('action', '=', action);
    if (recordType !== undefined) query = query.where('record_type', '=', recordType);
    const counted = await query
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await query
      .select(['seq', 'at', 'actor', 'action', 'record_type', 'record_id', 'fields'])
      .orderBy('seq', 'desc')
      .limit(page.size)
      .offset(page.index * page.size)
      .execute();
    return {
      total: Number(counted.n),
      rows: rows.map((r) => ({
        seq: Number(r.seq),
        at: r.at,
        actor: r.actor,
        action: r.action,
        recordType: r.record_type,
        recordId: r.record_id,
        fields: typeof r.fields === 'string' ? (JSON.parse(r.fields) as string[]) : r.fields,
      })),
    };
  });
}

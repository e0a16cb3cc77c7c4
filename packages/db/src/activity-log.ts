import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { withTenant, type Db, type Tx } from './tenant.js';

// The append-only activity log. Entries of one organization form a chain: each entry's
// hash covers its own content and the previous entry's hash, and the organization row
// keeps the chain's head, so an entry edited, removed (even the last) or moved in SQL
// breaks verification at that entry. Someone who can rewrite every later entry and the
// head as well is not stopped by this; anchoring the head outside the database is.

export const GENESIS = '0'.repeat(64);

export interface ActivityInput {
  actor: string;
  action: 'create' | 'update' | 'delete' | 'read' | 'import' | 'export' | 'close' | 'amend';
  recordType: string;
  recordId: string;
  /** The fields (or collections) read or changed; never their values (PHI). */
  fields: string[];
}

export interface ActivityEntry extends ActivityInput {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

export function entryHash(orgId: string, e: Omit<ActivityEntry, 'hash'>): string {
  const content = JSON.stringify([
    orgId,
    e.seq,
    e.at,
    e.actor,
    e.action,
    e.recordType,
    e.recordId,
    e.fields,
    e.prevHash,
  ]);
  return createHash('sha256').update(content).digest('hex');
}

/** Appends entries (in order) to the organization's chain, inside the caller's transaction. */
export async function appendActivity(
  trx: Tx,
  orgId: string,
  inputs: readonly ActivityInput[],
  at: Date = new Date(),
): Promise<void> {
  if (inputs.length === 0) return;
  // One writer per organization at a time: the chain has no forks.
  await sql`select pg_advisory_xact_lock(hashtext(${`chronicle.activity:${orgId}`}))`.execute(trx);
  const head = await trx
    .selectFrom('organizations')
    .select(['log_seq', 'log_head'])
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  let seq = Number(head.log_seq);
  let prevHash = head.log_head;
  const stamp = at.toISOString();
  const rows = inputs.map((input) => {
    seq += 1;
    const entry = { ...input, seq, at: stamp, prevHash };
    const hash = entryHash(orgId, entry);
    prevHash = hash;
    return {
      org_id: orgId,
      seq,
      at: stamp,
      actor: input.actor,
      action: input.action,
      record_type: input.recordType,
      record_id: input.recordId,
      fields: JSON.stringify(input.fields),
      prev_hash: entry.prevHash,
      hash,
    };
  });
  for (let i = 0; i < rows.length; i += 1000) {
    await trx
      .insertInto('activity_log')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
  await trx
    .updateTable('organizations')
    .set({ log_seq: seq, log_head: prevHash })
    .where('id', '=', orgId)
    .execute();
}

export type VerifyResult =
  | { ok: true; entries: number; head: string }
  | {
      ok: false;
      entries: number;
      seq: number;
      problem: string;
      /** The organization itself is not stored: there is no log to verify, broken or not. */
      unknownOrganization?: true;
    };

/**
 * Walks the organization's chain in order and reports the first entry that does not hold.
 * Given a transaction, it reads in it (the caller has set the organization); otherwise it
 * opens one as the organization, so that row-level security shows it the organization's
 * entries, with one snapshot for the head and every page, so that entries appended while
 * it walks are not taken for entries appended behind the head.
 */
export async function verifyActivityLog(db: Db | Tx, orgId: string): Promise<VerifyResult> {
  if (db.isTransaction) return walk(db as Tx, orgId);
  return withTenant(db as Db, orgId, (trx) => walk(trx, orgId), { isolation: 'repeatable read' });
}

async function walk(db: Tx, orgId: string): Promise<VerifyResult> {
  const org = await db
    .selectFrom('organizations')
    .select(['log_seq', 'log_head'])
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (!org)
    return {
      ok: false,
      entries: 0,
      seq: 0,
      problem: `no organization "${orgId}"`,
      unknownOrganization: true,
    };
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('activity_log')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(5000)
      .execute();
    for (const row of page) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq)
        return {
          ok: false,
          entries: expectedSeq - 1,
          seq: expectedSeq,
          problem: `entry ${expectedSeq} is missing (the next entry is ${seq})`,
        };
      if (row.prev_hash !== prevHash)
        return {
          ok: false,
          entries: seq - 1,
          seq,
          problem: `entry ${seq} does not follow entry ${seq - 1} (moved, or an earlier entry was changed)`,
        };
      const fields =
        typeof row.fields === 'string' ? (JSON.parse(row.fields) as string[]) : row.fields;
      const hash = entryHash(orgId, {
        seq,
        at: row.at,
        actor: row.actor,
        action: row.action as ActivityInput['action'],
        recordType: row.record_type,
        recordId: row.record_id,
        fields,
        prevHash: row.prev_hash,
      });
      if (hash !== row.hash)
        return {
          ok: false,
          entries: seq - 1,
          seq,
          problem: `entry ${seq} was changed after it was written`,
        };
      prevHash = hash;
      expectedSeq += 1;
      after = seq;
    }
    if (page.length < 5000) break;
  }
  const count = expectedSeq - 1;
  const written = Number(org.log_seq);
  if (count < written)
    return {
      ok: false,
      entries: count,
      seq: count + 1,
      problem: `the log ends at entry ${count} but ${written} were written (entries removed from the end)`,
    };
  if (count > written)
    return {
      ok: false,
      entries: written,
      seq: written + 1,
      problem: `entry ${written + 1} follows the last entry written (${written}): it was added outside Chronicle`,
    };
  if (prevHash !== org.log_head)
    return {
      ok: false,
      entries: count,
      seq: count,
      problem: `entry ${count} does not match the head the organization keeps (the entry or the head was changed)`,
    };
  return { ok: true, entries: count, head: prevHash };
}

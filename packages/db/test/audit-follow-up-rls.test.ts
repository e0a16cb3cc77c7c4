import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listCorrectiveActions,
  listOverpayments,
  openOverpayment,
  planCorrectiveActions,
  retestCorrectiveAction,
  saveAuditRun,
  updateCorrectiveAction,
  updateOverpayment,
  verifyActivityLog,
  type Connection,
} from '../src/index.js';
import { APP_ROLE, openAsAppRole, type AppRoleSession } from './support/app-role.js';
import {
  auditedPractice,
  errorMonths,
  PLANNED_AT,
  practiceId,
  reportWithout,
} from './support/audited-practice.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

// In production Chronicle connects as a role under row-level security: the follow-up's
// repositories (plans, re-tests, overpayment cases) must work as that role, and the rows
// they write must stay out of another organization's sight in SQL too.

const ORG = 'org-rls';
const OTHER = 'org-rls-other';
const now = new Date('2026-04-03T15:00:00Z');
const who = { orgId: ORG, actor: 'u-officer', now };

describe.each(DATABASE_KINDS)(`the audit follow-up as ${APP_ROLE} on %s`, (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  let session: AppRoleSession;
  let runId: string;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
    ({ runId } = await auditedPractice(conn.db, ORG));
    await auditedPractice(conn.db, OTHER);
    session = await openAsAppRole(kind, database.url, conn);
  });
  afterAll(async () => {
    await session?.close();
    await conn?.close();
    await database?.drop();
  });

  it('plans, re-tests and follows up an overpayment under row-level security', async () => {
    const app = session.db;
    const { rows } = await sql<{ user: string }>`select current_user as user`.execute(app);
    expect(rows).toEqual([{ user: APP_ROLE }]);
    const [item] = (await planCorrectiveActions(app, who, { runId })).items;
    if (!item) throw new Error('no item');
    const later = await session.asSuperuser(async (db) => {
      const startedAt = new Date(PLANNED_AT.getTime() + 3_600_000);
      const report = reportWithout(item.ruleId);
      return (await saveAuditRun(db, { orgId: ORG, practiceId, report, startedAt })).id;
    });
    const retested = await retestCorrectiveAction(app, who, {
      id: item.id,
      laterRunId: later,
      expectedVersion: 1,
    });
    expect(retested.retest?.result).toBe('pass');
    await updateCorrectiveAction(app, who, { id: item.id, expectedVersion: 2, status: 'verified' });
    const month = errorMonths()[0];
    if (!month) throw new Error('no month in error');
    const opened = await openOverpayment(app, who, {
      runId,
      patientId: month.patientId,
      month: month.month,
      billingPractitionerId: month.practitioner,
      identifiedOn: '2026-04-01',
    });
    await updateOverpayment(app, who, {
      id: opened.id,
      expectedVersion: 1,
      quantifiedOn: '2026-04-02',
      quantifiedAmount: 20.5,
    });
    expect(await listOverpayments(app, who, {})).toHaveLength(1);
    expect(await listCorrectiveActions(app, ORG, { runId })).toHaveLength(
      (await planCorrectiveActions(app, who, { runId })).items.length,
    );
    expect(await verifyActivityLog(app, ORG)).toMatchObject({ ok: true });
  });

  it("shows another organization's session none of these rows in SQL", async () => {
    const seen = await session.db.transaction().execute(async (trx) => {
      await sql`select set_config('chronicle.org_id', ${OTHER}, true)`.execute(trx);
      const count = async (table: string) =>
        (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(trx))
          .rows[0]?.n;
      return [await count('corrective_actions'), await count('overpayment_follow_ups')];
    });
    expect(seen).toEqual([0, 0]);
    const stored = await session.asSuperuser(async (db) =>
      Promise.all(
        ['corrective_actions', 'overpayment_follow_ups'].map(
          async (table) =>
            (
              await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}
                where org_id = ${ORG}`.execute(db)
            ).rows[0]?.n,
        ),
      ),
    );
    expect(stored.every((n) => (n ?? 0) > 0)).toBe(true);
  });
});

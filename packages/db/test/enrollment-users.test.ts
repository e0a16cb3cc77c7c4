import { audit } from '@chronicle/rules';
import { generateDataset } from '@chronicle/synthetic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureOrganization, verifyActivityLog, type Connection } from '../src/index.js';
import { listAuditRuns, saveAuditRun } from '../src/audit-runs.js';
import { importDataset } from '../src/import-export.js';
import { enrollmentHistory, recordEnrollment } from '../src/enrollment.js';
import { createUser, listUsers } from '../src/users.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

// Enrollment is kept as a history of changes (never rewritten), each with its day, reason
// and author; users belong to one organization. Both on each database engine.

describe.each(DATABASE_KINDS)('enrollment history and users on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  const orgId = 'org-enroll';
  const dataset = generateDataset({ seed: 11, patients: 3, year: 2026, months: 2 });
  const practiceId = dataset.practice.id;
  const patientId = (dataset.patients[0] as (typeof dataset.patients)[number]).id;
  const change = (status: string, effectiveOn: string, reason = 'phone call') => ({
    practiceId,
    patientId,
    program: 'ccm',
    status,
    effectiveOn,
    reason,
    authorId: 'u-admin',
  });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
    await importDataset(conn.db, { orgId, actor: 'test', dataset });
  });
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  it('records each change in order and keeps every one', async () => {
    await recordEnrollment(conn.db, orgId, change('candidate', '2026-01-02'));
    await recordEnrollment(conn.db, orgId, change('invited', '2026-01-05'));
    await recordEnrollment(conn.db, orgId, change('declined', '2026-01-09', 'not interested now'));
    await recordEnrollment(conn.db, orgId, change('enrolled', '2026-02-01', 'changed their mind'));
    const history = await enrollmentHistory(conn.db, orgId, { practiceId, patientId });
    expect(history.map((h) => [h.status, h.effectiveOn, h.reason])).toEqual([
      ['candidate', '2026-01-02', 'phone call'],
      ['invited', '2026-01-05', 'phone call'],
      ['declined', '2026-01-09', 'not interested now'],
      ['enrolled', '2026-02-01', 'changed their mind'],
    ]);
    expect((await verifyActivityLog(conn.db, orgId)).ok).toBe(true);
  });

  it('refuses a change that does not follow from the current status, naming the field', async () => {
    await expect(recordEnrollment(conn.db, orgId, change('invited', '2026-02-03'))).rejects.toThrow(
      /^status: ccm enrollment is "enrolled"; it can become disenrolled, enrolled-elsewhere, not "invited"/,
    );
  });

  it('refuses a change dated before the last one, and input missing its reason or date', async () => {
    await expect(
      recordEnrollment(conn.db, orgId, change('disenrolled', '2026-01-20')),
    ).rejects.toThrow(/^effectiveOn: 2026-01-20 is before the last change \(2026-02-01\)/);
    await expect(
      recordEnrollment(conn.db, orgId, change('disenrolled', '2026-13-01', ' ')),
    ).rejects.toThrow(/effectiveOn: must be a date YYYY-MM-DD\nreason: a reason is required/);
    await expect(
      recordEnrollment(conn.db, orgId, change('disenrolled', '2026-03-01', 'r'.repeat(2001))),
    ).rejects.toThrow(/^reason: .*2000/);
    await expect(
      recordEnrollment(conn.db, orgId, {
        ...change('disenrolled', '2026-03-01'),
        patientId: 'nobody',
      }),
    ).rejects.toThrow(/^patientId: no patient "nobody"/);
    expect(await enrollmentHistory(conn.db, orgId, { practiceId, patientId })).toHaveLength(4);
  });

  it('keeps users per organization and refuses a duplicate id or a bad email', async () => {
    await createUser(
      conn.db,
      orgId,
      { id: 'u-admin', email: 'admin@example.org', displayName: 'Admin', role: 'admin' },
      'setup',
    );
    await createUser(
      conn.db,
      'org-other',
      { id: 'u-admin', email: 'x@example.org', displayName: 'Other', role: 'compliance-officer' },
      'setup',
    );
    await expect(
      createUser(
        conn.db,
        orgId,
        { id: 'u-admin', email: 'a@example.org', displayName: 'Again', role: 'admin' },
        'setup',
      ),
    ).rejects.toThrow(/^id: a user "u-admin" already exists/);
    await expect(
      createUser(
        conn.db,
        orgId,
        { id: 'u-2', email: 'not-an-email', displayName: 'B', role: 'admin' },
        'setup',
      ),
    ).rejects.toThrow(/^email: must be an email address/);
    // Lengths are bounded: a name or address of megabytes is refused, not stored.
    await expect(
      createUser(
        conn.db,
        orgId,
        { id: 'u-3', email: 'c@example.org', displayName: 'N'.repeat(201), role: 'admin' },
        'setup',
      ),
    ).rejects.toThrow(/^displayName: must be at most 200 characters/);
    await expect(
      createUser(
        conn.db,
        orgId,
        {
          id: 'u-4',
          email: `${'d'.repeat(64)}@${'e'.repeat(190)}.org`,
          displayName: 'D',
          role: 'admin',
        },
        'setup',
      ),
    ).rejects.toThrow(/^email: must be at most 254 characters/);
    expect((await listUsers(conn.db, orgId)).map((u) => [u.id, u.role])).toEqual([
      ['u-admin', 'admin'],
    ]);
    expect((await listUsers(conn.db, 'org-other')).map((u) => [u.id, u.role])).toEqual([
      ['u-admin', 'compliance-officer'],
    ]);
  });
});

describe.each(DATABASE_KINDS)('saved audit runs on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
  });
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  // An audit kept in the database holds one row per finding, under its rules version.
  it('keeps every finding of a run and lists runs newest first', async () => {
    const dataset = generateDataset({
      seed: 12,
      patients: 20,
      year: 2026,
      months: 3,
      faultRate: 0.5,
    });
    const report = audit(dataset);
    const findings = report.months.reduce((n, m) => n + m.findings.length, 0);
    expect(findings).toBeGreaterThan(0);
    await ensureOrganization(conn.db, 'org-runs');
    const first = await saveAuditRun(conn.db, {
      orgId: 'org-runs',
      practiceId: dataset.practice.id,
      report,
      startedAt: new Date('2026-11-01T00:00:00Z'),
    });
    const second = await saveAuditRun(conn.db, {
      orgId: 'org-runs',
      practiceId: dataset.practice.id,
      report,
      startedAt: new Date('2026-11-02T00:00:00Z'),
    });
    expect(first.findings).toBe(findings);
    const runs = await listAuditRuns(conn.db, 'org-runs');
    expect(runs.map((r) => [r.id, r.findings, r.rulesVersion])).toEqual([
      [second.id, findings, report.rulesVersion],
      [first.id, findings, report.rulesVersion],
    ]);
    expect(await listAuditRuns(conn.db, 'org-elsewhere')).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attestPracticeCapabilities,
  createSession,
  exportDataset,
  listActivity,
  listUserAccounts,
  practiceCapabilities,
  verifyActivityLog,
  type Connection,
} from '../src/index.js';
import { carePractice, NOW, type CarePractice } from './support/care-practice.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

// What the administration screens rest on: the practice's capability attestation (kept in
// the practice record, where export and the audit read it, on the version read, with one
// activity-log entry and nothing written when refused), pages of the activity log (newest
// first, filtered), and when each user last signed in.

const ALL_ATTESTED = {
  certifiedEhr: true,
  access24x7: true,
  continuityOfCare: true,
  enhancedCommunication: true,
  careTransitions: true,
  attestedOn: '2026-11-02',
};

describe.each(DATABASE_KINDS)('administration records on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  let p: CarePractice;
  const fails = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (e: unknown) => e,
    );
  const logLength = async () =>
    Number(
      (
        await conn.db
          .selectFrom('organizations')
          .select('log_seq')
          .where('id', '=', p.orgId)
          .executeTakeFirstOrThrow()
      ).log_seq,
    );

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
    p = await carePractice(conn.db, 'org-admin');
  });
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  it('attests the capabilities on the version read, logs it, and export gives them back', async () => {
    const before = await practiceCapabilities(conn.db, p.orgId, { practiceId: p.practiceId });
    expect(before).toMatchObject({ practiceId: p.practiceId, name: p.dataset.practice.name });
    const seq = await logLength();
    const attested = await attestPracticeCapabilities(
      conn.db,
      p.orgId,
      'u-admin',
      { practiceId: p.practiceId, capabilities: ALL_ATTESTED, expectedVersion: before.version },
      NOW,
    );
    expect(attested).toMatchObject({ capabilities: ALL_ATTESTED, version: before.version + 1 });
    expect(await practiceCapabilities(conn.db, p.orgId, { practiceId: p.practiceId })).toEqual(
      attested,
    );
    expect(await logLength()).toBe(seq + 1);
    const newest = await listActivity(conn.db, p.orgId, { page: { index: 0, size: 1 } });
    expect(newest.rows[0]).toMatchObject({
      seq: seq + 1,
      actor: 'u-admin',
      action: 'update',
      recordType: 'practice',
      recordId: p.practiceId,
      fields: ['capabilities'],
    });
    const document = await exportDataset(conn.db, {
      orgId: p.orgId,
      actor: 'test',
      practiceId: p.practiceId,
    });
    expect(document.practice.capabilities).toEqual(ALL_ATTESTED);
    expect(await verifyActivityLog(conn.db, p.orgId)).toMatchObject({ ok: true });
  });

  it('refuses a stale version, a date after today, a missing field and an unknown practice, writing nothing', async () => {
    const { version } = await practiceCapabilities(conn.db, p.orgId, { practiceId: p.practiceId });
    const seq = await logLength();
    const attest = (input: unknown) =>
      fails(
        attestPracticeCapabilities(
          conn.db,
          p.orgId,
          'u-admin',
          input as Parameters<typeof attestPracticeCapabilities>[3],
          NOW,
        ),
      );
    const input = {
      practiceId: p.practiceId,
      capabilities: ALL_ATTESTED,
      expectedVersion: version,
    };
    expect(await attest({ ...input, expectedVersion: version - 1 })).toMatchObject({
      name: 'StaleWriteError',
      message: expect.stringMatching(/^expectedVersion: /),
    });
    expect(
      await attest({ ...input, capabilities: { ...ALL_ATTESTED, attestedOn: '2026-12-01' } }),
    ).toMatchObject({ refusal: 'invalid', problems: [{ path: 'capabilities.attestedOn' }] });
    const { access24x7: _dropped, ...lacking } = ALL_ATTESTED;
    expect(await attest({ ...input, capabilities: lacking })).toMatchObject({
      refusal: 'invalid',
      problems: [{ path: 'capabilities.access24x7' }],
    });
    expect(await attest({ ...input, practiceId: 'nowhere' })).toMatchObject({
      refusal: 'not-found',
      problems: [{ path: 'practiceId' }],
    });
    expect(
      await fails(practiceCapabilities(conn.db, p.orgId, { practiceId: 'nowhere' })),
    ).toMatchObject({ refusal: 'not-found' });
    expect(await logLength()).toBe(seq);
    expect(
      (await practiceCapabilities(conn.db, p.orgId, { practiceId: p.practiceId })).version,
    ).toBe(version);
  });

  it('pages the activity log newest first and filters it by actor, action and record type', async () => {
    const all = await listActivity(conn.db, p.orgId, { page: { index: 0, size: 200 } });
    expect(all.total).toBe(await logLength());
    const seqs = all.rows.map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const second = await listActivity(conn.db, p.orgId, { page: { index: 1, size: 3 } });
    expect(second.rows.map((r) => r.seq)).toEqual(seqs.slice(3, 6));
    const byAdmin = await listActivity(conn.db, p.orgId, { actor: 'u-admin' });
    expect(byAdmin.total).toBeGreaterThan(0);
    expect(byAdmin.rows.every((r) => r.actor === 'u-admin')).toBe(true);
    const users = await listActivity(conn.db, p.orgId, { action: 'create', recordType: 'user' });
    expect(users.rows.map((r) => r.recordId).sort()).toEqual(['u-admin', 'u-desk', 'u-md', 'u-rn']);
    expect((await listActivity(conn.db, p.orgId, { recordType: 'no-such-type' })).rows).toEqual([]);
    expect(
      await fails(listActivity(conn.db, p.orgId, { action: 'rewrite' } as never)),
    ).toMatchObject({ refusal: 'invalid', problems: [{ path: 'action' }] });
    expect(
      await fails(listActivity(conn.db, p.orgId, { page: { index: 0, size: 5000 } })),
    ).toMatchObject({ refusal: 'invalid', problems: [{ path: 'page.size' }] });
  });

  it('keeps when each user last signed in, without changing their version', async () => {
    const before = await listUserAccounts(conn.db, p.orgId);
    const md = before.find((u) => u.id === 'u-md');
    expect(md?.lastSignInAt).toBeNull();
    await createSession(conn.db, {
      id: 'session-of-u-md',
      orgId: p.orgId,
      userId: 'u-md',
      csrfHash: 'x',
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const after = (await listUserAccounts(conn.db, p.orgId)).find((u) => u.id === 'u-md');
    expect(after?.lastSignInAt).toEqual(expect.any(String));
    expect(Math.abs(Date.parse(after?.lastSignInAt ?? '') - Date.now())).toBeLessThan(60_000);
    expect(after?.version).toBe(md?.version);
  });
});

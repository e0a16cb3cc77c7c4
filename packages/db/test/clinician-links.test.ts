import type { Dataset } from '@chronicle/dataset';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  importDataset,
  linkUserToClinician,
  listClinicianLinks,
  verifyActivityLog,
  type Connection,
} from '../src/index.js';
import { carePractice, type CarePractice } from './support/care-practice.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

// A user is linked to the clinician they are, once per practice, and a clinician to one
// user at most, so that nobody records time as someone else; the links are kept apart
// from users, survive a re-import, and go with a clinician the import drops.

describe.each(DATABASE_KINDS)('clinician links on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  let p: CarePractice;
  const fails = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (e: unknown) => e,
    );
  const link = (userId: string, clinicianId: string | null) =>
    linkUserToClinician(conn.db, p.orgId, 'u-admin', {
      userId,
      practiceId: p.practiceId,
      clinicianId,
    });
  const links = async () =>
    (await listClinicianLinks(conn.db, p.orgId, p.practiceId)).map((l) => [
      l.userId,
      l.clinicianId,
    ]);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
    p = await carePractice(conn.db, 'org-links');
  });
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  it('links each user to one clinician, and each clinician to one user', async () => {
    expect(await links()).toEqual([
      ['u-desk', p.desk.id],
      ['u-md', p.md.id],
      ['u-rn', p.rn.id],
    ]);
    expect(await fails(link('u-admin', p.rn.id))).toMatchObject({
      refusal: 'conflict',
      problems: [{ path: 'clinicianId', message: expect.stringContaining('"u-rn"') }],
    });
    expect(await fails(link('u-ghost', null))).toMatchObject({
      refusal: 'not-found',
      problems: [{ path: 'userId' }],
    });
    expect(await fails(link('u-admin', 'c-nobody'))).toMatchObject({
      refusal: 'not-found',
      problems: [{ path: 'clinicianId' }],
    });
    expect(await fails(link('', p.md.id))).toMatchObject({
      refusal: 'invalid',
      problems: [{ path: 'userId' }],
    });
  });

  it('moves a link, removes one, and logs each change without values', async () => {
    await link('u-rn', null);
    const moved = await link('u-desk', p.rn.id);
    expect(moved).toMatchObject({ userId: 'u-desk', clinicianId: p.rn.id, linkedBy: 'u-admin' });
    expect(await links()).toEqual([
      ['u-desk', p.rn.id],
      ['u-md', p.md.id],
    ]);
    const entries = await conn.db
      .selectFrom('activity_log')
      .select(['actor', 'action', 'record_type', 'record_id', 'fields'])
      .where('org_id', '=', p.orgId)
      .where('record_type', '=', 'user')
      .where('action', '=', 'update')
      .execute();
    expect(entries.slice(-2)).toEqual([
      {
        actor: 'u-admin',
        action: 'update',
        record_type: 'user',
        record_id: 'u-rn',
        fields: ['clinician'],
      },
      {
        actor: 'u-admin',
        action: 'update',
        record_type: 'user',
        record_id: 'u-desk',
        fields: ['clinician'],
      },
    ]);
    expect(await verifyActivityLog(conn.db, p.orgId)).toMatchObject({ ok: true });
  });

  it('keeps links through a re-import, and drops the link of a clinician the import drops', async () => {
    const temp = {
      id: 'c-temp',
      name: 'Temp Synthetic',
      credential: 'RN',
      role: 'clinical-staff',
    } as const;
    const withTemp: Dataset = { ...p.dataset, clinicians: [...p.dataset.clinicians, temp] };
    await importDataset(conn.db, { orgId: p.orgId, actor: 'u-admin', dataset: withTemp });
    await link('u-admin', temp.id);
    await importDataset(conn.db, { orgId: p.orgId, actor: 'u-admin', dataset: withTemp });
    expect(await links()).toEqual([
      ['u-admin', temp.id],
      ['u-desk', p.rn.id],
      ['u-md', p.md.id],
    ]);
    await importDataset(conn.db, { orgId: p.orgId, actor: 'u-admin', dataset: p.dataset });
    expect(await links()).toEqual([
      ['u-desk', p.rn.id],
      ['u-md', p.md.id],
    ]);
  });
});

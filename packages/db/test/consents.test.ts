import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CareRecordError,
  ClosedMonthError,
  recordConsent,
  revokeConsent,
  StaleWriteError,
  verifyActivityLog,
  type Connection,
  type RecordConsentInput,
} from '../src/index.js';
import { carePractice, NOW, type CarePractice } from './support/care-practice.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

// Consents are recorded in the dataset's fields, appended to the patient's list (so the
// export holds them), only when the patient was told what §6 requires; a revocation keeps
// the consent and is an amendment with its reason. Refusals write nothing.

describe.each(DATABASE_KINDS)('consents on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  let p: CarePractice;
  const told = {
    availability: true,
    costSharing: true,
    onePractitionerPerMonth: true,
    rightToStop: true,
  };
  const consent = (over: Partial<RecordConsentInput> = {}): RecordConsentInput => ({
    practiceId: p.practiceId,
    patientId: p.patient.id,
    program: 'ccm',
    date: '2026-11-02',
    method: 'verbal',
    practitionerId: p.md.id,
    obtainedById: p.rn.id,
    decision: 'accepted',
    informed: told,
    ...over,
  });
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CareRecordError);
    return error as CareRecordError;
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
    p = await carePractice(conn.db, 'org-consent');
  });
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  it('records a consent at the end of the list, with a new id, and the export holds it', async () => {
    const before = p.patient.consents.length;
    const saved = await recordConsent(conn.db, p.orgId, 'u-rn', consent(), NOW);
    expect(saved.version).toBe(1);
    expect(saved.record.id).toMatch(/^[0-9a-f-]{36}$/);
    const exported = await p.exported();
    expect(exported.consents).toHaveLength(before + 1);
    expect(exported.consents.at(-1)).toEqual(saved.record);
    expect(await verifyActivityLog(conn.db, p.orgId)).toMatchObject({ ok: true });
  });

  it('refuses an accepted consent the patient was not fully told about, naming each element', async () => {
    const footprint = await p.footprint();
    const error = await refusal(
      recordConsent(
        conn.db,
        p.orgId,
        'u-rn',
        consent({ informed: { ...told, costSharing: false, rightToStop: false } }),
        NOW,
      ),
    );
    expect(error.refusal).toBe('invalid');
    expect(error.problems.map((x) => x.path)).toEqual([
      'informed.costSharing',
      'informed.rightToStop',
    ]);
    // A declined consent records what was said, whatever it was.
    await recordConsent(
      conn.db,
      p.orgId,
      'u-rn',
      consent({ decision: 'declined', informed: { ...told, costSharing: false } }),
      NOW,
    );
    expect(await p.footprint()).not.toEqual(footprint);
  });

  it.each([
    ['practitionerId', () => ({ practitionerId: p.rn.id }), /not a practitioner who can bill/],
    ['obtainedById', () => ({ obtainedById: 'c-nobody' }), /not in the practice/],
    ['date', () => ({ date: '2026-12-01' }), /after today \(2026-11-29\)/],
    [
      'method',
      () => ({ date: '2016-05-01', informed: { ...told, electronicSharing: true } }),
      /written, signed/,
    ],
    ['informed', () => ({ informed: { ...told, extra: true } }), /unknown key "extra"/],
  ])('refuses a consent with a bad %s, writing nothing', async (path, over, message) => {
    const footprint = await p.footprint();
    const error = await refusal(
      recordConsent(conn.db, p.orgId, 'u-rn', consent(over() as Partial<RecordConsentInput>), NOW),
    );
    expect(error.problems[0]).toMatchObject({ path, message: expect.stringMatching(message) });
    expect(await p.footprint()).toEqual(footprint);
  });

  it('refuses a consent dated in or before a closed month: it would change that month', async () => {
    const footprint = await p.footprint();
    const error = await recordConsent(
      conn.db,
      p.orgId,
      'u-rn',
      consent({ date: '2026-01-20' }),
      NOW,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClosedMonthError);
    expect((error as ClosedMonthError).problems[0]).toMatchObject({
      path: 'date',
      message: expect.stringContaining('closed month 2026-02'),
    });
    expect(await p.footprint()).toEqual(footprint);
  });

  it('revokes a consent as an amendment: the consent stays, the reason is kept, the closed months after it named', async () => {
    const original = await recordConsent(
      conn.db,
      p.orgId,
      'u-rn',
      consent({ date: '2026-10-01' }),
      NOW,
    );
    const revoke = {
      practiceId: p.practiceId,
      patientId: p.patient.id,
      consentId: original.record.id,
      expectedVersion: 1,
      revokedOn: '2026-11-20',
      reason: 'Patient asked to stop by phone',
    };
    const revoked = await revokeConsent(conn.db, p.orgId, 'u-rn', revoke, NOW);
    expect(revoked).toMatchObject({ version: 2, closedMonthsAfter: [] });
    expect(revoked.record).toEqual({ ...original.record, revokedOn: '2026-11-20' });
    const amendments = await conn.db
      .selectFrom('amendments')
      .selectAll()
      .where('org_id', '=', p.orgId)
      .where('record_id', '=', original.record.id)
      .execute();
    expect(amendments).toHaveLength(1);
    expect(amendments[0]).toMatchObject({
      author: 'u-rn',
      reason: revoke.reason,
      record_type: 'consent',
    });

    // Again at the old version: stale. At the new one: already revoked.
    await expect(revokeConsent(conn.db, p.orgId, 'u-rn', revoke, NOW)).rejects.toThrow(
      StaleWriteError,
    );
    const again = await refusal(
      revokeConsent(conn.db, p.orgId, 'u-rn', { ...revoke, expectedVersion: 2 }, NOW),
    );
    expect(again).toMatchObject({
      refusal: 'conflict',
      problems: [
        { path: 'consentId', message: expect.stringMatching(/already revoked on 2026-11-20/) },
      ],
    });
  });

  it('names the closed months a backdated revocation reaches, and refuses one before the consent', async () => {
    const old = p.patient.consents.find((c) => c.decision === 'accepted' && c.date < '2026-02-01');
    expect(old).toBeDefined();
    const input = {
      practiceId: p.practiceId,
      patientId: p.patient.id,
      consentId: old!.id,
      expectedVersion: 1,
      reason: 'found the letter',
    };
    const early = await refusal(
      revokeConsent(conn.db, p.orgId, 'u-admin', { ...input, revokedOn: '2000-01-01' }, NOW),
    );
    expect(early.problems).toEqual([
      { path: 'revokedOn', message: expect.stringMatching(/before the consent's date/) },
    ]);
    const revoked = await revokeConsent(
      conn.db,
      p.orgId,
      'u-admin',
      { ...input, revokedOn: '2026-01-15' },
      NOW,
    );
    expect(revoked.closedMonthsAfter).toEqual(['2026-02']);
  });
});

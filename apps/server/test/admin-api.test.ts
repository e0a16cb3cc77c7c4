import type { Clinician } from '@chronicle/dataset';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data, refusal } from './support/care-team.js';
import { ORGS, startTestServer, type TestServer } from './support/harness.js';

// The administration procedures through the API: the practice's capability attestation
// (read by anyone who reads patients, made by admins only, on the version read, never
// dated after today) with the practice's clinicians, and the activity log (pages newest
// first, filters, the hash chain verified) for those who hold activity.read. Every
// refusal names the field and writes nothing; each organization sees only its own.

type Capabilities = {
  practiceId: string;
  name: string;
  timezone: string;
  capabilities?: Record<string, boolean | string>;
  version: number;
};
type ActivityPage = {
  total: number;
  rows: Array<{
    seq: number;
    at: string;
    actor: string;
    action: string;
    recordType: string;
    recordId: string;
    fields: string[];
  }>;
};
type Verified = { ok: boolean; entries: number };

describe.each(DATABASE_KINDS)('administration API on %s', (kind) => {
  let server: TestServer;
  let practiceId: string;
  // A fixed clock: "today" for the attestation is 2026-11-29 in every practice timezone.
  const now = new Date('2026-11-29T18:00:00Z');
  beforeAll(async () => {
    server = await startTestServer(kind, { patients: 4, now: () => now });
    practiceId = server.datasets[ORGS[0]].practice.id;
  });
  afterAll(async () => server?.close());

  const attestation = (over: Record<string, unknown> = {}) => ({
    certifiedEhr: true,
    access24x7: true,
    continuityOfCare: false,
    enhancedCommunication: true,
    careTransitions: true,
    attestedOn: '2026-11-20',
    ...over,
  });
  /** The practice's version and the organization's log head: equal means nothing written. */
  const footprint = async (orgId: string = ORGS[0]) => {
    const practice = await server.conn.db
      .selectFrom('practices')
      .select(['version', 'data'])
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow();
    const org = await server.conn.db
      .selectFrom('organizations')
      .select('log_seq')
      .where('id', '=', orgId)
      .executeTakeFirstOrThrow();
    return { practice: Number(practice.version), data: practice.data, log: Number(org.log_seq) };
  };

  it("reads the practice's attestation as any role that reads patients", async () => {
    const dataset = server.datasets[ORGS[0]];
    for (const role of ['care-manager', 'auditor']) {
      const agent = await server.signIn(role);
      const read = data<Capabilities>(await agent.query('practices.capabilities', { practiceId }));
      expect(read).toEqual({
        practiceId,
        name: dataset.practice.name,
        timezone: dataset.practice.timezone,
        capabilities: dataset.practice.capabilities,
        version: expect.any(Number),
      });
    }
  });

  it("lists the practice's clinicians, and none for a practice it does not have", async () => {
    const cm = await server.signIn('care-manager');
    const listed = data<Clinician[]>(await cm.query('practices.clinicians', { practiceId }));
    expect(listed).toEqual(server.datasets[ORGS[0]].clinicians);
    expect(
      data<Clinician[]>(await cm.query('practices.clinicians', { practiceId: 'p-none' })),
    ).toEqual([]);
    expect(refusal(await cm.query('practices.clinicians', {}))).toMatchObject({
      status: 400,
      problems: [{ path: 'practiceId' }],
    });
  });

  it('records an attestation at the version read, logs it, and refuses the same version again', async () => {
    const admin = await server.signIn('admin');
    const before = data<Capabilities>(await admin.query('practices.capabilities', { practiceId }));
    const logBefore = (await footprint()).log;
    const input = {
      practiceId,
      capabilities: attestation(),
      expectedVersion: before.version,
    };
    const attested = data<Capabilities>(await admin.mutate('practices.attest', input));
    expect(attested).toEqual({
      ...before,
      capabilities: attestation(),
      version: before.version + 1,
    });
    expect(data<Capabilities>(await admin.query('practices.capabilities', { practiceId }))).toEqual(
      attested,
    );
    const after = await footprint();
    expect(after.log).toBe(logBefore + 1);
    const entry = await server.conn.db
      .selectFrom('activity_log')
      .select(['actor', 'action', 'record_type', 'record_id', 'fields'])
      .where('org_id', '=', ORGS[0])
      .where('seq', '=', after.log)
      .executeTakeFirstOrThrow();
    const fields: unknown =
      typeof entry.fields === 'string' ? JSON.parse(entry.fields) : entry.fields;
    expect({ ...entry, fields }).toEqual({
      actor: 'admin',
      action: 'update',
      record_type: 'practice',
      record_id: practiceId,
      fields: ['capabilities'],
    });
    // The other organization's practice (same generated id) is untouched.
    expect((await footprint(ORGS[1])).data).toEqual(
      expect.objectContaining({ capabilities: server.datasets[ORGS[1]].practice.capabilities }),
    );

    expect(refusal(await admin.mutate('practices.attest', input))).toMatchObject({
      status: 409,
      problems: [{ path: 'expectedVersion' }],
    });
    expect(await footprint()).toEqual(after);
  });

  it.each([
    ['capabilities.attestedOn', { capabilities: attestation({ attestedOn: '2026-12-01' }) }],
    ['capabilities.attestedOn', { capabilities: attestation({ attestedOn: '2026-13-01' }) }],
    ['capabilities.access24x7', { capabilities: attestation({ access24x7: 'yes' }) }],
    ['capabilities.certifiedEhr', { capabilities: attestation({ certifiedEhr: undefined }) }],
    ['expectedVersion', { expectedVersion: 0 }],
    ['practiceId', { practiceId: '' }],
    ['(input)', { mbi: '1EG4-TE5-MK73' }],
  ])('refuses an attestation with a bad %s, naming it and writing nothing', async (path, over) => {
    const admin = await server.signIn('admin');
    const { version } = data<Capabilities>(
      await admin.query('practices.capabilities', { practiceId }),
    );
    const before = await footprint();
    const res = await admin.mutate('practices.attest', {
      practiceId,
      capabilities: attestation(),
      expectedVersion: version,
      ...over,
    });
    expect(refusal(res)).toMatchObject({ status: 400, problems: [{ path }] });
    expect(await footprint()).toEqual(before);
  });

  it('refuses an attestation of a practice the organization does not have with 404', async () => {
    const admin = await server.signIn('admin');
    const before = await footprint();
    const res = await admin.mutate('practices.attest', {
      practiceId: 'p-none',
      capabilities: attestation(),
      expectedVersion: 1,
    });
    expect(refusal(res)).toMatchObject({ status: 404, problems: [{ path: 'practiceId' }] });
    expect(await footprint()).toEqual(before);
  });

  it.each(['care-manager', 'practitioner', 'compliance-officer', 'auditor'])(
    'refuses an attestation by the %s role with 403, writing nothing',
    async (role) => {
      const agent = await server.signIn(role);
      const { version } = data<Capabilities>(
        await agent.query('practices.capabilities', { practiceId }),
      );
      const before = await footprint();
      const res = await agent.mutate('practices.attest', {
        practiceId,
        capabilities: attestation({ careTransitions: false }),
        expectedVersion: version,
      });
      expect(res.status).toBe(403);
      expect(await footprint()).toEqual(before);
    },
  );

  it('pages the activity log newest first, filters it, and shows only its own organization', async () => {
    const officer = await server.signIn('compliance-officer');
    const { log } = await footprint();
    const first = data<ActivityPage>(
      await officer.query('activity.list', { page: { index: 0, size: 10 } }),
    );
    expect(first.total).toBe(log);
    expect(first.rows.map((r) => r.seq)).toEqual(Array.from({ length: 10 }, (_, i) => log - i));
    const second = data<ActivityPage>(
      await officer.query('activity.list', { page: { index: 1, size: 10 } }),
    );
    expect(second.rows[0]?.seq).toBe(log - 10);

    const attests = data<ActivityPage>(
      await officer.query('activity.list', {
        actor: 'admin',
        action: 'update',
        recordType: 'practice',
      }),
    );
    expect(attests.total).toBe(1);
    expect(attests.rows).toEqual([
      {
        seq: expect.any(Number),
        at: expect.any(String),
        actor: 'admin',
        action: 'update',
        recordType: 'practice',
        recordId: practiceId,
        fields: ['capabilities'],
      },
    ]);
    const imports = data<ActivityPage>(
      await officer.query('activity.list', { action: 'import', page: { index: 0, size: 200 } }),
    );
    expect(imports.total).toBeGreaterThan(0);
    expect(new Set(imports.rows.map((r) => r.action))).toEqual(new Set(['import']));
    // Entries name fields, never their values: no patient's name is on any page.
    const everything = data<ActivityPage>(
      await officer.query('activity.list', { page: { index: 0, size: 200 } }),
    );
    const text = JSON.stringify(everything);
    for (const patient of server.datasets[ORGS[0]].patients)
      expect(text).not.toContain(patient.name.family);

    // The other organization's officer sees its own log: no attestation there.
    const theirs = await server.signIn('compliance-officer', ORGS[1]);
    const southPage = data<ActivityPage>(
      await theirs.query('activity.list', { recordType: 'practice', action: 'update' }),
    );
    expect(southPage).toEqual({ total: 0, rows: [] });
    expect(
      data<ActivityPage>(await theirs.query('activity.list', { page: { index: 0, size: 1 } }))
        .total,
    ).toBe((await footprint(ORGS[1])).log);
  });

  it('verifies the hash chain for the auditor, and reading the log writes nothing', async () => {
    const auditor = await server.signIn('auditor');
    const before = await footprint();
    expect(data<Verified>(await auditor.query('activity.verify'))).toMatchObject({
      ok: true,
      entries: before.log,
    });
    data<ActivityPage>(await auditor.query('activity.list', {}));
    expect(await footprint()).toEqual(before);
  });

  it.each([
    ['page.size', { page: { index: 0, size: 500 } }],
    ['page.index', { page: { index: -1, size: 10 } }],
    ['action', { action: 'destroy' }],
    ['actor', { actor: '   ' }],
    ['recordType', { recordType: 7 }],
    ['(input)', { patientId: 'p-1' }],
  ])('refuses an activity page with a bad %s with 400, naming it', async (path, input) => {
    const admin = await server.signIn('admin');
    expect(refusal(await admin.query('activity.list', input))).toMatchObject({
      status: 400,
      problems: [{ path }],
    });
  });

  it.each(['care-manager', 'practitioner'])(
    'refuses the activity log to the %s role with 403',
    async (role) => {
      const agent = await server.signIn(role);
      expect((await agent.query('activity.list', {})).status).toBe(403);
      expect((await agent.query('activity.verify')).status).toBe(403);
    },
  );
});

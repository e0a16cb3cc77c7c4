import { DATABASE_KINDS } from '@chronicle/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGS, PASSWORD, startTestServer, type Agent, type TestServer } from './support/harness.js';
import { ok, refusal } from './support/results.js';

// Users and roles, for admins only: list, create with a first password (argon2id, hashed by
// the server), change a role (in force at the user's next request), disable (their
// sessions end) and enable, reset a password (sessions end, the old one stops working).
// Every change names the version it read, and the last enabled admin of an organization
// can be neither demoted nor disabled. Passwords appear in no answer and no log line.

const NEW_PASSWORD = 'a long and new passphrase';

describe.each(DATABASE_KINDS)('users and roles on %s', (kind) => {
  let server: TestServer;
  let admin: Agent;
  beforeAll(async () => {
    server = await startTestServer(kind);
    admin = await server.signIn('admin');
  });
  afterAll(async () => server?.close());

  const signInAs = (email: string, password: string, orgId: string = ORGS[0]) =>
    server.anonymous().agent.post('/auth/sign-in').send({ organization: orgId, email, password });
  /** The cookies of a new session of the user. */
  const sessionOf = async (email: string, password: string) =>
    ([] as string[]).concat((await signInAs(email, password)).headers['set-cookie'] ?? []);
  const meWith = (cookies: string[]) =>
    server.anonymous().agent.get('/api/trpc/session.me').set('Cookie', cookies);
  const versionOf = async (userId: string, agent = admin) =>
    (ok(await agent.query('users.list')) as Array<{ id: string; version: number }>).find(
      (u) => u.id === userId,
    )?.version as number;

  it('lists the users to admins only, without password hashes', async () => {
    const users = ok(await admin.query('users.list'));
    expect(users.map((u: { id: string; role: string }) => [u.id, u.role])).toEqual([
      ['admin', 'admin'],
      ['auditor', 'auditor'],
      ['care-manager', 'care-manager'],
      ['compliance-officer', 'compliance-officer'],
      ['practitioner', 'practitioner'],
    ]);
    expect(users[0]).toMatchObject({ disabled: false, hasPassword: true, version: 2 });
    expect(JSON.stringify(users)).not.toMatch(/argon2|password_hash|passwordHash/);
    for (const role of ['care-manager', 'compliance-officer', 'auditor', 'practitioner']) {
      const agent = await server.signIn(role);
      expect((await agent.query('users.list')).status, role).toBe(403);
      expect((await agent.mutate('users.create', {})).status, role).toBe(403);
    }
  });

  it('creates a user with a first password hashed with argon2id, who can then sign in', async () => {
    const user = {
      id: 'nurse-kim',
      email: 'Kim@org-north.test',
      displayName: 'Nurse Kim',
      role: 'care-manager',
    };
    expect(
      refusal(await admin.mutate('users.create', { ...user, password: 'short' })),
    ).toMatchObject({
      status: 400,
      problems: [{ path: 'password', message: 'must be at least 12 characters' }],
    });
    expect(ok(await admin.mutate('users.create', { ...user, password: PASSWORD }))).toEqual({
      ...user,
      orgId: ORGS[0],
      version: 1,
    });
    const { rows } = await sql<{ password_hash: string }>`
      select password_hash from users where org_id = ${ORGS[0]} and id = 'nurse-kim'`.execute(
      server.conn.db,
    );
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$/);
    expect((await signInAs('kim@org-north.test', PASSWORD)).status).toBe(200);

    expect(
      refusal(await admin.mutate('users.create', { ...user, password: PASSWORD })),
    ).toMatchObject({ status: 400, problems: [{ path: 'id' }] });
    expect(
      refusal(await admin.mutate('users.create', { ...user, id: 'kim-2', password: PASSWORD })),
    ).toMatchObject({ status: 400, problems: [{ path: 'email' }] });
    expect(
      refusal(
        await admin.mutate('users.create', { ...user, id: 'x', role: 'owner', password: PASSWORD }),
      ),
    ).toMatchObject({ status: 400, problems: [{ path: 'role' }] });
  });

  it('changes a role, in force at the next request, on the version read', async () => {
    const kim = await sessionOf('kim@org-north.test', PASSWORD);
    const version = await versionOf('nurse-kim');
    expect(
      refusal(
        await admin.mutate('users.changeRole', {
          userId: 'nurse-kim',
          role: 'auditor',
          expectedVersion: version + 1,
        }),
      ),
    ).toMatchObject({ status: 409, problems: [{ path: 'expectedVersion' }] });
    expect(
      ok(
        await admin.mutate('users.changeRole', {
          userId: 'nurse-kim',
          role: 'auditor',
          expectedVersion: version,
        }),
      ),
    ).toEqual({ version: version + 1 });
    const me = await meWith(kim);
    expect(me.body.result.data.role).toBe('auditor');
    expect(
      refusal(
        await admin.mutate('users.changeRole', {
          userId: 'nobody',
          role: 'auditor',
          expectedVersion: 1,
        }),
      ),
    ).toMatchObject({ status: 404, problems: [{ path: 'userId' }] });
  });

  it('disables a user, ending their sessions, and enables them again', async () => {
    const kim = await sessionOf('kim@org-north.test', PASSWORD);
    const version = await versionOf('nurse-kim');
    const sessions = await sql<{ n: number }>`
      select count(*)::int as n from sessions where user_id = 'nurse-kim'`.execute(server.conn.db);
    expect(sessions.rows[0]?.n).toBeGreaterThan(0);
    expect(
      ok(await admin.mutate('users.disable', { userId: 'nurse-kim', expectedVersion: version })),
    ).toEqual({ version: version + 1, sessionsEnded: sessions.rows[0]?.n });
    expect((await meWith(kim)).status).toBe(401);
    expect((await signInAs('kim@org-north.test', PASSWORD)).status).toBe(401);
    expect(
      refusal(
        await admin.mutate('users.disable', { userId: 'nurse-kim', expectedVersion: version + 1 }),
      ),
    ).toMatchObject({ status: 409, problems: [{ path: 'userId' }] });
    expect(
      (ok(await admin.query('users.list')) as Array<{ id: string; disabled: boolean }>).find(
        (u) => u.id === 'nurse-kim',
      )?.disabled,
    ).toBe(true);
    expect(
      ok(await admin.mutate('users.enable', { userId: 'nurse-kim', expectedVersion: version + 1 })),
    ).toEqual({ version: version + 2 });
    expect((await signInAs('kim@org-north.test', PASSWORD)).status).toBe(200);
  });

  it('resets a password: sessions end, the old password stops working', async () => {
    const kim = await sessionOf('kim@org-north.test', PASSWORD);
    expect(
      refusal(await admin.mutate('users.resetPassword', { userId: 'nurse-kim', password: 'x' })),
    ).toMatchObject({ status: 400, problems: [{ path: 'password' }] });
    ok(await admin.mutate('users.resetPassword', { userId: 'nurse-kim', password: NEW_PASSWORD }));
    expect((await meWith(kim)).status).toBe(401);
    expect((await signInAs('kim@org-north.test', PASSWORD)).status).toBe(401);
    expect((await signInAs('kim@org-north.test', NEW_PASSWORD)).status).toBe(200);
    expect(
      refusal(
        await admin.mutate('users.resetPassword', { userId: 'nobody', password: NEW_PASSWORD }),
      ),
    ).toMatchObject({ status: 404, problems: [{ path: 'userId' }] });
  });

  it("refuses removing the organization's last enabled admin, however it is asked", async () => {
    const south = await server.signIn('admin', ORGS[1]);
    const mine = await versionOf('admin', south);
    const lastAdmin = { status: 409, code: 'CONFLICT' };
    expect(
      refusal(
        await south.mutate('users.changeRole', {
          userId: 'admin',
          role: 'auditor',
          expectedVersion: mine,
        }),
      ),
    ).toMatchObject({
      ...lastAdmin,
      problems: [
        {
          path: 'userId',
          message: `"admin" is the organization's last enabled admin; make another user admin first`,
        },
      ],
    });
    expect(
      refusal(await south.mutate('users.disable', { userId: 'admin', expectedVersion: mine })),
    ).toMatchObject(lastAdmin);

    // With a second admin, the first may step down; then the second is the last.
    const officer = await versionOf('compliance-officer', south);
    ok(
      await south.mutate('users.changeRole', {
        userId: 'compliance-officer',
        role: 'admin',
        expectedVersion: officer,
      }),
    );
    ok(
      await south.mutate('users.changeRole', {
        userId: 'admin',
        role: 'care-manager',
        expectedVersion: mine,
      }),
    );
    // The former admin's session now holds the care-manager role.
    expect((await south.query('users.list')).status).toBe(403);
    const newAdmin = await server.signIn('compliance-officer', ORGS[1]);
    expect(
      refusal(
        await newAdmin.mutate('users.disable', {
          userId: 'compliance-officer',
          expectedVersion: officer + 1,
        }),
      ),
    ).toMatchObject(lastAdmin);
    // North's admins are untouched by South's.
    expect(ok(await admin.query('users.list'))[0]).toMatchObject({ id: 'admin', role: 'admin' });
  });

  it('puts no password in any log line', () => {
    const text = server.logs.join('');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(NEW_PASSWORD);
    expect(text).not.toMatch(/\$argon2id\$/);
  });
});

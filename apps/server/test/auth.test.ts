import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import { CSRF_COOKIE, SESSION_COOKIE } from '../src/index.js';
import { ORGS, PASSWORD, startTestServer, type TestServer } from './support/harness.js';

// Sign-in, sessions and CSRF on the assembled server: argon2id passwords, sessions in the
// database behind an httpOnly cookie, writes refused without the session's CSRF token,
// lockout after repeated wrong passwords, and signing out here or everywhere.

describe.each(DATABASE_KINDS)('sign-in and sessions on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, {
      env: { SIGN_IN_MAX_FAILURES: '3', SIGN_IN_LOCK_MINUTES: '10' },
    });
  });
  afterAll(async () => server?.close());

  it('signs in with the right password, sets an httpOnly session cookie, and knows the caller', async () => {
    const { agent } = await server.signIn('care-manager');
    const res = await agent
      .post('/auth/sign-in')
      .send({ organization: ORGS[0], email: 'CARE-MANAGER@org-north.test', password: PASSWORD });
    expect(res.status).toBe(200);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const session = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`)) as string;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(cookies.find((c) => c.startsWith(`${CSRF_COOKIE}=`))).not.toMatch(/HttpOnly/);
    const me = await agent.get('/api/trpc/session.me');
    expect(me.status).toBe(200);
    expect(me.body.result.data).toMatchObject({
      orgId: ORGS[0],
      userId: 'care-manager',
      role: 'care-manager',
    });
    expect(me.body.result.data.permissions).toContain('time.write');
    expect(me.body.result.data.permissions).not.toContain('users.write');
  });

  it('refuses a wrong password or an unknown account with the same answer', async () => {
    const anon = server.anonymous().agent;
    const wrong = await anon
      .post('/auth/sign-in')
      .send({ organization: ORGS[0], email: 'admin@org-north.test', password: 'nope' });
    const unknown = await anon
      .post('/auth/sign-in')
      .send({ organization: ORGS[0], email: 'nobody@org-north.test', password: 'nope' });
    const otherOrg = await anon
      .post('/auth/sign-in')
      .send({ organization: ORGS[1], email: 'admin@org-north.test', password: PASSWORD });
    for (const res of [wrong, unknown, otherOrg]) {
      expect(res.status).toBe(401);
      expect(res.body.error.message).toBe('wrong organization, email or password');
    }
  });

  it('names each missing field of a sign-in, and refuses a body that is not JSON', async () => {
    const anon = server.anonymous().agent;
    const res = await anon.post('/auth/sign-in').send({ organization: '', password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.data.problems).toEqual([
      { path: 'organization', message: 'required' },
      { path: 'email', message: expect.any(String) },
    ]);
    const broken = await anon
      .post('/auth/sign-in')
      .set('content-type', 'application/json')
      .send('{"organization":');
    expect(broken.status).toBe(400);
  });

  it('locks an account after repeated wrong passwords, even for the right one', async () => {
    const anon = server.anonymous().agent;
    const attempt = (password: string) =>
      anon
        .post('/auth/sign-in')
        .send({ organization: ORGS[1], email: 'auditor@org-south.test', password });
    for (let i = 0; i < 3; i++) expect((await attempt('wrong')).status).toBe(401);
    const locked = await attempt(PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error.message).toMatch(
      /^account locked after repeated wrong passwords until /,
    );
  });

  it("refuses a write without the CSRF token, or with another session's", async () => {
    const a = await server.signIn('admin');
    const b = await server.signIn('admin');
    const none = await a.agent.post('/api/trpc/session.signOutEverywhere').send({});
    expect(none.status).toBe(403);
    expect(none.body.error.message).toBe('x-csrf-token: missing or wrong CSRF token');
    const other = await a.agent
      .post('/api/trpc/session.signOutEverywhere')
      .set('x-csrf-token', b.csrf)
      .send({});
    expect(other.status).toBe(403);
    // Still signed in: nothing happened.
    expect((await a.query('session.me')).status).toBe(200);
  });

  it('signs out of this browser only, or everywhere', async () => {
    const one = await server.signIn('practitioner');
    const two = await server.signIn('practitioner');
    const three = await server.signIn('practitioner');
    const out = await one.agent.post('/auth/sign-out').set('x-csrf-token', one.csrf);
    expect(out.status).toBe(204);
    expect((await one.query('session.me')).status).toBe(401);
    expect((await two.query('session.me')).status).toBe(200);
    const everywhere = await two.mutate('session.signOutEverywhere');
    expect(everywhere.status).toBe(200);
    expect(everywhere.body.result.data.sessionsEnded).toBe(2);
    expect((await two.query('session.me')).status).toBe(401);
    expect((await three.query('session.me')).status).toBe(401);
  });

  it('answers health and readiness, and sends security headers', async () => {
    const anon = server.anonymous().agent;
    const health = await anon.get('/healthz');
    expect(health.status).toBe(200);
    expect((await anon.get('/readyz')).body).toEqual({ ok: true });
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(health.headers['x-powered-by']).toBeUndefined();
  });

  it('refuses bodies over the size limit', async () => {
    const anon = server.anonymous().agent;
    const res = await anon
      .post('/auth/sign-in')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ organization: 'x'.repeat(2_000_000), email: 'a', password: 'b' }));
    expect(res.status).toBe(413);
  });
});

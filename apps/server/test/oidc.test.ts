import { createUser } from '@chronicle/db';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import { sql } from 'kysely';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApp,
  createLogger,
  CSRF_COOKIE,
  OIDC_STATE_COOKIE,
  readEnv,
  SESSION_COOKIE,
} from '../src/index.js';
import { ORGS, startTestServer, type TestServer } from './support/harness.js';
import { startTestIdp, type TestIdentity, type TestIdp } from './support/test-idp.js';

// Sign-in through an organization's own OpenID Connect provider, against a real provider
// (oidc-provider) in this process: the session it makes works like a password sign-in's,
// a provider's identity reaches only a user an admin created in that organization (by a
// stored link, else by a verified email), and every failure (the provider's refusal, a
// state that is not this browser's, used or expired, an unknown or disabled user) answers
// in the error body without a session.

const PUBLIC_URL = 'http://chronicle.test';
const [NORTH, SOUTH] = ORGS;
/** Configured with a provider, but not in the database. */
const WEST = 'org-west';
/** Configured with a provider that does not answer. */
const EAST = 'org-east';
/** Served by a second provider, one that puts the email in the ID token. */
const SOLO = 'org-solo';
const callback = (org: string) => `${PUBLIC_URL}/auth/oidc/${org}/callback`;
const clientOf = (org: string) => ({
  clientId: `chronicle-${org}`,
  clientSecret: `secret-of-${org}`,
  redirectUri: callback(org),
});

const cookiesOf = (res: request.Response) =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []);
const cookieValue = (res: request.Response, name: string) =>
  cookiesOf(res)
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0]
    ?.slice(name.length + 1);

describe.each(DATABASE_KINDS)('single sign-on on %s', (kind) => {
  let idp: TestIdp;
  let soloIdp: TestIdp;
  let server: TestServer;
  let offsetMs = 0;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    idp = await startTestIdp([NORTH, SOUTH, WEST].map(clientOf));
    soloIdp = await startTestIdp([clientOf(SOLO)], { emailInIdToken: true });
    const provider = (organization: string, issuer = idp.issuer) => {
      const { clientId, clientSecret } = clientOf(organization);
      return { organization, issuer, clientId, clientSecret, allowHttp: true };
    };
    env = {
      PUBLIC_URL,
      SIGN_IN_RATE_LIMIT: '1000',
      OIDC_PROVIDERS: JSON.stringify([
        { ...provider(NORTH), label: 'North Health ID' },
        provider(SOUTH),
        provider(WEST),
        provider(EAST, 'http://127.0.0.1:9'),
        provider(SOLO, soloIdp.issuer),
      ]),
    };
    server = await startTestServer(kind, { now: () => new Date(Date.now() + offsetMs), env });
    await createUser(
      server.conn.db,
      SOLO,
      { id: 'solo', email: 'solo@org-solo.test', displayName: 'Solo', role: 'admin' },
      'test-setup',
    );
  });
  afterAll(async () => {
    await server?.close();
    await idp?.close();
    await soloIdp?.close();
  });

  /** Starts a sign-in in a new browser and takes it to the provider and back. */
  async function atProvider(org: string, identity: TestIdentity | { error: string }) {
    const agent = request.agent(server.app);
    const start = await agent.get(`/auth/oidc/${org}`);
    expect(start.status, start.text).toBe(302);
    const at = org === SOLO ? soloIdp : idp;
    at.next = identity;
    const back = await at.browse(start.headers.location as string, callback(org));
    return { agent, start, back: `${back.pathname}${back.search}` };
  }
  async function signInAt(org: string, identity: TestIdentity | { error: string }) {
    const { agent, start, back } = await atProvider(org, identity);
    const res = await agent.get(back);
    return { agent, start, back, res };
  }
  const me = (agent: ReturnType<typeof request.agent>) => agent.get('/api/trpc/session.me');
  const linkOf = async (org: string, userId: string) =>
    (
      await sql<{ oidc_issuer: string | null; oidc_subject: string | null }>`
        select oidc_issuer, oidc_subject from users where org_id = ${org} and id = ${userId}
      `.execute(server.conn.db)
    ).rows[0];
  const expectRefused = (res: request.Response, status: number, path: string, message: RegExp) => {
    expect(res.status, res.text).toBe(status);
    expect(res.body.error.data).toMatchObject({ httpStatus: status, problems: [{ path }] });
    expect(res.body.error.message).toMatch(message);
    expect(cookieValue(res, SESSION_COOKIE)).toBeUndefined();
  };

  it('sends the browser to the provider with PKCE S256, state and nonce, and keeps the state in a short httpOnly cookie', async () => {
    const agent = request.agent(server.app);
    const res = await agent.get(`/auth/oidc/${NORTH}`);
    expect(res.status).toBe(302);
    const url = new URL(res.headers.location as string);
    expect(url.origin).toBe(idp.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: clientOf(NORTH).clientId,
      redirect_uri: callback(NORTH),
      response_type: 'code',
      scope: 'openid email',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      nonce: expect.any(String),
    });
    const state = url.searchParams.get('state') as string;
    expect(cookieValue(res, OIDC_STATE_COOKIE)).toBe(state);
    const cookie = cookiesOf(res).find((c) => c.startsWith(`${OIDC_STATE_COOKIE}=`)) as string;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/auth\/oidc\//);
    expect(cookie).toMatch(/Max-Age=600/);
    // The database keeps the state's hash, never the state, and nothing of the verifier's
    // challenge leaks into the URL beyond the challenge itself.
    const { rows } = await sql<{ id: string; code_verifier: string }>`
      select id, code_verifier from oidc_sign_ins where org_id = ${NORTH}`.execute(server.conn.db);
    expect(rows.map((r) => r.id)).not.toContain(state);
    expect(rows.length).toBeGreaterThan(0);
    expect(res.headers.location).not.toContain(rows.at(-1)?.code_verifier);
  });

  it('signs a user in through the provider: session and CSRF cookies as a password sign-in sets them, the session works, and the identity is linked', async () => {
    idp.paths.length = 0;
    const { agent, res } = await signInAt(NORTH, {
      sub: 'north-admin-sub',
      email: 'ADMIN@org-north.test',
      email_verified: true,
    });
    expect(res.status, res.text).toBe(302);
    expect(res.headers.location).toBe('/');
    // This provider keeps the email for its UserInfo endpoint, and it was asked there.
    expect(idp.paths).toEqual(expect.arrayContaining(['/token', '/me']));
    const session = cookiesOf(res).find((c) => c.startsWith(`${SESSION_COOKIE}=`)) as string;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(cookiesOf(res).find((c) => c.startsWith(`${OIDC_STATE_COOKIE}=;`))).toBeDefined();
    const csrf = cookieValue(res, CSRF_COOKIE) as string;
    expect(csrf).toBeTruthy();
    const who = await me(agent);
    expect(who.status).toBe(200);
    expect(who.body.result.data).toMatchObject({ orgId: NORTH, userId: 'admin', role: 'admin' });
    expect(await linkOf(NORTH, 'admin')).toEqual({
      oidc_issuer: idp.issuer,
      oidc_subject: 'north-admin-sub',
    });
    // A write with the CSRF token from the readable cookie is accepted: signing out.
    expect((await agent.post('/auth/sign-out').set('x-csrf-token', csrf)).status).toBe(204);
    expect((await me(agent)).status).toBe(401);
  });

  it('finds a linked user by the link on the next sign-in, after the email at the provider changed', async () => {
    const first = await signInAt(NORTH, {
      sub: 'north-cm-sub',
      email: 'care-manager@org-north.test',
      email_verified: true,
    });
    expect(first.res.status, first.res.text).toBe(302);
    expect(await linkOf(NORTH, 'care-manager')).toMatchObject({ oidc_subject: 'north-cm-sub' });
    const again = await signInAt(NORTH, {
      sub: 'north-cm-sub',
      email: 'someone-else@elsewhere.test',
      email_verified: false,
    });
    expect(again.res.status, again.res.text).toBe(302);
    expect((await me(again.agent)).body.result.data).toMatchObject({
      orgId: NORTH,
      userId: 'care-manager',
    });
  });

  it('lets an admin remove a link, after which the next sign-in is matched by verified email again', async () => {
    const identity = { email: 'compliance-officer@org-north.test', email_verified: true };
    expect((await signInAt(NORTH, { ...identity, sub: 'old-account' })).res.status).toBe(302);
    // A new account at the provider with the same address cannot take the user over...
    expectRefused(
      (await signInAt(NORTH, { ...identity, sub: 'new-account' })).res,
      403,
      '',
      /linked to another identity/,
    );
    // ...until an admin removes the link, which users.list shows.
    const admin = await server.signIn('admin');
    const listed = async () =>
      ((await admin.query('users.list')).body.result.data as Array<Record<string, unknown>>).find(
        (u) => u.id === 'compliance-officer',
      ) as { version: number; signInLinked: boolean };
    const before = await listed();
    expect(before.signInLinked).toBe(true);
    const unlink = (expectedVersion: number) =>
      admin.mutate('users.unlinkSignIn', { userId: 'compliance-officer', expectedVersion });
    expect((await unlink(before.version)).body.result.data).toEqual({
      version: before.version + 1,
    });
    expect(await listed()).toMatchObject({ signInLinked: false, version: before.version + 1 });
    expect((await unlink(before.version + 1)).status).toBe(409);
    const { res } = await signInAt(NORTH, { ...identity, sub: 'new-account' });
    expect(res.status, res.text).toBe(302);
    expect(await linkOf(NORTH, 'compliance-officer')).toMatchObject({
      oidc_subject: 'new-account',
    });
  });

  it('reads the email from the ID token when the provider puts it there, without asking UserInfo', async () => {
    const { agent, res } = await signInAt(SOLO, {
      sub: 'solo-sub',
      email: 'Solo@org-solo.test',
      email_verified: true,
    });
    expect(res.status, res.text).toBe(302);
    expect(soloIdp.paths).toContain('/token');
    expect(soloIdp.paths).not.toContain('/me');
    expect((await me(agent)).body.result.data).toMatchObject({ orgId: SOLO, userId: 'solo' });
  });

  it('finishes in another server process a sign-in started in this one: nothing is kept in memory', async () => {
    const { agent, back } = await atProvider(NORTH, { sub: 'north-cm-sub' });
    const other = createApp({
      db: server.conn.db,
      env: readEnv({ CHRONICLE_DEMO: '0', ...env }),
      log: createLogger('silent'),
      jobs: server.jobs,
    });
    const state = new URL(back, PUBLIC_URL).searchParams.get('state') as string;
    const res = await request(other).get(back).set('Cookie', `${OIDC_STATE_COOKIE}=${state}`);
    expect(res.status, res.text).toBe(302);
    const session = cookieValue(res, SESSION_COOKIE) as string;
    // ...and the session it made is good in the first process too.
    const who = await request(server.app)
      .get('/api/trpc/session.me')
      .set('Cookie', `${SESSION_COOKIE}=${session}`);
    expect(who.body.result.data).toMatchObject({ orgId: NORTH, userId: 'care-manager' });
    expect((await agent.get(back)).status).toBe(400);
  });

  it('refuses an identity whose email the provider has not verified, and links nothing', async () => {
    const { agent, res } = await signInAt(NORTH, {
      sub: 'unverified-sub',
      email: 'practitioner@org-north.test',
      email_verified: false,
    });
    expectRefused(res, 403, '', /has not verified its email/);
    expect((await me(agent)).status).toBe(401);
    expect(await linkOf(NORTH, 'practitioner')).toEqual({ oidc_issuer: null, oidc_subject: null });
  });

  it('refuses an identity that matches no user, and creates none', async () => {
    const before = await sql<{ n: number }>`
      select count(*)::int as n from users`.execute(server.conn.db);
    const { agent, res } = await signInAt(NORTH, {
      sub: 'stranger-sub',
      email: 'stranger@org-north.test',
      email_verified: true,
    });
    expectRefused(res, 403, '', /no Chronicle user of this organization/);
    expect((await me(agent)).status).toBe(401);
    const after = await sql<{ n: number }>`
      select count(*)::int as n from users`.execute(server.conn.db);
    expect(after.rows).toEqual(before.rows);
  });

  it('refuses a disabled user, by email and by link', async () => {
    const linked = await signInAt(SOUTH, {
      sub: 'south-auditor-sub',
      email: 'auditor@org-south.test',
      email_verified: true,
    });
    expect(linked.res.status, linked.res.text).toBe(302);
    const admin = await server.signIn('admin', SOUTH);
    const users = (await admin.query('users.list')).body.result.data as Array<{
      id: string;
      version: number;
    }>;
    for (const id of ['auditor', 'practitioner']) {
      const version = users.find((u) => u.id === id)?.version;
      const res = await admin.mutate('users.disable', { userId: id, expectedVersion: version });
      expect(res.status, res.text).toBe(200);
    }
    expect((await me(linked.agent)).status).toBe(401);
    const byLink = await signInAt(SOUTH, { sub: 'south-auditor-sub' });
    expectRefused(byLink.res, 403, '', /disabled/);
    const byEmail = await signInAt(SOUTH, {
      sub: 'south-practitioner-sub',
      email: 'practitioner@org-south.test',
      email_verified: true,
    });
    expectRefused(byEmail.res, 403, '', /disabled/);
  });

  it("refuses a callback whose state is not the browser's, and one replayed after it was used", async () => {
    const identity = { sub: 'north-admin-sub' };
    const { agent, back } = await atProvider(NORTH, identity);
    // Another browser (no state cookie) cannot finish this sign-in...
    expectRefused(
      await request(server.app).get(back),
      400,
      'state',
      /does not match the sign-in this browser started/,
    );
    // ...nor can this browser with another sign-in's state.
    const other = await atProvider(NORTH, identity);
    expectRefused(await agent.get(other.back), 400, 'state', /does not match/);
    // Neither consumed it: the browser that started it finishes it, once.
    const done = await agent.get(back);
    expect(done.status, done.text).toBe(302);
    const state = new URL(back, PUBLIC_URL).searchParams.get('state') as string;
    const replay = await request(server.app)
      .get(back)
      .set('Cookie', `${OIDC_STATE_COOKIE}=${state}`);
    expectRefused(replay, 400, 'state', /expired or was already used/);
  });

  it('refuses a sign-in that comes back after ten minutes', async () => {
    const { agent, back } = await atProvider(NORTH, { sub: 'north-admin-sub' });
    offsetMs = 11 * 60_000;
    try {
      expectRefused(await agent.get(back), 400, 'state', /expired or was already used/);
    } finally {
      offsetMs = 0;
    }
  });

  it('refuses a callback whose code the provider does not honour', async () => {
    const { agent, back } = await atProvider(NORTH, { sub: 'north-admin-sub' });
    const forged = new URL(back, PUBLIC_URL);
    forged.searchParams.set('code', 'forged-code');
    expectRefused(
      await agent.get(`${forged.pathname}${forged.search}`),
      401,
      'code',
      /answer could not be verified/,
    );
  });

  it('refuses a sign-in the provider refused, naming its error', async () => {
    const { res } = await signInAt(NORTH, { error: 'access_denied' });
    expectRefused(res, 401, 'error', /did not sign you in: access_denied/);
  });

  it("keeps organizations apart: a user of one cannot sign into another through the other's provider", async () => {
    // North's admin is linked at this issuer; through South's provider, the same identity
    // with the same verified email finds no one: links and emails are per organization.
    const { agent, res } = await signInAt(SOUTH, {
      sub: 'north-admin-sub',
      email: 'admin@org-north.test',
      email_verified: true,
    });
    expectRefused(res, 403, '', /no Chronicle user of this organization/);
    expect((await me(agent)).status).toBe(401);
    // A sign-in started for North cannot be finished at South's callback.
    const north = await atProvider(NORTH, { sub: 'north-admin-sub' });
    const atSouth = await north.agent.get(north.back.replace(`/${NORTH}/`, `/${SOUTH}/`));
    expectRefused(atSouth, 400, 'state', /expired or was already used/);
  });

  it('answers 404 naming the organization when it has no provider, or does not exist', async () => {
    for (const path of [
      '/auth/oidc/org-nowhere',
      '/auth/oidc/org-nowhere/callback?code=x&state=y',
      `/auth/oidc/${WEST}`,
    ]) {
      const res = await request(server.app).get(path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.data.problems, path).toEqual([
        { path: 'organization', message: expect.any(String) },
      ]);
    }
  });

  it('answers 502 when the provider cannot be reached, and keeps nothing', async () => {
    const res = await request(server.app).get(`/auth/oidc/${EAST}`);
    expect(res.status).toBe(502);
    expect(res.body.error.data.problems).toEqual([
      { path: 'organization', message: 'the sign-in provider could not be reached' },
    ]);
    expect(cookieValue(res, OIDC_STATE_COOKIE)).toBeUndefined();
  });

  it('lists the providers the sign-in page may offer, without secrets', async () => {
    const north = await request(server.app).get('/auth/providers').query({ organization: NORTH });
    expect(north.status).toBe(200);
    expect(north.body).toEqual({
      providers: [{ label: 'North Health ID', startUrl: `/auth/oidc/${NORTH}` }],
    });
    const south = await request(server.app).get('/auth/providers').query({ organization: SOUTH });
    expect(south.body).toEqual({
      providers: [{ label: new URL(idp.issuer).host, startUrl: `/auth/oidc/${SOUTH}` }],
    });
    expect(south.text).not.toContain('secret');
    const none = await request(server.app)
      .get('/auth/providers')
      .query({ organization: 'org-nowhere' });
    expect(none.body).toEqual({ providers: [] });
    const missing = await request(server.app).get('/auth/providers');
    expect(missing.status).toBe(400);
    expect(missing.body.error.data.problems[0].path).toBe('organization');
  });

  it('logs sign-ins and refusals without emails or provider identities', () => {
    const lines = server.logs.join('');
    expect(lines).toContain('"method":"oidc"');
    for (const secret of [
      'admin@org-north.test',
      'ADMIN@org-north.test',
      'care-manager@org-north.test',
      'north-admin-sub',
      'north-cm-sub',
      'old-account',
      'stranger@org-north.test',
      'secret-of-',
    ])
      expect(lines).not.toContain(secret);
  });
});

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Patient } from '@chronicle/dataset';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { sql } from 'kysely';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv, SESSION_COOKIE } from '../src/index.js';
import { US_MBI_SYSTEM } from '../src/smart/fhir-patient.js';
import { hostManifestSchema, PANEL_PATH } from '../src/smart/host-manifest.js';
import { launchCookieName } from '../src/smart/routes.js';
import { ORGS, startTestServer, type TestServer } from './support/harness.js';
import { startFakeEhr, type EhrUser, type FakeEhr } from './support/fake-ehr.js';

// Chronicle launched from an EHR (SMART App Launch, EHR launch) against a small EHR in
// this process (support/fake-ehr.ts): from the launch URL through the EHR's authorization
// and token endpoints to the console's patient panel for the Chronicle patient with the
// EHR patient's MBI, with a session whose API answers show that patient. Every refusal (a
// state that is not this browser's or was used, the EHR's error, an ID token that does not
// verify, an issuer not allowed, a patient Chronicle does not know, a user it does not
// know) answers in the error body without a session. The host manifest is checked against
// what the server offers.

const PUBLIC_URL = 'http://chronicle.test';
const REDIRECT_URI = `${PUBLIC_URL}/smart/callback`;
const [NORTH, SOUTH] = ORGS;
const MANIFEST_FILE = new URL('../chronicle-ehr-manifest.json', import.meta.url);
const CONSOLE_ROUTER = new URL('../../console/src/router.tsx', import.meta.url);

const cookiesOf = (res: request.Response) =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []);
const cookieOf = (res: request.Response, name: string) =>
  cookiesOf(res).find((c) => c.startsWith(`${name}=`));

/** An MBI as people write it, with dashes: the launch must find the patient anyway. */
const dashed = (mbi: string) => `${mbi.slice(0, 4)}-${mbi.slice(4, 7)}-${mbi.slice(7)}`;

describe.each(DATABASE_KINDS)('SMART EHR launch on %s', (kind) => {
  let north: FakeEhr;
  let south: FakeEhr;
  /** An EHR not in SMART_EHRS. */
  let stranger: FakeEhr;
  let server: TestServer;
  let offsetMs = 0;
  let patient: Patient;
  let southPatient: Patient;
  let cdsToken: () => Promise<string>;

  const northUser: EhrUser = {
    sub: 'ehr-user-17',
    fhirUser: 'Practitioner/17',
    email: 'care-manager@org-north.test',
    email_verified: true,
  };

  beforeAll(async () => {
    north = await startFakeEhr({ clientId: 'chronicle-north', redirectUri: REDIRECT_URI });
    south = await startFakeEhr({
      clientId: 'chronicle-south',
      clientSecret: 'south-secret',
      redirectUri: REDIRECT_URI,
      capabilities: ['launch-ehr', 'sso-openid-connect', 'permission-v2'],
    });
    stranger = await startFakeEhr({ clientId: 'chronicle', redirectUri: REDIRECT_URI });
    const cds = await generateKeyPair('ES384', { extractable: true });
    const cdsJwk = { ...(await exportJWK(cds.publicKey)), kid: 'cds-1', alg: 'ES384' };
    cdsToken = () =>
      new SignJWT({ jti: randomUUID() })
        .setProtectedHeader({ alg: 'ES384', kid: 'cds-1', typ: 'JWT' })
        .setIssuer('https://ehr.cds.test')
        .setAudience(`${PUBLIC_URL}/cds-services`)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(cds.privateKey);
    server = await startTestServer(kind, {
      now: () => new Date(Date.now() + offsetMs),
      env: {
        PUBLIC_URL,
        SIGN_IN_RATE_LIMIT: '1000',
        SMART_EHRS: JSON.stringify([
          {
            issuer: `${north.iss}/`,
            organization: NORTH,
            clientId: 'chronicle-north',
            extraScopes: ['email'],
            allowHttp: true,
          },
          {
            issuer: south.iss,
            organization: SOUTH,
            clientId: 'chronicle-south',
            clientSecret: 'south-secret',
            allowHttp: true,
          },
        ]),
        CDS_HOOKS_CLIENTS: JSON.stringify([
          {
            issuer: 'https://ehr.cds.test',
            jwks: { keys: [cdsJwk] },
            organization: NORTH,
            practice: 'any',
          },
        ]),
      },
    });
    const withMbi = (list: Patient[]) => list.filter((p) => p.mbi !== undefined);
    [patient] = withMbi(server.datasets[NORTH].patients) as [Patient];
    [southPatient] = withMbi(server.datasets[SOUTH].patients) as [Patient];
    north.patients.set('ehr-pat-1', {
      resourceType: 'Patient',
      id: 'ehr-pat-1',
      identifier: [
        { system: 'urn:oid:1.2.3.4', value: 'local-mrn-1' },
        { system: US_MBI_SYSTEM, value: dashed(patient.mbi as string) },
      ],
    });
    north.patients.set('ehr-no-mbi', {
      resourceType: 'Patient',
      id: 'ehr-no-mbi',
      identifier: [{ system: 'urn:oid:1.2.3.4', value: 'local-mrn-2' }],
    });
    north.patients.set('ehr-unknown-mbi', {
      resourceType: 'Patient',
      id: 'ehr-unknown-mbi',
      // Well formed, and no patient of the organization has it.
      identifier: [{ system: US_MBI_SYSTEM, value: '9AA9AA9AA99' }],
    });
    south.patients.set('s-1', {
      resourceType: 'Patient',
      id: 's-1',
      identifier: [{ system: US_MBI_SYSTEM, value: southPatient.mbi as string }],
    });
  });
  afterAll(async () => {
    await server?.close();
    await Promise.all([north?.close(), south?.close(), stranger?.close()]);
  });

  /** Opens Chronicle from the EHR in a browser: the launch URL, Chronicle's redirect. */
  async function startLaunch(
    ehr: FakeEhr,
    user: EhrUser,
    ehrPatient: string,
    agent = request.agent(server.app),
  ) {
    const start = await agent
      .get('/smart/launch')
      .query({ iss: ehr.iss, launch: ehr.launch(user, ehrPatient) });
    expect(start.status, start.text).toBe(302);
    return { agent, start, authorizeUrl: new URL(start.headers.location as string) };
  }
  /** The EHR's authorization endpoint, which approves and sends the browser back. */
  async function authorize(authorizeUrl: URL): Promise<string> {
    const res = await fetch(authorizeUrl, { redirect: 'manual' });
    expect(res.status, await res.clone().text()).toBe(302);
    const back = new URL(res.headers.get('location') as string);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    return `${back.pathname}${back.search}`;
  }
  async function launchAll(ehr: FakeEhr, user: EhrUser, ehrPatient: string) {
    const { agent, start, authorizeUrl } = await startLaunch(ehr, user, ehrPatient);
    const callback = await authorize(authorizeUrl);
    const res = await agent.get(callback);
    return { agent, start, callback, res };
  }
  const me = (agent: ReturnType<typeof request.agent>) => agent.get('/api/trpc/session.me');
  const query = (agent: ReturnType<typeof request.agent>, path: string, input: unknown) =>
    agent.get(`/api/trpc/${path}`).query({ input: JSON.stringify(input) });
  const panelOf = (practiceId: string, patientId: string) =>
    PANEL_PATH.replace('{practiceId}', practiceId).replace('{patientId}', patientId);
  const expectRefused = async (
    res: request.Response,
    agent: ReturnType<typeof request.agent>,
    status: number,
    path: string,
    message: RegExp,
  ) => {
    expect(res.status, res.text).toBe(status);
    expect(res.body.error.data).toMatchObject({ httpStatus: status, problems: [{ path }] });
    expect(res.body.error.message).toMatch(message);
    expect(cookieOf(res, SESSION_COOKIE)).toBeUndefined();
    expect((await me(agent)).status).toBe(401);
  };

  it('serves a host manifest that validates, equals the checked-in file, and names the routes and CDS services the server really has', async () => {
    const res = await request(server.app).get('/.well-known/chronicle-ehr-manifest.json');
    expect(res.status).toBe(200);
    const manifest = hostManifestSchema.parse(res.body);
    expect(manifest.baseUrl).toBe(PUBLIC_URL);
    const { baseUrl: _, ...relative } = manifest;
    expect(JSON.parse(readFileSync(MANIFEST_FILE, 'utf8'))).toEqual(relative);

    const [panel] = manifest.contributes.patientPanels;
    expect(panel?.launch.scopes).toEqual(['launch', 'openid', 'fhirUser', 'patient/Patient.read']);
    // The launch and callback are routes of this server (a missing parameter, not a 404).
    for (const path of [panel?.launch.launchUrl, panel?.launch.redirectUrl]) {
      const answer = await request(server.app).get(path as string);
      expect(answer.status, `${path}: ${answer.text}`).toBe(400);
    }
    // The panel is a route of the console.
    const consolePath = (panel?.path as string).replace(/\{(\w+)\}/g, '$$$1');
    expect(readFileSync(CONSOLE_ROUTER, 'utf8')).toContain(`path: '${consolePath}'`);
    // The CDS services are the ones the discovery endpoint lists.
    const { cdsServices } = manifest.contributes;
    const discovery = await request(server.app)
      .get(cdsServices.discoveryUrl)
      .set('authorization', `Bearer ${await cdsToken()}`);
    expect(discovery.status, discovery.text).toBe(200);
    expect(cdsServices.services).toEqual(
      (discovery.body.services as Array<{ id: string; hook: string; title?: string }>).map(
        ({ id, hook, title }) => ({ id, hook, title }),
      ),
    );
  });

  it('sends the browser to the EHR with PKCE S256, state, aud, launch and the scopes, and keeps the state in a short httpOnly cookie named for it', async () => {
    const { start, authorizeUrl } = await startLaunch(north, northUser, 'ehr-pat-1');
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${north.iss}/authorize`);
    const params = Object.fromEntries(authorizeUrl.searchParams);
    expect(params).toMatchObject({
      response_type: 'code',
      client_id: 'chronicle-north',
      redirect_uri: REDIRECT_URI,
      aud: `${north.iss}`,
      launch: expect.any(String),
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.stringMatching(/^[\w-]{20,}$/),
    });
    // Both permission versions are listed: the SMART 1 scope, and the configured extra.
    expect(params.scope?.split(' ')).toEqual([
      'launch',
      'openid',
      'fhirUser',
      'patient/Patient.read',
      'email',
    ]);
    const cookie = cookieOf(start, launchCookieName(params.state as string)) as string;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/smart\//);
    expect(cookie).toMatch(/Max-Age=600/);
    expect(start.headers.location).not.toContain('verifier');
  });

  it('goes from the launch URL through authorization to the patient panel of the Chronicle patient with the EHR patient’s MBI, signed in as the linked user', async () => {
    const { agent, res } = await launchAll(north, northUser, 'ehr-pat-1');
    expect(res.status, res.text).toBe(302);
    const practiceId = server.datasets[NORTH].practice.id;
    expect(res.headers.location).toBe(panelOf(practiceId, patient.id));
    expect(cookieOf(res, SESSION_COOKIE)).toMatch(/HttpOnly/);
    expect(north.requests).toEqual(
      expect.arrayContaining([
        'GET /fhir/.well-known/smart-configuration',
        'GET /fhir/authorize',
        'POST /fhir/token',
        'GET /fhir/jwks',
        'GET /fhir/Patient/ehr-pat-1',
      ]),
    );
    const who = await me(agent);
    expect(who.body.result.data).toMatchObject({ orgId: NORTH, userId: 'care-manager' });
    // The panel's own reads, with the session the launch made: the right patient.
    const shown = await query(agent, 'patients.get', { practiceId, patientId: patient.id });
    expect(shown.status, shown.text).toBe(200);
    expect(shown.body.result.data.patient).toMatchObject({
      id: patient.id,
      mrn: patient.mrn,
      mbi: patient.mbi,
      name: patient.name,
    });
    const month = new Date().toISOString().slice(0, 7);
    const status = await query(agent, 'months.status', {
      practiceId,
      patientId: patient.id,
      month,
    });
    expect(status.status, status.text).toBe(200);
    expect(status.body.result.data.countableMinutes).toEqual({
      clinicalStaff: expect.any(Number),
      practitioner: expect.any(Number),
    });
    // The EHR user is linked, as single sign-on links users.
    const { rows } = await sql<{ oidc_issuer: string; oidc_subject: string }>`
      select oidc_issuer, oidc_subject from users where org_id = ${NORTH} and id = 'care-manager'
    `.execute(server.conn.db);
    expect(rows[0]).toEqual({ oidc_issuer: north.iss, oidc_subject: northUser.sub });
  });

  it('finishes two launches started in one browser in either order (a cookie per launch)', async () => {
    const agent = request.agent(server.app);
    const first = await startLaunch(north, northUser, 'ehr-pat-1', agent);
    const second = await startLaunch(north, northUser, 'ehr-pat-1', agent);
    const secondBack = await agent.get(await authorize(second.authorizeUrl));
    expect(secondBack.status, secondBack.text).toBe(302);
    const firstBack = await agent.get(await authorize(first.authorizeUrl));
    expect(firstBack.status, firstBack.text).toBe(302);
    expect(firstBack.headers.location).toMatch(/^\/panel\/patients\//);
  });

  it('launches from an EHR with a confidential client and SMART 2 permissions only', async () => {
    const southUser = {
      sub: 's-9',
      fhirUser: 'Practitioner/9',
      email: 'auditor@org-south.test',
      email_verified: true,
    };
    const { agent, start, res } = await launchAll(south, southUser, 's-1');
    expect(new URL(start.headers.location as string).searchParams.get('scope')).toBe(
      'launch openid fhirUser patient/Patient.rs',
    );
    expect(res.status, res.text).toBe(302);
    expect(res.headers.location).toBe(panelOf(server.datasets[SOUTH].practice.id, southPatient.id));
    expect((await me(agent)).body.result.data).toMatchObject({ orgId: SOUTH, userId: 'auditor' });
  });

  it('refuses a launch from an issuer not in SMART_EHRS without contacting it', async () => {
    const agent = request.agent(server.app);
    const res = await agent
      .get('/smart/launch')
      .query({ iss: stranger.iss, launch: stranger.launch(northUser, 'ehr-pat-1') });
    await expectRefused(res, agent, 403, 'iss', /not one allowed to launch Chronicle/);
    expect(stranger.requests).toEqual([]);
  });

  it('refuses a callback whose state is not the one this browser started with', async () => {
    const { agent, authorizeUrl } = await startLaunch(north, northUser, 'ehr-pat-1');
    const back = new URL(await authorize(authorizeUrl), PUBLIC_URL);
    back.searchParams.set('state', 'forged-state');
    const res = await agent.get(`${back.pathname}${back.search}`);
    await expectRefused(res, agent, 400, 'state', /does not match a launch this browser started/);
    // Another browser, with the right state but no cookie.
    const other = request.agent(server.app);
    const fresh = await startLaunch(north, northUser, 'ehr-pat-1');
    await expectRefused(
      await other.get(await authorize(fresh.authorizeUrl)),
      other,
      400,
      'state',
      /does not match/,
    );
  });

  it('refuses a replayed state: a launch is finished once', async () => {
    const { start, authorizeUrl, agent } = await startLaunch(north, northUser, 'ehr-pat-1');
    const callback = await authorize(authorizeUrl);
    const state = authorizeUrl.searchParams.get('state') as string;
    const cookie = (cookieOf(start, launchCookieName(state)) as string).split(';')[0] as string;
    expect((await agent.get(callback)).status).toBe(302);
    // The same callback with the launch's cookie put back: the stored launch is gone.
    const replay = request.agent(server.app);
    const res = await replay.get(callback).set('cookie', cookie);
    await expectRefused(res, replay, 400, 'state', /expired or was already used/);
  });

  it('refuses a launch finished after ten minutes', async () => {
    const { agent, authorizeUrl } = await startLaunch(north, northUser, 'ehr-pat-1');
    const callback = await authorize(authorizeUrl);
    offsetMs = 11 * 60_000;
    try {
      await expectRefused(await agent.get(callback), agent, 400, 'state', /expired/);
    } finally {
      offsetMs = 0;
    }
  });

  it('refuses when the EHR does not authorize the launch', async () => {
    const { agent, authorizeUrl } = await startLaunch(north, northUser, 'ehr-pat-1');
    const state = authorizeUrl.searchParams.get('state') as string;
    const res = await agent.get('/smart/callback').query({ error: 'access_denied', state });
    await expectRefused(res, agent, 401, 'error', /did not authorize the launch: access_denied/);
  });

  it.each([
    ['an error from the token endpoint', 'error'],
    ['an ID token signed with a key the EHR does not publish', 'bad-signature'],
    ['no ID token', 'no-id-token'],
    ['no patient in the launch context', 'no-patient'],
  ] as const)('refuses a token response with %s', async (_what, misbehave) => {
    const { agent, authorizeUrl } = await startLaunch(north, northUser, 'ehr-pat-1');
    const callback = await authorize(authorizeUrl);
    north.nextToken = misbehave;
    await expectRefused(await agent.get(callback), agent, 401, 'code', /could not be verified/);
  });

  it.each([
    ['gives no MBI for the patient', 'ehr-no-mbi', /gives no Medicare Beneficiary Identifier/],
    ['gives an MBI no Chronicle patient has', 'ehr-unknown-mbi', /no Chronicle patient/],
  ])('refuses when the EHR %s', async (_what, ehrPatient, message) => {
    const { agent, res } = await launchAll(north, northUser, ehrPatient);
    await expectRefused(res, agent, 404, 'patient', message);
  });

  it('refuses when the patient in context cannot be read from the EHR', async () => {
    const { agent, res } = await launchAll(north, northUser, 'ehr-gone');
    await expectRefused(res, agent, 502, 'patient', /could not be read/);
  });

  it('ends the session the browser already had, of another user', async () => {
    const adminSessions = async () =>
      (
        await sql<{ n: number }>`
          select count(*)::int as n from sessions where org_id = ${NORTH} and user_id = 'admin'
        `.execute(server.conn.db)
      ).rows[0]?.n;
    const before = await server.signIn('admin', NORTH);
    expect(await adminSessions()).toBe(1);
    const { start, authorizeUrl } = await startLaunch(north, northUser, 'ehr-pat-1', before.agent);
    expect(start.status).toBe(302);
    const res = await before.agent.get(await authorize(authorizeUrl));
    expect(res.status, res.text).toBe(302);
    expect((await me(before.agent)).body.result.data).toMatchObject({ userId: 'care-manager' });
    expect(await adminSessions()).toBe(0);
  });

  it('refuses an EHR user who is no Chronicle user of the organization', async () => {
    const { agent, res } = await launchAll(
      north,
      {
        sub: 'ehr-user-99',
        fhirUser: 'Practitioner/99',
        email: 'nobody@elsewhere.test',
        email_verified: true,
      },
      'ehr-pat-1',
    );
    await expectRefused(res, agent, 403, '', /no Chronicle user of this organization/);
  });

  it('rejects SMART_EHRS settings it cannot use, naming each', () => {
    const ehr = { issuer: 'https://ehr.example.org/fhir', organization: NORTH, clientId: 'c' };
    expect(() => readEnv({ SMART_EHRS: JSON.stringify([ehr]) })).toThrow(
      /PUBLIC_URL: is required with SMART_EHRS/,
    );
    expect(() =>
      readEnv({
        PUBLIC_URL,
        SMART_EHRS: JSON.stringify([{ ...ehr, issuer: 'http://ehr.example.org/fhir' }, ehr, ehr]),
      }),
    ).toThrow(/SMART_EHRS\.0\.issuer: must be https[\s\S]*SMART_EHRS\.2\.issuer: repeats EHR 1/);
    expect(() =>
      readEnv({ PUBLIC_URL, SMART_EHRS: JSON.stringify([{ ...ehr, extraScopes: ['a b'] }]) }),
    ).toThrow(/SMART_EHRS\.0\.extraScopes\.0: must be one OAuth scope/);
  });
});

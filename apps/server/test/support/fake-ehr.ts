import { createHash, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

// A small EHR for the SMART launch tests, on a loopback port: its SMART configuration, an
// authorization endpoint that approves at once (no login page: the launch the test opened
// names the user and the patient), a token endpoint that checks what a real one checks
// (the code, once; the PKCE verifier; the client; the redirect URI) and answers with the
// patient in context and an ID token signed with the key its JWKS publishes, and a FHIR
// Patient read that needs the access token. The test can make it misbehave: refuse at
// the token endpoint, or sign the ID token with a key it does not publish.

export interface EhrUser {
  sub: string;
  /** The FHIR resource of the user, for the fhirUser claim. */
  fhirUser: string;
  email?: string;
  email_verified?: boolean;
}

export interface FhirPatient {
  resourceType: 'Patient';
  id: string;
  identifier?: Array<{ system?: string; value?: string }>;
  [field: string]: unknown;
}

export interface FakeEhrOptions {
  clientId: string;
  /** Confidential client: the token endpoint wants it as HTTP Basic. Public when absent. */
  clientSecret?: string;
  redirectUri: string;
  capabilities?: string[];
}

export interface FakeEhr {
  /** The FHIR base URL: the `iss` of launches and the ID tokens' issuer. */
  iss: string;
  patients: Map<string, FhirPatient>;
  /** Every request's method and path, in order. */
  requests: string[];
  /** The scope of the last authorization request. */
  lastScope: string | undefined;
  /** Misbehaviour for the next token request only. */
  nextToken: 'ok' | 'error' | 'bad-signature' | 'no-id-token' | 'no-patient';
  /** Opens a launch in the EHR: the `launch` value for Chronicle's launch URL. */
  launch(user: EhrUser, patientId: string): string;
  close(): Promise<void>;
}

const sha256url = (text: string) => createHash('sha256').update(text).digest('base64url');
const token = () => randomBytes(24).toString('base64url');

export async function startFakeEhr(options: FakeEhrOptions): Promise<FakeEhr> {
  const app = express();
  app.disable('x-powered-by');
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const iss = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
  const signing = await generateKeyPair('RS256', { extractable: true });
  const stranger = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(signing.publicKey)), kid: 'ehr-1', alg: 'RS256', use: 'sig' };

  const launches = new Map<string, { user: EhrUser; patient: string }>();
  const codes = new Map<
    string,
    { user: EhrUser; patient: string; challenge: string; redirectUri: string; scope: string }
  >();
  const accessTokens = new Map<string, string>();

  const ehr: FakeEhr = {
    iss,
    patients: new Map(),
    requests: [],
    lastScope: undefined,
    nextToken: 'ok',
    launch(user, patient) {
      const id = token();
      launches.set(id, { user, patient });
      return id;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  app.use((req, _res, next) => {
    ehr.requests.push(`${req.method} ${req.path}`);
    next();
  });

  app.get('/fhir/.well-known/smart-configuration', (_req, res) => {
    res.json({
      issuer: iss,
      jwks_uri: `${iss}/jwks`,
      authorization_endpoint: `${iss}/authorize`,
      token_endpoint: `${iss}/token`,
      grant_types_supported: ['authorization_code'],
      code_challenge_methods_supported: ['S256'],
      capabilities: options.capabilities ?? [
        'launch-ehr',
        'client-public',
        'client-confidential-symmetric',
        'context-ehr-patient',
        'sso-openid-connect',
        'permission-v1',
        'permission-v2',
      ],
    });
  });

  app.get('/fhir/jwks', (_req, res) => {
    res.json({ keys: [jwk] });
  });

  // Approves at once, as the launch the EHR opened says; refuses what a real server refuses.
  app.get('/fhir/authorize', (req, res) => {
    const q = req.query as Record<string, string | undefined>;
    const refuse = (why: string) => res.status(400).type('text').send(why);
    if (q.response_type !== 'code') return refuse('response_type must be code');
    if (q.client_id !== options.clientId) return refuse('unknown client');
    if (q.redirect_uri !== options.redirectUri) return refuse('redirect_uri not registered');
    if (q.aud !== iss) return refuse('aud must be this FHIR server');
    if (q.code_challenge_method !== 'S256' || !q.code_challenge) return refuse('PKCE S256');
    const scopes = (q.scope ?? '').split(' ');
    if (!['launch', 'openid', 'fhirUser'].every((s) => scopes.includes(s)))
      return refuse('scope must ask for launch, openid and fhirUser');
    const launch = launches.get(q.launch ?? '');
    if (!launch) return refuse('unknown launch');
    launches.delete(q.launch as string);
    ehr.lastScope = q.scope;
    const code = token();
    codes.set(code, {
      ...launch,
      challenge: q.code_challenge,
      redirectUri: q.redirect_uri,
      scope: q.scope ?? '',
    });
    const back = new URL(q.redirect_uri);
    back.searchParams.set('code', code);
    if (q.state !== undefined) back.searchParams.set('state', q.state);
    res.redirect(302, back.href);
  });

  app.post('/fhir/token', express.urlencoded({ extended: false }), async (req, res) => {
    const body = req.body as Record<string, string | undefined>;
    const fail = (status: number, error: string) =>
      res.status(status).set('cache-control', 'no-store').json({ error });
    const basic = /^Basic (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    const [id, secret] = basic
      ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
      : [body.client_id, undefined];
    if (id !== options.clientId || secret !== options.clientSecret)
      return fail(401, 'invalid_client');
    const misbehave = ehr.nextToken;
    ehr.nextToken = 'ok';
    if (misbehave === 'error') return fail(400, 'invalid_grant');
    const grant = codes.get(body.code ?? '');
    codes.delete(body.code ?? '');
    if (body.grant_type !== 'authorization_code' || !grant) return fail(400, 'invalid_grant');
    if (body.redirect_uri !== grant.redirectUri) return fail(400, 'invalid_grant');
    if (sha256url(body.code_verifier ?? '') !== grant.challenge) return fail(400, 'invalid_grant');
    const accessToken = token();
    accessTokens.set(accessToken, grant.patient);
    const now = Math.floor(Date.now() / 1000);
    const { user } = grant;
    const idToken = await new SignJWT({
      fhirUser: user.fhirUser,
      ...(user.email === undefined ? {} : { email: user.email }),
      ...(user.email_verified === undefined ? {} : { email_verified: user.email_verified }),
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'ehr-1', typ: 'JWT' })
      .setIssuer(iss)
      .setSubject(user.sub)
      .setAudience(options.clientId)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign((misbehave === 'bad-signature' ? stranger : signing).privateKey as CryptoKey);
    res.set('cache-control', 'no-store').json({
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: 300,
      scope: grant.scope,
      ...(misbehave === 'no-patient' ? {} : { patient: grant.patient }),
      ...(misbehave === 'no-id-token' ? {} : { id_token: idToken }),
      need_patient_banner: false,
    });
  });

  app.get('/fhir/Patient/:id', (req, res) => {
    const bearer = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    const allowed = bearer === undefined ? undefined : accessTokens.get(bearer);
    if (allowed === undefined) return res.status(401).json({ resourceType: 'OperationOutcome' });
    if (allowed !== req.params.id)
      return res.status(403).json({ resourceType: 'OperationOutcome' });
    const patient = ehr.patients.get(req.params.id);
    if (!patient) return res.status(404).json({ resourceType: 'OperationOutcome' });
    res.type('application/fhir+json').send(JSON.stringify(patient));
  });

  return ehr;
}

import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { recordEnrollment } from '@chronicle/db';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import { proposeBilling } from '@chronicle/rules';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../src/index.js';
import { cdsResponseSchema, discoverySchema } from '../src/cds-hooks/schemas.js';
import { ORGS, startTestServer, type TestServer } from './support/harness.js';

// Chronicle as a CDS Service for the patient-view hook (CDS Hooks 2.0): discovery, cards
// for the patient in context checked against the spec's card shape, the client's signed
// JWT required and checked (issuer, keys, algorithm, audience, expiry, age, jti), and
// every refusal a JSON 4xx that does not echo or log the patient's identifier.

const PUBLIC_URL = 'https://chronicle.test';
const DISCOVERY_URL = `${PUBLIC_URL}/cds-services`;
const SERVICE_URL = `${DISCOVERY_URL}/chronicle-ccm-patient-view`;
const NORTH = 'https://ehr.north.test';
const SOUTH = 'https://ehr.south.test';
/** February 20th 2026, mid-morning in Chicago (the generated practices' zone). */
const NOW = new Date('2026-02-20T15:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

interface Signer {
  key: CryptoKey;
  kid: string;
  alg: 'ES384' | 'RS384';
}

async function keyPair(alg: Signer['alg'], kid: string): Promise<{ signer: Signer; jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { signer: { key: privateKey, kid, alg }, jwk };
}

/** A CDS Client's bearer token; `claims` override or (as undefined) drop a claim. */
async function token(
  signer: Signer,
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
): Promise<string> {
  const payload: Record<string, unknown> = {
    iss: NORTH,
    aud: SERVICE_URL,
    iat: nowSeconds - 5,
    exp: nowSeconds + 300,
    jti: randomUUID(),
    ...claims,
  };
  for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
  return new SignJWT(payload)
    .setProtectedHeader({ alg: signer.alg, kid: signer.kid, typ: 'JWT', ...header })
    .sign(signer.key);
}

/** The spec's example request, for one of our patients. */
function patientView(patientId: string) {
  return {
    hookInstance: randomUUID(),
    fhirServer: 'https://ehr.north.test/fhir',
    hook: 'patient-view',
    context: { userId: 'Practitioner/example', patientId, encounterId: '89284' },
  };
}

describe.each(DATABASE_KINDS)('CDS Hooks on %s', (kind) => {
  let server: TestServer;
  let keyServer: Server;
  let north: Signer;
  let south: Signer;
  let stranger: Signer;
  beforeAll(async () => {
    const northKeys = await keyPair('ES384', 'north-1');
    const southKeys = await keyPair('RS384', 'south-1');
    north = northKeys.signer;
    south = southKeys.signer;
    // Same kid as the trusted key, other key material.
    stranger = (await keyPair('ES384', 'north-1')).signer;
    // The south EHR publishes its keys at a URL (on this machine).
    keyServer = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [southKeys.jwk] }));
    });
    await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
    const address = keyServer.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    server = await startTestServer(kind, {
      now: () => NOW,
      env: {
        PUBLIC_URL: `${PUBLIC_URL}/`,
        CDS_HOOKS_CLIENTS: JSON.stringify([
          {
            issuer: NORTH,
            jwks: { keys: [northKeys.jwk] },
            organization: ORGS[0],
            practice: 'demo-practice',
          },
          {
            issuer: SOUTH,
            jwksUrl: `http://127.0.0.1:${port}/jwks.json`,
            organization: ORGS[1],
            practice: 'demo-practice',
            patientIdentifier: 'mrn',
            algorithms: ['RS384'],
          },
        ]),
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await new Promise((resolve) => keyServer?.close(resolve));
  });

  const call = async (body: unknown, bearer?: string) => {
    const req = server.anonymous().agent.post('/cds-services/chronicle-ccm-patient-view');
    if (bearer !== undefined) req.set('authorization', `Bearer ${bearer}`);
    return req.set('content-type', 'application/json').send(JSON.stringify(body));
  };

  it('describes its one patient-view service at /cds-services', async () => {
    const res = await server
      .anonymous()
      .agent.get('/cds-services')
      .set('authorization', `Bearer ${await token(north, { aud: DISCOVERY_URL })}`);
    expect(res.status).toBe(200);
    const discovery = discoverySchema.parse(res.body);
    expect(discovery.services).toEqual([
      expect.objectContaining({ hook: 'patient-view', id: 'chronicle-ccm-patient-view' }),
    ]);
    const anonymous = await server.anonymous().agent.get('/cds-services');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer /);
  });

  it("answers patient-view with valid cards: eligibility, enrollment, the month's minutes, findings", async () => {
    const dataset = server.datasets[ORGS[0]];
    const proposal = proposeBilling(dataset, '2026-02').patients;
    const status = proposal.find((p) => p.blockers.length > 0) ?? proposal[0];
    if (!status) throw new Error('no patient with time in February');
    await recordEnrollment(server.conn.db, ORGS[0], {
      practiceId: 'demo-practice',
      patientId: status.patientId,
      program: 'ccm',
      status: 'enrolled',
      effectiveOn: '2026-01-05',
      reason: 'consented at the visit',
      authorId: 'care-manager',
    });
    const res = await call(patientView(status.patientId), await token(north));
    expect(res.status).toBe(200);
    const { cards } = cdsResponseSchema.parse(res.body);
    const topics = cards.map((c) => c.source.topic?.code);
    expect(topics.slice(0, 3)).toEqual(['eligibility', 'enrollment', 'minutes']);
    for (const card of cards) {
      expect(card.source.label).toBe('Chronicle CCM');
      expect(card.summary.length).toBeLessThanOrEqual(140);
      expect(card.detail).toBeTruthy();
    }
    expect(new Set(cards.map((c) => c.uuid)).size).toBe(cards.length);
    const [eligibility, enrollment, minutes, ...findings] = cards;
    expect(eligibility?.summary).toMatch(/chronic condition/);
    expect(enrollment?.summary).toMatch(/^Enrolled in CCM since 2026-01-05/);
    const { clinicalStaff, practitioner } = status.countableMinutes;
    expect(minutes?.summary).toContain(
      `February 2026: ${clinicalStaff} min staff, ${practitioner} min practitioner`,
    );
    if (status.next)
      expect(minutes?.summary).toContain(
        `${status.next.minutesNeeded} more min for ${status.next.code}`,
      );
    // One card per finding, its indicator from the finding's severity.
    expect(findings.map((c) => c.indicator)).toEqual([
      ...status.blockers.map(() => 'critical'),
      ...status.warnings.map(() => 'warning'),
    ]);
    expect(findings.map((c) => c.detail?.match(/Rule `([A-Z0-9-]+)`/)?.[1])).toEqual([
      ...status.blockers.map((b) => b.ruleId),
      ...status.warnings.map((w) => w.ruleId),
    ]);
  });

  it("finds the south EHR's patients by MRN, with keys fetched from its JWKS URL", async () => {
    const patient = server.datasets[ORGS[1]].patients[2];
    if (!patient) throw new Error('no patient');
    const bearer = await token(south, { iss: SOUTH });
    const res = await call(patientView(patient.mrn), bearer);
    expect(res.status).toBe(200);
    expect(cdsResponseSchema.parse(res.body).cards.length).toBeGreaterThanOrEqual(3);
    // The cards are about the south organization's patient, whose id this client does not
    // send.
    const south0 = proposeBilling(server.datasets[ORGS[1]], '2026-02').patients.find(
      (p) => p.patientId === patient.id,
    );
    if (south0) {
      const { cards } = cdsResponseSchema.parse(res.body);
      expect(cards[2]?.summary).toContain(
        `${south0.countableMinutes.clinicalStaff} min staff, ${south0.countableMinutes.practitioner} min practitioner`,
      );
    }
    const byId = await call(patientView(patient.id), await token(south, { iss: SOUTH }));
    expect(byId.status).toBe(404);
    expect(byId.body.error.problems[0].message).toBe('no patient of the practice has this MRN');
  });

  // Guards against replay: a copied token must not open a second call.
  it('takes each token for one call only: the same token again is refused', async () => {
    const patientId = server.datasets[ORGS[0]].patients[0]?.id as string;
    const bearer = await token(north);
    expect((await call(patientView(patientId), bearer)).status).toBe(200);
    const again = await call(patientView(patientId), bearer);
    expect(again.status).toBe(401);
    expect(again.body.error.problems).toEqual([
      {
        path: 'Authorization',
        message: 'the token was used before: each call needs a new JWT with its own "jti"',
      },
    ]);
    // The same jti from another issuer is another token.
    const jti = randomUUID();
    expect((await call(patientView(patientId), await token(north, { jti }))).status).toBe(200);
    const southPatient = server.datasets[ORGS[1]].patients[0]?.mrn as string;
    expect(
      (await call(patientView(southPatient), await token(south, { iss: SOUTH, jti }))).status,
    ).toBe(200);
    // Discovery takes a token of its own too.
    const discovery = await token(north, { aud: DISCOVERY_URL });
    const get = () =>
      server.anonymous().agent.get('/cds-services').set('authorization', `Bearer ${discovery}`);
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(401);
  });

  it('answers an unknown patient with a JSON 404 that does not repeat the identifier', async () => {
    const res = await call(patientView('MRN-DOES-NOT-EXIST'), await token(north));
    expect(res.status).toBe(404);
    expect(res.body.error.problems).toEqual([
      { path: 'context.patientId', message: 'no patient of the practice has this patient id' },
    ]);
    expect(JSON.stringify(res.body)).not.toContain('MRN-DOES-NOT-EXIST');
  });

  it.each([
    ['no Authorization header', async () => undefined, /Authorization: Bearer/],
    ['a token that is not a JWT', async () => 'not-a-token', /Authorization: Bearer/],
    [
      'an expired token',
      async () => token(north, { iat: nowSeconds - 400, exp: nowSeconds - 100 }),
      /expired/,
    ],
    [
      "the discovery endpoint's audience",
      async () => token(north, { aud: DISCOVERY_URL }),
      /audience/,
    ],
    [
      'another server as audience',
      async () =>
        token(north, { aud: 'https://elsewhere.test/cds-services/chronicle-ccm-patient-view' }),
      /audience/,
    ],
    ['an unknown issuer', async () => token(north, { iss: 'https://ehr.unknown.test' }), /issuer/],
    ['a key the client does not hold', async () => token(stranger), /signature/],
    ["a key of another client's issuer", async () => token(south, { iss: NORTH }), /key|algorithm/],
    ['no jti', async () => token(north, { jti: undefined }), /"jti"/],
    ['no exp', async () => token(north, { exp: undefined }), /"exp"/],
    [
      'a token issued twenty minutes ago',
      async () => token(north, { iat: nowSeconds - 1200, exp: nowSeconds + 60 }),
      /too long ago/,
    ],
    [
      'a shared-secret signature',
      async () =>
        new SignJWT({
          iss: NORTH,
          aud: SERVICE_URL,
          exp: nowSeconds + 60,
          iat: nowSeconds,
          jti: 'x',
        })
          .setProtectedHeader({ alg: 'HS256', kid: 'north-1', typ: 'JWT' })
          .sign(new TextEncoder().encode('a secret both sides would have to share')),
      /algorithm/,
    ],
  ])('refuses %s with a JSON 401', async (_label, bearer, reason) => {
    const res = await call(
      patientView(server.datasets[ORGS[0]].patients[0]?.id ?? ''),
      await bearer(),
    );
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
    expect(res.body.error.problems[0].path).toBe('Authorization');
    expect(res.body.error.problems[0].message).toMatch(reason);
  });

  it('names the field of a request that is not a patient-view call', async () => {
    const patientId = server.datasets[ORGS[0]].patients[0]?.id ?? '';
    const wrongHook = await call(
      { ...patientView(patientId), hook: 'order-sign' },
      await token(north),
    );
    expect(wrongHook.status).toBe(400);
    expect(wrongHook.body.error.problems).toEqual([
      { path: 'hook', message: 'must be "patient-view"' },
    ]);
    const { context: _context, ...noContext } = patientView(patientId);
    const missing = await call(
      { ...noContext, context: { userId: 'Practitioner/example' } },
      await token(north),
    );
    expect(missing.status).toBe(400);
    expect(missing.body.error.problems.map((p: { path: string }) => p.path)).toEqual([
      'context.patientId',
    ]);
    const broken = await server
      .anonymous()
      .agent.post('/cds-services/chronicle-ccm-patient-view')
      .set('authorization', `Bearer ${await token(north)}`)
      .set('content-type', 'application/json')
      .send('{"hook":');
    expect(broken.status).toBe(400);
    const unknown = await server.anonymous().agent.post('/cds-services/no-such-service').send({});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
  });

  it("logs the calls without the patient's identifiers", async () => {
    const patient = server.datasets[ORGS[1]].patients[3];
    if (!patient) throw new Error('no patient');
    const before = server.logs.length;
    const res = await call(patientView(patient.mrn), await token(south, { iss: SOUTH }));
    expect(res.status).toBe(200);
    const lines = server.logs.slice(before).join('');
    expect(lines).toContain('cds-hooks.patient-view');
    for (const value of [patient.mrn, patient.id, patient.name.family, patient.birthDate])
      expect(lines).not.toContain(value);
  });
});

describe('CDS Hooks settings', () => {
  const client = {
    issuer: NORTH,
    jwks: { keys: [{ kty: 'EC', crv: 'P-384', x: 'x', y: 'y' }] },
    organization: 'org',
    practice: 'p',
  };
  const problems = (env: NodeJS.ProcessEnv) => {
    try {
      readEnv(env);
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('reads the clients, and names what is wrong with them', () => {
    const env = readEnv({ PUBLIC_URL, CDS_HOOKS_CLIENTS: JSON.stringify([client]) });
    expect(env.CDS_HOOKS_CLIENTS[0]).toMatchObject({
      issuer: NORTH,
      patientIdentifier: 'id',
      algorithms: ['ES384', 'RS384'],
    });
    expect(problems({ CDS_HOOKS_CLIENTS: '[' })).toMatch(
      /^CDS_HOOKS_CLIENTS: must be a JSON array/,
    );
    expect(problems({ CDS_HOOKS_CLIENTS: JSON.stringify([client]) })).toMatch(/^PUBLIC_URL: /);
    expect(
      problems({
        PUBLIC_URL,
        CDS_HOOKS_CLIENTS: JSON.stringify([{ ...client, jwksUrl: 'https://ehr.test/jwks' }]),
      }),
    ).toMatch(/CDS_HOOKS_CLIENTS\.0: needs exactly one of "jwks" and "jwksUrl"/);
    expect(
      problems({
        PUBLIC_URL,
        CDS_HOOKS_CLIENTS: JSON.stringify([
          { ...client, jwks: { keys: [{ ...client.jwks.keys[0], d: 'secret' }] } },
        ]),
      }),
    ).toMatch(/CDS_HOOKS_CLIENTS\.0\.jwks\.keys\.0\.d: is a private key part/);
    expect(
      problems({
        PUBLIC_URL,
        CDS_HOOKS_CLIENTS: JSON.stringify([{ ...client, algorithms: ['HS256'] }]),
      }),
    ).toMatch(/CDS_HOOKS_CLIENTS\.0\.algorithms\.0: /);
    expect(
      problems({
        PUBLIC_URL,
        CDS_HOOKS_CLIENTS: JSON.stringify([
          { ...client, jwks: undefined, jwksUrl: 'http://ehr.test/jwks' },
        ]),
      }),
    ).toMatch(/CDS_HOOKS_CLIENTS\.0\.jwksUrl: must be https/);
    expect(problems({ PUBLIC_URL, CDS_HOOKS_CLIENTS: JSON.stringify([client, client]) })).toMatch(
      /CDS_HOOKS_CLIENTS\.1\.tenant: /,
    );
  });
});

import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appRouter, procedureList, ROLES } from '@chronicle/api';
import type { Dataset, Patient } from '@chronicle/dataset';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import type { Express } from 'express';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { sql } from 'kysely';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CSRF_COOKIE, SESSION_COOKIE } from '../src/index.js';
import { findLeaks } from './support/check-logs.js';
import { keepPatientData } from './support/log-capture.js';
import { ORGS, PASSWORD, startTestServer, type Agent, type TestServer } from './support/harness.js';
import {
  finishedAuditRun,
  MARK,
  OTHER_ORG,
  OTHER_ORG_INPUTS,
  otherOrgRecords,
  REGISTERED,
  type OtherOrgRecords,
} from './support/other-org.js';
import { ok } from './support/results.js';
import { call, fingerprint, postFrom, signInRaw } from './support/raw-calls.js';
import { siblingApp } from './support/sibling-app.js';

// Security checks on the assembled server, beyond what auth.test.ts (sign-in, CSRF,
// lockout on one server, sign-out), role-matrix.test.ts (each role's permissions),
// cds-hooks.test.ts (the CDS client's JWT), oidc.test.ts and smart-launch.test.ts (their
// flows' state, nonce and replays) and logs.test.ts already prove:
// - no credential, a forged, tampered, expired or signed-out session: every procedure and
//   protected route answers 401 and writes nothing;
// - another organization's ids, in every procedure that takes one: 404 (or 403), no data,
//   nothing written, while the same input from that organization is served;
// - sign-in guessing: throttled per address whatever account is tried, and an account's
//   lockout counted in the database, so that it holds on every server process;
// - security headers on the console page, the API and report downloads, and cookie flags;
// - no password, token, password hash or patient identity in any log line.

const procedures = procedureList();
const PUBLIC_URL = 'https://chronicle.test';
const CDS_ISSUER = 'https://ehr.security.test';
const CDS_SERVICE = `${PUBLIC_URL}/cds-services/chronicle-ccm-patient-view`;

/** The fields that name a stored thing; a procedure taking one is checked across organizations. */
const ID_FIELDS = new Set([
  'practiceId',
  'patientId',
  'runId',
  'laterRunId',
  'id',
  'userId',
  'claimId',
  'consentId',
  'eventId',
  'entryId',
  'clinicianId',
]);

/** The top-level fields of a procedure's input, read from its schema. */
function inputFields(path: string): string[] {
  const definitions = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { inputs: z.ZodType[] } }
  >;
  const [schema] = definitions[path]?._def.inputs ?? [];
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
  };
  return Object.keys(json.properties ?? {});
}
/** users.create's `id` names the user it makes: ids are per organization, so any is free. */
const NEW_IDS = new Set(['users.create']);
const takesId = (path: string) =>
  !NEW_IDS.has(path) && inputFields(path).some((f) => ID_FIELDS.has(f));

interface Credential {
  name: string;
  app: Express;
  headers: Record<string, string>;
}

describe.each(DATABASE_KINDS)('security checks on %s', (kind) => {
  let server: TestServer;
  let other: OtherOrgRecords;
  let cdsKey: CryptoKey;
  let northAdmin: Agent;
  let southAdmin: Agent;
  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
    cdsKey = privateKey;
    const jwk = { ...(await exportJWK(publicKey)), kid: 'security-1', alg: 'ES384', use: 'sig' };
    server = await startTestServer(kind, {
      patients: 4,
      // Nothing changes behind the fingerprints: queued audits stay queued.
      work: false,
      env: {
        PUBLIC_URL,
        CDS_HOOKS_CLIENTS: JSON.stringify([
          {
            issuer: CDS_ISSUER,
            jwks: { keys: [jwk] },
            organization: ORGS[0],
            practice: 'demo-practice',
          },
        ]),
      },
    });
    other = await otherOrgRecords(server);
    northAdmin = await server.signIn('admin');
    southAdmin = await server.signIn('admin', OTHER_ORG);
  });
  afterAll(async () => server?.close());

  const cdsToken = () =>
    new SignJWT({ iss: CDS_ISSUER, aud: CDS_SERVICE, jti: randomUUID() })
      .setProtectedHeader({ alg: 'ES384', kid: 'security-1', typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(cdsKey);

  describe('authentication bypass', () => {
    const credentials: Credential[] = [];
    beforeAll(async () => {
      const live = await signInRaw(server.app, ORGS[0], 'admin');
      const flipped = `${live.token.slice(0, -1)}${live.token.endsWith('A') ? 'B' : 'A'}`;
      const signedOut = await signInRaw(server.app, ORGS[0], 'admin');
      const out = await request(server.app)
        .post('/auth/sign-out')
        .set({ cookie: `${SESSION_COOKIE}=${signedOut.token}`, 'x-csrf-token': signedOut.csrf });
      expect(out.status).toBe(204);
      // A second server process whose clock is moved past the idle timeout.
      let clock = Date.now();
      const later = siblingApp(server, {
        env: { PUBLIC_URL, SESSION_IDLE_HOURS: '2' },
        now: () => new Date(clock),
      });
      const idle = await signInRaw(later, ORGS[0], 'admin');
      const me = (app: Express, token: string) =>
        call(app, 'session.me', undefined, { cookie: `${SESSION_COOKIE}=${token}` });
      expect((await me(later, idle.token)).status).toBe(200);
      clock += 2 * 3_600_000 + 60_000;
      const withCsrf = (token: string, csrf: string) => ({
        cookie: `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrf}`,
        'x-csrf-token': csrf,
      });
      credentials.push(
        { name: 'no cookie', app: server.app, headers: {} },
        {
          name: 'a random session token',
          app: server.app,
          headers: withCsrf(randomBytes(32).toString('base64url'), live.csrf),
        },
        {
          name: 'a real token with one character changed',
          app: server.app,
          headers: withCsrf(flipped, live.csrf),
        },
        {
          name: 'a real token under other cookie names',
          app: server.app,
          headers: {
            cookie: `session=${live.token}; Chronicle_Session=${live.token}; ${CSRF_COOKIE}=${live.token}`,
            'x-csrf-token': live.csrf,
          },
        },
        {
          name: 'a real token as a bearer token',
          app: server.app,
          headers: { authorization: `Bearer ${live.token}`, 'x-csrf-token': live.csrf },
        },
        {
          name: 'a session idle past SESSION_IDLE_HOURS',
          app: later,
          headers: withCsrf(idle.token, idle.csrf),
        },
        {
          name: 'a signed-out session',
          app: server.app,
          headers: withCsrf(signedOut.token, signedOut.csrf),
        },
      );
      // Not vacuous: the live session itself is let in.
      expect((await me(server.app, live.token)).status).toBe(200);
    });

    it.each(procedures.map((p) => [p.path] as const))(
      '%s answers 401 to every bad credential and writes nothing',
      async (path) => {
        const input = OTHER_ORG_INPUTS[path]?.(other) ?? {};
        const before = await fingerprint(server);
        const seen: Record<string, number> = {};
        for (const { name, app, headers } of credentials) {
          const res = await call(app, path, input, headers);
          seen[name] = res.status;
          expect(res.body.result, name).toBeUndefined();
        }
        expect(seen).toEqual(Object.fromEntries(credentials.map((c) => [c.name, 401])));
        expect(await fingerprint(server)).toEqual(before);
      },
    );

    it('answers 401 to every bad credential in a batch of calls, item by item', async () => {
      const paths = ['session.me', 'users.list', 'patients.get'];
      const input = JSON.stringify({
        2: { practiceId: other.practiceId, patientId: other.patients[0] },
      });
      for (const { name, app, headers } of credentials) {
        const res = await request(app)
          .get(`/api/trpc/${paths.join(',')}`)
          .query({ batch: '1', input })
          .set(headers);
        expect(res.status, name).toBe(401);
        expect(
          (res.body as Array<{ error?: { data?: { httpStatus?: number } } }>).map(
            (item) => item.error?.data?.httpStatus,
          ),
          name,
        ).toEqual([401, 401, 401]);
      }
    });

    it('answers 401 to every bad credential on the report downloads', async () => {
      for (const format of ['json', 'csv', 'html', 'pdf'])
        for (const { name, app, headers } of credentials) {
          const res = await request(app)
            .get(`/api/audits/${other.runId}/report.${format}`)
            .set(headers);
          expect([format, name, res.status]).toEqual([format, name, 401]);
          expect(res.headers['content-disposition']).toBeUndefined();
        }
    });

    it('lets no session, good or bad, stand in for the CDS client’s signed JWT', async () => {
      const live = await signInRaw(server.app, ORGS[0], 'admin');
      const body = {
        hookInstance: randomUUID(),
        hook: 'patient-view',
        context: { userId: 'Practitioner/1', patientId: server.datasets[ORGS[0]].patients[0]?.id },
      };
      const all = [
        ...credentials,
        {
          name: 'a live session',
          app: server.app,
          headers: { cookie: `${SESSION_COOKIE}=${live.token}`, 'x-csrf-token': live.csrf },
        },
      ];
      for (const { name, app, headers } of all) {
        const discovery = await request(app).get('/cds-services').set(headers);
        const service = await request(app)
          .post('/cds-services/chronicle-ccm-patient-view')
          .set(headers)
          .send(body);
        expect([name, discovery.status, service.status]).toEqual([name, 401, 401]);
        expect(service.body.cards).toBeUndefined();
      }
      // Not vacuous: the client's own token is served.
      const served = await request(server.app)
        .post('/cds-services/chronicle-ccm-patient-view')
        .set('authorization', `Bearer ${await cdsToken()}`)
        .send(body);
      expect(served.status).toBe(200);
    });

    it('ends a session idle for SESSION_IDLE_HOURS, and slides the end while it is used', async () => {
      let clock = Date.now();
      const app = siblingApp(server, {
        env: { PUBLIC_URL, SESSION_IDLE_HOURS: '2' },
        now: () => new Date(clock),
      });
      const { token } = await signInRaw(app, ORGS[0], 'auditor');
      const me = async () =>
        (await call(app, 'session.me', undefined, { cookie: `${SESSION_COOKIE}=${token}` })).status;
      const minutes = (n: number) => n * 60_000;
      clock += minutes(110);
      expect(await me()).toBe(200);
      clock += minutes(110);
      expect(await me()).toBe(200);
      clock += minutes(121);
      expect(await me()).toBe(401);
    });

    it('ends a session SESSION_MAX_HOURS after sign-in, however busy it is kept', async () => {
      let clock = Date.now();
      const app = siblingApp(server, {
        env: { PUBLIC_URL, SESSION_IDLE_HOURS: '2', SESSION_MAX_HOURS: '5' },
        now: () => new Date(clock),
      });
      const { token } = await signInRaw(app, ORGS[0], 'auditor');
      const me = async () =>
        (await call(app, 'session.me', undefined, { cookie: `${SESSION_COOKIE}=${token}` })).status;
      const minutes = (n: number) => n * 60_000;
      // Used every 90 minutes, never idle for 2 hours: alive until 5 hours after sign-in.
      for (let used = 90; used < 300; used += 90) {
        clock += minutes(90);
        expect(await me(), `${used} minutes after sign-in`).toBe(200);
      }
      clock += minutes(300 - 270 - 1);
      expect(await me(), 'a minute before the end').toBe(200);
      clock += minutes(2);
      expect(await me(), 'a minute after the end').toBe(401);
      // A fresh sign-in starts a fresh lifetime.
      const again = await signInRaw(app, ORGS[0], 'auditor');
      const status = await call(app, 'session.me', undefined, {
        cookie: `${SESSION_COOKIE}=${again.token}`,
      });
      expect(status.status).toBe(200);
    });
  });

  describe('ids of another organization', () => {
    const withIds = procedures.filter((p) => takesId(p.path));

    it('has an input naming the other organization’s records for every procedure that takes an id', () => {
      expect(withIds.length).toBeGreaterThan(40);
      expect(Object.keys(OTHER_ORG_INPUTS).sort()).toEqual(withIds.map((p) => p.path).sort());
    });

    it.each(withIds.map((p) => [p.path] as const))(
      '%s: not found for the first organization, served to the second',
      async (path) => {
        const input = (OTHER_ORG_INPUTS[path] as (o: OtherOrgRecords) => unknown)(other);
        const before = await fingerprint(server);
        const north =
          procedures.find((p) => p.path === path)?.type === 'query'
            ? await northAdmin.query(path, input)
            : await northAdmin.mutate(path, input);
        // A list filtered by an unknown id may answer empty rather than 404: either way,
        // nothing of the other organization's.
        if (north.status === 200) expect(north.text).not.toContain(MARK);
        else {
          expect([403, 404], JSON.stringify(north.body)).toContain(north.status);
          expect(north.body.result).toBeUndefined();
        }
        expect(await fingerprint(server)).toEqual(before);
        // Not vacuous: the input is good and its records exist for their own organization
        // (409: found, at another version or in a state that refuses the change).
        const south =
          procedures.find((p) => p.path === path)?.type === 'query'
            ? await southAdmin.query(path, input)
            : await southAdmin.mutate(path, input);
        expect([200, 409], JSON.stringify(south.body)).toContain(south.status);
      },
    );

    it('lists none of the other organization’s records in answers that take no id', async () => {
      const inputs: Record<string, unknown> = {
        'revenue.calculate': { year: 2026, patients: 100 },
      };
      const lists = procedures.filter(
        (p) => p.type === 'query' && !takesId(p.path) && p.path !== 'session.me',
      );
      expect(lists.map((p) => p.path)).toContain('audits.list');
      for (const { path } of lists) {
        const res = await northAdmin.query(path, inputs[path] ?? {});
        expect([path, res.status]).toEqual([path, 200]);
        expect(res.text.includes(MARK), path).toBe(false);
      }
      // Not vacuous: the other organization's own lists hold its records.
      expect((await southAdmin.query('audits.list', {})).text).toContain(other.runId);
      expect((await southAdmin.query('users.list')).text).toContain(other.userId);
    });

    it('answers another organization’s audit run report as not found', async () => {
      for (const format of ['json', 'html']) {
        const res = await northAdmin.agent.get(`/api/audits/${other.runId}/report.${format}`);
        expect(res.status).toBe(404);
        expect(res.headers['content-disposition']).toBeUndefined();
      }
      expect((await southAdmin.agent.get(`/api/audits/${other.runId}/report.json`)).status).toBe(
        200,
      );
    });
  });

  describe('sign-in guessing', () => {
    const attempt = (app: Express, from: string, orgId: string, email: string, password: string) =>
      request(app)
        .post('/auth/sign-in')
        .set('x-forwarded-for', from)
        .send({ organization: orgId, email, password });
    const accounts = ORGS.flatMap((orgId) =>
      ROLES.map((role) => [orgId, `${role}@${orgId}.test`] as const),
    );
    const failures = async (orgId: string, email: string) =>
      (
        await sql<{ n: number }>`
          select failed_sign_ins as n from users where org_id = ${orgId} and lower(email) = ${email}`.execute(
          server.conn.db,
        )
      ).rows[0]?.n;

    it('throttles one address guessing many accounts: 429 with Retry-After, before any password is checked', async () => {
      const app = siblingApp(server, { env: { SIGN_IN_RATE_LIMIT: '5', TRUST_PROXY: '1' } });
      const from = '203.0.113.7';
      const statuses: number[] = [];
      for (const [orgId, email] of accounts) {
        const res = await attempt(app, from, orgId, email, 'not the password');
        statuses.push(res.status);
        if (res.status === 429) {
          expect(res.headers['retry-after']).toBe('900');
          expect(res.body.error.message).toBe('too many sign-in attempts; wait and try again');
        }
      }
      expect(statuses).toEqual(accounts.map((_, i) => (i < 5 ? 401 : 429)));
      // The throttled guesses were not checked: no failure counted against their accounts.
      for (const [orgId, email] of accounts.slice(5)) expect(await failures(orgId, email)).toBe(0);
      // The right password from that address waits too; another address is let in.
      const [orgId, email] = accounts[7] as readonly [string, string];
      expect((await attempt(app, from, orgId, email, PASSWORD)).status).toBe(429);
      expect((await attempt(app, '203.0.113.8', orgId, email, PASSWORD)).status).toBe(200);
    });

    it('counts the connection’s address, not one the client claims, unless TRUST_PROXY says a proxy sets it', async () => {
      const app = siblingApp(server, { env: { SIGN_IN_RATE_LIMIT: '3' } });
      const listening = app.listen(0, '127.0.0.1');
      await once(listening, 'listening');
      try {
        const { port } = listening.address() as AddressInfo;
        const statuses = [];
        // From 127.0.0.2: an address of its own, that no other sign-in of this file uses.
        for (let i = 0; i < 5; i++)
          statuses.push(
            await postFrom('127.0.0.2', port, '/auth/sign-in', {
              headers: { 'x-forwarded-for': `198.51.100.${i}` },
              body: { organization: ORGS[1], email: 'nobody@org-south.test', password: 'x' },
            }),
          );
        expect(statuses).toEqual([401, 401, 401, 429, 429]);
      } finally {
        listening.close();
      }
    });

    it('locks an account after wrong passwords made on two server processes, and the lock holds on both', async () => {
      ok(
        await northAdmin.mutate('users.create', {
          id: 'lock-target',
          email: 'lock-target@org-north.test',
          displayName: 'Lock target',
          role: 'auditor',
          password: PASSWORD,
        }),
      );
      const env = { SIGN_IN_MAX_FAILURES: '3', SIGN_IN_LOCK_MINUTES: '10', TRUST_PROXY: '1' };
      const [one, two] = [siblingApp(server, { env }), siblingApp(server, { env })];
      const guess = (app: Express, from: string, password: string) =>
        attempt(app, from, ORGS[0], 'lock-target@org-north.test', password);
      expect((await guess(one, '192.0.2.1', 'guess one')).status).toBe(401);
      expect((await guess(two, '192.0.2.2', 'guess two')).status).toBe(401);
      expect((await guess(one, '192.0.2.3', 'guess three')).status).toBe(401);
      for (const app of [two, one]) {
        const res = await guess(app, '192.0.2.4', PASSWORD);
        expect(res.status).toBe(429);
        expect(res.body.error.message).toMatch(
          /^account locked after repeated wrong passwords until /,
        );
      }
    });

    it('locks an account however many guesses arrive at once on two server processes', async () => {
      ok(
        await northAdmin.mutate('users.create', {
          id: 'burst-target',
          email: 'burst-target@org-north.test',
          displayName: 'Burst target',
          role: 'auditor',
          password: PASSWORD,
        }),
      );
      const env = { SIGN_IN_MAX_FAILURES: '3', SIGN_IN_LOCK_MINUTES: '10', TRUST_PROXY: '1' };
      const apps = [siblingApp(server, { env }), siblingApp(server, { env })];
      const burst = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          attempt(
            apps[i % 2] as Express,
            `192.0.2.${20 + i}`,
            ORGS[0],
            'burst-target@org-north.test',
            `guess ${i}`,
          ),
        ),
      );
      const statuses = burst.map((r) => r.status);
      expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
      // Only as many guesses as the lockout allows were checked against the password.
      expect(statuses.filter((s) => s === 401)).toHaveLength(3);
      for (const app of apps)
        expect(
          (await attempt(app, '192.0.2.99', ORGS[0], 'burst-target@org-north.test', PASSWORD))
            .status,
        ).toBe(429);
    });
  });

  describe('security headers and cookies', () => {
    let consoleDir: string;
    let runId: string;
    beforeAll(async () => {
      consoleDir = mkdtempSync(join(tmpdir(), 'chronicle-security-console-'));
      writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>Chronicle</title>');
      runId = await finishedAuditRun(server, ORGS[0], server.datasets[ORGS[0]].practice.id);
    });
    afterAll(() => rmSync(consoleDir, { recursive: true, force: true }));

    /** The policy's directives by name. */
    const directives = (csp: string) =>
      new Map(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .filter((d) => d[0])
          .map(([name, ...values]) => [name as string, values]),
      );

    const pages: Record<string, (app: Express, cookie: Record<string, string>) => request.Test> = {
      'the console page': (app) => request(app).get('/'),
      'an API answer': (app, cookie) => request(app).get('/api/trpc/session.me').set(cookie),
      'a report download': (app, cookie) =>
        request(app).get(`/api/audits/${runId}/report.html`).set(cookie),
      'an error': (app) => request(app).get('/api/trpc/users.list'),
    };

    it.each(Object.keys(pages))('sends the security headers on %s', async (what) => {
      const app = siblingApp(server, { env: { CONSOLE_DIR: consoleDir } });
      const { token } = await signInRaw(app, ORGS[0], 'auditor');
      const res = await (pages[what] as (typeof pages)[string])(app, {
        cookie: `${SESSION_COOKIE}=${token}`,
      });
      expect(res.status).toBe(what === 'an error' ? 401 : 200);
      const csp = directives(res.headers['content-security-policy'] ?? '');
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('script-src-attr')).toEqual(["'none'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      // Browsers heed it only over https, where it keeps them from ever going back to http.
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=(\d{8,}|3[1-9]\d{6})/);
      expect(res.headers['x-powered-by']).toBeUndefined();
      if (what === 'a report download') {
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['content-disposition']).toMatch(/^attachment; /);
      }
    });

    const sessionCookie = (setCookie: string[]) =>
      setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '';

    it('marks the session cookie HttpOnly and SameSite, and the CSRF cookie readable by the page', async () => {
      const { setCookie } = await signInRaw(server.app, ORGS[0], 'auditor');
      expect(sessionCookie(setCookie)).toMatch(/; HttpOnly/);
      expect(sessionCookie(setCookie)).toMatch(/; SameSite=Lax/);
      expect(sessionCookie(setCookie)).toMatch(/; Path=\//);
      expect(setCookie.find((c) => c.startsWith(`${CSRF_COOKIE}=`))).not.toMatch(/HttpOnly/);
    });

    it('marks the cookies Secure when the request came over https through a trusted proxy, and not over plain http', async () => {
      const proxied = siblingApp(server, { env: { TRUST_PROXY: '1' } });
      const signIn = (app: Express, proto: string) =>
        request(app)
          .post('/auth/sign-in')
          .set('x-forwarded-proto', proto)
          .send({ organization: ORGS[0], email: 'auditor@org-north.test', password: PASSWORD })
          .then((res) => ([] as string[]).concat(res.headers['set-cookie'] ?? []));
      const overHttps = await signIn(proxied, 'https');
      expect(overHttps).toHaveLength(2);
      for (const c of overHttps) expect(c).toMatch(/; Secure/);
      // Plain http (development): a Secure cookie would never come back.
      for (const c of await signIn(proxied, 'http')) expect(c).not.toMatch(/Secure/);
      // Without TRUST_PROXY a client's claim to have come over https is not believed
      // (PUBLIC_URL alone does not make the cookies Secure: docs/admin/server.md).
      for (const c of await signIn(siblingApp(server), 'https')) expect(c).not.toMatch(/Secure/);
    });
  });

  describe('logs', () => {
    it('hold no password, session or CSRF token, bearer token, password hash or patient identity', async () => {
      const secrets: Array<[string, string]> = [['the password', PASSWORD]];
      // Sign-in, right and wrong; a user created, a password reset.
      const wrong = `Wrong-${randomBytes(6).toString('hex')}`;
      secrets.push(['a wrong password', wrong]);
      await request(server.app)
        .post('/auth/sign-in')
        .send({ organization: ORGS[0], email: 'admin@org-north.test', password: wrong });
      const signedIn = await signInRaw(server.app, ORGS[0], 'care-manager');
      secrets.push(['a session token', signedIn.token], ['a CSRF token', signedIn.csrf]);
      const admin = await signInRaw(server.app, ORGS[0], 'admin');
      secrets.push(['a session token', admin.token], ['a CSRF token', admin.csrf]);
      const as = { cookie: `${SESSION_COOKIE}=${admin.token}`, 'x-csrf-token': admin.csrf };
      const firstPassword = `first ${randomBytes(8).toString('hex')}`;
      const resetPassword = `reset ${randomBytes(8).toString('hex')}`;
      secrets.push(['a new user’s password', firstPassword], ['a reset password', resetPassword]);
      ok(
        await call(
          server.app,
          'users.create',
          {
            id: 'log-check',
            email: 'log-check@org-north.test',
            displayName: 'Log check',
            role: 'care-manager',
            password: firstPassword,
          },
          as,
        ),
      );
      ok(
        await call(
          server.app,
          'users.resetPassword',
          { userId: 'log-check', password: resetPassword },
          as,
        ),
      );
      // A CDS Hooks call with its bearer token, and one refused.
      const bearer = await cdsToken();
      secrets.push(['a bearer token', bearer]);
      const patients = server.datasets[ORGS[0]].patients;
      const cds = (token: string) =>
        request(server.app)
          .post('/cds-services/chronicle-ccm-patient-view')
          .set('authorization', `Bearer ${token}`)
          .send({
            hookInstance: randomUUID(),
            hook: 'patient-view',
            context: { userId: 'Practitioner/1', patientId: patients[1]?.id },
          });
      expect((await cds(bearer)).status).toBe(200);
      expect((await cds(bearer)).status).toBe(401);
      // Patient data in inputs: registered, searched by name, read, refused.
      const person = {
        name: { given: 'Marisol', family: 'Quillfeather' },
        birthDate: '1947-09-13',
        mbi: '4TE5MK7EG73',
      };
      keepPatientData({ patients: [person] } as unknown as Dataset);
      const practiceId = server.datasets[ORGS[0]].practice.id;
      const registered = ok(
        await call(
          server.app,
          'patients.register',
          {
            practiceId,
            mrn: 'MRN-LOG-1',
            ...person,
            coverage: [{ kind: 'medicare-part-b', start: '2012-09-01' }],
            conditions: [],
            encounters: [],
          },
          as,
        ),
      );
      const patientId = (registered as { patient: { id: string } }).patient.id;
      await call(
        server.app,
        'patients.list',
        {
          practiceId,
          page: { index: 0, size: 10 },
          search: `${person.name.given} ${person.name.family}`,
        },
        as,
      );
      await call(server.app, 'patients.get', { practiceId, patientId }, as);
      const refused = await call(
        server.app,
        'patients.register',
        {
          practiceId,
          mrn: 'MRN-LOG-1',
          ...person,
          coverage: [],
          conditions: [],
          encounters: [],
        },
        as,
      );
      expect(refused.status).toBe(409);
      const hashes = await sql<{ h: string }>`
        select password_hash as h from users where password_hash is not null`.execute(
        server.conn.db,
      );
      expect(hashes.rows.length).toBeGreaterThan(10);
      for (const { h } of hashes.rows) secrets.push(['a password hash', h]);

      const text = server.logs.join('');
      expect(text).toMatch(/"path":"\/cds-services\/chronicle-ccm-patient-view"/);
      expect(text).toMatch(/"event":"sign-in refused"/);
      const leaked = [
        ...new Set(secrets.filter(([, value]) => text.includes(value)).map(([what]) => what)),
      ];
      expect(leaked).toEqual([]);
      const people: Array<Pick<Patient, 'name' | 'birthDate' | 'mbi'>> = [
        ...[server.datasets[ORGS[0]], server.datasets[ORGS[1]], other.dataset].flatMap(
          (d) => d.patients,
        ),
        person,
        REGISTERED,
      ];
      const identities = people
        .flatMap((p) => [
          `${p.name.given} ${p.name.family}`,
          p.name.family,
          p.birthDate,
          ...(p.mbi ? [p.mbi] : []),
        ])
        .filter((v) => v.length >= 5);
      expect([
        ...new Set(findLeaks(text, identities).map((l) => l.replace(/ at offset \d+$/, ''))),
      ]).toEqual([]);
    });
  });
});

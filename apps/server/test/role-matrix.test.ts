import { PERMISSIONS, procedureList, ROLES } from '@chronicle/api';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGS, startTestServer, type Agent, type TestServer } from './support/harness.js';

// Every procedure of the API, called as every role and signed out: refused (401 signed
// out, 403 for a role without the permission) or let through to its input check and
// handler, exactly as the permission table says. The list of procedures is read from the
// router, so a new procedure is in the matrix the day it is added. The permission check
// runs before the input is read, so an empty input tells the two apart and writes nothing.

const procedures = procedureList();

describe.each(DATABASE_KINDS)('the role matrix on %s', (kind) => {
  let server: TestServer;
  const agents = new Map<string, Agent>();
  beforeAll(async () => {
    server = await startTestServer(kind);
    for (const role of ROLES) agents.set(role, await server.signIn(role));
    agents.set('signed out', server.anonymous());
  });
  afterAll(async () => server?.close());

  it('covers every procedure, and every one needs a permission', () => {
    expect(procedures.length).toBeGreaterThan(4);
    // No procedure answers a signed-out caller: those are plain HTTP endpoints.
    expect(procedures.filter((p) => p.permission === undefined)).toEqual([]);
  });

  it.each(procedures.map((p) => [p.path, p] as const))('%s', async (_path, procedure) => {
    const outcomes: Record<string, number> = {};
    const expected: Record<string, string> = {};
    for (const [who, agent] of agents) {
      const res =
        procedure.type === 'query'
          ? await agent.query(procedure.path, {})
          : await agent.mutate(procedure.path, {});
      outcomes[who] = res.status;
      const allowed =
        who !== 'signed out' &&
        (
          PERMISSIONS[procedure.permission as keyof typeof PERMISSIONS] as readonly string[]
        ).includes(who);
      expected[who] = who === 'signed out' ? '401' : allowed ? 'let through' : '403';
    }
    const seen = Object.fromEntries(
      Object.entries(outcomes).map(([who, status]) => [
        who,
        status === 401 || status === 403
          ? String(status)
          : status >= 500
            ? `${status}`
            : 'let through',
      ]),
    );
    expect(seen).toEqual(expected);
    // Signing out everywhere takes an empty input: the agents it signed out sign in again.
    if (procedure.path === 'session.signOutEverywhere')
      for (const role of ROLES) agents.set(role, await server.signIn(role));
  });

  it("never shows one organization's patients to another's users", async () => {
    // Both organizations' generated practices use the same practice and patient ids, so
    // asking for the other's ids must give back one's own records, never the other's.
    const [north, south] = [server.datasets[ORGS[0]], server.datasets[ORGS[1]]];
    const theirs = south.patients[0] as (typeof south.patients)[number];
    const admin = agents.get('admin') as Agent;
    const get = await admin.query('patients.get', {
      practiceId: south.practice.id,
      patientId: theirs.id,
    });
    const own = north.patients.find(
      (p) => p.id === theirs.id && north.practice.id === south.practice.id,
    );
    if (own) expect(get.body.result.data.patient).toEqual(own);
    else expect(get.status).toBe(404);
    expect(get.body.result?.data?.patient).not.toEqual(theirs);
    const list = await admin.query('patients.list', {
      practiceId: south.practice.id,
      page: { index: 0, size: 100 },
    });
    const names = (list.body.result.data.rows as Array<{ name: unknown }>).map((r) => r.name);
    for (const p of south.patients)
      if (!north.patients.some((n) => JSON.stringify(n.name) === JSON.stringify(p.name)))
        expect(names).not.toContainEqual(p.name);
    const practices = await admin.query('patients.practices');
    expect(practices.body.result.data).toHaveLength(1);
    expect(practices.body.result.data[0].name).toBe(north.practice.name);
  });
});

import { procedureList } from '@chronicle/api';
import { TENANT_TABLES } from '@chronicle/db';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Agent, type TestServer } from './support/harness.js';

// Every procedure's input, fuzzed: whatever JSON arrives, the answer is never a 500, a
// refused input is a 400-class error whose problems name where (a path), and a refused
// call writes nothing. The caller is an admin, who holds every permission.

const procedures = procedureList().filter((p) => p.path !== 'session.signOutEverywhere');

/** Inputs near the real ones (objects with the fields procedures use) and anything at all. */
const fields = [
  'practiceId',
  'patientId',
  'month',
  'page',
  'sort',
  'search',
  'runId',
  'id',
  'role',
  'from',
  'to',
  'reason',
  'expectedVersion',
  'userId',
  'email',
  'status',
];
const input = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(
    fc.constantFrom(...fields),
    fc.oneof(fc.jsonValue(), fc.string(), fc.integer(), fc.constant('2026-02')),
  ),
  fc.record(
    { practiceId: fc.string(), patientId: fc.string(), month: fc.string() },
    { requiredKeys: [] },
  ),
);

async function fingerprint(server: TestServer): Promise<string> {
  const parts: string[] = [];
  for (const table of TENANT_TABLES) {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.table(table)}`.execute(server.conn.db);
    parts.push(`${table}:${rows[0]?.n}`);
  }
  return parts.join(' ');
}

describe.each(DATABASE_KINDS)('fuzzed inputs on %s', (kind) => {
  let server: TestServer;
  let admin: Agent;
  beforeAll(async () => {
    server = await startTestServer(kind, { work: false });
    admin = await server.signIn('admin');
  });
  afterAll(async () => server?.close());

  it.each(procedures.map((p) => [p.path, p] as const))('%s', async (_path, procedure) => {
    let accepted = 0;
    const before = await fingerprint(server);
    await fc.assert(
      fc.asyncProperty(input, async (value) => {
        const res =
          procedure.type === 'query'
            ? await admin.query(procedure.path, value)
            : await admin.mutate(procedure.path, value);
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
        if (res.status < 300) {
          accepted += 1;
          return;
        }
        expect([400, 404, 409]).toContain(res.status);
        const problems = res.body.error?.data?.problems as Array<{ path: string; message: string }>;
        expect(problems.length).toBeGreaterThan(0);
        if (res.status === 400) for (const p of problems) expect(p.path).not.toBe('');
      }),
      { numRuns: 30, seed: 20261129 },
    );
    // Reads log themselves when they succeed; a run where every call was refused wrote nothing.
    if (accepted === 0) expect(await fingerprint(server)).toBe(before);
  });
});

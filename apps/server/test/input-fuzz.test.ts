import { procedureList } from '@chronicle/api';
import type { Clinician, TimeEntry } from '@chronicle/dataset';
import { LONE_SURROGATE, TENANT_TABLES } from '@chronicle/db';
import { DATABASE_KINDS } from '@chronicle/db/testing';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGS, startTestServer, type Agent, type TestServer } from './support/harness.js';

// Every procedure's input, fuzzed: whatever JSON arrives, the answer is never a 500, a
// refused input is a 400-class error whose problems name where (a path), and a refused
// call writes nothing. The caller is an admin, who holds every permission. Issue 8 adds
// hostile values: oversized strings, deeply nested values, unicode edge cases, SQL and
// HTML injection, in the fields procedures read and beside the real practice and patient
// ids so that some reach the database; and free text a write accepts is read back byte
// for byte.

const procedures = procedureList().filter((p) => p.path !== 'session.signOutEverywhere');

/** The fields procedures read (their inputs' keys), free text among them. */
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
  'activity',
  'notes',
  'action',
  'displayName',
  'mrn',
  'name',
  'code',
  'changes',
  'entryId',
  'claimId',
  'consentId',
  'eventId',
  'ownerId',
  'clinicianId',
  'service',
  'start',
  'minutes',
  'date',
  'birthDate',
  'lines',
  'refundReference',
];

const INJECTION = [
  "'; DROP TABLE patients; --",
  "' OR '1'='1",
  "1' UNION SELECT password_hash FROM users --",
  '%',
  '\\',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '__proto__',
  '=HYPERLINK("http://example.invalid")',
];
const UNICODE = [
  '\uD800',
  'a\uDC00b',
  'nul\u0000inside',
  '\u202Eevil\u202C',
  '\u200F\u200E',
  'e\u0301\u0301\u0301',
  '👩‍⚕️🇺🇸',
  '\uFEFFbom',
  '\u2028\u2029',
];
const hostileText = fc.oneof(
  fc.constantFrom(...INJECTION, ...UNICODE),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

// Deeply nested values stand in the generated input as markers, written out in the JSON
// text only: JSON.stringify recurses and would overflow before the request is sent.
const DEEP = { array: '@@deep-array@@', object: '@@deep-object@@' };

function jsonText(input: unknown, depth: number): string {
  return JSON.stringify(input)
    .replaceAll(`"${DEEP.array}"`, `${'['.repeat(depth)}${']'.repeat(depth)}`)
    .replaceAll(`"${DEEP.object}"`, `${'{"a":'.repeat(depth)}null${'}'.repeat(depth)}`);
}

/** Calls the procedure with the input as JSON text, the way a client would. */
function call(agent: Agent, type: 'query' | 'mutation', path: string, input: unknown) {
  const text = jsonText(input, LARGE[type].depth);
  return type === 'query'
    ? agent.agent.get(`/api/trpc/${path}`).query({ input: text })
    : agent.agent
        .post(`/api/trpc/${path}`)
        .set('x-csrf-token', agent.csrf)
        .set('content-type', 'application/json')
        .send(text);
}

// Past every field's limit (4,000 characters for a note, 20,000 for follow-up notes) and
// nested far deeper than any input, within what a request carries: a query's input rides
// in the URL, which Node caps at 16 KB of headers (past that it answers 431 itself, before
// any of our code); a mutation's body may hold 1 MB.
const URL_INPUT_LIMIT = 12_000;
const LARGE = {
  query: { strings: ['x'.repeat(4_001)], depth: 500 },
  mutation: { strings: ['x'.repeat(20_001), '<script>'.repeat(4_000)], depth: 10_000 },
};

function inputs(type: 'query' | 'mutation', real: Record<string, string>) {
  const large = LARGE[type];
  const huge = fc.constantFrom(...large.strings, DEEP.array, DEEP.object);
  const value = fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue() },
    { weight: 3, arbitrary: hostileText },
    fc.integer(),
    fc.constant('2026-02'),
    fc.constantFrom(...Object.values(real)),
    huge,
  );
  const input = fc.oneof(
    fc.jsonValue(),
    fc.dictionary(fc.constantFrom(...fields), value),
    fc.record(
      { practiceId: fc.string(), patientId: fc.string(), month: fc.string() },
      { requiredKeys: [] },
    ),
    // The real practice and patient, every other field hostile: past the ids, into the database.
    fc
      .dictionary(fc.constantFrom(...fields), value, { maxKeys: 4 })
      .map((rest) => ({ ...real, month: '2026-02', ...rest })),
    huge,
  );
  return type === 'query'
    ? input.filter((v) => encodeURIComponent(jsonText(v, large.depth)).length < URL_INPUT_LIMIT)
    : input;
}

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

type Problems = Array<{ path: string; message: string }>;
const problemsOf = (res: { body: { error?: { data?: { problems?: Problems } } } }) =>
  res.body.error?.data?.problems ?? [];

describe.each(DATABASE_KINDS)('fuzzed inputs on %s', (kind) => {
  let server: TestServer;
  let admin: Agent;
  let real: { practiceId: string; patientId: string };
  beforeAll(async () => {
    server = await startTestServer(kind, { work: false });
    admin = await server.signIn('admin');
    const dataset = server.datasets[ORGS[0]];
    real = { practiceId: dataset.practice.id, patientId: dataset.patients[0]?.id as string };
  });
  afterAll(async () => server?.close());

  it.each(procedures.map((p) => [p.path, p] as const))('%s', async (_path, procedure) => {
    let accepted = 0;
    const before = await fingerprint(server);
    await fc.assert(
      fc.asyncProperty(inputs(procedure.type as 'query' | 'mutation', real), async (value) => {
        const res = await call(
          admin,
          procedure.type as 'query' | 'mutation',
          procedure.path,
          value,
        );
        expect(res.status, JSON.stringify(res.body)?.slice(0, 2000)).toBeLessThan(500);
        if (res.status < 300) {
          accepted += 1;
          return;
        }
        expect([400, 404, 409]).toContain(res.status);
        const problems = problemsOf(res);
        expect(problems.length).toBeGreaterThan(0);
        if (res.status === 400) for (const p of problems) expect(p.path).not.toBe('');
      }),
      { numRuns: 30, seed: 20261129 },
    );
    // Reads log themselves when they succeed; a run where every call was refused wrote nothing.
    if (accepted === 0) expect(await fingerprint(server)).toBe(before);
  });

  it('refuses a body over the limit (1 MB) with 413 and writes nothing', async () => {
    const before = await fingerprint(server);
    const res = await admin.mutate('time.add', { ...real, activity: 'x'.repeat(2 << 20) });
    expect(res.status).toBe(413);
    expect(problemsOf(res).length).toBeGreaterThan(0);
    expect(await fingerprint(server)).toBe(before);
  });

  // Text that is not blank and has no white space at its ends (notes and names are
  // trimmed, on purpose), with no NUL and no lone surrogate (refused by path, below).
  const freeText = fc
    .oneof(
      fc.constantFrom(...INJECTION, ...UNICODE),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
      fc
        .tuple(fc.constantFrom(...INJECTION), fc.constantFrom(...UNICODE))
        .map(([a, b]) => `${a}${b}${a}`),
    )
    .filter((s) => s.trim() === s && s !== '' && !s.includes('\u0000') && !LONE_SURROGATE.test(s));

  it('refuses a lone surrogate (JSON "\\ud800") in text by its path, writing nothing', async () => {
    const before = await fingerprint(server);
    for (const [path, input, at] of [
      [
        'time.add',
        {
          ...real,
          start: '2026-02-02T10:00:00Z',
          minutes: 1,
          service: 'ccm',
          activity: 'call \uD800',
        },
        'activity',
      ],
      [
        'patients.register',
        {
          practiceId: real.practiceId,
          mrn: 'M-1',
          name: { given: 'A', family: '\uDC00' },
          birthDate: '1950-04-01',
          coverage: [],
          conditions: [],
          encounters: [],
        },
        'name.family',
      ],
      ['correctiveActions.create', { runId: 'r', ruleId: 'x', notes: ['a\uDBFFb'] }, 'notes[0]'],
    ] as const) {
      const res = await admin.mutate(path, input);
      expect(res.status, path).toBe(400);
      expect(problemsOf(res)).toEqual([
        { path: at, message: expect.stringContaining('surrogate') },
      ]);
    }
    expect(await fingerprint(server)).toBe(before);
  });

  it('stores hostile free text an accepted write holds and reads it back byte for byte', async () => {
    const dataset = server.datasets[ORGS[0]];
    const staff = dataset.clinicians.find((c) => c.role === 'clinical-staff') as Clinician;
    const linked = await admin.mutate('clinicianLinks.set', {
      userId: 'admin',
      practiceId: real.practiceId,
      clinicianId: staff.id,
    });
    expect(linked.status).toBe(200);
    // A minute yesterday: in a month that is open, never in the future.
    const start = new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(freeText, freeText, freeText, async (activity, given, family) => {
        n += 1;
        const added = await admin.mutate('time.add', {
          ...real,
          start,
          minutes: 1,
          service: 'ccm',
          activity,
        });
        expect(added.status, JSON.stringify(added.body)).toBe(200);
        const entry = (added.body as { result: { data: { record: TimeEntry } } }).result.data;
        const listed = await admin.query('time.list', { ...real, month: start.slice(0, 7) });
        const entries = (
          listed.body as { result: { data: { entries: Array<{ record: TimeEntry }> } } }
        ).result.data.entries;
        expect(entries.find((e) => e.record.id === entry.record.id)?.record.activity).toBe(
          activity,
        );

        const registered = await admin.mutate('patients.register', {
          practiceId: real.practiceId,
          mrn: `FUZZ-${n}`,
          name: { given, family },
          birthDate: '1950-04-01',
          coverage: [],
          conditions: [],
          encounters: [],
        });
        expect(registered.status, JSON.stringify(registered.body)).toBe(200);
        const { patient } = (registered.body as { result: { data: { patient: { id: string } } } })
          .result.data;
        const read = await admin.query('patients.get', {
          practiceId: real.practiceId,
          patientId: patient.id,
        });
        expect(JSON.stringify(read.body)).toContain(JSON.stringify({ given, family }));
      }),
      { numRuns: 15 },
    );
  });
});

import { DATABASE_KINDS } from '@chronicle/db/testing';
import { proposeBilling } from '@chronicle/rules';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGS, startTestServer, type Agent, type TestServer } from './support/harness.js';

// Month status through the API: months.status gives the billing proposal's entry for the
// patient and month, patients.list with a month gives each row its month status, and a
// bad input is refused with the field named.

const MONTH = '2026-02';
const PRACTICE = 'demo-practice';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response data read loosely, checked by expect
function data(res: Response): any {
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${res.text}`);
  return (res.body as { result: { data: unknown } }).result.data;
}

function problems(res: Response): Array<{ path: string; message: string }> {
  return (res.body as { error: { data: { problems: Array<{ path: string; message: string }> } } })
    .error.data.problems;
}

describe.each(DATABASE_KINDS)('month status API on %s', (kind) => {
  let server: TestServer;
  let careManager: Agent;
  beforeAll(async () => {
    server = await startTestServer(kind);
    careManager = await server.signIn('care-manager');
  });
  afterAll(async () => server?.close());

  it("gives a patient's month status: the billing proposal's entry", async () => {
    const expected = proposeBilling(server.datasets[ORGS[0]], MONTH).patients;
    expect(expected.length).toBeGreaterThan(3);
    for (const entry of expected) {
      const res = await careManager.query('months.status', {
        practiceId: PRACTICE,
        patientId: entry.patientId,
        month: MONTH,
      });
      expect(data(res)).toEqual({ month: MONTH, ...entry });
    }
    // Every role may read it: an auditor too.
    const auditor = await server.signIn('auditor');
    const first = expected[0]?.patientId;
    const res = await auditor.query('months.status', {
      practiceId: PRACTICE,
      patientId: first,
      month: MONTH,
    });
    expect(res.status).toBe(200);
  });

  it('carries each row of a page of the list with its month status', async () => {
    const expected = new Map(
      proposeBilling(server.datasets[ORGS[0]], MONTH).patients.map((p) => [p.patientId, p]),
    );
    const page = data(
      await careManager.query('patients.list', {
        practiceId: PRACTICE,
        page: { index: 0, size: 50 },
        month: MONTH,
      }),
    ) as { rows: Array<{ id: string; monthStatus?: unknown }> };
    expect(page.rows.length).toBeGreaterThan(3);
    for (const row of page.rows) {
      const entry = expected.get(row.id);
      if (!entry) continue;
      expect(row.monthStatus).toEqual({
        month: MONTH,
        countableMinutes: entry.countableMinutes,
        billable: entry.lines,
        next: entry.next ?? null,
        blockers: entry.blockers.map((b) => b.ruleId),
      });
    }
    const plain = data(
      await careManager.query('patients.list', { practiceId: PRACTICE, page: {} }),
    ) as { rows: Array<{ monthStatus?: unknown }> };
    expect(plain.rows.every((r) => r.monthStatus === undefined)).toBe(true);
  });

  it('refuses a bad month, and any missing field, naming it', async () => {
    const patientId = server.datasets[ORGS[0]].patients[0]?.id;
    for (const month of ['2026-13', '2026-2', 'February', '']) {
      const res = await careManager.query('months.status', {
        practiceId: PRACTICE,
        patientId,
        month,
      });
      expect(res.status).toBe(400);
      expect(problems(res)).toEqual([{ path: 'month', message: 'must be a month YYYY-MM' }]);
    }
    const missing = await careManager.query('months.status', {
      practiceId: PRACTICE,
      month: MONTH,
    });
    expect(missing.status).toBe(400);
    expect(problems(missing).map((p) => p.path)).toEqual(['patientId']);
    const extra = await careManager.query('months.status', {
      practiceId: PRACTICE,
      patientId,
      month: MONTH,
      year: 2026,
    });
    expect(extra.status).toBe(400);
    const list = await careManager.query('patients.list', {
      practiceId: PRACTICE,
      page: {},
      month: '2026-00',
    });
    expect(list.status).toBe(400);
    expect(problems(list)).toEqual([{ path: 'month', message: 'must be a month YYYY-MM' }]);
  });

  it('answers 404 for a patient it does not hold; each organization reads its own', async () => {
    const unknown = await careManager.query('months.status', {
      practiceId: PRACTICE,
      patientId: 'p-nobody',
      month: MONTH,
    });
    expect(unknown.status).toBe(404);
    expect(problems(unknown)[0]?.path).toBe('patientId');
    // The south organization's own patients answer for the south, never the north's data.
    const south = await server.signIn('care-manager', ORGS[1]);
    const entry = proposeBilling(server.datasets[ORGS[1]], MONTH).patients[0];
    const res = await south.query('months.status', {
      practiceId: PRACTICE,
      patientId: entry?.patientId,
      month: MONTH,
    });
    expect(data(res)).toEqual({ month: MONTH, ...entry });
    const signedOut = await server.anonymous().query('months.status', {
      practiceId: PRACTICE,
      patientId: entry?.patientId,
      month: MONTH,
    });
    expect(signedOut.status).toBe(401);
  });
});

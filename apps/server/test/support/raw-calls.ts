import { request as httpRequest } from 'node:http';
import { procedureList } from '@chronicle/api';
import { TENANT_TABLES } from '@chronicle/db';
import type { Express } from 'express';
import { sql } from 'kysely';
import request from 'supertest';
import { expect } from 'vitest';
import { SESSION_COOKIE } from '../../src/index.js';
import { PASSWORD, type TestServer } from './harness.js';
import { cookieValue } from './sibling-app.js';

// Requests as an attacker makes them, with exactly the headers given (no cookie jar), from
// an address of their choosing; and a fingerprint of every tenant table, to show that a
// refused request wrote nothing.

const procedures = procedureList();

/** Every tenant table's rows, hashed: equal means nothing was written (sessions: their count). */
export async function fingerprint(server: TestServer): Promise<Record<string, string>> {
  const parts = TENANT_TABLES.map((table) =>
    // A session's expiry slides as it is used: a read may move it, so only the count counts.
    table === 'sessions'
      ? sql`select 'sessions' as t, count(*)::text as v from sessions`
      : sql`select ${table} as t, coalesce(md5(string_agg(r::text, '|' order by r::text)), '') as v
            from ${sql.table(table)} r`,
  );
  const { rows } = await sql<{
    t: string;
    v: string;
  }>`${sql.join(parts, sql` union all `)}`.execute(server.conn.db);
  return Object.fromEntries(rows.map((r) => [r.t, r.v]));
}

/** A signed-in browser's raw cookies and CSRF token. */
export async function signInRaw(app: Express, orgId: string, role: string) {
  const res = await request(app)
    .post('/auth/sign-in')
    .send({ organization: orgId, email: `${role}@${orgId}.test`, password: PASSWORD });
  expect(res.status).toBe(200);
  return {
    token: cookieValue(res.headers['set-cookie'], SESSION_COOKIE),
    csrf: (res.body as { csrfToken: string }).csrfToken,
    setCookie: ([] as string[]).concat(res.headers['set-cookie'] ?? []),
  };
}

/** The status of a JSON POST sent from a local address of the caller's choosing. */
export function postFrom(
  localAddress: string,
  port: number,
  path: string,
  { headers, body }: { headers: Record<string, string>; body: unknown },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        localAddress,
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** A tRPC call with exactly these headers, no cookie jar. */
export function call(app: Express, path: string, input: unknown, headers: Record<string, string>) {
  const type = procedures.find((p) => p.path === path)?.type;
  return type === 'query'
    ? request(app)
        .get(`/api/trpc/${path}`)
        .query({ input: JSON.stringify(input) })
        .set(headers)
    : request(app)
        .post(`/api/trpc/${path}`)
        .set({ 'content-type': 'application/json', ...headers })
        .send(JSON.stringify(input));
}

import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureOrganization,
  recordCdsTokenUse,
  type Connection,
  type Database,
} from '../src/index.js';
import { openAsAppRole, type AppRoleSession } from './support/app-role.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

// The CDS Clients' used tokens, run as the application role so that row-level security
// applies: a token is taken once per organization, kept only until it expires, and one
// organization's record neither blocks nor shows another's.

const T0 = new Date('2026-11-29T12:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const ISSUER = 'https://ehr.example.org';

describe.each(DATABASE_KINDS)('CDS token uses on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  let session: AppRoleSession;
  let app: Kysely<Database>;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
    for (const orgId of ['org-a', 'org-b']) await ensureOrganization(conn.db, orgId);
    session = await openAsAppRole(kind, database.url, conn);
    app = session.db;
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    await conn?.close();
    await database?.drop();
  });

  /** The records the organization's own transactions see. */
  const rowsOf = (orgId: string) =>
    app.transaction().execute(async (trx) => {
      await sql`select set_config('chronicle.org_id', ${orgId}, true)`.execute(trx);
      return trx.selectFrom('cds_token_uses').select(['org_id', 'expires_at']).execute();
    });

  const use = (orgId: string, jti: string, expiresAt = later(10), now = T0) =>
    recordCdsTokenUse(app, { orgId, issuer: ISSUER, jti, expiresAt }, now);

  it('takes a token once; the same jti of another issuer or organization is another token', async () => {
    expect(await use('org-a', 'jti-1')).toBe('first');
    expect(await use('org-a', 'jti-1')).toBe('replayed');
    expect(await use('org-b', 'jti-1')).toBe('first');
    expect(
      await recordCdsTokenUse(
        app,
        { orgId: 'org-a', issuer: 'https://other.example.org', jti: 'jti-1', expiresAt: later(10) },
        T0,
      ),
    ).toBe('first');
  });

  it('keeps a token only until it expires, sweeping it on a later use', async () => {
    expect(await use('org-a', 'jti-short', later(1))).toBe('first');
    expect(await use('org-a', 'jti-short', later(1), later(0.5))).toBe('replayed');
    // Past its expiry the authenticator refuses the token itself; the record has gone.
    expect(await use('org-a', 'jti-other', later(30), later(2))).toBe('first');
    const left = await rowsOf('org-a');
    expect(left.length).toBeGreaterThan(0);
    expect(left.filter((r) => new Date(r.expires_at).getTime() === later(1).getTime())).toEqual([]);
  });

  it('keeps nothing for an organization that is not stored', async () => {
    expect(await use('org-none', 'jti-1')).toBe('no-organization');
    expect(await use('org-none', 'jti-1')).toBe('no-organization');
  });

  it("shows one organization's records to it alone", async () => {
    const seen = await rowsOf('org-b');
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((r) => r.org_id))).toEqual(new Set(['org-b']));
  });
});

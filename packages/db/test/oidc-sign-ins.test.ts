import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createUser,
  matchOidcUser,
  savePendingOidcSignIn,
  takePendingOidcSignIn,
  type Connection,
  type Database,
} from '../src/index.js';
import { openAsAppRole, type AppRoleSession } from './support/app-role.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

// Single sign-on's storage, run as the application role so that row-level security
// applies: a pending sign-in is taken once, only by its own organization, and not after it
// expired; an identity finds a user by its link, else by a verified email (and is then
// linked), never a user of another organization, and never relinks a linked user.

const ISSUER = 'https://login.example.org';
const T0 = new Date('2026-11-29T12:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe.each(DATABASE_KINDS)('OIDC sign-in storage on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  let session: AppRoleSession;
  let app: Kysely<Database>;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
    for (const orgId of ['org-a', 'org-b'])
      await createUser(
        conn.db,
        orgId,
        { id: 'kim', email: `Kim@${orgId}.test`, displayName: 'Kim', role: 'admin' },
        'test',
      );
    await createUser(
      conn.db,
      'org-a',
      { id: 'lee', email: 'lee@org-a.test', displayName: 'Lee', role: 'auditor' },
      'test',
    );
    session = await openAsAppRole(kind, database.url, conn);
    app = session.db;
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    await conn?.close();
    await database?.drop();
  });

  const pending = (id: string, orgId: string, expiresAt = later(10)) => ({
    id,
    orgId,
    codeVerifier: `verifier-${id}`,
    nonce: `nonce-${id}`,
    expiresAt,
  });

  it('takes a pending sign-in once, and only as its own organization', async () => {
    expect(await savePendingOidcSignIn(app, pending('s1', 'org-a'), T0)).toBe(true);
    expect(await takePendingOidcSignIn(app, 'org-b', 's1')).toBeUndefined();
    expect(await takePendingOidcSignIn(app, 'org-a', 's1')).toEqual({
      codeVerifier: 'verifier-s1',
      nonce: 'nonce-s1',
      expiresAt: later(10),
    });
    expect(await takePendingOidcSignIn(app, 'org-a', 's1')).toBeUndefined();
  });

  it('keeps nothing for an organization that does not exist, and sweeps expired sign-ins', async () => {
    expect(await savePendingOidcSignIn(app, pending('s2', 'org-nowhere'), T0)).toBe(false);
    await savePendingOidcSignIn(app, pending('old', 'org-a', later(1)), T0);
    await savePendingOidcSignIn(app, pending('other-org', 'org-b', later(1)), T0);
    await savePendingOidcSignIn(app, pending('s3', 'org-a', later(12)), later(2));
    const { rows } = await session.asSuperuser((db) =>
      sql<{ id: string }>`select id from oidc_sign_ins order by id`.execute(db),
    );
    expect(rows.map((r) => r.id)).toEqual(['other-org', 's3']);
  });

  it('links a verified email once, then finds the user by the link whatever the email', async () => {
    const identity = { issuer: ISSUER, subject: 'sub-kim', emailVerified: true };
    expect(await matchOidcUser(app, 'org-a', { ...identity, email: 'KIM@org-a.test' })).toEqual({
      ok: true,
      orgId: 'org-a',
      userId: 'kim',
      role: 'admin',
      linked: 'new',
    });
    expect(
      await matchOidcUser(app, 'org-a', { ...identity, emailVerified: false, email: 'x@y.test' }),
    ).toMatchObject({ ok: true, userId: 'kim', linked: 'existing' });
    // The same identity at org-b is a stranger there: links are per organization.
    expect(
      await matchOidcUser(app, 'org-b', { ...identity, emailVerified: false, email: undefined }),
    ).toEqual({ ok: false, refusal: 'email-unverified' });
    // Another identity with Kim's email cannot take over the linked account.
    expect(
      await matchOidcUser(app, 'org-a', { ...identity, subject: 'sub-x', email: 'kim@org-a.test' }),
    ).toEqual({ ok: false, refusal: 'linked-elsewhere' });
  });

  it('refuses an unverified email, an unknown one, and a user of another organization', async () => {
    const base = { issuer: ISSUER, subject: 'sub-lee' };
    expect(
      await matchOidcUser(app, 'org-a', { ...base, email: 'lee@org-a.test', emailVerified: false }),
    ).toEqual({ ok: false, refusal: 'email-unverified' });
    expect(
      await matchOidcUser(app, 'org-b', { ...base, email: 'lee@org-a.test', emailVerified: true }),
    ).toEqual({ ok: false, refusal: 'unknown-user' });
    const { rows } = await session.asSuperuser((db) =>
      sql<{ oidc_subject: string | null }>`
        select oidc_subject from users where id = 'lee'`.execute(db),
    );
    expect(rows).toEqual([{ oidc_subject: null }]);
  });
});

import { sql } from 'kysely';
import { appendActivity } from './activity-log.js';
import type { Role } from './sessions.js';
import { withTenant, type Db } from './tenant.js';

// What sign-in through an organization's OpenID Connect provider keeps in the database:
// the sign-ins sent to the provider and not back yet (so that any server process can
// finish one), and the link from a user to an identity at the provider. Users are never
// created here: a provider's identity only ever reaches a user an admin made.

export interface PendingOidcSignIn {
  codeVerifier: string;
  nonce: string;
  expiresAt: Date;
}

/**
 * Keeps a sign-in until the provider sends the browser back, and sweeps the
 * organization's expired ones. False when there is no such organization (nothing is kept).
 */
export async function savePendingOidcSignIn(
  db: Db,
  input: { id: string; orgId: string; codeVerifier: string; nonce: string; expiresAt: Date },
  now: Date,
): Promise<boolean> {
  const { id, orgId } = input;
  return withTenant(db, orgId, async (trx) => {
    const org = await trx
      .selectFrom('organizations')
      .select('id')
      .where('id', '=', orgId)
      .executeTakeFirst();
    if (!org) return false;
    await trx
      .deleteFrom('oidc_sign_ins')
      .where('org_id', '=', orgId)
      .where('expires_at', '<=', now)
      .execute();
    await trx
      .insertInto('oidc_sign_ins')
      .values({
        id,
        org_id: orgId,
        code_verifier: input.codeVerifier,
        nonce: input.nonce,
        expires_at: input.expiresAt.toISOString(),
      })
      .execute();
    return true;
  });
}

/**
 * Takes a pending sign-in of the organization: it is deleted as it is read, so that a
 * second callback with the same state finds nothing. Expired ones are returned too, for
 * the caller to refuse with a reason.
 */
export async function takePendingOidcSignIn(
  db: Db,
  orgId: string,
  id: string,
): Promise<PendingOidcSignIn | undefined> {
  const row = await withTenant(db, orgId, (trx) =>
    trx
      .deleteFrom('oidc_sign_ins')
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .returning(['code_verifier', 'nonce', 'expires_at'])
      .executeTakeFirst(),
  );
  return row
    ? { codeVerifier: row.code_verifier, nonce: row.nonce, expiresAt: row.expires_at }
    : undefined;
}

/** An identity as the provider's ID token tells it. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email?: string | undefined;
  /** Only an email the provider says it verified may find a user. */
  emailVerified: boolean;
}

export type OidcRefusal =
  /** No user is linked to the identity, and its email is not verified. */
  | 'email-unverified'
  /** No user is linked to the identity or has its verified email. */
  | 'unknown-user'
  /** The user with the email is linked to another identity at this provider. */
  | 'linked-elsewhere'
  | 'disabled';

export type OidcMatch =
  | { ok: true; orgId: string; userId: string; role: Role; linked: 'existing' | 'new' }
  | { ok: false; refusal: OidcRefusal };

/**
 * The user of the organization an identity signs in as: the one linked to it, else the
 * one with its verified email (case aside), which is then linked to it, in one transaction.
 * A user already linked to another identity at the same issuer is not relinked by email:
 * a changed or reused address at the provider must not move an account to someone else.
 */
export async function matchOidcUser(
  db: Db,
  orgId: string,
  identity: OidcIdentity,
): Promise<OidcMatch> {
  return withTenant(db, orgId, async (trx) => {
    const users = trx
      .selectFrom('users')
      .select(['id', 'role', 'disabled_at', 'oidc_issuer', 'oidc_subject'])
      .where('org_id', '=', orgId);
    const linked = await users
      .where('oidc_issuer', '=', identity.issuer)
      .where('oidc_subject', '=', identity.subject)
      .executeTakeFirst();
    if (linked)
      return linked.disabled_at !== null
        ? { ok: false, refusal: 'disabled' }
        : { ok: true, orgId, userId: linked.id, role: linked.role, linked: 'existing' };
    if (!identity.emailVerified || identity.email === undefined)
      return { ok: false, refusal: 'email-unverified' };
    const byEmail = await users
      .where(sql<string>`lower(email)`, '=', identity.email.trim().toLowerCase())
      .forUpdate()
      .executeTakeFirst();
    if (!byEmail) return { ok: false, refusal: 'unknown-user' };
    if (byEmail.disabled_at !== null) return { ok: false, refusal: 'disabled' };
    if (byEmail.oidc_issuer === identity.issuer) return { ok: false, refusal: 'linked-elsewhere' };
    await trx
      .updateTable('users')
      // The version is left alone: it guards what admins edit, and the link is not that.
      .set({ oidc_issuer: identity.issuer, oidc_subject: identity.subject })
      .where('org_id', '=', orgId)
      .where('id', '=', byEmail.id)
      .execute();
    await appendActivity(trx, orgId, [
      {
        actor: byEmail.id,
        action: 'update',
        recordType: 'user',
        recordId: byEmail.id,
        fields: ['signInLink'],
      },
    ]);
    return { ok: true, orgId, userId: byEmail.id, role: byEmail.role, linked: 'new' };
  });
}

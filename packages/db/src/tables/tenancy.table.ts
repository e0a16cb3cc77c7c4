import type { ColumnType, Generated } from 'kysely';

// Organizations are the tenants: every other row carries one `org_id`, checked by the
// repositories and, on PostgreSQL, by row-level security as well.

export interface OrganizationTable {
  id: string;
  name: string;
  created_at: ColumnType<Date, string | undefined, never>;
  /** The activity log's length and last hash (see activity-log.ts). */
  log_seq: Generated<number>;
  log_head: Generated<string>;
}

export interface UserTable {
  org_id: string;
  id: string;
  email: string;
  display_name: string;
  role: 'admin' | 'care-manager' | 'practitioner' | 'compliance-officer' | 'auditor';
  created_at: ColumnType<Date, string | undefined, never>;
  version: Generated<number>;
  /** An argon2id hash (PHC string); null until a password is set. */
  password_hash: string | null;
  failed_sign_ins: Generated<number>;
  locked_until: Date | null;
  disabled_at: Date | null;
  /** The user's identity at the organization's OpenID Connect provider, once linked. */
  oidc_issuer: string | null;
  oidc_subject: string | null;
  /** When a session of the user last began (password or single sign-on). */
  last_sign_in_at: ColumnType<Date | null, never, string>;
}

// Sign-in state. Sessions are under row-level security like every tenant table, and also
// visible by their id (the hash of the cookie's token) before the organization is known;
// sign-in attempts are keyed by address or account and hold no patient data.

export interface SessionTable {
  /** SHA-256 of the session token, hex: the token itself is only in the cookie. */
  id: string;
  org_id: string;
  user_id: string;
  /** SHA-256 of the session's CSRF token. */
  csrf_hash: string;
  created_at: ColumnType<Date, string | undefined, never>;
  last_seen_at: ColumnType<Date, string | undefined, string>;
  expires_at: ColumnType<Date, string, string>;
}

export interface SignInAttemptTable {
  /** What is limited: an address (`ip:...`) or an account (`user:org/email`). */
  key: string;
  at: ColumnType<Date, string | undefined, never>;
}

/**
 * A sign-in sent to an OpenID Connect provider and not back yet. Taken (deleted) once by
 * the callback; a row past `expires_at` is refused and swept by later sign-ins.
 */
export interface OidcSignInTable {
  /** SHA-256 of the `state` sent to the provider, hex: the state itself is in a cookie. */
  id: string;
  org_id: string;
  /** The PKCE code verifier the token request must send. */
  code_verifier: string;
  /** The nonce the ID token must carry. */
  nonce: string;
  created_at: ColumnType<Date, string | undefined, never>;
  expires_at: ColumnType<Date, string, never>;
}

/**
 * A CDS Client's bearer token that has been used: a second call with it is refused. Swept
 * once it could no longer be accepted anyway.
 */
export interface CdsTokenUseTable {
  org_id: string;
  /** SHA-256 of the issuer and the token's `jti`, hex. */
  token_hash: string;
  expires_at: ColumnType<Date, string, never>;
}

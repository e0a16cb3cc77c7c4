import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports the current table types, so later changes
// to them cannot change what it creates.
//
// Sign-in through an organization's own OpenID Connect provider. A user may carry one
// link to an identity there (the issuer and its `sub`), unique within the organization.
// A sign-in that has been sent to the provider and not come back yet is kept here, not in
// a process's memory, so that any server process can finish it: by the SHA-256 of its
// `state`, with the PKCE verifier and nonce it must be finished with, under row-level
// security like every tenant table (the organization is in the callback's URL).

async function run(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*(?:\n|$)/)) {
    if (statement.trim() !== '') await sql.raw(statement).execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await run(
    db,
    `
    ALTER TABLE users ADD COLUMN oidc_issuer text;
    ALTER TABLE users ADD COLUMN oidc_subject text;
    ALTER TABLE users ADD CONSTRAINT users_oidc_link_check
      CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL));
    CREATE UNIQUE INDEX users_by_oidc_subject ON users (org_id, oidc_issuer, oidc_subject);

    CREATE TABLE oidc_sign_ins (
      id text PRIMARY KEY,
      org_id text NOT NULL REFERENCES organizations(id),
      code_verifier text NOT NULL,
      nonce text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX oidc_sign_ins_by_expiry ON oidc_sign_ins (org_id, expires_at);
    ALTER TABLE oidc_sign_ins ENABLE ROW LEVEL SECURITY;
    ALTER TABLE oidc_sign_ins FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON oidc_sign_ins
      USING (org_id = current_setting('chronicle.org_id', true))
      WITH CHECK (org_id = current_setting('chronicle.org_id', true));
    `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(
    db,
    `
    DROP TABLE oidc_sign_ins;
    DROP INDEX users_by_oidc_subject;
    ALTER TABLE users DROP CONSTRAINT users_oidc_link_check;
    ALTER TABLE users DROP COLUMN oidc_subject;
    ALTER TABLE users DROP COLUMN oidc_issuer;
    `,
  );
}

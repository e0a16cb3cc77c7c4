import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports the current table types, so later changes
// to them cannot change what it creates.
//
// A CDS Client signs a new JWT for every call, each with its own `jti`, so that a token
// seen once cannot be sent again by someone who copied it. The tokens a client has used
// are kept here until they could no longer be accepted anyway (then swept), by the
// SHA-256 of the issuer and `jti`, in the database rather than a process's memory so
// that every server process refuses a token any of them has seen; under row-level
// security, as each client calls for one organization.

async function run(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*(?:\n|$)/)) {
    if (statement.trim() !== '') await sql.raw(statement).execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await run(
    db,
    `
    CREATE TABLE cds_token_uses (
      org_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
      token_hash text NOT NULL,
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (org_id, token_hash)
    );
    CREATE INDEX cds_token_uses_by_expiry ON cds_token_uses (org_id, expires_at);
    ALTER TABLE cds_token_uses ENABLE ROW LEVEL SECURITY;
    ALTER TABLE cds_token_uses FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON cds_token_uses
      USING (org_id = current_setting('chronicle.org_id', true))
      WITH CHECK (org_id = current_setting('chronicle.org_id', true));
    `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE cds_token_uses`.execute(db);
}

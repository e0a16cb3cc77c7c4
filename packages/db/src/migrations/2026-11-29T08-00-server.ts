import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports the current table types, so later changes
// to them cannot change what it creates.
//
// What the server needs: the roles it enforces, local sign-in (a password hash per user,
// failed attempts and lockout), sessions kept in the database so that any server process
// can serve any request (under row-level security: a session is seen by its organization,
// or by whoever names its id, the hash of a token only its browser holds), sign-in attempts for rate limiting across processes, and audit
// runs that are background jobs (queued, running with progress, cancelled, failed, done).

async function run(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*(?:\n|$)/)) {
    if (statement.trim() !== '') await sql.raw(statement).execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await run(
    db,
    `
    ALTER TABLE users DROP CONSTRAINT users_role_check;
    UPDATE users SET role = 'auditor' WHERE role = 'developer';
    ALTER TABLE users ADD CONSTRAINT users_role_check
      CHECK (role IN ('admin', 'care-manager', 'practitioner', 'compliance-officer', 'auditor'));
    ALTER TABLE users ADD COLUMN password_hash text;
    ALTER TABLE users ADD COLUMN failed_sign_ins integer NOT NULL DEFAULT 0;
    ALTER TABLE users ADD COLUMN locked_until timestamptz;
    ALTER TABLE users ADD COLUMN disabled_at timestamptz;
    CREATE UNIQUE INDEX users_by_email ON users (org_id, lower(email));
    CREATE INDEX patients_by_name ON patients
      (org_id, practice_id, lower(data->'name'->>'family'), lower(data->'name'->>'given'), id);

    CREATE TABLE sessions (
      id text PRIMARY KEY,
      org_id text NOT NULL,
      user_id text NOT NULL,
      csrf_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id) ON DELETE CASCADE
    );
    CREATE INDEX sessions_by_user ON sessions (org_id, user_id);
    ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
    ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON sessions
      USING (org_id = current_setting('chronicle.org_id', true)
             OR id = current_setting('chronicle.session_id', true))
      WITH CHECK (org_id = current_setting('chronicle.org_id', true)
             OR id = current_setting('chronicle.session_id', true));

    CREATE TABLE sign_in_attempts (
      key text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX sign_in_attempts_by_key ON sign_in_attempts (key, at);

    ALTER TABLE audit_runs ADD COLUMN status text NOT NULL DEFAULT 'done'
      CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled'));
    ALTER TABLE audit_runs ADD COLUMN period_from text;
    ALTER TABLE audit_runs ADD COLUMN period_to text;
    ALTER TABLE audit_runs ADD COLUMN requested_by text;
    ALTER TABLE audit_runs ADD COLUMN progress_done integer NOT NULL DEFAULT 0;
    ALTER TABLE audit_runs ADD COLUMN progress_total integer NOT NULL DEFAULT 0;
    ALTER TABLE audit_runs ADD COLUMN finished_at timestamptz;
    ALTER TABLE audit_runs ADD COLUMN error text;
    ALTER TABLE audit_runs ADD COLUMN cancel_requested boolean NOT NULL DEFAULT false;
    ALTER TABLE audit_runs ADD COLUMN report jsonb;
    `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(
    db,
    `
    ALTER TABLE audit_runs DROP COLUMN report;
    ALTER TABLE audit_runs DROP COLUMN cancel_requested;
    ALTER TABLE audit_runs DROP COLUMN error;
    ALTER TABLE audit_runs DROP COLUMN finished_at;
    ALTER TABLE audit_runs DROP COLUMN progress_total;
    ALTER TABLE audit_runs DROP COLUMN progress_done;
    ALTER TABLE audit_runs DROP COLUMN requested_by;
    ALTER TABLE audit_runs DROP COLUMN period_to;
    ALTER TABLE audit_runs DROP COLUMN period_from;
    ALTER TABLE audit_runs DROP COLUMN status;
    DROP TABLE sign_in_attempts;
    DROP TABLE sessions;
    DROP INDEX patients_by_name;
    DROP INDEX users_by_email;
    ALTER TABLE users DROP COLUMN disabled_at;
    ALTER TABLE users DROP COLUMN locked_until;
    ALTER TABLE users DROP COLUMN failed_sign_ins;
    ALTER TABLE users DROP COLUMN password_hash;
    ALTER TABLE users DROP CONSTRAINT users_role_check;
    UPDATE users SET role = 'care-manager' WHERE role = 'practitioner';
    UPDATE users SET role = 'developer' WHERE role = 'auditor';
    ALTER TABLE users ADD CONSTRAINT users_role_check
      CHECK (role IN ('admin', 'care-manager', 'compliance-officer', 'developer'));
    `,
  );
}

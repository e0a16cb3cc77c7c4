import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports the current table types, so later changes
// to them cannot change what it creates.

const TENANT_TABLES = [
  'users',
  'practices',
  'clinicians',
  'patients',
  'coverage',
  'conditions',
  'encounters',
  'consents',
  'care_plan_events',
  'time_entries',
  'claims',
  'claim_lines',
  'enrollment_events',
  'activity_log',
  'audit_runs',
  'audit_findings',
];

// One statement per query: PGlite's extended protocol takes no multi-statement strings.
async function run(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*(?:\n|$)/)) {
    if (statement.trim() !== '') await sql.raw(statement).execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await run(
    db,
    `
    CREATE TABLE organizations (
      id text PRIMARY KEY,
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      log_seq bigint NOT NULL DEFAULT 0,
      log_head text NOT NULL DEFAULT '${'0'.repeat(64)}'
    );
    CREATE TABLE users (
      org_id text NOT NULL REFERENCES organizations(id),
      id text NOT NULL,
      email text NOT NULL,
      display_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'care-manager', 'compliance-officer', 'developer')),
      created_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (org_id, id)
    );
    CREATE TABLE practices (
      org_id text NOT NULL REFERENCES organizations(id),
      id text NOT NULL,
      name text NOT NULL,
      timezone text NOT NULL,
      data jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (org_id, id)
    );
    CREATE TABLE clinicians (
      org_id text NOT NULL,
      practice_id text NOT NULL,
      id text NOT NULL,
      ord integer NOT NULL,
      role text NOT NULL,
      data jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (org_id, practice_id, id),
      FOREIGN KEY (org_id, practice_id) REFERENCES practices(org_id, id) ON DELETE CASCADE
    );
    CREATE TABLE patients (
      org_id text NOT NULL,
      practice_id text NOT NULL,
      id text NOT NULL,
      ord integer NOT NULL,
      data jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (org_id, practice_id, id),
      FOREIGN KEY (org_id, practice_id) REFERENCES practices(org_id, id) ON DELETE CASCADE
    );
    CREATE TABLE coverage (
      org_id text NOT NULL,
      practice_id text NOT NULL,
      patient_id text NOT NULL,
      ord integer NOT NULL,
      data jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (org_id, practice_id, patient_id, ord),
      FOREIGN KEY (org_id, practice_id, patient_id) REFERENCES patients(org_id, practice_id, id) ON DELETE CASCADE
    );
    CREATE TABLE conditions (
      org_id text NOT NULL,
      practice_id text NOT NULL,
      patient_id text NOT NULL,
      id text NOT NULL,
      ord integer NOT NULL,
      data jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (org_id, practice_id, patient_id, id),
      FOREIGN KEY (org_id, practice_id, patient_id) REFERENCES patients(org_id, practice_id, id) ON DELETE CASCADE
    );
    CREATE TABLE encounters (
      org_id text NOT NULL,
      practice_id text NOT NULL,
      patient_id text NOT NULL,
      id text NOT NULL,
      ord integer NOT NULL,
      date text NOT NULL,
      kind text NOT NULL,
      data jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (org_id, practice_id, patient_id, id),
      FOREIGN KEY (org_id, practice_id, patient_id) REFERENCES patients(org_id, practice_id, id) ON DELETE CASCADE
    );
    CREATE TABLE consents (
      org_id text NOT NULL,
      practice_id text NOT NULL,
      patient_id text NOT NULL,
      id text NOT NULL,
      ord integer NOT NULL,
      date text NOT NULL,
      data jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (org_id, practice_id, patient_id, id),
      FOREIGN KEY (org_id, practice_id, patient_id) REFERENCES patients(org_id, practice_id, id) ON DELETE CASCADE
    );
    CREATE TABLE care_plan_events (
      org_id text NOT NULL,
      practice_id text NOT NULL,
      patient_id text NOT NULL,
      id text NOT NULL,
      ord integer NOT NULL,
      date text NOT NULL,
      data jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (org_id, practice_id, patient_id, id),
      FOREIGN KEY (org_id, practice_id, patient_id) REFERENCES patients(org_id, practice_id, id) ON DELETE CASCADE
    );
    CREATE TABLE time_entries (
      org_id text NOT NULL,
      practice_id text NOT NULL,
      patient_id text NOT NULL,
      id text NOT NULL,
      ord integer NOT NULL,
      clinician_id text NOT NULL,
      start_ms double precision NOT NULL,
      end_ms double precision NOT NULL,
      data jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (org_id, practice_id, patient_id, id),
      FOREIGN KEY (org_id, practice_id, patient_id) REFERENCES patients(org_id, practice_id, id) ON DELETE CASCADE
    );
    CREATE INDEX time_entries_by_clinician ON time_entries (org_id, practice_id, clinician_id, start_ms);
    CREATE TABLE claims (
      org_id text NOT NULL,
      practice_id text NOT NULL,
      patient_id text NOT NULL,
      id text NOT NULL,
      ord integer NOT NULL,
      date_of_service text NOT NULL,
      billing_practitioner_id text NOT NULL,
      data jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (org_id, practice_id, patient_id, id),
      FOREIGN KEY (org_id, practice_id, patient_id) REFERENCES patients(org_id, practice_id, id) ON DELETE CASCADE
    );
    CREATE TABLE claim_lines (
      org_id text NOT NULL,
      practice_id text NOT NULL,
      patient_id text NOT NULL,
      claim_id text NOT NULL,
      ord integer NOT NULL,
      code text NOT NULL,
      units integer NOT NULL,
      data jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (org_id, practice_id, patient_id, claim_id, ord),
      FOREIGN KEY (org_id, practice_id, patient_id, claim_id) REFERENCES claims(org_id, practice_id, patient_id, id) ON DELETE CASCADE
    );
    CREATE TABLE enrollment_events (
      org_id text NOT NULL,
      id bigserial,
      practice_id text NOT NULL,
      patient_id text NOT NULL,
      program text NOT NULL,
      status text NOT NULL CHECK (status IN ('candidate', 'invited', 'enrolled', 'declined', 'disenrolled', 'enrolled-elsewhere')),
      effective_on text NOT NULL,
      reason text NOT NULL,
      author_id text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, practice_id, patient_id) REFERENCES patients(org_id, practice_id, id) ON DELETE CASCADE
    );
    CREATE TABLE activity_log (
      org_id text NOT NULL REFERENCES organizations(id),
      seq bigint NOT NULL,
      at text NOT NULL,
      actor text NOT NULL,
      action text NOT NULL,
      record_type text NOT NULL,
      record_id text NOT NULL,
      fields jsonb NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      PRIMARY KEY (org_id, seq)
    );
    CREATE TABLE audit_runs (
      org_id text NOT NULL REFERENCES organizations(id),
      id text NOT NULL,
      practice_id text NOT NULL,
      started_at text NOT NULL,
      rules_version text NOT NULL,
      policy jsonb NOT NULL,
      summary jsonb NOT NULL,
      PRIMARY KEY (org_id, id)
    );
    CREATE TABLE audit_findings (
      org_id text NOT NULL,
      run_id text NOT NULL,
      patient_id text NOT NULL,
      month text NOT NULL,
      billing_practitioner_id text,
      rule_id text NOT NULL,
      severity text NOT NULL,
      message text NOT NULL,
      evidence jsonb NOT NULL,
      FOREIGN KEY (org_id, run_id) REFERENCES audit_runs(org_id, id) ON DELETE CASCADE
    );
    CREATE INDEX audit_findings_by_run ON audit_findings (org_id, run_id, patient_id, month);
  `,
  );
  // Row-level security: a session sees and changes only the rows of the organization named
  // by the chronicle.org_id setting (set per transaction by the repositories). Owners are
  // held to it too (FORCE); superusers bypass it, as PostgreSQL always lets them.
  for (const table of TENANT_TABLES) {
    await run(
      db,
      `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
       ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
       CREATE POLICY tenant_isolation ON ${table}
         USING (org_id = current_setting('chronicle.org_id', true))
         WITH CHECK (org_id = current_setting('chronicle.org_id', true));`,
    );
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(
    db,
    `DROP TABLE audit_findings, audit_runs, activity_log, enrollment_events, claim_lines,
      claims, time_entries, care_plan_events, consents, encounters, conditions, coverage,
      patients, clinicians, practices, users, organizations`,
  );
}

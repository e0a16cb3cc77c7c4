import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports the current table types, so later changes
// to them cannot change what it creates.
//
// A closed month is kept as a decision record: the inputs the audit read, the rules version
// and policy it ran with and what it decided. Records the close rests on are changed after
// that only by amendments, which keep both versions, the author and a reason.

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
    CREATE TABLE month_closes (
      org_id text NOT NULL,
      practice_id text NOT NULL,
      patient_id text NOT NULL,
      month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      billing_practitioner_id text,
      closed_at text NOT NULL,
      closed_by text NOT NULL,
      rules_version text NOT NULL,
      policy jsonb NOT NULL,
      inputs jsonb NOT NULL,
      outcome jsonb NOT NULL,
      PRIMARY KEY (org_id, practice_id, patient_id, month),
      FOREIGN KEY (org_id, practice_id, patient_id) REFERENCES patients(org_id, practice_id, id) ON DELETE RESTRICT
    );
    CREATE TABLE amendments (
      org_id text NOT NULL,
      id bigserial,
      practice_id text NOT NULL,
      patient_id text NOT NULL,
      record_type text NOT NULL CHECK (record_type IN ('time_entry', 'consent', 'care_plan_event')),
      record_id text NOT NULL,
      before jsonb NOT NULL,
      after jsonb NOT NULL,
      author text NOT NULL,
      at text NOT NULL,
      reason text NOT NULL CHECK (reason <> ''),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, practice_id, patient_id) REFERENCES patients(org_id, practice_id, id) ON DELETE RESTRICT
    );
    CREATE INDEX amendments_by_patient ON amendments (org_id, practice_id, patient_id, id);
  `,
  );
  // Row-level security as on every other tenant table (see the core migration).
  for (const table of ['month_closes', 'amendments']) {
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
  await run(db, `DROP TABLE amendments, month_closes`);
}

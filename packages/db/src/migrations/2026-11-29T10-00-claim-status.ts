import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports the current table types, so later changes
// to them cannot change what it creates.
//
// Claims the server proposes and a person approves move through a workflow the dataset's
// claim status (draft, submitted, paid, denied) does not tell: approved, held with a
// reason, released, submitted. Each step is kept as a row that is never updated, with its
// author and time, beside the claim it belongs to. The rows name the claim by id rather
// than by a foreign key: an import that drops a claim and a later one that brings it back
// (an export edited and imported again) keep its history.

async function run(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*(?:\n|$)/)) {
    if (statement.trim() !== '') await sql.raw(statement).execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await run(
    db,
    `
    CREATE TABLE claim_status (
      org_id text NOT NULL,
      id bigserial,
      practice_id text NOT NULL,
      patient_id text NOT NULL,
      claim_id text NOT NULL,
      status text NOT NULL CHECK (status IN ('approved', 'held', 'released', 'submitted')),
      reason text CHECK (status NOT IN ('held', 'released') OR reason <> ''),
      author text NOT NULL,
      at timestamptz NOT NULL,
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, practice_id, patient_id) REFERENCES patients(org_id, practice_id, id) ON DELETE CASCADE
    );
    CREATE INDEX claim_status_by_claim ON claim_status (org_id, practice_id, patient_id, claim_id, id);
    ALTER TABLE claim_status ENABLE ROW LEVEL SECURITY;
    ALTER TABLE claim_status FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON claim_status
      USING (org_id = current_setting('chronicle.org_id', true))
      WITH CHECK (org_id = current_setting('chronicle.org_id', true));
    `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(db, `DROP TABLE claim_status`);
}

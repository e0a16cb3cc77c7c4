import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports the current table types, so later changes
// to them cannot change what it creates.
//
// What recording care from the server needs:
// - user_clinicians: which clinician of a practice a user is, so that the time a user
//   records is the clinician's time (a user may work in several practices of the
//   organization, as one clinician each; a clinician is at most one user);
// - timers: a running timer per user and patient, kept in the database so that any server
//   process can stop what another started.
// Both are tenant tables under forced row-level security, like every other.

async function run(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*(?:\n|$)/)) {
    if (statement.trim() !== '') await sql.raw(statement).execute(db);
  }
}

const TABLES = ['user_clinicians', 'timers'];

export async function up(db: Kysely<any>): Promise<void> {
  await run(
    db,
    `
    CREATE TABLE user_clinicians (
      org_id text NOT NULL,
      user_id text NOT NULL,
      practice_id text NOT NULL,
      clinician_id text NOT NULL,
      linked_at timestamptz NOT NULL DEFAULT now(),
      linked_by text NOT NULL,
      PRIMARY KEY (org_id, user_id, practice_id),
      FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id) ON DELETE CASCADE,
      FOREIGN KEY (org_id, practice_id, clinician_id)
        REFERENCES clinicians(org_id, practice_id, id) ON DELETE CASCADE
    );
    CREATE UNIQUE INDEX user_clinicians_by_clinician
      ON user_clinicians (org_id, practice_id, clinician_id);

    CREATE TABLE timers (
      org_id text NOT NULL,
      user_id text NOT NULL,
      practice_id text NOT NULL,
      patient_id text NOT NULL,
      clinician_id text NOT NULL,
      service text NOT NULL,
      activity text NOT NULL,
      started_at timestamptz NOT NULL,
      PRIMARY KEY (org_id, user_id, practice_id, patient_id),
      FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id) ON DELETE CASCADE,
      FOREIGN KEY (org_id, practice_id, patient_id)
        REFERENCES patients(org_id, practice_id, id) ON DELETE CASCADE
    );
    `,
  );
  for (const table of TABLES) {
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
  await run(db, `DROP TABLE timers, user_clinicians`);
}

import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports the current table types, so later changes
// to them cannot change what it creates.
//
// What happens after an audit: a corrective-action plan per run (one item per rule with
// findings, with an owner, a due date, a status and a re-test against a later run), and
// the follow-up of each month found in error after its claim went out (identified,
// quantified, refunded), which the 60-day overpayment rule puts a deadline on. Both are
// edited by people at the same time, so each row has a version. Cases name the patient by
// id without a foreign key, as claim_status does: an import that drops a patient must not
// take the record of a refund with it, nor be refused because of one. Runs are never
// deleted, and the plain references keep it so while a plan or a case names one.

async function run(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*(?:\n|$)/)) {
    if (statement.trim() !== '') await sql.raw(statement).execute(db);
  }
}

const DATE = `'^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'`;

export async function up(db: Kysely<any>): Promise<void> {
  await run(
    db,
    `
    CREATE TABLE corrective_actions (
      org_id text NOT NULL,
      id text NOT NULL,
      practice_id text NOT NULL,
      run_id text NOT NULL,
      rule_id text NOT NULL,
      owner_id text,
      due_on text CHECK (due_on ~ ${DATE}),
      status text NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'in-progress', 'done', 'verified')),
      action text NOT NULL,
      notes text NOT NULL DEFAULT '',
      retest_run_id text,
      retest_result text CHECK (retest_result IN ('pass', 'fail')),
      retest_findings integer CHECK (retest_findings >= 0),
      retested_at timestamptz,
      retested_by text,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, run_id, rule_id),
      CHECK ((retest_run_id IS NULL) = (retest_result IS NULL)),
      CHECK (status <> 'verified' OR retest_result = 'pass'),
      FOREIGN KEY (org_id, run_id) REFERENCES audit_runs(org_id, id),
      FOREIGN KEY (org_id, retest_run_id) REFERENCES audit_runs(org_id, id)
    );
    CREATE TABLE overpayment_follow_ups (
      org_id text NOT NULL,
      id text NOT NULL,
      practice_id text NOT NULL,
      run_id text NOT NULL,
      patient_id text NOT NULL,
      month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      billing_practitioner_id text NOT NULL,
      claim_ids jsonb NOT NULL,
      identified_on text NOT NULL CHECK (identified_on ~ ${DATE}),
      investigation_ends_on text CHECK (investigation_ends_on >= identified_on),
      quantified_on text CHECK (quantified_on >= identified_on),
      quantified_cents integer CHECK (quantified_cents >= 0),
      refunded_on text CHECK (refunded_on >= quantified_on),
      refunded_cents integer CHECK (refunded_cents >= 0),
      refund_reference text,
      notes text NOT NULL DEFAULT '',
      opened_by text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, practice_id, patient_id, month, billing_practitioner_id),
      CHECK ((quantified_on IS NULL) = (quantified_cents IS NULL)),
      CHECK ((refunded_on IS NULL) = (refunded_cents IS NULL)),
      CHECK ((refunded_on IS NULL) = (refund_reference IS NULL)),
      CHECK (refunded_on IS NULL OR quantified_on IS NOT NULL),
      FOREIGN KEY (org_id, run_id) REFERENCES audit_runs(org_id, id)
    );
    CREATE INDEX overpayment_follow_ups_by_identified ON overpayment_follow_ups (org_id, identified_on)
  `,
  );
  // Row-level security as on every other tenant table (see the core migration).
  for (const table of ['corrective_actions', 'overpayment_follow_ups']) {
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
  await run(db, `DROP TABLE overpayment_follow_ups, corrective_actions`);
}

import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports the current table types, so later changes
// to them cannot change what it creates.
//
// Sampled audit runs: the sample a run was asked to draw (size, seed, stratification), so
// that whichever server process takes the job draws the same one, and the estimate it
// extrapolated, kept beside the summary so that the list of runs can show it without
// reading the whole report.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE audit_runs ADD COLUMN sample jsonb`.execute(db);
  await sql`ALTER TABLE audit_runs ADD COLUMN estimate jsonb`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE audit_runs DROP COLUMN estimate`.execute(db);
  await sql`ALTER TABLE audit_runs DROP COLUMN sample`.execute(db);
}

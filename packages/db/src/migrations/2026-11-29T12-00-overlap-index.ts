import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports the current table types, so later changes
// to them cannot change what it creates.
//
// The clinician-overlap reads (an audit's pass over a practice's time entries, a month
// status's look back over a clinician's recent entries) want each entry's end, patient and
// id beside its clinician and start. Carried in the index they come from it alone (an
// index-only scan, where the table's pages are all visible, as vacuum keeps them), not
// from a visit to the table for each entry.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX time_entries_by_clinician`.execute(db);
  await sql`
    CREATE INDEX time_entries_by_clinician ON time_entries (org_id, practice_id, clinician_id, start_ms)
      INCLUDE (end_ms, patient_id, id)
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX time_entries_by_clinician`.execute(db);
  await sql`
    CREATE INDEX time_entries_by_clinician ON time_entries (org_id, practice_id, clinician_id, start_ms)
  `.execute(db);
}

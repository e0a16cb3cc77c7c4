import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports the current table types, so later changes
// to them cannot change what it creates.
//
// When each user last signed in (by password or single sign-on), for the admins' list of
// users: an account nobody has used for months is one to disable. Sessions cannot tell
// it, as they are deleted at sign-out and expiry.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN last_sign_in_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE users DROP COLUMN last_sign_in_at`.execute(db);
}

import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports the current table types, so later changes
// to them cannot change what it creates.
//
// The organizations table under row-level security too: a session set to one organization
// sees and changes only that organization's row (its name, and the head of its activity
// log), so no tenant can list the others or move another's log head.

async function run(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*(?:\n|$)/)) {
    if (statement.trim() !== '') await sql.raw(statement).execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await run(
    db,
    `ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
     ALTER TABLE organizations FORCE ROW LEVEL SECURITY;
     CREATE POLICY tenant_isolation ON organizations
       USING (id = current_setting('chronicle.org_id', true))
       WITH CHECK (id = current_setting('chronicle.org_id', true));`,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(
    db,
    `DROP POLICY tenant_isolation ON organizations;
     ALTER TABLE organizations NO FORCE ROW LEVEL SECURITY;
     ALTER TABLE organizations DISABLE ROW LEVEL SECURITY;`,
  );
}

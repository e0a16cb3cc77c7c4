import type { ColumnType, Generated } from 'kysely';

// Organizations are the tenants: every other row carries one `org_id`, checked by the
// repositories and, on PostgreSQL, by row-level security as well.

export interface OrganizationTable {
  id: string;
  name: string;
  created_at: ColumnType<Date, string | undefined, never>;
  /** The activity log's length and last hash (see activity-log.ts). */
  log_seq: Generated<number>;
  log_head: Generated<string>;
}

export interface UserTable {
  org_id: string;
  id: string;
  email: string;
  display_name: string;
  role: 'admin' | 'care-manager' | 'compliance-officer' | 'developer';
  created_at: ColumnType<Date, string | undefined, never>;
  version: Generated<number>;
}

import { sql, type Kysely, type RawBuilder } from 'kysely';

// Everything a migration can create in the public schema, as plain sorted text: tables and
// their columns, constraints, indexes, row-level security and policies, sequences, views,
// functions, triggers, types and extensions. Kysely's own bookkeeping tables are left out.
// Two equal fingerprints mean the same schema.

export interface SchemaFingerprint {
  tables: string[];
  columns: string[];
  constraints: string[];
  indexes: string[];
  security: string[];
  policies: string[];
  sequences: string[];
  views: string[];
  functions: string[];
  triggers: string[];
  types: string[];
  extensions: string[];
}

const KYSELY = 'kysely\\_%';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema, at any migration
export async function schemaFingerprint(db: Kysely<any>): Promise<SchemaFingerprint> {
  const list = async (query: RawBuilder<{ v: string }>) =>
    (await query.execute(db)).rows.map((r) => r.v).sort();
  return {
    tables: await list(sql`
      select tablename as v from pg_tables
      where schemaname = 'public' and tablename not like ${KYSELY}`),
    columns: await list(sql`
      select concat_ws(' ', table_name, column_name, data_type, is_nullable, column_default) as v
      from information_schema.columns
      where table_schema = 'public' and table_name not like ${KYSELY}`),
    constraints: await list(sql`
      select concat_ws(' ', conrelid::regclass::text, conname, pg_get_constraintdef(oid)) as v
      from pg_constraint
      where connamespace = 'public'::regnamespace and conrelid::regclass::text not like ${KYSELY}`),
    indexes: await list(sql`
      select indexdef as v from pg_indexes
      where schemaname = 'public' and tablename not like ${KYSELY}`),
    security: await list(sql`
      select concat_ws(' ', relname, relrowsecurity, relforcerowsecurity) as v
      from pg_class
      where relnamespace = 'public'::regnamespace and relkind = 'r' and relname not like ${KYSELY}`),
    policies: await list(sql`
      select concat_ws(' ', tablename, policyname, cmd, roles::text, qual, with_check) as v
      from pg_policies where schemaname = 'public'`),
    sequences: await list(sql`
      select sequencename as v from pg_sequences where schemaname = 'public'`),
    views: await list(sql`
      select concat_ws(' ', viewname, definition) as v from pg_views where schemaname = 'public'`),
    functions: await list(sql`
      select concat_ws(' ', proname, pg_get_function_identity_arguments(oid)) as v
      from pg_proc where pronamespace = 'public'::regnamespace`),
    triggers: await list(sql`
      select pg_get_triggerdef(t.oid) as v
      from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where not t.tgisinternal and c.relnamespace = 'public'::regnamespace`),
    types: await list(sql`
      select t.typname as v
      from pg_type t left join pg_class c on c.oid = t.typrelid
      where t.typnamespace = 'public'::regnamespace
        and (t.typtype in ('e', 'd', 'r', 'm') or (t.typtype = 'c' and c.relkind = 'c'))`),
    extensions: await list(sql`select extname as v from pg_extension where extname <> 'plpgsql'`),
  };
}

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset } from '@chronicle/synthetic';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connect, importDataset, verifyActivityLog, type Connection } from '../src/index.js';
import { createTestDatabase, DATABASE_KINDS } from './support/databases.js';
import { snapshot } from './support/snapshot.js';

// An import is one transaction: killed halfway (SIGKILL, no chance to roll back itself) it
// leaves every table exactly as it was, the database opens again (PGlite recovers its data
// folder) and takes the next import. The invalid-document half of the acceptance test is
// in apps/cli/test/import-export-command.test.ts.

const CHILD = join(import.meta.dirname, 'support/import-child.ts');
const ORG = 'org-killed';
const APPLICATION = 'chronicle-import-child';
// The child's query 1 creates the organization; every later one runs inside the import's
// transaction. By query 20 the practice, clinicians and patient batches are written.
const KILL_AT = 20;

interface KilledRun {
  signal: NodeJS.Signals | null;
  killedAt: number;
  stdout: string;
  stderr: string;
}

/** Runs the child importing 3000 patients and SIGKILLs it once it is inside the transaction. */
function importAndKill(target: string, inside: () => Promise<void>): Promise<KilledRun> {
  const child = spawn(
    process.execPath,
    ['--conditions=@chronicle/source', '--import', 'tsx', CHILD, target, ORG, '3000', '62'],
    { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  let killedAt = 0;
  let failure: unknown;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const last = [...stdout.matchAll(/^query (\d+)$/gm)].at(-1);
    if (killedAt === 0 && last && Number(last[1]) >= KILL_AT) {
      killedAt = Number(last[1]);
      void inside()
        .catch((error: unknown) => (failure = error))
        .finally(() => child.kill('SIGKILL'));
    }
  });
  return new Promise((resolve, reject) =>
    child.on('exit', (_code, signal) =>
      failure ? reject(failure as Error) : resolve({ signal, killedAt, stdout, stderr }),
    ),
  );
}

describe.each(DATABASE_KINDS)('an import killed halfway on %s', (kind) => {
  it('leaves every table exactly as it was, and the database opens and imports again', async () => {
    const folder = kind === 'pglite' ? mkdtempSync(join(tmpdir(), 'chronicle-killed-')) : '';
    const database = kind === 'postgres' ? await createTestDatabase('postgres') : undefined;
    const target = database ? database.url : join(folder, 'data');
    let conn: Connection | undefined;
    try {
      conn = await connect({ url: target });
      // The database already holds a practice, which the killed import was updating.
      const small = generateDataset({ seed: 61, patients: 5, year: 2026, months: 2 });
      await importDataset(conn.db, { orgId: ORG, actor: 'test', dataset: small });
      const before = await snapshot(conn.db);
      expect(before.time_entries?.rows).toBeGreaterThan(0);

      let inTransaction = 0;
      let run: KilledRun;
      if (kind === 'pglite') {
        // One process at a time owns a PGlite data folder.
        await conn.close();
        conn = undefined;
        run = await importAndKill(target, () => Promise.resolve());
      } else {
        const db = conn.db;
        const childUrl = `${target}${target.includes('?') ? '&' : '?'}application_name=${APPLICATION}`;
        run = await importAndKill(childUrl, async () => {
          // A transaction with an id: open, and it has written rows.
          const { rows } = await sql<{ n: number }>`
            select count(*)::int as n from pg_stat_activity
            where datname = current_database() and application_name = ${APPLICATION}
              and xact_start is not null and backend_xid is not null`.execute(db);
          inTransaction = rows[0]?.n ?? 0;
        });
        expect(inTransaction, 'the child was writing in a transaction when killed').toBe(1);
        // The server rolls back when it notices the connection is gone.
        for (let i = 0; i < 100; i++) {
          const { rows } = await sql<{ n: number }>`
            select count(*)::int as n from pg_stat_activity
            where datname = current_database() and application_name = ${APPLICATION}`.execute(db);
          if (rows[0]?.n === 0) break;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      expect(run.signal, run.stderr).toBe('SIGKILL');
      expect(run.killedAt).toBeGreaterThanOrEqual(KILL_AT);
      expect(run.stdout).not.toMatch(/^done$/m);

      conn ??= await connect({ url: target });
      expect(await snapshot(conn.db)).toEqual(before);
      expect(await verifyActivityLog(conn.db, ORG)).toMatchObject({ ok: true });
      // Nothing of the killed transaction holds the practice: the next import goes through.
      const next = structuredClone(small);
      next.practice.name = `${next.practice.name} (renamed)`;
      expect(
        await importDataset(conn.db, { orgId: ORG, actor: 'test', dataset: next }),
      ).toMatchObject({ updated: 1, inserted: 0, deleted: 0 });
    } finally {
      await conn?.close();
      await database?.drop();
      if (folder) rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);
});

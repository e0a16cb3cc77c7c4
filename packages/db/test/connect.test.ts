import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateDataset } from '@chronicle/synthetic';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connect,
  DataFolderInUseError,
  DEFAULT_DATA_DIR,
  exportDataset,
  importDataset,
  resolveTarget,
} from '../src/index.js';

// Where the data lives, and the embedded database's data folder: created and migrated on
// first use, and held by one process at a time (PGlite has no lock of its own: two
// processes writing one folder lose each other's writes).

const CHILD = join(import.meta.dirname, 'support/hold-folder-child.ts');
const folders: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'chronicle-connect-'));
  folders.push(folder);
  return join(folder, 'data');
}

/** Another process that opens the folder; resolves once it holds it. */
function holder(dataDir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=@chronicle/source', '--import', 'tsx', CHILD, dataDir],
    { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  return new Promise((resolveOpen, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('open')) resolveOpen(child);
    });
    child.on('exit', (code) => reject(new Error(`holder exited ${code}: ${stderr}`)));
  });
}

describe('where the data lives', () => {
  it('takes --db first, then DATABASE_URL, then CHRONICLE_DATA_DIR, then ./.chronicle/data', () => {
    const env = { DATABASE_URL: 'postgres://h/db', CHRONICLE_DATA_DIR: '/srv/data' };
    expect(resolveTarget({ url: 'memory:', env })).toBe('memory:');
    expect(resolveTarget({ env })).toBe('postgres://h/db');
    expect(resolveTarget({ env: { CHRONICLE_DATA_DIR: '/srv/data' } })).toBe('/srv/data');
    expect(resolveTarget({ env: {} })).toBe(DEFAULT_DATA_DIR);
  });

  it('creates and migrates a data folder on first use, and keeps what was stored', async () => {
    const dataDir = tempFolder();
    expect(existsSync(dataDir)).toBe(false);
    const dataset = generateDataset({ seed: 5, patients: 2, year: 2026, months: 1 });
    const first = await connect({ url: dataDir });
    expect(first).toMatchObject({ kind: 'pglite', target: resolve(dataDir) });
    await importDataset(first.db, { orgId: 'org-1', actor: 'test', dataset });
    await first.close();
    const again = await connect({ url: dataDir });
    try {
      const back = await exportDataset(again.db, {
        orgId: 'org-1',
        actor: 'test',
        practiceId: dataset.practice.id,
      });
      expect(back).toEqual(dataset);
    } finally {
      await again.close();
    }
  });
});

describe('a data folder held by another process', () => {
  it('is refused with an error naming the folder and the way out', async () => {
    const dataDir = tempFolder();
    const child = await holder(dataDir);
    const attempt = connect({ url: dataDir });
    // Should it open after all, close it, so that its lock does not outlive the test.
    attempt.then(
      (conn) => conn.close(),
      () => undefined,
    );
    await expect(attempt).rejects.toThrow(DataFolderInUseError);
    await expect(attempt).rejects.toThrow(
      `--db: the data folder ${resolve(dataDir)} is in use by another Chronicle process`,
    );
    // Once the other process has closed it (here: ended), it opens.
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    const conn = await connect({ url: dataDir });
    await conn.close();
  }, 60_000);

  it('is taken over once the process that held it was killed', async () => {
    const dataDir = tempFolder();
    const child = await holder(dataDir);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // The killed process's lock goes stale within ten seconds; connect waits that long.
    const conn = await connect({ url: dataDir });
    try {
      expect(await conn.db.selectFrom('organizations').select('id').execute()).toEqual([]);
    } finally {
      await conn.close();
    }
  }, 60_000);

  it('is free again after close, for the next connection in the same process', async () => {
    const dataDir = tempFolder();
    for (let i = 0; i < 3; i++) {
      const conn = await connect({ url: dataDir });
      await conn.close();
    }
  }, 60_000);
});

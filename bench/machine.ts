// What the suite's results record about where and on what they were measured: figures
// compare only with figures taken on the same machine at the same commit.
import { execFileSync } from 'node:child_process';
import { cpus, platform, release, totalmem } from 'node:os';
import pg from 'pg';

export interface Machine {
  date: string;
  node: string;
  platform: string;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  /** The commit checked out, and whether the working tree differs from it. */
  commit: string;
  dirty: boolean;
  /** The PostgreSQL server's version, when a benchmark of the run uses it. */
  postgres?: string;
}

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return rows[0]?.server_version ?? 'unknown';
  } catch (error) {
    return `unreachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function describeMachine(root: string, postgres?: string): Promise<Machine> {
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpus: cpu.length,
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    commit: git(root, ['rev-parse', 'HEAD']) ?? 'unknown',
    dirty: (git(root, ['status', '--porcelain', '--untracked-files=no']) ?? '') !== '',
    ...(postgres ? { postgres: await postgresVersion(postgres) } : {}),
  };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Io } from '../src/io.js';
import { run } from '../src/run.js';

export const examplesDir = join(import.meta.dirname, '../../../fixtures/examples');

/** The bare dataset of a worked example (the files wrap it with the expected outcome). */
export function exampleDataset(name: string): string {
  return JSON.stringify(JSON.parse(readFileSync(join(examplesDir, name), 'utf8')).dataset);
}

export interface Result {
  code: number;
  stdout: string;
  /** Standard output as bytes, for a binary (PDF) report. */
  stdoutBytes: Uint8Array;
  stderr: string;
  written: Map<string, string | Uint8Array>;
}

/**
 * Runs the CLI in memory against named input files. `cwd` is where chronicle.config.json
 * is looked for; without it none is (the CMS rule pack alone, unless --config names one).
 */
export async function cli(
  argv: string[],
  files: Record<string, string> = {},
  options: { cwd?: string } = {},
): Promise<Result> {
  const out: Uint8Array[] = [];
  let stderr = '';
  const written = new Map<string, string | Uint8Array>();
  const io: Io = {
    stdout: (t) => {
      out.push(typeof t === 'string' ? Buffer.from(t, 'utf8') : t);
    },
    stderr: (t) => {
      stderr += t;
    },
    read: async (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    write: async (path, text) => {
      if (path.startsWith('readonly/'))
        throw Object.assign(new Error(`EACCES: ${path}`), { code: 'EACCES' });
      written.set(path, text);
    },
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
  };
  const code = await run(argv, io);
  const stdoutBytes = Buffer.concat(out);
  return { code, stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr, written };
}

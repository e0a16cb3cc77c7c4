import { readFile, writeFile } from 'node:fs/promises';

/** The world as the commands see it, so tests can run them without a process. */
export interface Io {
  /** Text, or bytes (a PDF report written to standard output). */
  stdout(data: string | Uint8Array): void;
  stderr(text: string): void;
  /** Reads a file, or standard input for `-`. */
  read(path: string): Promise<string>;
  write(path: string, data: string | Uint8Array): Promise<void>;
  /**
   * The working directory, where chronicle.config.json is looked for. Absent (tests):
   * no config is looked for, and the CMS rule pack alone is used unless --config names one.
   */
  cwd?: string;
  /**
   * Where a progress bar may be drawn: standard error when it is a terminal. Absent (and
   * the bar silent) when standard error is a file or a pipe, so logs stay clean.
   */
  progress?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

export const nodeIo: Io = {
  stdout: (data) => process.stdout.write(data),
  stderr: (text) => process.stderr.write(text),
  read: async (path) => (path === '-' ? readStdin() : readFile(path, 'utf8')),
  write: (path, data) => writeFile(path, data),
  cwd: process.cwd(),
  ...(process.stderr.isTTY ? { progress: process.stderr } : {}),
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

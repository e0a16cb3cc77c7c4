import { readFile, writeFile } from 'node:fs/promises';

/** The world as the commands see it, so tests can run them without a process. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a file, or standard input for `-`. */
  read(path: string): Promise<string>;
  write(path: string, text: string): Promise<void>;
}

export const nodeIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  read: async (path) => (path === '-' ? readStdin() : readFile(path, 'utf8')),
  write: (path, text) => writeFile(path, text),
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Io } from '../src/io.js';
import { run } from '../src/run.js';
import { exampleDataset } from './support.js';

// The audit's progress bar: drawn on standard error when it is a terminal, and silent
// otherwise, so that a report piped to a file or a CI log carries no control codes.

function terminal(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 100 });
  let drawn = '';
  stream.on('data', (chunk: Buffer) => {
    drawn += chunk.toString('utf8');
  });
  return { stream, drawn: () => drawn };
}

async function auditWith(progress: Io['progress']) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => {
      stdout += typeof t === 'string' ? t : Buffer.from(t).toString('utf8');
    },
    stderr: (t) => {
      stderr += t;
    },
    read: async () => exampleDataset('01-clean-99490.json'),
    write: async () => undefined,
    ...(progress ? { progress } : {}),
  };
  const code = await run(['audit', 'd.json'], io);
  return { code, stdout, stderr };
}

describe('audit progress', () => {
  it('draws a bar with the patients done on a terminal, and keeps it off standard output', async () => {
    const tty = terminal(true);
    const r = await auditWith(tty.stream);
    expect(r.code).toBe(0);
    expect(tty.drawn()).toContain('Auditing [');
    expect(tty.drawn()).toMatch(/1\/1 patients/);
    expect(r.stdout).not.toContain('Auditing');
    expect(JSON.parse(r.stdout).format).toBe('ccm-audit-report');
  });

  it('writes nothing when standard error is not a terminal', async () => {
    const pipe = terminal(false);
    const r = await auditWith(pipe.stream);
    expect(r.code).toBe(0);
    expect(pipe.drawn()).toBe('');
    expect(r.stderr).toBe('');
  });
});

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

const ROOT = join(import.meta.dirname, '../../.test-logs');
let LOG_DIR = '';

// The run's global setup: an empty log folder before, and after every test file has run,
// a search of every log line for every patient's name, MBI and birth date. A hit fails the
// run, naming the file and which kind of value leaked (not the value).

export function setup(project: TestProject): void {
  mkdirSync(ROOT, { recursive: true });
  LOG_DIR = mkdtempSync(join(ROOT, 'run-'));
  project.provide('serverLogDir', LOG_DIR);
}

export function teardown(): void {
  try {
    checkLogs();
    rmSync(LOG_DIR, { recursive: true, force: true });
  } catch (error) {
    // Vitest reports an error thrown here but still exits 0: the exit code must say so.
    process.exitCode = 1;
    throw error;
  }
}

function checkLogs(): void {
  // A run of files that start no server (a filtered run) has nothing to check.
  if (!existsSync(LOG_DIR) || !readdirSync(LOG_DIR).some((f) => f.endsWith('.phi'))) return;
  const files = readdirSync(LOG_DIR);
  const phi = new Set<string>();
  for (const f of files.filter((f) => f.endsWith('.phi')))
    for (const value of readFileSync(join(LOG_DIR, f), 'utf8').split('\n'))
      // Family names shorter than 5 letters could be ordinary words in a log line.
      if (value.length >= 5) phi.add(value);
  let lines = 0;
  const leaks: string[] = [];
  for (const f of files.filter((f) => f.endsWith('.ndjson'))) {
    const text = readFileSync(join(LOG_DIR, f), 'utf8');
    lines += text.split('\n').length - 1;
    for (const leak of findLeaks(text, phi)) leaks.push(`${f}: ${leak}`);
  }
  // Servers ran with patient data but no line reached the folder: the capture is broken.
  if (phi.size === 0 || lines === 0)
    throw new Error(`log check: ${phi.size} patient values, ${lines} log lines; nothing to check`);
  if (leaks.length > 0) throw new Error(`patient data in the server's logs:\n${leaks.join('\n')}`);
}

/** Where the text holds one of the values, as "<kind> at offset N" (never the value). */
export function findLeaks(text: string, values: Iterable<string>): string[] {
  const leaks: string[] = [];
  for (const value of values) {
    const at = new RegExp(`\\b${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).exec(text);
    if (at) {
      const kind = /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? 'a birth date'
        : /\d/.test(value)
          ? 'an MBI'
          : 'a patient name';
      leaks.push(`${kind} at offset ${at.index}`);
    }
  }
  return leaks;
}

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleDataset } from './support.js';

// The real process: exit codes and standard streams as a shell sees them.
const main = join(import.meta.dirname, '../src/main.ts');
const node = (args: string[], input?: string) =>
  spawnSync(
    process.execPath,
    ['--conditions=@chronicle/source', '--import', 'tsx', main, ...args],
    { encoding: 'utf8', input },
  );

describe('the chronicle process', () => {
  it('exits 1 on a dataset with an error finding, reading standard input for -', () => {
    const r = node(['audit', '-'], exampleDataset('04-consent-missing.json'));
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).summary.monthsWithErrors).toBe(1);
  });

  it('exits 2 with the problem on standard error for an invalid file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chronicle-'));
    writeFileSync(join(dir, 'bad.json'), '{"format":"ccm-dataset","version":1}');
    const r = node(['validate', join(dir, 'bad.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^practice: is required$/m);
    expect(r.stdout).toBe('');
  });

  it('exits 0 on a clean month', () => {
    expect(() =>
      execFileSync(
        process.execPath,
        ['--conditions=@chronicle/source', '--import', 'tsx', main, 'audit', '-'],
        { input: exampleDataset('01-clean-99490.json') },
      ),
    ).not.toThrow();
  });
});

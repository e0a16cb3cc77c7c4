import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The repository's own consistency checks run with the tests, so a rule without its doc
// or test, or a stale generated doc, fails the build.

const root = join(import.meta.dirname, '../..');
const tsx = (script: string, ...args: string[]) =>
  execFileSync(
    process.execPath,
    ['--conditions=@chronicle/source', '--import', 'tsx', join(root, 'scripts', script), ...args],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );

describe('repository checks', () => {
  it('every rule has its implementation, test and doc, and every catalogue ID is implemented', () => {
    expect(tsx('check-rules.ts')).toMatch(/rules, each with its test and doc/);
  });
  it('the generated rule docs and dataset JSON Schema are current', () => {
    expect(tsx('generate-docs.ts', '--check')).toMatch(/generated files are current/);
  });
});

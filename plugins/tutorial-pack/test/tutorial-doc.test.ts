import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// docs/developer/first-rule-pack.md shows this pack's files. Each code block names its
// file (```ts file=src/index.ts); this test fails when a block and its file differ, so the
// tutorial shows the code CI compiles and tests, never an older copy. The only other
// blocks are shell commands, which the CLI's tests run (apps/cli/test/example-plugin.test.ts).

const root = join(import.meta.dirname, '..');
const doc = readFileSync(join(root, '../../docs/developer/first-rule-pack.md'), 'utf8');
const blocks = [...doc.matchAll(/^```(\w+)(?: file=(\S+))?\n([\s\S]*?)^```$/gm)].map((m) => ({
  language: m[1] as string,
  file: m[2],
  text: m[3] as string,
}));

describe('the tutorial "Write your first rule pack"', () => {
  it('shows the manifest, the rule, activate, the test table and the config file', () => {
    expect(blocks.flatMap((b) => (b.file ? [b.file] : []))).toEqual([
      'package.json',
      'chronicle-plugin.json',
      'src/single-contact.ts',
      'src/index.ts',
      'test/single-contact.test.ts',
      'chronicle.config.json',
    ]);
  });

  it.each(blocks.filter((b) => b.file).map((b) => [b.file as string, b] as const))(
    'shows %s exactly as the pack has it',
    (file, block) => {
      expect(existsSync(join(root, file))).toBe(true);
      expect(block.text).toBe(readFileSync(join(root, file), 'utf8'));
    },
  );

  it('has no code block other than those files and shell commands', () => {
    for (const block of blocks) if (!block.file) expect(block.language).toBe('sh');
    // Every block was found: as many fences open as close.
    expect(doc.match(/^```/gm)).toHaveLength(2 * blocks.length);
  });
});

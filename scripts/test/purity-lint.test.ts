import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The rules core is pure: lint must refuse I/O, the process and the clock inside it, and
// allow them outside it.

const root = join(import.meta.dirname, '../..');
// The probes are not files on disk, so the typed rules (which need a TypeScript program)
// are switched off for them; the purity rules need no types.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/switch-exhaustiveness-check': 'off',
    },
  },
});

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse');
}

describe('the purity lint', () => {
  it.each([
    [
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      'no-restricted-imports',
    ],
    ['export const now = Date.now();\n', 'no-restricted-syntax'],
    ['export const today = new Date();\n', 'no-restricted-syntax'],
    ['export const r = Math.random();\n', 'no-restricted-syntax'],
    ['export const env = process.env.TZ;\n', 'no-restricted-globals'],
  ])('refuses %s in the rules core', async (code, rule) => {
    expect(await ruleIds(code, 'packages/rules/src/lint-probe.ts')).toContain(rule);
  });

  it('allows a date built from data in the core', async () => {
    expect(
      await ruleIds(
        "export const d = new Date('2026-10-01T00:00:00Z');\n",
        'packages/rules/src/lint-probe.ts',
      ),
    ).toEqual([]);
  });

  it('allows I/O in the CLI', async () => {
    expect(
      await ruleIds(
        "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
        'apps/cli/src/lint-probe.ts',
      ),
    ).toEqual([]);
  });
});

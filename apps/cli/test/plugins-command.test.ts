import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditReportSchema } from '@chronicle/rules';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, exampleDataset } from './support.js';

// Plugins in the CLI: without a config the CMS rule pack alone runs (so reports are as
// they were); with one, every plugin it lists is loaded, and a broken one (a bad manifest,
// an engines range that excludes us, a rule that throws) is reported while the audit
// still completes. `chronicle plugins` lists them with their state and problems.

const root = mkdtempSync(join(tmpdir(), 'chronicle-cli-plugins-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, content: unknown): string {
  const file = join(root, path);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

const manifest = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  version: '1.0.0',
  engines: { chronicle: '^0.1.0' },
  main: './main.mjs',
  ...extra,
});

// A plugin written as a third party would ship it: plain JavaScript, its own folder.
write(
  'project/plugins/throwing/chronicle-plugin.json',
  manifest('acme.throwing', {
    contributes: {
      rules: [{ id: 'acme/ALWAYS-THROWS', severity: 'error', description: 'Throws.' }],
    },
  }),
);
write(
  'project/plugins/throwing/main.mjs',
  `export function activate(context) {
  context.registerRule({
    meta: {
      id: 'acme/ALWAYS-THROWS', severity: 'error', years: { from: 2015 },
      sources: ['https://example.org/acme'], description: 'Throws.',
      messages: { never: 'never' }, scope: 'billed-month', lifecycle: { addedIn: '1.0.0' },
      docs: { why: 'x', fail: 'x', pass: 'x', correctiveAction: 'x' },
    },
    check() { throw new Error('acme table missing'); },
  });
}
`,
);
write(
  'project/plugins/future/chronicle-plugin.json',
  manifest('acme.future', { engines: { chronicle: '^3.0.0' } }),
);
write('project/plugins/bad-manifest/chronicle-plugin.json', { id: 'acme.bad', version: 'x' });
const config = write('project/chronicle.config.json', {
  plugins: [
    '@chronicle/plugin-cms',
    './plugins/throwing',
    './plugins/future',
    './plugins/bad-manifest',
  ],
});

const dataset = { 'd.json': exampleDataset('04-consent-missing.json') };

describe('plugins in the CLI', () => {
  it('runs the CMS rule pack alone when there is no config', async () => {
    const r = await cli(['plugins']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^chronicle\.cms 0\.1\.0: active\n {2}from: @chronicle\/plugin-cms \(built in\)/,
    );
    expect(r.stdout).toMatch(/\n {2}rules: \d+ \(CONSENT-MISSING, /);
  });

  it('audits with a config whose plugins are broken: problems on stderr, RULE-FAILED naming plugin and rule', async () => {
    const plain = await cli(['audit', 'd.json'], dataset);
    const r = await cli(['audit', 'd.json', '--config', config], dataset);
    expect(r.code).toBe(plain.code);
    expect(r.stderr.trim().split('\n')).toEqual([
      'Plugin problem: acme.future engines: engines.chronicle "^3.0.0" does not include this Chronicle (0.1.0); use a version of the plugin made for it',
      'Plugin problem: acme.bad manifest: version: must be a semantic version such as 1.0.0',
      'Plugin problem: acme.bad engines: engines: Invalid input: expected object, received undefined',
      'Plugin problem: acme.bad manifest: main: Invalid input: expected string, received undefined',
      'Plugin problem: acme.throwing contributes.rules (warning): rule acme/ALWAYS-THROWS threw on 1 month (acme table missing); each has a RULE-FAILED finding to review by hand',
    ]);
    const report = auditReportSchema.parse(JSON.parse(r.stdout));
    const expected = auditReportSchema.parse(JSON.parse(plain.stdout));
    for (const [i, month] of report.months.entries()) {
      expect(month.findings.find((f) => f.ruleId === 'RULE-FAILED')).toMatchObject({
        message:
          'Rule acme/ALWAYS-THROWS of plugin acme.throwing could not check this month; review it by hand.',
        evidence: {
          rule: 'acme/ALWAYS-THROWS',
          plugin: 'acme.throwing',
          error: 'acme table missing',
        },
      });
      expect(month.findings.filter((f) => f.ruleId !== 'RULE-FAILED')).toEqual(
        expected.months[i]?.findings,
      );
    }
  });

  it('finds chronicle.config.json in the working directory', async () => {
    const r = await cli(['plugins', '--format', 'json'], {}, { cwd: join(root, 'project') });
    const listed = JSON.parse(r.stdout) as Array<{ id: string; state: string }>;
    expect(listed.map((p) => [p.id, p.state])).toEqual([
      ['chronicle.cms', 'active'],
      ['acme.throwing', 'active'],
      ['acme.future', 'refused'],
      ['acme.bad', 'refused'],
    ]);
    expect(r.code).toBe(1);
  });

  it('lists each plugin with its state and problems', async () => {
    const r = await cli(['plugins', '--config', config]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      [
        'acme.future 1.0.0: refused',
        '  from: ./plugins/future',
        '  error in engines: engines.chronicle "^3.0.0" does not include this Chronicle (0.1.0); use a version of the plugin made for it',
      ].join('\n'),
    );
    expect(r.stdout).toContain(
      [
        'acme.throwing 1.0.0: active',
        '  from: ./plugins/throwing',
        '  activation events: onAudit',
        '  rules: acme/ALWAYS-THROWS',
      ].join('\n'),
    );
  });

  it('bills and compares policies with the config too', async () => {
    const bill = await cli(['bill', 'd.json', '--month', '2026-10', '--config', config], dataset);
    expect(bill.code).toBeLessThan(2);
    expect(bill.stderr).toContain('Plugin problem: acme.future engines:');
    const files = { ...dataset, 'p.json': '{}' };
    const whatIf = await cli(
      ['what-if', 'd.json', '--policy', 'p.json', '--config', config],
      files,
    );
    expect(whatIf.code).toBe(0);
    expect(whatIf.stderr).toContain('Plugin problem: acme.bad manifest:');
  });

  it('stops with exit code 2 on a config file that is missing or not valid', async () => {
    const missing = await cli(['audit', 'd.json', '--config', join(root, 'none.json')], dataset);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`${join(root, 'none.json')}: cannot read the file (ENOENT)\n`);
    const bad = write('bad.config.json', { plugins: 'all' });
    const invalid = await cli(['plugins', '--config', bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/bad\.config\.json: plugins: Invalid input: expected array/);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, createPluginHost, inProcessPlugin, loadPluginConfig } from '../src/host.js';
import { manifest } from './support/plugins.js';

// The config file: found in the working directory or named, validated with every problem
// naming its field, each plugin found by path or package name; a plugin that cannot be
// found is refused while the others load. Without a config, the built-in defaults.

const root = mkdtempSync(join(tmpdir(), 'chronicle-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, content: unknown): void {
  const file = join(root, path);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
}

const cms = inProcessPlugin(
  manifest('chronicle.cms'),
  { activate: () => undefined },
  {
    location: 'built in',
  },
);
const options = { builtins: { '@chronicle/plugin-cms': cms }, defaults: ['@chronicle/plugin-cms'] };

const PLUGIN_JS = `export function activate(context) {
  context.registerCommand('acme.hello', () => 'hello from ' + context.pluginId);
}
`;

describe('loading the config', () => {
  it('uses the built-in defaults when there is no config file', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    expect(await loadPluginConfig({ ...options, cwd: empty })).toEqual({
      configPath: undefined,
      sources: [cms],
    });
  });

  it('finds chronicle.config.json in the working directory and loads plugins by path and package', async () => {
    write('project/chronicle.config.json', {
      plugins: [
        '@chronicle/plugin-cms',
        './local-pack',
        { plugin: '@acme/packaged', policies: { 'acme.review': { days: 30 } } },
      ],
    });
    write('project/local-pack/chronicle-plugin.json', {
      ...manifest('acme.local', { main: './main.js' }),
      contributes: { commands: [{ id: 'acme.hello', title: 'Hello' }] },
    });
    write('project/local-pack/main.js', PLUGIN_JS);
    // An installed package above the config's folder, its manifest in package.json.
    write('node_modules/@acme/packaged/package.json', {
      name: '@acme/packaged',
      version: '2.1.0',
      chronicle: { id: 'acme.packaged', engines: { chronicle: '*' }, main: './index.js' },
    });
    const loaded = await loadPluginConfig({ ...options, cwd: join(root, 'project') });
    expect(loaded.configPath).toBe(join(root, 'project/chronicle.config.json'));
    expect(loaded.sources.map((s) => s.location)).toEqual([
      'built in',
      './local-pack',
      '@acme/packaged',
    ]);
    expect(loaded.sources[2]).toMatchObject({
      manifest: { id: 'acme.packaged', version: '2.1.0' },
      policies: { 'acme.review': { days: 30 } },
    });
    const host = createPluginHost({ chronicleVersion: '0.1.0', plugins: loaded.sources });
    expect(await host.executeCommand('acme.hello')).toBe('hello from acme.local');
    expect(host.list().map((p) => [p.id, p.state, p.version])).toEqual([
      ['chronicle.cms', 'inactive', '1.0.0'],
      ['acme.local', 'active', '1.0.0'],
      ['acme.packaged', 'inactive', '2.1.0'],
    ]);
  });

  it('refuses a plugin it cannot find, and keeps the others', async () => {
    write('lost/chronicle.config.json', {
      plugins: ['./nowhere', '@acme/not-installed', '@chronicle/plugin-cms'],
    });
    const loaded = await loadPluginConfig({
      ...options,
      configPath: join(root, 'lost/chronicle.config.json'),
    });
    const host = createPluginHost({ chronicleVersion: '0.1.0', plugins: loaded.sources });
    expect(host.list().map((p) => [p.id, p.state, p.problems[0]?.message])).toEqual([
      ['./nowhere', 'refused', `${join(root, 'lost/nowhere')} is not a folder`],
      [
        '@acme/not-installed',
        'refused',
        'cannot find the package @acme/not-installed in a node_modules folder above the config file',
      ],
      ['chronicle.cms', 'inactive', undefined],
    ]);
  });

  it('refuses a folder with no manifest, and a manifest that is not JSON', async () => {
    write('bare/chronicle.config.json', { plugins: ['./no-manifest', './broken-json'] });
    write('bare/no-manifest/package.json', { name: 'x', version: '1.0.0' });
    write('bare/broken-json/chronicle-plugin.json', '{ "id": ');
    const loaded = await loadPluginConfig({ ...options, cwd: join(root, 'bare') });
    const messages = loaded.sources.map((s) => s.error);
    expect(messages[0]).toMatch(/has no chronicle-plugin.json and no "chronicle" field/);
    expect(messages[1]).toMatch(/chronicle-plugin.json: not valid JSON/);
  });

  it('stops on a config that is not valid, naming the file and every bad field', async () => {
    write('invalid/chronicle.config.json', {
      plugins: ['', { plugin: 'x', extra: 1 }, 7],
      other: 1,
    });
    const attempt = loadPluginConfig({ ...options, cwd: join(root, 'invalid') });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    const error = (await attempt.catch((e: unknown) => e)) as ConfigError;
    const file = join(root, 'invalid/chronicle.config.json');
    expect(error.problems).toEqual([
      `${file}: plugins[0]: must name a plugin: a package name, or a path starting with ./ or ../`,
      `${file}: plugins[1]: Unrecognized key: "extra"`,
      `${file}: plugins[2]: must be a plugin name ("@acme/pack", "./pack") or { "plugin": name, "policies": {...} } with no other field`,
      `${file}: (document): Unrecognized key: "other"`,
    ]);
  });

  it('stops on a named config file that does not exist, or is not JSON', async () => {
    await expect(
      loadPluginConfig({ ...options, configPath: join(root, 'absent.json') }),
    ).rejects.toThrow(`${join(root, 'absent.json')}: cannot read the file (ENOENT)`);
    write('not-json.json', 'plugins: []');
    await expect(
      loadPluginConfig({ ...options, configPath: join(root, 'not-json.json') }),
    ).rejects.toThrow(/not-json.json: not valid JSON/);
  });
});

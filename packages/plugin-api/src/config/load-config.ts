import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatPath } from '../manifest/validate-manifest.js';
import type { PluginSource } from '../host/plugin-source.js';
import { chronicleConfigSchema, CONFIG_FILE_NAME, type PluginEntry } from './config-schema.js';

// Reads the config file and turns each entry into a PluginSource: built-in plugins come
// from the application itself, others from a folder found by package name or by path.
// A config that is not valid stops the run (ConfigError); a plugin that cannot be found or
// read is only refused, so the others still load.

/** A config file that cannot be used; every problem names the file and the field. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Where to look for the config file, and the plugins that ship with the application. */
export interface LoadConfigOptions {
  /** A config file named by the user (`--config`, CHRONICLE_CONFIG). */
  configPath?: string;
  /** Where to look for chronicle.config.json when no path is named; no search without it. */
  cwd?: string;
  /**
   * Plugins that ship with the application, by package name: used when the config names
   * them (wherever the config file is) and in `defaults`.
   */
  builtins: Readonly<Record<string, PluginSource>>;
  /** The plugins when there is no config file: the CMS rule pack. */
  defaults: readonly string[];
}

/** The config as loaded. */
export interface LoadedConfig {
  /** The config file read, or undefined when the defaults were used. */
  configPath: string | undefined;
  /** The plugins, in the config's order. */
  sources: PluginSource[];
}

/**
 * The plugin sources of the config file named, or found in `cwd`, or the defaults when
 * there is none. Throws a ConfigError for a config that cannot be read or is not valid.
 */
export async function loadPluginConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const configPath =
    options.configPath !== undefined
      ? resolve(options.cwd ?? '.', options.configPath)
      : options.cwd !== undefined && existsSync(join(options.cwd, CONFIG_FILE_NAME))
        ? join(options.cwd, CONFIG_FILE_NAME)
        : undefined;
  if (configPath === undefined)
    return {
      configPath: undefined,
      sources: options.defaults.map((name) => builtin(options, name)),
    };
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([`${configPath}: cannot read the file${code ? ` (${code})` : ''}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`${configPath}: not valid JSON (${(error as Error).message})`]);
  }
  const parsed = chronicleConfigSchema.safeParse(json);
  if (!parsed.success)
    throw new ConfigError(
      parsed.error.issues.map(
        (i) => `${configPath}: ${formatPath(i.path) || '(document)'}: ${i.message}`,
      ),
    );
  const base = dirname(configPath);
  return {
    configPath,
    sources: parsed.data.plugins.map((entry) => sourceOf(entry, base, options)),
  };
}

function sourceOf(entry: PluginEntry, base: string, options: LoadConfigOptions): PluginSource {
  const name = typeof entry === 'string' ? entry : entry.plugin;
  const policies = typeof entry === 'string' ? undefined : entry.policies;
  const found = options.builtins[name] ?? readPluginFolder(name, locate(name, base));
  return policies ? { ...found, policies } : found;
}

function builtin(options: LoadConfigOptions, name: string): PluginSource {
  const source = options.builtins[name];
  if (!source) throw new ConfigError([`${name}: not a built-in plugin`]);
  return source;
}

/** The plugin's folder: a path from the config's folder, or a package installed above it. */
function locate(name: string, base: string): string | undefined {
  if (name.startsWith('./') || name.startsWith('../') || isAbsolute(name))
    return resolve(base, name);
  for (let dir = base; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', ...name.split('/'));
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * A plugin folder as a source: its manifest from chronicle-plugin.json, or else from the
 * `chronicle` field of its package.json (whose version it takes when the field has none).
 */
export function readPluginFolder(name: string, folder: string | undefined): PluginSource {
  const unreadable = (error: string): PluginSource => ({
    location: name,
    manifest: undefined,
    load: () => Promise.reject(new Error(error)),
    error,
  });
  if (folder === undefined)
    return unreadable(
      `cannot find the package ${name} in a node_modules folder above the config file`,
    );
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    return unreadable(`${folder} is not a folder`);
  let manifest: unknown;
  try {
    manifest = readManifest(folder);
  } catch (error) {
    return unreadable((error as Error).message);
  }
  const main = (manifest as { main?: unknown } | null)?.main;
  return {
    location: name,
    manifest,
    load: async () => {
      if (typeof main !== 'string') throw new Error('the manifest names no main module');
      return import(pathToFileURL(inside(folder, main)).href) as Promise<unknown>;
    },
    readFile: (path) => readFile(inside(folder, path), 'utf8'),
  };
}

function readManifest(folder: string): unknown {
  const file = join(folder, 'chronicle-plugin.json');
  if (existsSync(file)) return readJson(file);
  const pkgFile = join(folder, 'package.json');
  if (existsSync(pkgFile)) {
    const pkg = readJson(pkgFile) as { chronicle?: unknown; version?: unknown };
    if (typeof pkg.chronicle === 'object' && pkg.chronicle !== null)
      return { version: pkg.version, ...(pkg.chronicle as object) };
  }
  throw new Error(
    `${folder} has no chronicle-plugin.json and no "chronicle" field in its package.json`,
  );
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
}

/** A path inside the plugin folder; one that would leave it is refused. */
function inside(folder: string, path: string): string {
  const full = resolve(folder, path);
  if (full !== folder && !full.startsWith(folder + sep))
    throw new Error(`${path} is outside the plugin folder`);
  return full;
}

import type { PluginModule, PolicyValues } from '../context.js';

/**
 * A plugin as the host receives it: its manifest, still unvalidated, and how to load its
 * module. `loadPluginConfig` makes these from a config file; tests and built-in plugins
 * give them in-process with {@link inProcessPlugin}.
 */
export interface PluginSource {
  /** Where the plugin comes from, for messages: a folder, a package name, "built in". */
  location: string;
  /** The manifest as read (chronicle-plugin.json, or package.json's `chronicle` field). */
  manifest: unknown;
  /** Loads the module the manifest's `main` names; called once, at first activation. */
  load(): Promise<unknown>;
  /** Reads a file of the plugin's folder (a code set's `file`); absent in-process. */
  readFile?(path: string): Promise<string>;
  /** Policy values the config file sets for this plugin, by policy id. */
  policies?: Readonly<Record<string, PolicyValues>>;
  /** Why the plugin could not be read at all; such a plugin is refused with it. */
  error?: string;
}

/** A plugin whose manifest and module are already in memory (built-ins, tests). */
export function inProcessPlugin(
  manifest: unknown,
  module: PluginModule,
  options: { location?: string; policies?: PluginSource['policies'] } = {},
): PluginSource {
  return {
    location: options.location ?? 'in-process',
    manifest,
    load: async () => module,
    ...(options.policies ? { policies: options.policies } : {}),
  };
}

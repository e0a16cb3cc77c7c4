import {
  CHRONICLE_VERSION,
  ConfigError,
  createPluginHost,
  formatPluginProblem,
  inProcessPlugin,
  loadPluginConfig,
  type ActivationEvent,
  type PluginHost,
} from '@chronicle/plugin-api/host';
import * as cms from '@chronicle/plugin-cms';
import cmsManifest from '@chronicle/plugin-cms/chronicle-plugin.json' with { type: 'json' };
import { Option } from 'commander';
import { CliError } from './cli-error.js';
import type { Io } from './io.js';

// The plugins of a command: those chronicle.config.json lists (named by --config, or found
// in the working directory), else the CMS rule pack alone, so that without a config the
// commands behave as they always have. The CMS pack ships with the CLI and is loaded
// through the same host, manifest and activate as any other plugin.

const CMS_PLUGIN = '@chronicle/plugin-cms';

const builtins = {
  [CMS_PLUGIN]: inProcessPlugin(cmsManifest, cms, { location: `${CMS_PLUGIN} (built in)` }),
};

export function configOption(): Option {
  return new Option(
    '--config <file>',
    'config file listing the plugins (default: chronicle.config.json in the working directory, else the CMS rule pack alone)',
  );
}

/**
 * Loads the plugins and activates those listening for `events`. A config that is not
 * valid stops the command; a plugin with problems does not: its problems are printed on
 * standard error and the command runs with the plugins that work.
 */
export async function loadPlugins(
  io: Io,
  configPath: string | undefined,
  events: readonly ActivationEvent[],
  options: { printProblems?: boolean } = {},
): Promise<PluginHost> {
  let sources;
  try {
    ({ sources } = await loadPluginConfig({
      ...(configPath !== undefined ? { configPath } : {}),
      ...(io.cwd !== undefined ? { cwd: io.cwd } : {}),
      builtins,
      defaults: [CMS_PLUGIN],
    }));
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.problems);
    throw error;
  }
  const host = createPluginHost({ chronicleVersion: CHRONICLE_VERSION, plugins: sources });
  for (const event of events) await host.activate(event);
  if (options.printProblems !== false)
    for (const plugin of host.list())
      for (const problem of plugin.problems)
        io.stderr(`Plugin problem: ${formatPluginProblem(problem)}\n`);
  return host;
}

/** Runs `work` with the plugins loaded, and deactivates them afterwards. */
export async function withPlugins<T>(
  io: Io,
  configPath: string | undefined,
  events: readonly ActivationEvent[],
  work: (host: PluginHost) => Promise<T>,
): Promise<T> {
  const host = await loadPlugins(io, configPath, events);
  try {
    return await work(host);
  } finally {
    await host.deactivateAll();
  }
}

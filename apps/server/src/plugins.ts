import {
  CHRONICLE_VERSION,
  createPluginHost,
  inProcessPlugin,
  loadPluginConfig,
  type PluginHost,
} from '@chronicle/plugin-api/host';
import * as cms from '@chronicle/plugin-cms';
import cmsManifest from '@chronicle/plugin-cms/chronicle-plugin.json' with { type: 'json' };
import type { Logger } from 'pino';

// The server's plugins: those its config file lists (CHRONICLE_CONFIG, or `chronicle
// serve --config`), else the CMS rule pack alone. They are activated at start-up for every
// event a server fires on its own (start-up, audits, reports), so an audit job never waits
// on a plugin and `plugins.list` shows every failure from the start. A config that is not
// valid stops start-up (ConfigError); a plugin with problems is only logged and listed.

const CMS_PLUGIN = '@chronicle/plugin-cms';

/** The plugins that ship with the server, by package name. */
export const BUILT_IN_PLUGINS = {
  [CMS_PLUGIN]: inProcessPlugin(cmsManifest, cms, { location: `${CMS_PLUGIN} (built in)` }),
};

export async function loadServerPlugins(
  configPath: string | undefined,
  log: Pick<Logger, 'info' | 'warn'>,
): Promise<PluginHost> {
  const { sources, configPath: read } = await loadPluginConfig({
    ...(configPath !== undefined ? { configPath } : {}),
    builtins: BUILT_IN_PLUGINS,
    defaults: [CMS_PLUGIN],
  });
  const host = createPluginHost({ chronicleVersion: CHRONICLE_VERSION, plugins: sources });
  for (const event of ['onStartup', 'onAudit', 'onReport'] as const) await host.activate(event);
  for (const plugin of host.list()) {
    log.info(
      { event: 'plugin', plugin: plugin.id, state: plugin.state, config: read ?? null },
      'plugin loaded',
    );
    // Problems name manifests, points and code errors: never patient data, which no
    // plugin has seen at start-up.
    for (const problem of plugin.problems)
      log.warn({ event: 'plugin problem', ...problem }, 'plugin problem');
  }
  return host;
}

import type { PluginInfo } from '@chronicle/plugin-api/host';
import { Command, Option } from 'commander';
import { EXIT } from '../cli-error.js';
import type { Io } from '../io.js';
import { configOption, loadPlugins } from '../plugins.js';

// `chronicle plugins`: the plugins of the config, activated as an audit would activate
// them, each with its state, what it contributes and its problems.

interface PluginsFlags {
  config?: string;
  format: 'text' | 'json';
}

export function pluginsCommand(io: Io, done: (code: number) => void): Command {
  return new Command('plugins')
    .description(
      'List the plugins of the config file with their state (active, inactive, refused, failed), contributions and problems.',
    )
    .addOption(configOption())
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
    )
    .addHelpText(
      'after',
      [
        '',
        'The plugins are activated as for an audit and a report, so a plugin that fails',
        'there fails here. Exit code 0 when no plugin has an error, 1 when one has.',
        '',
      ].join('\n'),
    )
    .action(async (flags: PluginsFlags) => {
      const host = await loadPlugins(io, flags.config, ['onAudit', 'onReport'], {
        printProblems: false,
      });
      try {
        const plugins = host.list();
        io.stdout(
          flags.format === 'json'
            ? `${JSON.stringify(plugins, null, 2)}\n`
            : plugins.map(describePlugin).join('\n'),
        );
        const anyError = plugins.some((p) => p.problems.some((q) => q.severity === 'error'));
        done(anyError ? EXIT.findings : EXIT.ok);
      } finally {
        await host.deactivateAll();
      }
    });
}

function describePlugin(plugin: PluginInfo): string {
  const lines = [
    `${plugin.id}${plugin.version ? ` ${plugin.version}` : ''}: ${plugin.state}`,
    `  from: ${plugin.location}`,
  ];
  if (plugin.displayName) lines.push(`  name: ${plugin.displayName}`);
  if (plugin.activationEvents.length > 0)
    lines.push(`  activation events: ${plugin.activationEvents.join(', ')}`);
  for (const [point, items] of Object.entries(plugin.contributions)) {
    const ids = (items as Array<{ id: string }>).map((i) => i.id);
    if (ids.length > 0)
      lines.push(
        `  ${point}: ${ids.length > 6 ? `${ids.length} (${ids.slice(0, 6).join(', ')}, ...)` : ids.join(', ')}`,
      );
  }
  for (const problem of plugin.problems)
    lines.push(`  ${problem.severity} in ${problem.point}: ${problem.message}`);
  return `${lines.join('\n')}\n`;
}

import { Command, Option } from 'commander';
import { compareReports, renderWhatIfCsv } from '@chronicle/report';
import { audit } from '@chronicle/rules';
import { CliError, EXIT } from '../cli-error.js';
import type { Io } from '../io.js';
import { emit, loadDataset, loadPolicy } from '../load.js';
import { monthOption } from '../options.js';
import { configOption, withPlugins } from '../plugins.js';

interface WhatIfFlags {
  policy: string;
  baseline?: string;
  from?: string;
  to?: string;
  format: 'json' | 'csv';
  out?: string;
  config?: string;
}

export function whatIfCommand(io: Io, done: (code: number) => void): Command {
  return new Command('what-if')
    .description(
      'Audit a period twice, under the policy in force and under another, and list the months whose verdict or amount at risk would change.',
    )
    .argument('<dataset>', 'dataset file, or - for standard input')
    .requiredOption('--policy <file>', 'the policy options to try (JSON, as for audit --policy)')
    .option('--baseline <file>', 'the policy in force (default: the default policy options)')
    .option('--from <YYYY-MM>', 'first month', monthOption)
    .option('--to <YYYY-MM>', 'last month', monthOption)
    .addOption(
      new Option('--format <format>', 'output format').choices(['json', 'csv']).default('json'),
    )
    .option('--out <file>', 'write to a file instead of standard output')
    .addOption(configOption())
    .addHelpText(
      'after',
      [
        '',
        'Exit code 0 when no month changes, 1 when some do (as a linter reports findings).',
        '',
      ].join('\n'),
    )
    .action(async (path: string, flags: WhatIfFlags) => {
      if (flags.from && flags.to && flags.from > flags.to)
        throw new CliError([`--from ${flags.from} is after --to ${flags.to}`]);
      const dataset = await loadDataset(io, path);
      const alternative = await loadPolicy(io, flags.policy);
      const baseline = await loadPolicy(io, flags.baseline);
      const period = {
        ...(flags.from ? { from: flags.from } : {}),
        ...(flags.to ? { to: flags.to } : {}),
      };
      const report = await withPlugins(io, flags.config, ['onAudit'], async (host) => {
        const rules = host.rules();
        const before = audit(dataset, {
          ...period,
          rules,
          ...(baseline ? { policy: baseline } : {}),
        });
        const after = audit(dataset, {
          ...period,
          rules,
          ...(alternative ? { policy: alternative } : {}),
        });
        return compareReports(before, after);
      });
      const text =
        flags.format === 'csv'
          ? await renderWhatIfCsv(report)
          : `${JSON.stringify(report, null, 2)}\n`;
      await emit(io, text, flags.out);
      done(report.changes.length > 0 ? EXIT.findings : EXIT.ok);
    });
}

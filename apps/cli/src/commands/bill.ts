import { Command, Option } from 'commander';
import { renderProposalCsv } from '@chronicle/report';
import { proposeBilling } from '@chronicle/rules';
import { EXIT } from '../cli-error.js';
import type { Io } from '../io.js';
import { emit, loadDataset, loadPolicy } from '../load.js';
import { monthOption } from '../options.js';
import { configOption, withPlugins } from '../plugins.js';

interface BillFlags {
  month: string;
  format: 'json' | 'csv';
  policy?: string;
  out?: string;
  config?: string;
}

export function billCommand(io: Io, done: (code: number) => void): Command {
  return new Command('bill')
    .description(
      "Propose the claim lines each patient's documentation supports for a month, and what blocks them.",
    )
    .argument('<dataset>', 'dataset file, or - for standard input')
    .requiredOption('--month <YYYY-MM>', 'the service month', monthOption)
    .addOption(
      new Option('--format <format>', 'output format').choices(['json', 'csv']).default('json'),
    )
    .option('--policy <file>', 'JSON file of policy options')
    .option('--out <file>', 'write to a file instead of standard output')
    .addOption(configOption())
    .action(async (path: string, flags: BillFlags) => {
      const dataset = await loadDataset(io, path);
      const policy = await loadPolicy(io, flags.policy);
      const proposal = await withPlugins(io, flags.config, ['onAudit'], async (host) =>
        proposeBilling(dataset, flags.month, {
          ...(policy ? { policy } : {}),
          rules: host.rules(),
        }),
      );
      const text =
        flags.format === 'csv'
          ? await renderProposalCsv(proposal)
          : `${JSON.stringify(proposal, null, 2)}\n`;
      await emit(io, text, flags.out);
      done(proposal.patients.some((p) => p.blockers.length > 0) ? EXIT.findings : EXIT.ok);
    });
}

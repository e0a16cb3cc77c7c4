import { Command, Option } from 'commander';
import { renderAuditCsv, renderAuditHtml } from '@chronicle/report';
import { audit } from '@chronicle/rules';
import { CliError, EXIT } from '../cli-error.js';
import type { Io } from '../io.js';
import { emit, loadDataset, loadPolicy } from '../load.js';
import { monthOption } from '../options.js';

interface AuditFlags {
  from?: string;
  to?: string;
  format: 'json' | 'csv' | 'html';
  policy?: string;
  out?: string;
}

export function auditCommand(io: Io, done: (code: number) => void): Command {
  return new Command('audit')
    .description('Audit every billed patient-month of a dataset against the CMS rule catalogue.')
    .argument('<dataset>', 'dataset file (ccm-dataset version 1), or - for standard input')
    .option('--from <YYYY-MM>', 'first month to audit', monthOption)
    .option('--to <YYYY-MM>', 'last month to audit', monthOption)
    .addOption(
      new Option('--format <format>', 'report format')
        .choices(['json', 'csv', 'html'])
        .default('json'),
    )
    .option(
      '--policy <file>',
      'JSON file of policy options (see docs/compliance/policy-options.md)',
    )
    .option('--out <file>', 'write the report to a file instead of standard output')
    .action(async (path: string, flags: AuditFlags) => {
      if (flags.from && flags.to && flags.from > flags.to)
        throw new CliError([`--from ${flags.from} is after --to ${flags.to}`]);
      const dataset = await loadDataset(io, path);
      const policy = await loadPolicy(io, flags.policy);
      const report = audit(dataset, {
        ...(flags.from ? { from: flags.from } : {}),
        ...(flags.to ? { to: flags.to } : {}),
        ...(policy ? { policy } : {}),
      });
      const text =
        flags.format === 'csv'
          ? await renderAuditCsv(report)
          : flags.format === 'html'
            ? renderAuditHtml(report)
            : `${JSON.stringify(report, null, 2)}\n`;
      await emit(io, text, flags.out);
      // Read from the findings themselves, not the summary, so the exit code cannot
      // disagree with what the report lists.
      const anyError = report.months.some((m) => m.findings.some((f) => f.severity === 'error'));
      done(anyError ? EXIT.findings : EXIT.ok);
    });
}

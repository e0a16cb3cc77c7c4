import { Command, InvalidArgumentError, Option } from 'commander';
import {
  BUNDLES,
  calculateRevenue,
  DEFAULT_MIX,
  revenueInputSchema,
  type RevenueInput,
  type RevenueResult,
} from '@chronicle/rules';
import { CliError, EXIT } from '../cli-error.js';
import type { Io } from '../io.js';
import { emit } from '../load.js';
import { fractionOption, integerOption } from '../options.js';

interface RevenueFlags {
  year: number;
  patients: number;
  enrollmentRate: number;
  mix?: RevenueInput['mix'];
  setting: RevenueInput['setting'];
  format: 'json' | 'text';
  out?: string;
}

function mixOption(value: string): RevenueInput['mix'] {
  const mix: Record<string, number> = {};
  for (const part of value.split(',')) {
    const [name, share] = part.split('=');
    if (!name || !(name in BUNDLES))
      throw new InvalidArgumentError(
        `unknown level "${name ?? ''}"; use ${Object.keys(BUNDLES).join(', ')}.`,
      );
    mix[name] = fractionOption(share ?? '');
  }
  return mix;
}

export function revenueCommand(io: Io, done: (code: number) => void): Command {
  return new Command('revenue')
    .description(
      'Estimate monthly and yearly CCM revenue at national Medicare amounts, with the 80% Medicare and 20% patient shares.',
    )
    .addOption(
      new Option('--year <YYYY>', 'service year (2024-2026)')
        .argParser(integerOption(2024, 2026))
        .default(2026),
    )
    .addOption(
      new Option('--patients <n>', 'patients eligible for CCM')
        .argParser(integerOption(0, 10_000_000))
        .default(100),
    )
    .addOption(
      new Option('--enrollment-rate <r>', 'share of eligible patients enrolled (0-1)')
        .argParser(fractionOption)
        .default(0.5),
    )
    .option(
      '--mix <levels>',
      `share of enrolled patient-months billed at each level, e.g. "99490=0.6,99490+99439=0.2" (default ${Object.entries(
        DEFAULT_MIX,
      )
        .map(([k, v]) => `${k}=${v}`)
        .join(',')})`,
      mixOption,
    )
    .addOption(
      new Option('--setting <setting>', 'fee-schedule setting')
        .choices(['non-facility', 'facility'])
        .default('non-facility'),
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['json', 'text']).default('text'),
    )
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (flags: RevenueFlags) => {
      const parsed = revenueInputSchema.safeParse({
        year: flags.year,
        patients: flags.patients,
        enrollmentRate: flags.enrollmentRate,
        mix: flags.mix ?? DEFAULT_MIX,
        setting: flags.setting,
      });
      if (!parsed.success)
        throw new CliError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
      const result = calculateRevenue(parsed.data);
      await emit(
        io,
        flags.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : text(result),
        flags.out,
      );
      done(EXIT.ok);
    });
}

const usd = (n: number) =>
  `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function text(r: RevenueResult): string {
  const lines = [
    `CCM revenue estimate, ${r.input.year} (${r.input.setting}, national amounts)`,
    `${r.input.patients} eligible patients x ${r.input.enrollmentRate} enrolled = ${r.enrolledPatients} enrolled; ${r.billedPatientMonthsPerYear} billed patient-months a year`,
    '',
    'code     units/year   per unit        amount/year',
    ...r.codes.map(
      (c) =>
        `${c.code.padEnd(8)} ${String(c.units).padStart(10)}   ${(c.unitAmount === null ? 'unpriced' : usd(c.unitAmount)).padStart(9)}   ${usd(c.amount).padStart(14)}`,
    ),
    '',
    `monthly (average)  ${usd(r.yearly.amount / 12)}`,
    `yearly             ${usd(r.yearly.amount)}`,
    `  Medicare pays 80%   ${usd(r.yearly.medicare)}`,
    `  patients owe 20%    ${usd(r.yearly.patient)}`,
  ];
  if (r.unpriced.length > 0)
    lines.push(
      '',
      `No confirmed ${r.input.year} amount for ${r.unpriced.join(', ')}: counted as $0.`,
    );
  return `${lines.join('\n')}\n`;
}

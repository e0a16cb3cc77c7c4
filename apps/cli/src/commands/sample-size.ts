import { Command, Option } from 'commander';
import {
  SamplingError,
  sampleSizeForAmount,
  sampleSizeForErrorRate,
  type SampleSizeResult,
} from '@chronicle/report';
import { auditReportSchema } from '@chronicle/rules';
import { CliError, EXIT } from '../cli-error.js';
import type { Io } from '../io.js';
import { emit, readInput } from '../load.js';
import { parseJsonInput } from '../json-input.js';

interface SampleSizeFlags {
  frame?: number;
  probe?: string;
  sd?: number;
  mean?: number;
  precision?: number;
  relativePrecision?: number;
  rate?: number;
  ratePrecision?: number;
  confidence?: number;
  format: 'text' | 'json';
  out?: string;
}

// How many billed months to sample for a target precision, from expected figures or from
// a probe: an earlier (often small, sampled) audit report whose months' amounts at risk
// give the standard deviation and mean, and whose frame gives N.

export function sampleSizeCommand(io: Io, done: (code: number) => void): Command {
  return new Command('sample-size')
    .description(
      'How many billed patient-months to sample so that the extrapolated overpayment (or the error rate) is known to a target precision.',
    )
    .option('--frame <n>', 'billed patient-months in the frame', numberOption('--frame'))
    .option(
      '--probe <report>',
      'an earlier audit report (JSON): its frame size, and the standard deviation and mean of its months’ amounts at risk',
    )
    .option(
      '--sd <dollars>',
      'expected standard deviation of a month’s amount at risk',
      numberOption('--sd'),
    )
    .option('--mean <dollars>', 'expected mean amount at risk per month', numberOption('--mean'))
    .option(
      '--precision <dollars>',
      'half-width of the interval on the total overpayment',
      numberOption('--precision'),
    )
    .option(
      '--relative-precision <fraction>',
      'half-width as a fraction of the expected total (e.g. 0.25), with --mean or --probe',
      numberOption('--relative-precision'),
    )
    .option(
      '--rate <p>',
      'expected error rate (0 to 1): size for the error rate instead',
      numberOption('--rate'),
    )
    .option(
      '--rate-precision <d>',
      'half-width of the interval on the error rate (e.g. 0.05)',
      numberOption('--rate-precision'),
    )
    .option(
      '--confidence <level>',
      'two-sided confidence level (default 0.90)',
      numberOption('--confidence'),
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
    )
    .option('--out <file>', 'write to a file instead of standard output')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  chronicle sample-size --frame 12000 --sd 45 --precision 25000',
        '  chronicle sample-size --probe probe.json --relative-precision 0.25',
        '  chronicle sample-size --frame 12000 --rate 0.2 --rate-precision 0.05',
        '',
        'The formulas are in docs/compliance/sampling.md.',
        '',
      ].join('\n'),
    )
    .action(async (flags: SampleSizeFlags) => {
      const probe = flags.probe === undefined ? undefined : await readProbe(io, flags.probe);
      const frameSize = flags.frame ?? probe?.frameSize;
      if (frameSize === undefined) throw new CliError(['--frame: give the frame size, or --probe']);
      const confidence = flags.confidence !== undefined ? { confidence: flags.confidence } : {};
      let result: SampleSizeResult;
      let target: string;
      try {
        if (flags.rate !== undefined || flags.ratePrecision !== undefined) {
          if (flags.rate === undefined || flags.ratePrecision === undefined)
            throw new CliError(['--rate: give --rate and --rate-precision together']);
          result = sampleSizeForErrorRate({
            frameSize,
            expectedRate: flags.rate,
            precision: flags.ratePrecision,
            ...confidence,
          });
          target = `the error rate within ±${flags.ratePrecision}`;
        } else {
          const expectedSd = flags.sd ?? probe?.sd;
          if (expectedSd === undefined)
            throw new CliError(['--sd: give the expected standard deviation, or --probe']);
          const mean = flags.mean ?? probe?.mean;
          let precision: { dollars: number } | { fractionOfTotal: number; expectedMean: number };
          if (flags.precision !== undefined) {
            precision = { dollars: flags.precision };
            target = `the total within ±$${flags.precision}`;
          } else if (flags.relativePrecision !== undefined) {
            if (mean === undefined)
              throw new CliError([
                '--mean: --relative-precision needs the expected mean, or --probe',
              ]);
            precision = { fractionOfTotal: flags.relativePrecision, expectedMean: mean };
            target = `the total within ±${flags.relativePrecision * 100}% of its expected value`;
          } else {
            throw new CliError([
              '--precision: give --precision DOLLARS or --relative-precision FRACTION',
            ]);
          }
          result = sampleSizeForAmount({ frameSize, expectedSd, precision, ...confidence });
        }
      } catch (error) {
        if (error instanceof SamplingError) throw new CliError([error.message]);
        throw error;
      }
      const level = flags.confidence ?? 0.9;
      const text =
        flags.format === 'json'
          ? `${JSON.stringify({ frameSize, ...result, confidence: level }, null, 2)}\n`
          : `Sample ${result.sampleSize} of ${frameSize} billed months to know ${target} ` +
            `at ${Math.round(level * 100)}% confidence (t = ${result.tValue.toFixed(4)} on ` +
            `${result.degreesOfFreedom} degrees of freedom; ${Math.ceil(result.n0)} before the finite population correction).\n`;
      await emit(io, text, flags.out);
      done(EXIT.ok);
    });
}

function numberOption(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n))
      throw new CliError([`${flag}: a number (got "${value}")`]);
    return n;
  };
}

/** The frame size and the amounts' spread from an earlier audit report. */
async function readProbe(io: Io, path: string) {
  const parsed = auditReportSchema.safeParse(parseJsonInput('probe', await readInput(io, path)));
  if (!parsed.success)
    throw new CliError(
      parsed.error.issues.map((i) => `probe.${i.path.join('.') || '(document)'}: ${i.message}`),
    );
  const report = parsed.data;
  const billed = report.months.filter((m) => m.claimIds.length > 0);
  if (billed.length < 2)
    throw new CliError([
      'probe: the report needs at least 2 billed months to measure their spread',
    ]);
  const values = billed.map((m) => m.amountAtRisk);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
  return { frameSize: report.sampling?.frame.size ?? billed.length, sd, mean };
}

import { randomInt } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { DEFAULT_DATA_DIR, auditStoredPractice, listPractices, resolveTarget } from '@chronicle/db';
import { renderAuditCsv, renderAuditHtml, renderAuditPdf, sampleReport } from '@chronicle/report';
import type { PluginHost } from '@chronicle/plugin-api/host';
import {
  assembleReport,
  audit,
  ruleList,
  type AuditedMonth,
  type AuditReport,
  type Policy,
  type Rule,
  type StratifyBy,
} from '@chronicle/rules';
import { Command, Option } from 'commander';
import { CliError, EXIT } from '../cli-error.js';
import {
  actorOption,
  dbOption,
  orgOption,
  withDatabase,
  type DatabaseOptions,
} from '../database.js';
import type { Io } from '../io.js';
import { emit, loadDataset, loadPolicy } from '../load.js';
import { monthOption } from '../options.js';
import { configOption, withPlugins } from '../plugins.js';
import { createProgress, type Progress } from '../progress.js';
import { RuleFailures } from '../rule-failures.js';

interface AuditFlags extends DatabaseOptions {
  from?: string;
  to?: string;
  format: 'json' | 'csv' | 'html' | 'pdf';
  policy?: string;
  out?: string;
  practice?: string;
  sample?: number;
  seed?: string;
  stratify?: StratifyBy;
  confidence?: number;
  config?: string;
}

interface SampleOptions {
  size: number;
  seed: string;
  stratify?: StratifyBy;
  confidence?: number;
}

export function auditCommand(io: Io, done: (code: number) => void): Command {
  return new Command('audit')
    .description(
      'Audit every billed patient-month of a dataset, or of a practice stored in the database, against the rules of the active plugins (the CMS rule catalogue by default).',
    )
    .argument(
      '[dataset]',
      'dataset file (ccm-dataset version 1), or - for standard input; without it, the stored practice of --db (or $DATABASE_URL, $CHRONICLE_DATA_DIR) is audited',
    )
    .option('--from <YYYY-MM>', 'first month to audit', monthOption)
    .option('--to <YYYY-MM>', 'last month to audit', monthOption)
    .addOption(
      new Option('--format <format>', 'report format')
        .choices(['json', 'csv', 'html', 'pdf'])
        .default('json'),
    )
    .option(
      '--sample <n>',
      'audit a random sample of N billed patient-months and extrapolate the overpayment to all of them',
      wholeNumber('--sample'),
    )
    .option(
      '--seed <digits>',
      'the seed of the sample (up to 16 digits); the same frame and seed give the same sample',
    )
    .addOption(
      new Option(
        '--stratify <by>',
        'draw a stratified sample instead of a simple random one',
      ).choices(['practitioner', 'amount']),
    )
    .option(
      '--confidence <level>',
      'two-sided confidence level of the estimate, between 0 and 1 (default 0.90)',
      confidenceLevel,
    )
    .option(
      '--policy <file>',
      'JSON file of policy options (see docs/compliance/policy-options.md)',
    )
    .option('--out <file>', 'write the report to a file instead of standard output')
    .addOption(configOption())
    .addOption(dbOption())
    .addOption(orgOption())
    .addOption(actorOption())
    .option(
      '--practice <id>',
      'the stored practice to audit (needed when the organization has several)',
    )
    .addHelpText(
      'after',
      [
        '',
        'A stored practice is read patient by patient. Its JSON report is written as the',
        'months are made, so memory stays flat however many patients there are (the period',
        'comes after the months: it is known only then). CSV and HTML reports are built in',
        'memory. The read is recorded in the activity log.',
        '',
        'With --sample, the frame is every billed patient-month of the period; the report',
        'lists the sampled months, the seed and the positions drawn (so a reviewer can',
        'redraw them), and the overpayment extrapolated to the frame with its two-sided',
        'confidence interval (see docs/compliance/sampling.md). Without --seed a seed is',
        'chosen and printed on standard error.',
        '',
        'PDF reports are binary: give --out FILE, or redirect standard output.',
        '',
        'The rules are those of the plugins chronicle.config.json lists (see',
        'docs/developer/plugins.md); a plugin with problems is reported on standard error',
        'and the audit runs with the others.',
        '',
      ].join('\n'),
    )
    .action(async (path: string | undefined, flags: AuditFlags) => {
      if (flags.from && flags.to && flags.from > flags.to)
        throw new CliError([`--from ${flags.from} is after --to ${flags.to}`]);
      if (path !== undefined && flags.db !== undefined)
        throw new CliError(['audit: give a dataset file or --db, not both']);
      if (path === undefined && flags.db === undefined && resolveTarget() === DEFAULT_DATA_DIR)
        throw new CliError([
          'audit: name a dataset file (or - for standard input), or a database with --db',
        ]);
      const sample = sampleOptions(io, flags);
      const dataset = path === undefined ? undefined : await loadDataset(io, path);
      const policy = await loadPolicy(io, flags.policy);
      const events = flags.format === 'json' ? (['onAudit'] as const) : reportEvents;
      const anyError = await withPlugins(io, flags.config, events, async (host) => {
        const options = {
          ...(flags.from ? { from: flags.from } : {}),
          ...(flags.to ? { to: flags.to } : {}),
          ...(policy ? { policy } : {}),
          rules: host.rules(),
        };
        if (dataset === undefined) return auditStored(io, flags, options, sample, host);
        const progress = createProgress(io, 'Auditing');
        let report: AuditReport;
        try {
          report = audit(dataset, { ...options, onPatient: progress.update });
        } finally {
          progress.stop();
        }
        if (sample) report = drawSample(report, sample);
        RuleFailures.print(io, report.months);
        await emit(io, await render(report, flags.format, host), flags.out);
        return hasError(report.months);
      });
      // Read from the findings themselves, not the summary, so the exit code cannot
      // disagree with what the report lists.
      done(anyError ? EXIT.findings : EXIT.ok);
    });
}

/** A rendered report also activates the plugins that contribute report sections. */
const reportEvents = ['onAudit', 'onReport'] as const;

async function render(
  report: AuditReport,
  format: AuditFlags['format'],
  host: PluginHost,
): Promise<string | Uint8Array> {
  // The report shows each plugin rule's own description and corrective action, and the
  // sections the plugins add (rendered by the host, which catches a section that throws).
  const sections = format === 'html' || format === 'pdf' ? host.renderReportSections(report) : [];
  const options = { rules: ruleList(host.rules()), sections };
  switch (format) {
    case 'csv':
      return renderAuditCsv(report);
    case 'html':
      return renderAuditHtml(report, options);
    case 'pdf':
      return renderAuditPdf(report, options);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}

/** The sample asked for, or undefined; sample options without --sample are refused. */
function sampleOptions(io: Io, flags: AuditFlags): SampleOptions | undefined {
  if (flags.sample === undefined) {
    const stray = (['seed', 'stratify', 'confidence'] as const).filter(
      (k) => flags[k] !== undefined,
    );
    if (stray.length > 0) throw new CliError(stray.map((k) => `--${k}: only with --sample N`));
    return undefined;
  }
  let seed = flags.seed;
  if (seed === undefined) {
    // Chosen here rather than left to chance inside the draw, so that it is printed and
    // recorded: an unrecorded seed makes a sample nobody can redraw.
    seed = String(randomInt(1, 2 ** 47));
    io.stderr(`Sample drawn with seed ${seed} (give --seed ${seed} to draw it again).\n`);
  }
  return {
    size: flags.sample,
    seed,
    ...(flags.stratify ? { stratify: flags.stratify } : {}),
    ...(flags.confidence !== undefined ? { confidence: flags.confidence } : {}),
  };
}

/** The sampled report; a problem with the sample (a bad seed, no billed month) is the input's. */
function drawSample(report: AuditReport, sample: SampleOptions): AuditReport {
  try {
    return sampleReport(report, sample);
  } catch (error) {
    throw new CliError([`sample: ${(error as Error).message}`]);
  }
}

function wholeNumber(flag: string) {
  return (value: string): number => {
    if (!/^[1-9]\d{0,8}$/.test(value))
      throw new CliError([`${flag}: a whole number above 0 (got "${value}")`]);
    return Number(value);
  };
}

function confidenceLevel(value: string): number {
  const level = Number(value);
  if (!/^0?\.\d+$/.test(value) || !(level > 0 && level < 1))
    throw new CliError([`--confidence: a level between 0 and 1, such as 0.90 (got "${value}")`]);
  return level;
}

function hasError(months: readonly AuditedMonth[]): boolean {
  return months.some((m) => m.findings.some((f) => f.severity === 'error'));
}

/** Audits the stored practice; true when a month has an error finding. */
async function auditStored(
  io: Io,
  flags: AuditFlags,
  auditOptions: { from?: string; to?: string; policy?: Policy; rules: readonly Rule[] },
  sample: SampleOptions | undefined,
  host: PluginHost,
): Promise<boolean> {
  return withDatabase(flags, async (conn) => {
    const orgId = flags.org;
    const practiceId = flags.practice ?? (await onlyPractice(conn.db, orgId));
    const progress: Progress = createProgress(io, 'Auditing');
    const options = {
      orgId,
      practiceId,
      actor: flags.actor,
      ...auditOptions,
      onPatient: progress.update,
    };
    let anyError = false;
    const check = (months: AuditedMonth[]) => {
      if (!anyError && hasError(months)) anyError = true;
    };
    if (flags.format !== 'json' || sample) {
      const kept: AuditedMonth[] = [];
      const { head, tail } = await stored(() =>
        auditStoredPractice(conn.db, options, {
          months(months) {
            for (const m of months) kept.push(m);
          },
        }).finally(() => progress.stop()),
      );
      let report = assembleReport(head, kept, tail);
      if (sample) report = drawSample(report, sample);
      RuleFailures.print(io, report.months);
      await emit(io, await render(report, flags.format, host), flags.out);
      return hasError(report.months);
    }
    const out = await openOutput(io, flags.out);
    const failures = new RuleFailures();
    try {
      let count = 0;
      const { tail } = await stored(() =>
        auditStoredPractice(conn.db, options, {
          // The keys in the order of the report format, the period moved after the months.
          start: (head) =>
            out.write(
              `{\n${HEAD_KEYS.map((key) => `  "${key}": ${indented(head[key], 1)},\n`).join('')}  "months": [`,
            ),
          months(months) {
            check(months);
            failures.add(months);
            if (months.length === 0) return;
            const text = months.map((m) => `${count++ === 0 ? '' : ','}\n    ${indented(m, 2)}`);
            return out.write(text.join(''));
          },
        }).finally(() => progress.stop()),
      );
      await out.write(
        `${count > 0 ? '\n  ' : ''}],\n  "period": ${indented(tail.period, 1)},\n  "summary": ${indented(tail.summary, 1)}\n}\n`,
      );
      await out.close();
    } catch (error) {
      await out.abandon();
      throw error;
    }
    failures.print(io);
    return anyError;
  });
}

const HEAD_KEYS = [
  'format',
  'version',
  'rulesVersion',
  'policy',
  'practice',
  'feeSchedule',
] as const;

/** A database problem (no such practice, a stored record gone bad) is the input's fault. */
async function stored<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError([(error as Error).message]);
  }
}

async function onlyPractice(db: Parameters<typeof listPractices>[0], orgId: string) {
  const practices = await listPractices(db, orgId);
  if (practices.length !== 1)
    throw new CliError([
      practices.length === 0
        ? `--org: organization "${orgId}" has no practice stored`
        : `--practice: organization "${orgId}" has ${practices.length} practices (${practices.join(', ')}); name one`,
    ]);
  return practices[0] as string;
}

/** JSON.stringify with two-space indents, for a value nested `depth` levels down. */
function indented(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replaceAll('\n', `\n${'  '.repeat(depth)}`);
}

interface Output {
  write(text: string): Promise<void>;
  close(): Promise<void>;
  /** Stops after a failure: a file is removed rather than left half-written. */
  abandon(): Promise<void>;
}

const FLUSH_AT = 1 << 16;

/**
 * Standard output, or a file written beside its final name and renamed when complete.
 * Text is gathered into chunks of about 64 KB: one write per patient would cost more than
 * the writing itself.
 */
async function openOutput(io: Io, path: string | undefined): Promise<Output> {
  let buffer = '';
  if (path === undefined)
    return {
      async write(text) {
        buffer += text;
        if (buffer.length >= FLUSH_AT) {
          io.stdout(buffer);
          buffer = '';
        }
      },
      async close() {
        io.stdout(buffer);
        buffer = '';
      },
      async abandon() {
        buffer = '';
      },
    };
  const partial = `${path}.partial`;
  const fail = (error: unknown): never => {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError([`${path}: cannot write the file${code ? ` (${code})` : ''}`]);
  };
  const file = await open(partial, 'w').catch(fail);
  return {
    async write(text) {
      buffer += text;
      if (buffer.length < FLUSH_AT) return;
      const chunk = buffer;
      buffer = '';
      await file.write(chunk).catch(fail);
    },
    async close() {
      await file.write(buffer).catch(fail);
      buffer = '';
      await file.close().catch(fail);
      await rename(partial, path).catch(fail);
    },
    async abandon() {
      await file.close().catch(() => undefined);
      await rm(partial, { force: true });
    },
  };
}

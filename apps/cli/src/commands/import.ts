import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  formatProblem,
  parseDataset,
  practiceSchema,
  PRACTICE_SETTINGS,
  type Dataset,
  type Practice,
} from '@chronicle/dataset';
import { exportDataset, importDataset, listPractices, type Connection } from '@chronicle/db';
import {
  fhirToDataset,
  formatFhirProblem,
  ndjsonToDataset,
  type FhirImportOptions,
  type FhirImportReport,
  type FhirImportResult,
  type NdjsonFile,
} from '@chronicle/fhir';
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
import { parseJsonInput } from '../json-input.js';
import { readInput } from '../load.js';

// `chronicle import` takes a dataset (a whole practice, as before) or FHIR R4: a Bundle
// file, or a folder of bulk-data NDJSON files. FHIR does not say which practice its
// resources belong to: they are merged into a stored practice (--practice-id, or the
// organization's only one), or make a new one (--practice-id with --timezone and
// --setting). The merged document goes through the same one-transaction import, so a
// second import of the same file changes nothing.

interface ImportOptions extends DatabaseOptions {
  practiceId?: string;
  practiceName?: string;
  timezone?: string;
  setting?: string;
}

type Input =
  | { kind: 'dataset'; dataset: Dataset }
  | { kind: 'fhir'; json: unknown }
  | { kind: 'ndjson'; files: NdjsonFile[] };

export function importCommand(io: Io, done: (code: number) => void): Command {
  return new Command('import')
    .description(
      'Store a dataset (a whole practice), or FHIR R4 resources (a Bundle, or a folder of bulk-data NDJSON files) merged into a practice, in one transaction: an invalid or interrupted import writes nothing, and importing the same input again changes nothing.',
    )
    .argument(
      '<file>',
      'dataset or FHIR Bundle file, folder of NDJSON files, or - for standard input',
    )
    .addOption(dbOption())
    .addOption(orgOption())
    .addOption(actorOption())
    .option('--practice-id <id>', 'FHIR input: the practice to merge into, or to create')
    .option(
      '--practice-name <name>',
      'FHIR input: name of a practice the import creates (default: its id)',
    )
    .option('--timezone <zone>', 'FHIR input: IANA time zone of a practice the import creates')
    .addOption(
      new Option(
        '--setting <setting>',
        'FHIR input: setting of a practice the import creates',
      ).choices(PRACTICE_SETTINGS),
    )
    .action(async (path: string, options: ImportOptions) => {
      const input = await readImport(io, path);
      const result = await withDatabase(options, async (conn) => {
        if (input.kind === 'dataset')
          return importDataset(conn.db, {
            orgId: options.org,
            actor: options.actor,
            dataset: input.dataset,
          });
        const target = await targetPractice(conn, options);
        // Merging reads the stored practice whole, as an export does (and is logged so).
        const into: FhirImportOptions =
          'practice' in target
            ? { practice: target.practice }
            : {
                existing: await exportDataset(conn.db, {
                  orgId: options.org,
                  actor: options.actor,
                  practiceId: target.storedId,
                }),
              };
        if (into.existing) refuseChanges(into.existing.practice, options);
        const converted: FhirImportResult =
          input.kind === 'fhir'
            ? fhirToDataset(input.json, into)
            : ndjsonToDataset(input.files, into);
        io.stdout(describeReport(converted.report));
        return importDataset(conn.db, {
          orgId: options.org,
          actor: options.actor,
          dataset: converted.dataset,
        });
      });
      io.stdout(
        `imported practice ${result.practiceId}: ${result.inserted} inserted, ${result.updated} updated, ` +
          `${result.deleted} deleted, ${result.unchanged} unchanged\n`,
      );
      done(EXIT.ok);
    });
}

async function readImport(io: Io, path: string): Promise<Input> {
  if (path !== '-' && (await isFolder(path))) {
    const names = (await readdir(path)).filter((n) => n.endsWith('.ndjson')).sort();
    if (names.length === 0) throw new CliError([`${path}: a folder with no .ndjson files`]);
    const files: NdjsonFile[] = [];
    for (const name of names) files.push({ name, text: await readInput(io, join(path, name)) });
    return { kind: 'ndjson', files };
  }
  const text = await readInput(io, path);
  if (path.endsWith('.ndjson')) return { kind: 'ndjson', files: [{ name: path, text }] };
  const json = parseJsonInput('(document)', text);
  const isFhir =
    Array.isArray(json) ||
    (typeof json === 'object' && json !== null && 'resourceType' in json && !('format' in json));
  if (isFhir) return { kind: 'fhir', json };
  const parsed = parseDataset(json);
  if (!parsed.ok) throw new CliError(parsed.problems.map(formatProblem));
  return { kind: 'dataset', dataset: parsed.value };
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false; // not on disk: the Io reads it, or says it cannot
  }
}

/** The stored practice the FHIR input merges into, or the new one it makes. */
async function targetPractice(
  conn: Connection,
  options: ImportOptions,
): Promise<{ storedId: string } | { practice: Practice }> {
  const practices = await listPractices(conn.db, options.org);
  let id = options.practiceId;
  if (id === undefined) {
    if (practices.length !== 1)
      throw new CliError([
        practices.length === 0
          ? `--practice-id: organization "${options.org}" has no practice stored; name the practice to create with --practice-id, --timezone and --setting`
          : `--practice-id: organization "${options.org}" has ${practices.length} practices (${practices.join(', ')}); name one`,
      ]);
    id = practices[0] as string;
  }
  if (practices.includes(id)) return { storedId: id };
  const candidate = {
    id,
    name: options.practiceName ?? id,
    timezone: options.timezone,
    setting: options.setting,
  };
  const parsed = practiceSchema.safeParse(candidate);
  if (parsed.success) return { practice: parsed.data };
  const flag: Record<string, string> = {
    id: '--practice-id',
    name: '--practice-name',
    timezone: '--timezone',
    setting: '--setting',
  };
  throw new CliError(
    parsed.error.issues.map((issue) => {
      const field = String(issue.path[0]);
      const needed = (candidate as Record<string, unknown>)[field] === undefined;
      return `${flag[field] ?? field}: ${needed ? `needed to create practice "${id}"` : issue.message}`;
    }),
  );
}

/** The options that describe a new practice may not contradict the stored one. */
function refuseChanges(stored: Practice, options: ImportOptions): void {
  const problems: string[] = [];
  const check = (flag: string, given: string | undefined, has: string) => {
    if (given !== undefined && given !== has)
      problems.push(
        `${flag}: practice "${stored.id}" is stored with ${JSON.stringify(has)}; leave the option out to merge into it`,
      );
  };
  check('--practice-name', options.practiceName, stored.name);
  check('--timezone', options.timezone, stored.timezone);
  check('--setting', options.setting, stored.setting);
  if (problems.length > 0) throw new CliError(problems);
}

/** What the FHIR input gave, by resource type; problems name resources and elements only (no PHI). */
function describeReport(report: FhirImportReport): string {
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const skippedCounts = Object.fromEntries(
    Object.entries(report.skipped).map(([type, reasons]) => [type, sum(reasons)]),
  );
  const lines = [
    `FHIR input: ${report.resources} resources, ${sum(report.used)} used, ${sum(skippedCounts)} skipped, ${sum(report.rejected)} rejected`,
  ];
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([type, n]) => `${type} ${n}`)
      .join(', ');
  if (sum(report.used) > 0) lines.push(`used: ${list(report.used)}`);
  if (sum(skippedCounts) > 0)
    lines.push(
      `skipped: ${Object.entries(report.skipped)
        .map(
          ([type, reasons]) =>
            `${type} ${sum(reasons)} (${Object.entries(reasons)
              .map(([reason, n]) => (Object.keys(reasons).length > 1 ? `${reason}: ${n}` : reason))
              .join('; ')})`,
        )
        .join(', ')}`,
    );
  if (sum(report.rejected) > 0) lines.push(`rejected: ${list(report.rejected)}`);
  for (const p of report.problems) lines.push(`problem: ${formatFhirProblem(p)}`);
  return `${lines.join('\n')}\n`;
}

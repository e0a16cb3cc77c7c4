import { exportDataset, listPractices } from '@chronicle/db';
import { datasetToFhir } from '@chronicle/fhir';
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
import { emit } from '../load.js';

export function exportCommand(io: Io, done: (code: number) => void): Command {
  return new Command('export')
    .description(
      'Write a stored practice back out as a dataset document (the same document that was imported), or as a FHIR R4 Bundle that `chronicle import` reads back.',
    )
    .addOption(dbOption())
    .addOption(orgOption())
    .addOption(actorOption())
    .option('--practice <id>', 'the practice to export (needed when the organization has several)')
    .addOption(
      new Option('--format <format>', 'dataset document, or FHIR R4 collection Bundle')
        .choices(['dataset', 'fhir'])
        .default('dataset'),
    )
    .option('--out <file>', 'write to a file instead of standard output')
    .action(
      async (
        options: DatabaseOptions & { practice?: string; out?: string; format: 'dataset' | 'fhir' },
      ) => {
        const dataset = await withDatabase(options, async (conn) => {
          let practiceId = options.practice;
          if (practiceId === undefined) {
            const practices = await listPractices(conn.db, options.org);
            if (practices.length !== 1)
              throw new CliError([
                practices.length === 0
                  ? `--org: organization "${options.org}" has no practice stored`
                  : `--practice: organization "${options.org}" has ${practices.length} practices (${practices.join(', ')}); name one`,
              ]);
            practiceId = practices[0] as string;
          }
          try {
            return await exportDataset(conn.db, {
              orgId: options.org,
              actor: options.actor,
              practiceId,
            });
          } catch (error) {
            throw new CliError([(error as Error).message]);
          }
        });
        const document = options.format === 'fhir' ? datasetToFhir(dataset) : dataset;
        await emit(io, `${JSON.stringify(document, null, 2)}\n`, options.out);
        done(EXIT.ok);
      },
    );
}

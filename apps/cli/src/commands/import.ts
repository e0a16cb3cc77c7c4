import { importDataset } from '@chronicle/db';
import { Command } from 'commander';
import { EXIT } from '../cli-error.js';
import {
  actorOption,
  dbOption,
  orgOption,
  withDatabase,
  type DatabaseOptions,
} from '../database.js';
import type { Io } from '../io.js';
import { loadDataset } from '../load.js';

export function importCommand(io: Io, done: (code: number) => void): Command {
  return new Command('import')
    .description(
      'Store a dataset (a whole practice) in the database, in one transaction: an invalid or interrupted import writes nothing, and importing the same document again changes nothing.',
    )
    .argument('<dataset>', 'dataset file, or - for standard input')
    .addOption(dbOption())
    .addOption(orgOption())
    .addOption(actorOption())
    .action(async (path: string, options: DatabaseOptions) => {
      const dataset = await loadDataset(io, path);
      const result = await withDatabase(options, (conn) =>
        importDataset(conn.db, { orgId: options.org, actor: options.actor, dataset }),
      );
      io.stdout(
        `imported practice ${result.practiceId}: ${result.inserted} inserted, ${result.updated} updated, ` +
          `${result.deleted} deleted, ${result.unchanged} unchanged\n`,
      );
      done(EXIT.ok);
    });
}

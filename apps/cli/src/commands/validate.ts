import { Command } from 'commander';
import { EXIT } from '../cli-error.js';
import type { Io } from '../io.js';
import { loadDataset } from '../load.js';

export function validateCommand(io: Io, done: (code: number) => void): Command {
  return new Command('validate')
    .description('Check a dataset against the format and list every problem.')
    .argument('<dataset>', 'dataset file, or - for standard input')
    .action(async (path: string) => {
      const dataset = await loadDataset(io, path);
      const entries = dataset.patients.reduce((n, p) => n + p.timeEntries.length, 0);
      const claims = dataset.patients.reduce((n, p) => n + p.claims.length, 0);
      io.stdout(
        `valid: ${dataset.patients.length} patients, ${dataset.clinicians.length} clinicians, ${entries} time entries, ${claims} claims\n`,
      );
      done(EXIT.ok);
    });
}

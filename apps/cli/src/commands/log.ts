import { verifyActivityLog } from '@chronicle/db';
import { Command } from 'commander';
import { CliError, EXIT } from '../cli-error.js';
import { dbOption, orgOption, withDatabase, type DatabaseOptions } from '../database.js';
import type { Io } from '../io.js';

export function logCommand(io: Io, done: (code: number) => void): Command {
  const log = new Command('log').description(
    'The activity log of every read and change of patient data.',
  );
  log
    .command('verify')
    .description(
      "Check the organization's hash chain: exits 0 when every entry is as written, 1 naming the first entry edited, removed or moved.",
    )
    .addOption(dbOption())
    .addOption(orgOption())
    .action(async (options: DatabaseOptions) => {
      const result = await withDatabase(options, (conn) => verifyActivityLog(conn.db, options.org));
      // Nothing stored for the organization is a wrong --org (or --db), not a broken log.
      if (!result.ok && result.unknownOrganization)
        throw new CliError([`--org: no organization "${options.org}" is stored in this database`]);
      if (result.ok) {
        io.stdout(
          `activity log of ${options.org}: ${result.entries} entries verified (head ${result.head.slice(0, 12)})\n`,
        );
        done(EXIT.ok);
      } else {
        io.stdout(
          `activity log of ${options.org}: BROKEN at entry ${result.seq}: ${result.problem}\n`,
        );
        done(EXIT.findings);
      }
    });
  return log;
}

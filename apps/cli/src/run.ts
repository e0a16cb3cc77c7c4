import { isDatabaseUnavailable } from '@chronicle/db';
import { CHRONICLE_VERSION } from '@chronicle/plugin-api';
import { Command, CommanderError } from 'commander';
import { CliError, EXIT } from './cli-error.js';
import { auditCommand } from './commands/audit.js';
import { billCommand } from './commands/bill.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { logCommand } from './commands/log.js';
import { pluginsCommand } from './commands/plugins.js';
import { revenueCommand } from './commands/revenue.js';
import { sampleSizeCommand } from './commands/sample-size.js';
import { serveCommand } from './commands/serve.js';
import { validateCommand } from './commands/validate.js';
import { whatIfCommand } from './commands/what-if.js';
import type { Io } from './io.js';

/** Runs the command line against an Io and returns the exit code; never calls process.exit. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  const done = (c: number) => {
    code = c;
  };
  const program = new Command('chronicle')
    .description(
      'Chronic Care Management: audit billed months, propose claims, estimate revenue, store practices.',
    )
    .version(CHRONICLE_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const make of [
    auditCommand,
    billCommand,
    validateCommand,
    whatIfCommand,
    sampleSizeCommand,
    revenueCommand,
    importCommand,
    exportCommand,
    logCommand,
    pluginsCommand,
    serveCommand,
  ]) {
    program.addCommand(
      make(io, done)
        .exitOverride()
        .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
        .showHelpAfterError('(run with --help for usage)'),
    );
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
        ? EXIT.ok
        : EXIT.unusable;
    }
    if (error instanceof CliError) {
      io.stderr(`${error.problems.join('\n')}\n`);
      return EXIT.unusable;
    }
    if (isDatabaseUnavailable(error)) {
      const code = (error as { code?: unknown }).code;
      io.stderr(
        `chronicle could not reach the database, or lost it during the command` +
          `${typeof code === 'string' ? ` (${code})` : ''}: what the command had not ` +
          'committed was rolled back; run it again once the database is back\n',
      );
      return EXIT.unusable;
    }
    io.stderr(`chronicle could not run: ${(error as Error).message}\n`);
    return EXIT.unusable;
  }
}

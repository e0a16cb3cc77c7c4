import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE_NAME } from '@chronicle/plugin-api/host';
import { startServer } from '@chronicle/server';
import { Command } from 'commander';
import { EXIT } from '../cli-error.js';
import { dbOption } from '../database.js';
import type { Io } from '../io.js';
import { configOption } from '../plugins.js';

// `chronicle serve`: the server on the embedded database (or DATABASE_URL / --db), with
// the API, sign-in, jobs, CDS Hooks and the console on one port, until SIGTERM or SIGINT.

// The console's build in this repository (apps/console/dist, built by `pnpm build`), when
// CONSOLE_DIR does not name another: from src/commands and dist/commands alike. Looked
// for when the server starts, not when any command is loaded.
function builtConsoleDir(): string | undefined {
  const dir = fileURLToPath(new URL('../../../console/dist', import.meta.url));
  return existsSync(dir) ? dir : undefined;
}

export function serveCommand(io: Io, done: (code: number) => void): Command {
  return new Command('serve')
    .description(
      'Start the Chronicle server (API, console, background jobs, CDS Hooks) on one port. Settings come from the environment (see docs/admin/server.md); a bad one stops start-up naming it.',
    )
    .addOption(dbOption())
    .option('--port <n>', 'port to listen on (default: $PORT, else 8080)')
    .option('--host <address>', 'address to listen on (default: $HOST, else 127.0.0.1)')
    .addOption(configOption())
    .action(async (options: { db?: string; port?: string; host?: string; config?: string }) => {
      const consoleDir = builtConsoleDir();
      const env = {
        ...(consoleDir ? { CONSOLE_DIR: consoleDir } : {}),
        ...process.env,
        ...(options.port !== undefined ? { PORT: options.port } : {}),
        ...(options.host !== undefined ? { HOST: options.host } : {}),
      };
      // --config, else CHRONICLE_CONFIG (the server reads it), else the working directory's.
      const found =
        io.cwd !== undefined && existsSync(join(io.cwd, CONFIG_FILE_NAME))
          ? join(io.cwd, CONFIG_FILE_NAME)
          : undefined;
      const config = options.config ?? (process.env.CHRONICLE_CONFIG ? undefined : found);
      const server = await startServer({
        env,
        db: options.db,
        handleSignals: true,
        ...(config !== undefined ? { config } : {}),
      });
      if (server.demoAccounts) {
        io.stderr(
          'This database was empty: it now holds the demo organization "demo", a practice of synthetic patients.\n' +
            'Sign in to it with one of these accounts (the passwords are shown only this once):\n',
        );
        for (const a of server.demoAccounts)
          io.stderr(`  ${a.role.padEnd(20)} ${a.email.padEnd(40)} ${a.password}\n`);
      }
      io.stderr(
        `Chronicle is running at ${server.url} (database: ${server.conn.target}). Stop it with Ctrl+C.\n`,
      );
      await new Promise<void>((resolve) => server.server.once('close', () => resolve()));
      done(EXIT.ok);
    });
}

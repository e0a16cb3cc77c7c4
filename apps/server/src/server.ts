import type { Server } from 'node:http';
import { connect, type Connection } from '@chronicle/db';
import type { PluginHost } from '@chronicle/plugin-api/host';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import { seedDemoIfEmpty, type DemoAccount } from './demo.js';
import { readEnv, settingWarnings, type Env } from './env.js';
import { createJobs, type Jobs } from './jobs.js';
import { createLogger } from './logger.js';
import { loadServerPlugins } from './plugins.js';

// Starting and stopping the server: settings, database (migrated), the demo on an empty
// database, the job queue, then the HTTP listener. SIGTERM and SIGINT stop taking new
// connections, let requests and jobs in flight finish (up to the grace period), and close
// the database.

export interface RunningServer {
  url: string;
  env: Env;
  conn: Connection;
  jobs: Jobs;
  log: Logger;
  server: Server;
  /** The plugins of the config, active since start-up. */
  plugins: PluginHost;
  demoAccounts?: DemoAccount[];
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** `--db`: takes precedence over DATABASE_URL and CHRONICLE_DATA_DIR. */
  db?: string;
  /** `--config`: the plugins' config file; takes precedence over CHRONICLE_CONFIG. */
  config?: string;
  log?: Logger;
  /** Run the audit jobs in this process (default true). */
  work?: boolean;
  jobPollingSeconds?: number;
  now?: () => Date;
  /** Install SIGTERM/SIGINT handlers (default false: the CLI turns them on). */
  handleSignals?: boolean;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const source = options.env ?? process.env;
  const env = readEnv(source);
  const log = options.log ?? createLogger(env.LOG_LEVEL);
  const now = options.now ?? (() => new Date());
  for (const warning of settingWarnings(env)) log.warn({ event: 'setting warning' }, warning);
  // Before the database: a config that is not valid stops start-up with nothing opened.
  const plugins = await loadServerPlugins(options.config ?? env.CHRONICLE_CONFIG, log);
  const conn = await connect({ url: options.db, env: source });
  let jobs: Jobs | undefined;
  try {
    const demoAccounts = env.CHRONICLE_DEMO ? await seedDemoIfEmpty(conn.db, now()) : undefined;
    jobs = createJobs(conn, log, {
      work: options.work,
      pollingSeconds: options.jobPollingSeconds,
      now,
      rules: () => plugins.rules(),
      auditTimeoutSeconds: env.AUDIT_JOB_TIMEOUT_SECONDS,
      maintenanceSeconds: env.JOB_MAINTENANCE_SECONDS,
    });
    await jobs.start();
    const app = createApp({ db: conn.db, env, log, jobs, now, plugins, reportPlugins: plugins });
    const server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(env.PORT, env.HOST, () => resolve(s));
      s.once('error', reject);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : env.PORT;
    const url = `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`;
    log.info({ event: 'listening', url, database: conn.kind }, 'Chronicle is listening');
    let stopping: Promise<void> | undefined;
    const running: RunningServer = {
      url,
      env,
      conn,
      jobs,
      log,
      server,
      plugins,
      ...(demoAccounts ? { demoAccounts } : {}),
      stop: () =>
        (stopping ??= (async () => {
          const graceMs = env.SHUTDOWN_GRACE_SECONDS * 1000;
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          server.closeIdleConnections();
          const timer = setTimeout(() => server.closeAllConnections(), graceMs);
          await Promise.all([closed, (jobs as Jobs).stop(graceMs)]);
          clearTimeout(timer);
          await conn.close();
          await plugins.deactivateAll();
          log.info({ event: 'stopped' }, 'Chronicle stopped');
        })()),
    };
    if (options.handleSignals)
      for (const signal of ['SIGTERM', 'SIGINT'] as const)
        process.once(signal, () => {
          log.info({ event: 'stopping', signal }, 'stopping');
          void running.stop().then(() => process.exit(0));
        });
    return running;
  } catch (error) {
    await jobs?.stop(0).catch(() => undefined);
    await conn.close();
    await plugins.deactivateAll();
    throw error;
  }
}

import { Writable } from 'node:stream';
import type { Express } from 'express';
import { createApp, createLogger, readEnv } from '../../src/index.js';
import type { TestServer } from './harness.js';
import { keepLogLine } from './log-capture.js';

// Another instance of the assembled app on the test server's database, as a second server
// process would be: its own settings and clock, the same database, jobs and plugins, and
// its log lines kept with the test server's (and checked for patient data with them).

export function siblingApp(
  server: TestServer,
  options: { env?: NodeJS.ProcessEnv; now?: () => Date } = {},
): Express {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const text = chunk.toString();
      server.logs.push(text);
      keepLogLine(text);
      callback();
    },
  });
  return createApp({
    db: server.conn.db,
    env: readEnv({ CHRONICLE_DEMO: '0', ...options.env }),
    log: createLogger('info', sink),
    jobs: server.jobs,
    plugins: server.plugins,
    reportPlugins: server.plugins,
    ...(options.now ? { now: options.now } : {}),
  });
}

/** The value a response set for a cookie ("" when it set none). */
export function cookieValue(setCookie: string | string[] | undefined, name: string): string {
  const line = ([] as string[]).concat(setCookie ?? []).find((c) => c.startsWith(`${name}=`));
  return line ? decodeURIComponent((line.split(';')[0] as string).slice(name.length + 1)) : '';
}

// One server process for apps/server/test/two-processes.test.ts: starts on the database
// given in DATABASE_URL, prints its URL on the first line of standard error, writes its
// JSON logs to standard output, and stops on SIGTERM.
import { startServer } from '../../src/index.js';

const server = await startServer({ jobPollingSeconds: 0.5, handleSignals: true });
process.stderr.write(`${server.url}\n`);

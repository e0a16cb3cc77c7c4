import { generateDataset } from '@chronicle/synthetic';
import type { KyselyPlugin } from 'kysely';
import { connect, importDataset } from '../../src/index.js';

// Run in a process of its own by import-atomicity.test.ts, which kills it with SIGKILL in
// the middle of an import. Usage: import-child.ts TARGET ORG PATIENTS SEED. It prints
// `importing`, then `query N` after each query it has run (the first is the organization
// insert, every later one runs inside the import's transaction), then `done`. Counts only:
// it never prints the generated patients.

const [target, orgId, patients, seed] = process.argv.slice(2);
if (target === undefined || orgId === undefined || patients === undefined || seed === undefined)
  throw new Error('usage: import-child.ts TARGET ORG PATIENTS SEED');

const conn = await connect({ url: target });
const dataset = generateDataset({
  seed: Number(seed),
  patients: Number(patients),
  year: 2026,
  months: 12,
});
let queries = 0;
const progress: KyselyPlugin = {
  transformQuery: (args) => args.node,
  transformResult: (args) => {
    queries += 1;
    // Synchronous on a pipe (Linux): the line is out before the next query starts.
    process.stdout.write(`query ${queries}\n`);
    return Promise.resolve(args.result);
  },
};
process.stdout.write('importing\n');
await importDataset(conn.db.withPlugin(progress), { orgId, actor: 'import-child', dataset });
process.stdout.write('done\n');
await conn.close();

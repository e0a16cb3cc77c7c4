// Opens an embedded database's data folder, says so on stdout, and holds it until killed:
// the other process in packages/db/test/connect.test.ts.
import { connect } from '../../src/index.js';

const [folder] = process.argv.slice(2);
const conn = await connect({ url: folder as string });
await conn.db.selectFrom('organizations').select('id').execute();
process.stdout.write('open\n');
setInterval(() => undefined, 60_000);

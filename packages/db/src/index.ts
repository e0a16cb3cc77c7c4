export {
  connect,
  resolveTarget,
  isPostgresUrl,
  DEFAULT_DATA_DIR,
  type Connection,
  type ConnectOptions,
} from './connect.js';
export { migrateToLatest, migrateAllDown, MIGRATIONS } from './migrate.js';
export type { Database } from './database.js';
export { TENANT_TABLES } from './database.js';
export { withTenant, ensureOrganization, type Db, type Tx } from './tenant.js';
export { importDataset, exportDataset, listPractices, type ImportResult } from './import-export.js';
export {
  appendActivity,
  verifyActivityLog,
  entryHash,
  GENESIS,
  type ActivityInput,
  type ActivityEntry,
  type VerifyResult,
} from './activity-log.js';

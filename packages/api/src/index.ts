export { appRouter, type AppRouter } from './router.js';
export { createCallerFactory } from './trpc.js';
export type {
  ApiContext,
  Caller,
  HashPassword,
  JobQueue,
  Log,
  PluginCatalogue,
} from './context.js';
export {
  ApiError,
  API_ERROR_CODES,
  toApiError,
  type ApiErrorCode,
  type Problem,
} from './errors.js';
export { PERMISSIONS, ROLES, allows, type Permission } from './permissions.js';
export { procedureList, type ProcedureInfo } from './procedure-list.js';

import { appRouter } from './router.js';
import type { ProcedureMeta } from './trpc.js';
import type { Permission } from './permissions.js';

// Every procedure of the API with its kind and the permission it needs, read from the
// router itself: the permission table in the docs and the role-matrix test both come
// from here, so neither can drift from the code.

export interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  /** Undefined for the few procedures a signed-out caller may use. */
  permission: Permission | undefined;
}

interface ProcedureDef {
  _def: { type: ProcedureInfo['type']; meta?: ProcedureMeta };
}

export function procedureList(): ProcedureInfo[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureDef>;
  return Object.entries(procedures)
    .map(([path, p]) => ({ path, type: p._def.type, permission: p._def.meta?.permission }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

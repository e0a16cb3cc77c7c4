import { initTRPC } from '@trpc/server';
import type { ApiContext, Caller } from './context.js';
import { ApiError, toApiError } from './errors.js';
import { allows, type Permission } from './permissions.js';
import { unstorableInput } from './storable-input.js';

// The procedure builders. Every procedure is `procedure(permission)` (or `publicProcedure`
// for the few a signed-out caller may use): one middleware signs the caller in, checks the
// permission against the table, refuses input text no database can store (storable-input.ts),
// and maps every error onto the closed set of errors.ts.

/** What each procedure declares about itself: the permission it needs (none: public). */
export interface ProcedureMeta {
  permission?: Permission;
}

const t = initTRPC
  .context<ApiContext>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const apiError = toApiError(error);
      return {
        ...shape,
        message: apiError.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          problems: apiError.problems,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Every error leaves as one of the closed set; unexpected ones are logged, not shown. */
const mapErrors = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (result.ok) return result;
  const mapped = toApiError(result.error);
  if (mapped.code === 'SERVICE_UNAVAILABLE')
    ctx.log.warn({ procedure: path, event: 'database unavailable' }, 'database unavailable');
  if (mapped.code === 'INTERNAL_SERVER_ERROR') {
    const cause = result.error.cause ?? result.error;
    ctx.log.error(
      {
        procedure: path,
        error: cause instanceof Error ? cause.name : 'unknown',
        stack: cause instanceof Error ? cause.stack : undefined,
      },
      'procedure failed',
    );
  }
  throw mapped;
});

export const publicProcedure = t.procedure.use(mapErrors);

/** A procedure for signed-in callers whose role holds `permission`. */
export function procedure(permission: Permission) {
  return publicProcedure
    .meta({ permission })
    .use(({ ctx, next }) => {
      if (!ctx.caller) throw new ApiError('UNAUTHORIZED', [{ path: '', message: 'sign in first' }]);
      if (!allows(ctx.caller.role, permission))
        throw new ApiError('FORBIDDEN', [
          { path: '', message: `the ${ctx.caller.role} role may not ${permission}` },
        ]);
      return next({ ctx: { ...ctx, caller: ctx.caller as Caller, permission } });
    })
    .use(async ({ getRawInput, next }) => {
      const problems = unstorableInput(await getRawInput());
      if (problems.length > 0) throw new ApiError('BAD_REQUEST', problems);
      return next();
    });
}

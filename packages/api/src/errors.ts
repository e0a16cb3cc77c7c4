import {
  AuditFollowUpError,
  AuditRunError,
  CareRecordError,
  ClaimError,
  ClosedMonthError,
  EnrollmentError,
  isDatabaseUnavailable,
  MonthCloseError,
  StaleWriteError,
  UnstorableDatasetError,
  UserConflictError,
  UserError,
} from '@chronicle/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

// The closed set of errors the API returns, and the one place that maps what the
// repositories throw onto them. tRPC maps each code to its HTTP status
// (BAD_REQUEST 400, UNAUTHORIZED 401, FORBIDDEN 403, NOT_FOUND 404, CONFLICT 409,
// PAYLOAD_TOO_LARGE 413, TOO_MANY_REQUESTS 429, INTERNAL_SERVER_ERROR 500,
// SERVICE_UNAVAILABLE 503); the response's data carries the problems as `path: message`, so
// a client can name the field.

export const API_ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_REQUESTS',
  'INTERNAL_SERVER_ERROR',
  'SERVICE_UNAVAILABLE',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface Problem {
  path: string;
  message: string;
}

/** An error a procedure means to return, with the problems it names. */
export class ApiError extends TRPCError {
  constructor(
    code: ApiErrorCode,
    readonly problems: Problem[],
  ) {
    super({
      code,
      message: problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n'),
    });
  }
}

export const notFound = (path: string, what: string) =>
  new ApiError('NOT_FOUND', [{ path, message: `no ${what}` }]);

/** "path: message" lines, as the repositories write them, back into problems. */
function problemsOf(message: string): Problem[] {
  return message.split('\n').map((line) => {
    const at = line.match(/^([A-Za-z_$][\w$.[\]-]*): (.*)$/s);
    return at ? { path: at[1] as string, message: at[2] as string } : { path: '', message: line };
  });
}

/** What a thrown error becomes on the wire. Unknown errors are internal and say nothing. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isDatabaseUnavailable(error)) return new ApiError('SERVICE_UNAVAILABLE', [unavailable]);
  if (error instanceof TRPCError) {
    if (error.cause) return toApiError(error.cause);
    const code = (API_ERROR_CODES as readonly string[]).includes(error.code)
      ? (error.code as ApiErrorCode)
      : error.code === 'PARSE_ERROR' || error.code === 'METHOD_NOT_SUPPORTED'
        ? 'BAD_REQUEST'
        : 'INTERNAL_SERVER_ERROR';
    return new ApiError(
      code,
      code === 'INTERNAL_SERVER_ERROR' ? [internal] : problemsOf(error.message),
    );
  }
  if (error instanceof z.ZodError)
    return new ApiError(
      'BAD_REQUEST',
      error.issues.map((i) => ({
        path: i.path.map(String).join('.') || '(input)',
        message: i.message,
      })),
    );
  if (error instanceof StaleWriteError || error instanceof ClosedMonthError)
    return new ApiError('CONFLICT', problemsOf(error.message));
  if (error instanceof CareRecordError)
    return new ApiError(CARE_RECORD_CODES[error.refusal], error.problems);
  if (error instanceof ClaimError)
    return new ApiError(CLAIM_ERROR_CODES[error.kind], error.problems);
  if (error instanceof AuditFollowUpError)
    return new ApiError(FOLLOW_UP_CODES[error.refusal], error.problems);
  if (error instanceof UserConflictError)
    return new ApiError('CONFLICT', problemsOf(error.message));
  if (error instanceof AuditRunError) {
    // "no run" or "no practice" is not found; any other refusal is the run's state.
    const problems = problemsOf(error.message);
    return new ApiError(
      problems.every((p) => p.message.startsWith('no ')) ? 'NOT_FOUND' : 'CONFLICT',
      problems,
    );
  }
  if (
    error instanceof MonthCloseError ||
    error instanceof EnrollmentError ||
    error instanceof UserError ||
    error instanceof UnstorableDatasetError
  ) {
    const problems = problemsOf(error.message);
    return new ApiError(
      problems.every((p) => p.message.startsWith('no ')) ? 'NOT_FOUND' : 'BAD_REQUEST',
      problems,
    );
  }
  return new ApiError('INTERNAL_SERVER_ERROR', [internal]);
}

const internal: Problem = { path: '', message: 'internal error; it has been logged' };
/** The database went away (a restart, a failover); the same request can be tried again. */
const unavailable: Problem = {
  path: '',
  message: 'the database is unavailable; try again shortly',
};

const CLAIM_ERROR_CODES = {
  'not-found': 'NOT_FOUND',
  blocked: 'BAD_REQUEST',
  conflict: 'CONFLICT',
} as const satisfies Record<ClaimError['kind'], ApiErrorCode>;

/** What each refusal of the care-record functions is on the wire. */
const CARE_RECORD_CODES = {
  invalid: 'BAD_REQUEST',
  'not-found': 'NOT_FOUND',
  'not-allowed': 'FORBIDDEN',
  conflict: 'CONFLICT',
} as const satisfies Record<CareRecordError['refusal'], ApiErrorCode>;

/** What each refusal of the audit follow-up (corrective actions, overpayments) is on the wire. */
const FOLLOW_UP_CODES = {
  invalid: 'BAD_REQUEST',
  'not-found': 'NOT_FOUND',
  conflict: 'CONFLICT',
} as const satisfies Record<AuditFollowUpError['refusal'], ApiErrorCode>;

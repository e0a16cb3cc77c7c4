import type { Response } from 'express';

// Errors of the server's plain HTTP endpoints (sign-in, downloads, limits), in the same
// shape as the API's: `{ error: { message, data: { code, httpStatus, problems } } }`, so
// a client reads every error one way. The status of each code is set here only.

const HTTP_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  BAD_GATEWAY: 502,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type HttpErrorCode = keyof typeof HTTP_STATUS;

type Problem = { path: string; message: string };

function problemsBody(code: HttpErrorCode, problems: Problem[]) {
  return {
    error: {
      message: problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n'),
      data: { code, httpStatus: HTTP_STATUS[code], problems },
    },
  };
}

/** Answers with the error's status (from its code) and body. */
export function sendError(res: Response, code: HttpErrorCode, path: string, message: string) {
  sendProblems(res, code, [{ path, message }]);
}

export function sendProblems(res: Response, code: HttpErrorCode, problems: Problem[]) {
  res.status(HTTP_STATUS[code]).json(problemsBody(code, problems));
}

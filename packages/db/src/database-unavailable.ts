// Whether an error means the database could not be reached or went away (a restart, a
// failover, a dropped connection), as opposed to a refusal of the query itself. Callers
// answer such errors "unavailable, try again" rather than "internal error": nothing was
// written (the transaction, if any, did not commit) and the same request will succeed once
// the database is back.

/** PostgreSQL's connection-exception class (08) and its shutdown codes (57P01-57P03). */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123])$/;
/** Node's socket errors on connecting, or on a connection the server dropped. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND']);
/** What node-postgres says, without a code, when a connection ends or cannot be had. */
const PG_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Cannot use a pool after calling end on the pool',
];

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || SOCKET_CODES.has(code)))
      return true;
    if (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnavailable(inner)))
      return true;
    const { message } = e;
    if (PG_MESSAGES.some((m) => message.startsWith(m))) return true;
    e = e.cause;
  }
  return false;
}

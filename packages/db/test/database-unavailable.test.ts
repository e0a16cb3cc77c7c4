import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../src/database-unavailable.js';

// Which errors mean "the database is away, try again" (503) rather than a refusal or a
// bug (400/409/500): the server's answers while PostgreSQL restarts rest on it.

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('knows a restart, a refused connection and a dropped one, also as the cause of another error', () => {
    const shutdown = withCode('terminating connection due to administrator command', '57P01');
    expect(isDatabaseUnavailable(shutdown)).toBe(true);
    expect(isDatabaseUnavailable(withCode('the database system is starting up', '57P03'))).toBe(
      true,
    );
    expect(
      isDatabaseUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')),
    ).toBe(true);
    expect(isDatabaseUnavailable(withCode('connection failure', '08006'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([withCode('x', 'ECONNREFUSED')]))).toBe(true);
    expect(isDatabaseUnavailable(new Error('procedure failed', { cause: shutdown }))).toBe(true);
  });

  it('does not take a refused query or a bug for an outage', () => {
    expect(isDatabaseUnavailable(withCode('duplicate key value', '23505'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('could not serialize access', '40001'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('permission denied', '42501'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable('Connection terminated')).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});

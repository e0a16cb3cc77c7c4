import { describe, expect, it } from 'vitest';
import { bodyLimitBytes, EnvError, readEnv, startServer } from '../src/index.js';

// The server's settings: defaults for a first run, and a bad setting stops start-up with
// a message naming every one that is wrong, before anything is opened.

describe('server settings', () => {
  it('starts from defaults with nothing set', () => {
    const env = readEnv({});
    expect(env).toMatchObject({
      PORT: 8080,
      HOST: '127.0.0.1',
      CHRONICLE_DEMO: true,
      SESSION_IDLE_HOURS: 12,
      SIGN_IN_MAX_FAILURES: 5,
      BODY_LIMIT: '1mb',
    });
    expect(bodyLimitBytes(env)).toBe(1024 * 1024);
  });

  it('names every bad setting at once', () => {
    expect(() =>
      readEnv({
        PORT: 'eighty',
        CHRONICLE_DEMO: 'maybe',
        DATABASE_URL: 'mysql://x',
        BODY_LIMIT: 'huge',
      }),
    ).toThrow(EnvError);
    try {
      readEnv({
        PORT: 'eighty',
        CHRONICLE_DEMO: 'maybe',
        DATABASE_URL: 'mysql://x',
        BODY_LIMIT: 'huge',
      });
    } catch (error) {
      const lines = (error as Error).message.split('\n').sort();
      expect(lines).toEqual([
        'BODY_LIMIT: must be a size such as 1mb or 500kb',
        'CHRONICLE_DEMO: must be 1 or 0 (true or false)',
        'DATABASE_URL: must be a postgres:// or postgresql:// URL',
        'PORT: must be a whole number from 0 to 65535',
      ]);
    }
  });

  it('refuses to start on a bad setting, before opening any database', async () => {
    await expect(startServer({ env: { PORT: '-1' }, db: 'memory:' })).rejects.toThrow(
      'PORT: must be a whole number from 0 to 65535',
    );
  });
});

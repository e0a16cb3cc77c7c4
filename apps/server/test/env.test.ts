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

  it('reads OIDC_PROVIDERS, and names each bad provider by its place and field', () => {
    const good = {
      organization: 'org-a',
      issuer: 'https://login.example.org/realms/a',
      clientId: 'chronicle',
      clientSecret: 's3cret',
    };
    expect(readEnv({}).OIDC_PROVIDERS).toEqual([]);
    expect(readEnv({ OIDC_PROVIDERS: JSON.stringify([good]) }).OIDC_PROVIDERS).toEqual([
      { ...good, allowHttp: false },
    ]);
    const problems = (value: string) => {
      try {
        readEnv({ OIDC_PROVIDERS: value });
      } catch (error) {
        expect(error).toBeInstanceOf(EnvError);
        return (error as Error).message.split('\n');
      }
      throw new Error('accepted');
    };
    expect(problems('[{')).toEqual(['OIDC_PROVIDERS: must be a JSON array of providers']);
    expect(
      problems(
        JSON.stringify([
          { ...good, issuer: 'http://login.example.org' },
          { ...good, organization: 'org-b', clientSecret: '', extra: 1 },
          { ...good, organization: 'org-a', issuer: 'http://127.0.0.1:4000', allowHttp: true },
          { ...good, organization: 'org-c', issuer: 'ftp://login.example.org' },
          { ...good, organization: 'org-d', issuer: 'login.example.org' },
        ]),
      ).sort(),
    ).toEqual([
      'OIDC_PROVIDERS.0.issuer: must be https (allowHttp is for development and tests only)',
      'OIDC_PROVIDERS.1.clientSecret: Too small: expected string to have >=1 characters',
      'OIDC_PROVIDERS.1: Unrecognized key: "extra"',
      'OIDC_PROVIDERS.2.organization: repeats provider 0: one provider per organization',
      'OIDC_PROVIDERS.3.issuer: must be an http(s) URL',
      'OIDC_PROVIDERS.4.issuer: must be an http(s) URL',
    ]);
  });

  it('refuses to start on a bad OIDC_PROVIDERS, naming it', async () => {
    await expect(
      startServer({ env: { OIDC_PROVIDERS: '{"organization":"x"}' }, db: 'memory:' }),
    ).rejects.toThrow(/^OIDC_PROVIDERS: /);
  });

  it('refuses to start on a bad setting, before opening any database', async () => {
    await expect(startServer({ env: { PORT: '-1' }, db: 'memory:' })).rejects.toThrow(
      'PORT: must be a whole number from 0 to 65535',
    );
  });
});

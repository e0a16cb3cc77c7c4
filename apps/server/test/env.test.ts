import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import {
  bodyLimitBytes,
  createLogger,
  EnvError,
  readEnv,
  settingWarnings,
  startServer,
} from '../src/index.js';

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
      SESSION_MAX_HOURS: 24,
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

  it('warns of settings valid together but probably not meant: https without a trusted proxy, a lifetime shorter than the idle limit', () => {
    expect(settingWarnings(readEnv({}))).toEqual([]);
    expect(settingWarnings(readEnv({ PUBLIC_URL: 'http://127.0.0.1:8080' }))).toEqual([]);
    expect(
      settingWarnings(readEnv({ PUBLIC_URL: 'https://chronicle.example.org', TRUST_PROXY: '1' })),
    ).toEqual([]);
    const [https] = settingWarnings(readEnv({ PUBLIC_URL: 'https://chronicle.example.org' }));
    expect(https).toMatch(/^PUBLIC_URL is https but TRUST_PROXY is 0: .* not marked Secure/);
    expect(settingWarnings(readEnv({ SESSION_IDLE_HOURS: '8', SESSION_MAX_HOURS: '4' }))).toEqual([
      'SESSION_MAX_HOURS (4) is shorter than SESSION_IDLE_HOURS (8): every session ends 4 hours after sign-in, and the idle limit never applies',
    ]);
  });

  it('logs those warnings when it starts, and starts all the same', async () => {
    const out = new PassThrough();
    const lines: string[] = [];
    out.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    const server = await startServer({
      env: { PORT: '0', CHRONICLE_DEMO: '0', PUBLIC_URL: 'https://chronicle.example.org' },
      db: 'memory:',
      log: createLogger('info', out),
    });
    try {
      const warnings = lines
        .map((line) => JSON.parse(line) as { level: number; event?: string; msg: string })
        .filter((entry) => entry.event === 'setting warning');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.level).toBe(40);
      expect(warnings[0]?.msg).toMatch(/^PUBLIC_URL is https but TRUST_PROXY is 0/);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('refuses to start on a bad setting, before opening any database', async () => {
    await expect(startServer({ env: { PORT: '-1' }, db: 'memory:' })).rejects.toThrow(
      'PORT: must be a whole number from 0 to 65535',
    );
  });
});

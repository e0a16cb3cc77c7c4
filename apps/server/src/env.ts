import { z } from 'zod';
import { cdsClientsSetting } from './cds-hooks/client-config.js';
import { oidcProvidersSetting } from './oidc/provider-config.js';
import { smartEhrsSetting } from './smart/ehr-config.js';

// The server's whole configuration, read once from the environment and validated: a bad
// setting stops start-up with a message naming it. Where the data lives is the database
// package's choice (DATABASE_URL, else CHRONICLE_DATA_DIR, else ./.chronicle/data).

const flag = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no'], { error: 'must be 1 or 0 (true or false)' })
    .optional()
    .transform((v) => (v === undefined ? fallback : ['1', 'true', 'yes'].includes(v)));

const whole = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const settingsSchema = z.object({
  PORT: whole(8080, 0, 65_535),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  CHRONICLE_DATA_DIR: z.string().min(1).optional(),
  /** The config file listing the plugins (docs/developer/plugins.md); the CMS pack without. */
  CHRONICLE_CONFIG: z.string().min(1, 'must name a config file').optional(),
  /** On an empty database, create the clearly labelled demo organization. */
  CHRONICLE_DEMO: flag(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Sessions end after this many hours without a request. */
  SESSION_IDLE_HOURS: whole(12, 1, 24 * 30),
  /** Sessions end this many hours after sign-in, however much they are used. */
  SESSION_MAX_HOURS: whole(24, 1, 24 * 90),
  /** Behind a proxy that terminates TLS, trust its X-Forwarded-* headers (hop count). */
  TRUST_PROXY: whole(0, 0, 10),
  /** Wrong passwords in a row before an account locks, and for how long. */
  SIGN_IN_MAX_FAILURES: whole(5, 1, 100),
  SIGN_IN_LOCK_MINUTES: whole(15, 1, 24 * 60),
  /** Sign-in attempts one address may make in 15 minutes. */
  SIGN_IN_RATE_LIMIT: whole(30, 1, 10_000),
  /** The console's built files; served at / when the folder exists. */
  CONSOLE_DIR: z.string().min(1).optional(),
  /** JSON request bodies larger than this are refused (413). */
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 1mb or 500kb')
    .default('1mb'),
  /**
   * Seconds an audit job may run before it is presumed lost (its process stopped) and tried
   * again by any process; after two retries the run is marked failed. Longer than the
   * longest audit: an attempt still running when it expires is run again beside it.
   */
  AUDIT_JOB_TIMEOUT_SECONDS: whole(30 * 60, 1, 23 * 60 * 60),
  /** How often each process looks for lost jobs, in seconds. */
  JOB_MAINTENANCE_SECONDS: whole(60, 1, 60 * 60),
  /** Seconds to let requests and jobs in flight finish on SIGTERM. */
  SHUTDOWN_GRACE_SECONDS: whole(20, 0, 600),
  /**
   * The address clients reach Chronicle at (https://chronicle.example.org): a CDS Hooks
   * JWT's audience must be a URL under it, and single sign-on's redirect URIs are under it.
   */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /** The EHRs that may call the CDS Hooks service (docs/developer/cds-hooks.md). */
  CDS_HOOKS_CLIENTS: cdsClientsSetting,
  /** Organizations that sign in through their own OpenID Connect provider. */
  OIDC_PROVIDERS: oidcProvidersSetting,
  /** The EHRs that may launch Chronicle's patient panel (docs/admin/smart-launch.md). */
  SMART_EHRS: smartEhrsSetting,
});

export const envSchema = settingsSchema.superRefine((env, ctx) => {
  if (env.CDS_HOOKS_CLIENTS.length > 0 && env.PUBLIC_URL === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['PUBLIC_URL'],
      message: 'is required with CDS_HOOKS_CLIENTS: the JWT audiences are URLs under it',
    });
  if (env.SMART_EHRS.length > 0 && env.PUBLIC_URL === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['PUBLIC_URL'],
      message:
        'is required with SMART_EHRS: the launch redirect URI registered at each EHR is under it',
    });
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = 'EnvError';
}

/** The validated settings, or an EnvError naming every bad one. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  throw new EnvError(
    parsed.error.issues
      .map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`)
      .join('\n'),
  );
}

/**
 * Settings that are valid together but are probably not what was meant, each as a sentence
 * naming them: the server logs them as warnings when it starts, and starts all the same.
 */
export function settingWarnings(env: Env): string[] {
  const warnings: string[] = [];
  if (env.PUBLIC_URL?.startsWith('https://') && env.TRUST_PROXY === 0)
    warnings.push(
      'PUBLIC_URL is https but TRUST_PROXY is 0: Chronicle itself speaks plain HTTP and, ' +
        'trusting no proxy, cannot tell that requests came over TLS, so its session cookies ' +
        'are not marked Secure; set TRUST_PROXY to the number of proxies in front of it',
    );
  if (env.SESSION_MAX_HOURS < env.SESSION_IDLE_HOURS)
    warnings.push(
      `SESSION_MAX_HOURS (${env.SESSION_MAX_HOURS}) is shorter than SESSION_IDLE_HOURS ` +
        `(${env.SESSION_IDLE_HOURS}): every session ends ${env.SESSION_MAX_HOURS} hours after ` +
        'sign-in, and the idle limit never applies',
    );
  return warnings;
}

/** BODY_LIMIT in bytes (kb and mb are 1024 and 1024² bytes, as Express counts them). */
export function bodyLimitBytes(env: Env): number {
  const [, n, unit] = /^(\d+)(b|kb|mb)$/i.exec(env.BODY_LIMIT) as RegExpExecArray;
  const scale = { b: 1, kb: 1024, mb: 1024 * 1024 }[
    (unit as string).toLowerCase() as 'b' | 'kb' | 'mb'
  ];
  return Number(n) * scale;
}

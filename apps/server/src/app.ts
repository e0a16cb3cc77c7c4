import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { appRouter, type JobQueue, type PluginCatalogue } from '@chronicle/api';
import { sql } from 'kysely';
import { isDatabaseUnavailable, type Db } from '@chronicle/db';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { auditReportRoutes, type ReportPlugins } from './audit-report-route.js';
import { hashPassword, loadSession, requireCsrf, signIn, signOut } from './auth.js';
import { cdsHooksRoutes } from './cds-hooks/routes.js';
import { bodyLimitBytes, type Env } from './env.js';
import { sendError } from './http-errors.js';
import { pathOnly } from './logger.js';
import { oidcRoutes } from './oidc/routes.js';
import { smartLaunchRoutes } from './smart/routes.js';

// The HTTP application: security headers, request logs without patient data, health
// checks, sign-in (a password, or the organization's OpenID Connect provider), the tRPC
// API under /api/trpc, and the console's files. It holds no state between requests:
// sessions, sign-ins in progress, rate limits and jobs live in the database.

/** How long a client should wait before retrying while the database is unavailable. */
const RETRY_AFTER_SECONDS = '5';

export interface AppOptions {
  db: Db;
  env: Env;
  log: Logger;
  jobs: JobQueue & { ready(): boolean };
  now?: () => Date;
  /** The plugins loaded at start-up, listed by `plugins.list`. */
  plugins?: PluginCatalogue;
  /** The same plugins' rules and report sections, for the report downloads. */
  reportPlugins?: ReportPlugins;
}

export function createApp(options: AppOptions): express.Express {
  const { db, env, log, jobs } = options;
  const now = options.now ?? (() => new Date());
  const auth = { db, env, log, now };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', env.TRUST_PROXY);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'"], 'connect-src': ["'self'"] },
      },
    }),
  );
  app.use(
    pinoHttp({
      logger: log,
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: pathOnly(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await sql`select 1`.execute(db);
      if (!jobs.ready()) throw new Error('jobs not started');
      res.json({ ok: true });
    } catch {
      res.set('Retry-After', RETRY_AFTER_SECONDS);
      res.status(503).json({ ok: false });
    }
  });

  // The API reads its own bodies (up to the same limit); only the plain endpoints parse here.
  const json = express.json({ limit: env.BODY_LIMIT, strict: false });
  app.use(cookieParser());
  app.use(loadSession(auth));
  app.post('/auth/sign-in', json, signIn(auth));
  app.post('/auth/sign-out', requireCsrf, signOut(auth));
  app.use(oidcRoutes(auth));
  app.use(smartLaunchRoutes(auth));
  app.use(auditReportRoutes(db, options.reportPlugins));
  app.use(cdsHooksRoutes({ db, env, now }));
  app.use(
    '/api/trpc',
    requireCsrf,
    createExpressMiddleware({
      router: appRouter,
      maxBodySize: bodyLimitBytes(env),
      responseMeta: ({ errors }) =>
        errors.some((e) => e.code === 'SERVICE_UNAVAILABLE')
          ? { headers: { 'Retry-After': RETRY_AFTER_SECONDS } }
          : {},
      createContext: ({ req }) => ({
        db,
        caller: req.caller ?? null,
        now,
        jobs,
        log,
        hashPassword,
        ...(options.plugins ? { plugins: options.plugins } : {}),
      }),
    }),
  );

  const consoleDir = env.CONSOLE_DIR ? resolve(env.CONSOLE_DIR) : undefined;
  if (consoleDir && existsSync(join(consoleDir, 'index.html'))) {
    app.use(express.static(consoleDir, { index: 'index.html', maxAge: '1h' }));
    // The console routes in the browser: any other page is its index.
    app.get(/^\/(?!api\/|auth\/|cds-services|smart\/|\.well-known\/).*/, (_req, res) => {
      res.sendFile(join(consoleDir, 'index.html'));
    });
  }

  app.use((_req, res) => {
    sendError(res, 'NOT_FOUND', '', 'no such endpoint');
  });
  // Errors outside tRPC: bodies too large or not JSON, and anything unexpected.
  app.use(
    (
      error: Error & { status?: number; type?: string },
      req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      if (error.type === 'entity.too.large') {
        sendError(res, 'PAYLOAD_TOO_LARGE', '', `request body over ${env.BODY_LIMIT}`);
        return;
      }
      if (error.type === 'entity.parse.failed') {
        sendError(res, 'BAD_REQUEST', '(body)', 'not valid JSON');
        return;
      }
      if (isDatabaseUnavailable(error)) {
        req.log.warn({ event: 'database unavailable' }, 'database unavailable');
        res.set('Retry-After', RETRY_AFTER_SECONDS);
        sendError(res, 'SERVICE_UNAVAILABLE', '', 'the database is unavailable; try again shortly');
        return;
      }
      req.log.error({ error: error.name, stack: error.stack }, 'request failed');
      sendError(res, 'INTERNAL_SERVER_ERROR', '', 'internal error; it has been logged');
    },
  );
  return app;
}

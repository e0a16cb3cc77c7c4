import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Caller } from '@chronicle/api';
import {
  claimSignInGuess,
  countSignInAttempt,
  createSession,
  deleteSession,
  findSession,
  findSignInAccount,
  recordSignInLock,
  recordSuccessfulSignIn,
  touchSession,
  type Db,
} from '@chronicle/db';
import { hash, verify } from '@node-rs/argon2';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Env } from './env.js';
import { sendError, sendProblems } from './http-errors.js';

// Local sign-in: argon2id password hashes, sessions kept in the database (the cookie holds
// a random token, the database only its SHA-256), a CSRF token per session that every
// state-changing request must echo in a header, a per-address rate limit and a per-account
// lockout, both counted in the database so that every server process sees them.

export const SESSION_COOKIE = 'chronicle_session';
export const CSRF_COOKIE = 'chronicle_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const RATE_WINDOW_MS = 15 * 60_000;
/** A session's expiry slides forward at most this often (a write per request is waste). */
const TOUCH_EVERY_MS = 60_000;

/** argon2id with the library's defaults (m=19456 KiB, t=2, p=1: OWASP's minimum). */
export const hashPassword = (password: string) => hash(password);

/** Compared against when no account matches, so that timing does not tell which exist. */
const NO_ACCOUNT_HASH = hashPassword(randomBytes(16).toString('hex'));

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const token = () => randomBytes(32).toString('base64url');

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- how Express's types are extended
  namespace Express {
    interface Request {
      caller?: Caller | null;
      /** The signed-in session's CSRF token hash, for the check on writes. */
      csrfHash?: string;
    }
  }
}

export const signInSchema = z.strictObject({
  organization: z.string().trim().min(1, 'required').max(200),
  email: z.string().trim().min(1, 'required').max(320),
  password: z.string().min(1, 'required').max(1024),
});

export interface AuthOptions {
  db: Db;
  env: Env;
  log: Logger;
  now: () => Date;
}

export function cookieOptions(req: Request, httpOnly: boolean, expires?: Date) {
  return {
    httpOnly,
    secure: req.secure,
    sameSite: 'lax' as const,
    path: '/',
    ...(expires ? { expires } : {}),
  };
}

/** Reads the session cookie on every request; the caller is null when there is none. */
export function loadSession({ db, env, now }: AuthOptions) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    req.caller = null;
    const raw: unknown = req.cookies?.[SESSION_COOKIE];
    if (typeof raw !== 'string' || raw.length === 0 || raw.length > 100) return next();
    try {
      const id = sha256(raw);
      const at = now();
      const session = await findSession(db, id, at);
      if (session) {
        req.caller = {
          orgId: session.orgId,
          userId: session.userId,
          role: session.role,
          sessionId: id,
        };
        req.csrfHash = session.csrfHash;
        if (at.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
          await touchSession(db, id, at, sessionEnd(env, session.createdAt, at));
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * When a session used at `at` ends: SESSION_IDLE_HOURS later, but never more than
 * SESSION_MAX_HOURS after its sign-in (a stolen cookie kept busy still dies).
 */
const sessionEnd = (env: Env, createdAt: Date, at: Date) =>
  new Date(
    Math.min(
      at.getTime() + env.SESSION_IDLE_HOURS * 3_600_000,
      createdAt.getTime() + env.SESSION_MAX_HOURS * 3_600_000,
    ),
  );

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes made with a session cookie must carry the session's CSRF token in a header: a
 * page on another site can make the browser send the cookie, but cannot read the token.
 */
export function requireCsrf(req: Request, res: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method) || !req.caller) return next();
  const sent = req.get(CSRF_HEADER);
  const expected = Buffer.from(req.csrfHash ?? '', 'hex');
  const actual = Buffer.from(sha256(sent ?? ''), 'hex');
  if (sent && expected.length === actual.length && timingSafeEqual(expected, actual)) return next();
  sendError(res, 'FORBIDDEN', CSRF_HEADER, 'missing or wrong CSRF token');
}

const WRONG = 'wrong organization, email or password';

/** POST /auth/sign-in: checks the password and starts a session. */
export function signIn({ db, env, log, now }: AuthOptions) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const parsed = signInSchema.safeParse(req.body);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => ({
          path: i.path.join('.') || '(body)',
          message: i.message,
        }));
        sendProblems(res, 'BAD_REQUEST', problems);
        return;
      }
      const { organization, email, password } = parsed.data;
      const at = now();
      if (await refuseOverRateLimit({ db, env }, req, res, at)) return;
      const account = await findSignInAccount(db, organization, email);
      if (!account || account.passwordHash === null || account.disabled) {
        await verify(await NO_ACCOUNT_HASH, password);
        log.info({ event: 'sign-in refused', organization }, 'sign-in refused');
        sendError(res, 'UNAUTHORIZED', '', WRONG);
        return;
      }
      // Counted before the password is checked: guesses made at once cannot all pass the lock.
      const guess = await claimSignInGuess(db, {
        orgId: account.orgId,
        userId: account.userId,
        maxFailures: env.SIGN_IN_MAX_FAILURES,
        lockMs: env.SIGN_IN_LOCK_MINUTES * 60_000,
        now: at,
      });
      if (!guess.allowed) {
        if (guess.lockedUntil === null) sendError(res, 'UNAUTHORIZED', '', WRONG);
        else
          sendError(
            res,
            'TOO_MANY_REQUESTS',
            '',
            `account locked after repeated wrong passwords until ${guess.lockedUntil.toISOString()}`,
          );
        return;
      }
      if (!(await verify(account.passwordHash, password))) {
        if (guess.locksUntil) await recordSignInLock(db, account.orgId, account.userId);
        log.info(
          {
            event: 'sign-in refused',
            organization,
            user: account.userId,
            locked: Boolean(guess.locksUntil),
          },
          'sign-in refused',
        );
        sendError(res, 'UNAUTHORIZED', '', WRONG);
        return;
      }
      await recordSuccessfulSignIn(db, account.orgId, account.userId);
      const csrfToken = await startSession({ db, env }, req, res, account, at);
      log.info(
        { event: 'signed in', method: 'password', organization, user: account.userId },
        'signed in',
      );
      res.json({ orgId: account.orgId, userId: account.userId, role: account.role, csrfToken });
    } catch (error) {
      next(error);
    }
  };
}

/**
 * Starts a session for a user who has proved who they are (a password, or the
 * organization's identity provider) and sets its cookies. Returns the CSRF token.
 */
export async function startSession(
  { db, env }: Pick<AuthOptions, 'db' | 'env'>,
  req: Request,
  res: Response,
  account: { orgId: string; userId: string },
  at: Date,
): Promise<string> {
  const sessionToken = token();
  const csrfToken = token();
  await createSession(db, {
    id: sha256(sessionToken),
    orgId: account.orgId,
    userId: account.userId,
    csrfHash: sha256(csrfToken),
    createdAt: at,
    expiresAt: sessionEnd(env, at, at),
  });
  res.cookie(SESSION_COOKIE, sessionToken, cookieOptions(req, true));
  res.cookie(CSRF_COOKIE, csrfToken, cookieOptions(req, false));
  return csrfToken;
}

/**
 * Counts a sign-in attempt from the request's address; true (and the 429 sent) when the
 * address has made too many.
 */
export async function refuseOverRateLimit(
  { db, env }: Pick<AuthOptions, 'db' | 'env'>,
  req: Request,
  res: Response,
  at: Date,
): Promise<boolean> {
  const attempts = await countSignInAttempt(db, `ip:${req.ip ?? 'unknown'}`, at, RATE_WINDOW_MS);
  if (attempts <= env.SIGN_IN_RATE_LIMIT) return false;
  res.setHeader('Retry-After', String(RATE_WINDOW_MS / 1000));
  sendError(res, 'TOO_MANY_REQUESTS', '', 'too many sign-in attempts; wait and try again');
  return true;
}

/** POST /auth/sign-out: ends this browser's session. */
export function signOut({ db }: AuthOptions) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (req.caller) await deleteSession(db, req.caller.sessionId);
      res.clearCookie(SESSION_COOKIE, cookieOptions(req, true));
      res.clearCookie(CSRF_COOKIE, cookieOptions(req, false));
      res.status(204).end();
    } catch (error) {
      next(error);
    }
  };
}

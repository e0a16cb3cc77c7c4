import {
  matchOidcUser,
  savePendingOidcSignIn,
  takePendingOidcSignIn,
  type OidcRefusal,
} from '@chronicle/db';
import express, { type Request, type Response } from 'express';
import * as client from 'openid-client';
import { z } from 'zod';
import {
  cookieOptions,
  refuseOverRateLimit,
  sha256,
  startSession,
  type AuthOptions,
} from '../auth.js';
import { sendError, sendProblems } from '../http-errors.js';
import { createDiscovery } from './discovery.js';
import { exchangeCode } from './exchange.js';
import type { OidcProviderConfig } from './provider-config.js';

// Sign-in through an organization's own OpenID Connect provider (authorization code flow
// with PKCE S256, state and nonce):
//
//   GET /auth/oidc/:organization           sends the browser to the provider
//   GET /auth/oidc/:organization/callback  where the provider sends it back
//   GET /auth/providers?organization=...   what the console's sign-in page may offer
//
// Between the two legs the server keeps nothing in memory: the PKCE verifier and nonce
// are in the database under the SHA-256 of the state, and the state itself is in a
// short-lived httpOnly cookie, so the callback must come back to the browser that started
// the sign-in, within ten minutes, once. The provider's identity reaches only a user an
// admin created (see matchOidcUser); the session is made as a password sign-in makes it.
// Failures answer in the usual error body, never with a session.

export const OIDC_STATE_COOKIE = 'chronicle_oidc_state';
const PENDING_MS = 10 * 60_000;
const SCOPE = 'openid email';

const organizationSchema = z.string().trim().min(1, 'required').max(200);
const providersQuerySchema = z.object({ organization: organizationSchema });
const param = z.string().min(1).max(4096).optional();
const callbackQuerySchema = z.object({
  code: param,
  state: param,
  error: z
    .string()
    .regex(/^[\x20-\x7e]{1,100}$/, 'must be an OAuth error code')
    .optional(),
});

export function oidcRoutes(auth: AuthOptions): express.Router {
  const { db, env, log, now } = auth;
  const providers = new Map(env.OIDC_PROVIDERS.map((p) => [p.organization, p]));
  const discover = createDiscovery(now);
  const router = express.Router();

  /** The organization's provider, or a 404 naming `organization`. */
  const providerOf = (req: Request, res: Response): OidcProviderConfig | undefined => {
    const parsed = organizationSchema.safeParse(req.params.organization);
    const provider = parsed.success ? providers.get(parsed.data) : undefined;
    if (!provider)
      sendError(res, 'NOT_FOUND', 'organization', 'no sign-in provider for this organization');
    return provider;
  };
  /** The redirect URI to register at the provider; PUBLIC_URL when set. */
  const callbackUrl = (req: Request, organization: string) =>
    `${env.PUBLIC_URL ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`}` +
    `/auth/oidc/${encodeURIComponent(organization)}/callback`;
  const stateCookie = (req: Request) => ({
    ...cookieOptions(req, true),
    path: '/auth/oidc/',
  });
  const refused = (organization: string, reason: string) =>
    log.info({ event: 'sign-in refused', method: 'oidc', organization, reason }, 'sign-in refused');

  router.get('/auth/providers', (req, res) => {
    const parsed = providersQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      sendProblems(res, 'BAD_REQUEST', issues(parsed.error));
      return;
    }
    const provider = providers.get(parsed.data.organization);
    res.json({
      providers: provider
        ? [
            {
              label: provider.label ?? new URL(provider.issuer).host,
              startUrl: `/auth/oidc/${encodeURIComponent(provider.organization)}`,
            },
          ]
        : [],
    });
  });

  router.get('/auth/oidc/:organization', async (req, res, next) => {
    try {
      const provider = providerOf(req, res);
      if (!provider) return;
      const at = now();
      if (await refuseOverRateLimit(auth, req, res, at)) return;
      const config = await discover(provider).catch((error: unknown) => {
        log.warn(
          {
            event: 'oidc discovery failed',
            organization: provider.organization,
            error: name(error),
          },
          'oidc discovery failed',
        );
        return undefined;
      });
      if (!config) {
        sendError(res, 'BAD_GATEWAY', 'organization', 'the sign-in provider could not be reached');
        return;
      }
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const saved = await savePendingOidcSignIn(
        db,
        {
          id: sha256(state),
          orgId: provider.organization,
          codeVerifier,
          nonce,
          expiresAt: new Date(at.getTime() + PENDING_MS),
        },
        at,
      );
      if (!saved) {
        sendError(res, 'NOT_FOUND', 'organization', 'no such organization');
        return;
      }
      res.cookie(OIDC_STATE_COOKIE, state, { ...stateCookie(req), maxAge: PENDING_MS });
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: callbackUrl(req, provider.organization),
        scope: SCOPE,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      res.redirect(302, url.href);
    } catch (error) {
      next(error);
    }
  });

  router.get('/auth/oidc/:organization/callback', async (req, res, next) => {
    try {
      const provider = providerOf(req, res);
      if (!provider) return;
      const organization = provider.organization;
      const cookie: unknown = req.cookies?.[OIDC_STATE_COOKIE];
      const parsed = callbackQuerySchema.safeParse(req.query);
      if (!parsed.success) {
        sendProblems(res, 'BAD_REQUEST', issues(parsed.error));
        return;
      }
      const { state, code, error } = parsed.data;
      if (state === undefined || typeof cookie !== 'string' || cookie !== state) {
        refused(organization, 'state-mismatch');
        sendError(res, 'BAD_REQUEST', 'state', 'does not match the sign-in this browser started');
        return;
      }
      // Only now: a page that sends this browser to the callback with another state must
      // not be able to cancel the sign-in it has under way.
      res.clearCookie(OIDC_STATE_COOKIE, stateCookie(req));
      const at = now();
      const pending = await takePendingOidcSignIn(db, organization, sha256(state));
      if (!pending || pending.expiresAt <= at) {
        refused(organization, pending ? 'expired' : 'state-unknown');
        sendError(res, 'BAD_REQUEST', 'state', 'this sign-in has expired or was already used');
        return;
      }
      if (error !== undefined) {
        refused(organization, 'provider-error');
        sendError(
          res,
          'UNAUTHORIZED',
          'error',
          `the sign-in provider did not sign you in: ${error}`,
        );
        return;
      }
      if (code === undefined) {
        sendError(res, 'BAD_REQUEST', 'code', 'required');
        return;
      }
      const currentUrl = new URL(callbackUrl(req, organization));
      currentUrl.search = new URL(req.originalUrl, 'http://callback').search;
      const identity = await discover(provider)
        .then((config) => exchangeCode(config, currentUrl, { state, ...pending }))
        .catch((failure: unknown) => {
          // Names and codes only: messages and bodies may quote the token's claims.
          log.warn(
            { event: 'oidc code exchange failed', organization, error: name(failure) },
            'oidc code exchange failed',
          );
          return undefined;
        });
      if (!identity) {
        refused(organization, 'code-exchange');
        sendError(
          res,
          'UNAUTHORIZED',
          'code',
          'the sign-in provider’s answer could not be verified',
        );
        return;
      }
      const match = await matchOidcUser(db, organization, identity);
      if (!match.ok) {
        refused(organization, match.refusal);
        sendError(res, 'FORBIDDEN', '', REFUSALS[match.refusal]);
        return;
      }
      await startSession(auth, req, res, match, at);
      log.info(
        {
          event: 'signed in',
          method: 'oidc',
          organization,
          user: match.userId,
          linked: match.linked,
        },
        'signed in',
      );
      res.redirect(302, '/');
    } catch (error) {
      next(error);
    }
  });

  return router;
}

const REFUSALS = {
  'email-unverified':
    'no Chronicle user is linked to this identity, and the provider has not verified its email',
  'unknown-user': 'no Chronicle user of this organization has this identity or its email',
  'linked-elsewhere': 'the Chronicle user with this email is linked to another identity',
  disabled: 'this Chronicle user is disabled',
} satisfies Record<OidcRefusal, string>;

const name = (error: unknown) =>
  error instanceof Error
    ? [error.name, (error as { code?: unknown }).code, (error as { error?: unknown }).error]
        .filter((part) => typeof part === 'string')
        .join(' ')
    : 'unknown';

const issues = (error: z.ZodError) =>
  error.issues.map((i) => ({ path: i.path.join('.') || '(query)', message: i.message }));

import { deleteSession, savePendingOidcSignIn, takePendingOidcSignIn } from '@chronicle/db';
import express, { type Request } from 'express';
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
import { withoutTrailingSlash } from './ehr-config.js';
import { exchangeLaunchCode } from './exchange.js';
import {
  CALLBACK_PATH,
  HOST_MANIFEST_PATH,
  hostManifest,
  LAUNCH_PATH,
  PANEL_PATH,
} from './host-manifest.js';
import { describeFailure } from './failure-name.js';
import { matchLaunch } from './launch-match.js';
import { launchScope } from './scopes.js';
import { createSmartDiscovery } from './smart-configuration.js';

// Chronicle launched from an EHR (SMART App Launch 2.x, EHR launch; authorization code
// with PKCE S256):
//
//   GET /smart/launch?iss=...&launch=...   the EHR opens this; the browser goes on to authorize
//   GET /smart/callback?code=...&state=... the EHR's authorization server sends it back here
//   GET /.well-known/chronicle-ehr-manifest.json   what Chronicle contributes to an EHR
//
// As with single sign-on (oidc/routes.ts), the server keeps nothing in memory between the
// legs: the PKCE verifier is stored with the organization's pending sign-ins under a hash
// of the EHR and the state, and the browser holds a short-lived httpOnly cookie named for
// this launch's state, so that a clinician who opens two charts at once finishes both. The
// callback exchanges the code, checks the ID token, reaches only a user an admin created
// (matchOidcUser, as single sign-on links users), reads the patient in context from the
// EHR and finds the Chronicle patient with its MBI; only then is a session started and
// the browser sent to the console's patient panel. Every refusal answers in the usual
// error body without a session, and the logs name reasons, never a patient or a token.

const COOKIE_PREFIX = 'chronicle_smart_';
const PENDING_MS = 10 * 60_000;

const param = z.string().min(1).max(4096).optional();
const launchQuerySchema = z.object({
  iss: z.url({ protocol: /^https?$/, error: 'must be the EHR’s FHIR base URL' }).max(2000),
  launch: z.string().min(1, 'required').max(4096),
});
const callbackQuerySchema = z.object({
  code: param,
  state: param,
  error: z
    .string()
    .regex(/^[\x20-\x7e]{1,100}$/, 'must be an OAuth error code')
    .optional(),
});

/** The cookie that says this browser started the launch with `state`. */
export const launchCookieName = (state: string) => `${COOKIE_PREFIX}${sha256(state).slice(0, 24)}`;
/** Where the pending launch is stored: bound to its EHR, so another EHR's callback cannot take it. */
const pendingId = (issuer: string, state: string) => sha256(`smart-launch\n${issuer}\n${state}`);

export function smartLaunchRoutes(auth: AuthOptions): express.Router {
  const { db, env, log, now } = auth;
  const ehrs = new Map(env.SMART_EHRS.map((e) => [e.issuer, e]));
  const discover = createSmartDiscovery(now);
  const router = express.Router();

  const baseUrl = (req: Request) =>
    env.PUBLIC_URL ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  const launchCookie = (req: Request) => ({ ...cookieOptions(req, true), path: '/smart/' });
  const refused = (organization: string | undefined, reason: string) =>
    log.info(
      { event: 'sign-in refused', method: 'smart', organization, reason },
      'sign-in refused',
    );

  router.get(HOST_MANIFEST_PATH, (req, res) => {
    res.json(hostManifest(baseUrl(req)));
  });

  router.get(LAUNCH_PATH, async (req, res, next) => {
    try {
      const parsed = launchQuerySchema.safeParse(req.query);
      if (!parsed.success) {
        sendProblems(res, 'BAD_REQUEST', issues(parsed.error));
        return;
      }
      const { iss, launch } = parsed.data;
      const ehr = ehrs.get(withoutTrailingSlash(iss));
      if (!ehr) {
        // Nothing is fetched from an issuer that is not configured.
        refused(undefined, 'issuer-not-allowed');
        sendError(res, 'FORBIDDEN', 'iss', 'this EHR is not one allowed to launch Chronicle');
        return;
      }
      const organization = ehr.organization;
      const at = now();
      if (await refuseOverRateLimit(auth, req, res, at)) return;
      const server = await discover(ehr).catch((error: unknown) => {
        log.warn(
          { event: 'smart configuration failed', organization, error: describeFailure(error) },
          'smart configuration failed',
        );
        return undefined;
      });
      if (!server) {
        sendError(
          res,
          'BAD_GATEWAY',
          'iss',
          'the EHR’s SMART configuration could not be read, or offers no OpenID Connect or PKCE S256',
        );
        return;
      }
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const saved = await savePendingOidcSignIn(
        db,
        {
          id: pendingId(ehr.issuer, state),
          orgId: organization,
          codeVerifier,
          // SMART defines no nonce, and an EHR may not echo one: PKCE and the state bind
          // the code to this browser's launch instead. The column is shared with single
          // sign-on, whose callback never looks a launch up (its id is hashed differently).
          nonce: '',
          expiresAt: new Date(at.getTime() + PENDING_MS),
        },
        at,
      );
      if (!saved) {
        sendError(res, 'NOT_FOUND', 'iss', 'the EHR’s Chronicle organization does not exist');
        return;
      }
      res.cookie(launchCookieName(state), ehr.issuer, {
        ...launchCookie(req),
        maxAge: PENDING_MS,
      });
      const url = client.buildAuthorizationUrl(server.config, {
        redirect_uri: `${baseUrl(req)}${CALLBACK_PATH}`,
        scope: launchScope(server.capabilities, ehr.extraScopes),
        state,
        aud: iss,
        launch,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
      res.redirect(302, url.href);
    } catch (error) {
      next(error);
    }
  });

  router.get(CALLBACK_PATH, async (req, res, next) => {
    try {
      const parsed = callbackQuerySchema.safeParse(req.query);
      if (!parsed.success) {
        sendProblems(res, 'BAD_REQUEST', issues(parsed.error));
        return;
      }
      const { state, code, error } = parsed.data;
      const issuer: unknown =
        state === undefined ? undefined : req.cookies?.[launchCookieName(state)];
      const ehr = typeof issuer === 'string' ? ehrs.get(issuer) : undefined;
      if (state === undefined || !ehr) {
        refused(undefined, 'state-mismatch');
        sendError(res, 'BAD_REQUEST', 'state', 'does not match a launch this browser started');
        return;
      }
      const organization = ehr.organization;
      res.clearCookie(launchCookieName(state), launchCookie(req));
      const at = now();
      const pending = await takePendingOidcSignIn(db, organization, pendingId(ehr.issuer, state));
      if (!pending || pending.expiresAt <= at) {
        refused(organization, pending ? 'expired' : 'state-unknown');
        sendError(res, 'BAD_REQUEST', 'state', 'this launch has expired or was already used');
        return;
      }
      if (error !== undefined) {
        refused(organization, 'ehr-error');
        sendError(res, 'UNAUTHORIZED', 'error', `the EHR did not authorize the launch: ${error}`);
        return;
      }
      if (code === undefined) {
        sendError(res, 'BAD_REQUEST', 'code', 'required');
        return;
      }
      const currentUrl = new URL(`${baseUrl(req)}${CALLBACK_PATH}`);
      currentUrl.search = new URL(req.originalUrl, 'http://callback').search;
      const tokens = await discover(ehr)
        .then((server) =>
          exchangeLaunchCode(server.config, currentUrl, {
            state,
            codeVerifier: pending.codeVerifier,
          }),
        )
        .catch((failure: unknown) => {
          // Names and codes only: messages and bodies may quote the token's claims.
          log.warn(
            { event: 'smart code exchange failed', organization, error: describeFailure(failure) },
            'smart code exchange failed',
          );
          return undefined;
        });
      if (!tokens) {
        refused(organization, 'code-exchange');
        sendError(
          res,
          'UNAUTHORIZED',
          'code',
          'the EHR’s answer could not be verified (the code, the ID token or the launch context)',
        );
        return;
      }
      const match = await matchLaunch(db, log, ehr, tokens);
      if (!match.ok) {
        refused(organization, match.reason);
        sendError(res, match.code, match.path, match.message);
        return;
      }
      // The EHR user is who uses this browser now: a session left in it is ended.
      if (req.caller) await deleteSession(db, req.caller.sessionId);
      await startSession(auth, req, res, match.user, at);
      log.info(
        {
          event: 'signed in',
          method: 'smart',
          organization,
          user: match.user.userId,
          linked: match.user.linked,
        },
        'signed in',
      );
      res.redirect(
        302,
        PANEL_PATH.replace('{practiceId}', encodeURIComponent(match.practiceId)).replace(
          '{patientId}',
          encodeURIComponent(match.patientId),
        ),
      );
    } catch (error) {
      next(error);
    }
  });

  return router;
}

const issues = (error: z.ZodError) =>
  error.issues.map((i) => ({ path: i.path.join('.') || '(query)', message: i.message }));

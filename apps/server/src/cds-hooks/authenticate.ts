import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors,
  jwtVerify,
  type JWTVerifyGetKey,
} from 'jose';
import type { CdsClientConfig } from './client-config.js';

// Who is calling the CDS Hooks service: every request carries `Authorization: Bearer <JWT>`
// signed by the CDS Client with its private key (CDS Hooks 2.0, "Trusting CDS Clients").
// The token names its issuer; the issuer picks the configured client, and the token must
// verify against that client's public keys with an asymmetric algorithm the client is
// allowed, for this endpoint's URL as audience, unexpired, issued recently, with a jti.
// A token is good for one call: the routes record its jti until it expires
// (recordCdsTokenUse in @chronicle/db) and refuse it the second time.

/** Tokens issued longer ago than this are refused, whatever their `exp`. */
export const MAX_TOKEN_AGE_SECONDS = 600;
/** Clocks of the client and Chronicle may disagree by this much. */
const CLOCK_TOLERANCE_SECONDS = 60;

export class CdsAuthError extends Error {
  override name = 'CdsAuthError';
}

export interface CdsCaller {
  client: CdsClientConfig;
  /** The token's `jti`: remembered, so that the token serves one call only. */
  jti: string;
  /** When the token could no longer be accepted anyway (its expiry or age limit, with tolerance). */
  acceptableUntil: Date;
}

export type CdsAuthenticator = (
  authorization: string | undefined,
  audience: string,
  now: Date,
) => Promise<CdsCaller>;

/** Verifies the bearer JWTs of the configured clients; keys are read once per client. */
export function createCdsAuthenticator(clients: readonly CdsClientConfig[]): CdsAuthenticator {
  const keys = new Map<CdsClientConfig, JWTVerifyGetKey>();
  const keysOf = (client: CdsClientConfig): JWTVerifyGetKey => {
    let getKey = keys.get(client);
    if (!getKey) {
      getKey = client.jwks
        ? createLocalJWKSet(client.jwks as Parameters<typeof createLocalJWKSet>[0])
        : createRemoteJWKSet(new URL(client.jwksUrl as string), {
            timeoutDuration: 5_000,
            cooldownDuration: 30_000,
            cacheMaxAge: 10 * 60_000,
          });
      keys.set(client, getKey);
    }
    return getKey;
  };

  return async (authorization, audience, now) => {
    const token = /^Bearer +([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(authorization?.trim() ?? '')?.[1];
    if (!token) throw new CdsAuthError('send the JWT as "Authorization: Bearer <token>"');
    let claims: ReturnType<typeof decodeJwt>;
    try {
      claims = decodeJwt(token);
    } catch {
      throw new CdsAuthError('the bearer token is not a JWT');
    }
    const client = clientFor(clients, claims.iss, claims.tenant);
    if (!client) throw new CdsAuthError("the token's issuer is not a configured CDS client");
    try {
      const { payload } = await jwtVerify(token, keysOf(client), {
        issuer: client.issuer,
        audience,
        algorithms: client.algorithms,
        typ: 'JWT',
        requiredClaims: ['iss', 'aud', 'exp', 'iat', 'jti'],
        maxTokenAge: MAX_TOKEN_AGE_SECONDS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: now,
      });
      if (typeof payload.jti !== 'string' || payload.jti === '')
        throw new CdsAuthError('the token needs a "jti"');
      const lastSecond =
        Math.min(payload.exp as number, (payload.iat as number) + MAX_TOKEN_AGE_SECONDS) +
        CLOCK_TOLERANCE_SECONDS;
      return { client, jti: payload.jti, acceptableUntil: new Date(lastSecond * 1000) };
    } catch (error) {
      throw error instanceof CdsAuthError ? error : new CdsAuthError(reasonOf(error));
    }
  };
}

function clientFor(
  clients: readonly CdsClientConfig[],
  issuer: unknown,
  tenant: unknown,
): CdsClientConfig | undefined {
  if (typeof issuer !== 'string') return undefined;
  const ofIssuer = clients.filter((c) => c.issuer === issuer);
  return (
    ofIssuer.find((c) => c.tenant !== undefined && c.tenant === tenant) ??
    ofIssuer.find((c) => c.tenant === undefined)
  );
}

/** Why a token failed, in words that name no claim's value. */
function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired)
    return error.claim === 'iat'
      ? `the token was issued too long ago (at most ${MAX_TOKEN_AGE_SECONDS} seconds)`
      : 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'aud':
        return "the token's audience is not this service's URL";
      case 'iat':
        return error.reason === 'missing'
          ? 'the token needs an "iat"'
          : `the token was issued too long ago (at most ${MAX_TOKEN_AGE_SECONDS} seconds) or in the future`;
      case 'nbf':
        return 'the token is not valid yet';
      case 'typ':
        return 'the token\'s "typ" header must be "JWT"';
      default:
        return error.reason === 'missing'
          ? `the token needs a "${error.claim}"`
          : `the token's "${error.claim}" is not acceptable`;
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return "the token's algorithm is not one this client may use";
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return "the token's signature does not verify";
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
    return "no single key of the client's key set matches the token";
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JOSEError)
    return "the token could not be checked against the client's keys";
  return 'the token could not be verified';
}

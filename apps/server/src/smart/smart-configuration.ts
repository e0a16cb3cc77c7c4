import * as client from 'openid-client';
import { z } from 'zod';
import type { SmartEhrConfig } from './ehr-config.js';

// What an EHR says about its authorization server, at `${iss}/.well-known/smart-configuration`
// (SMART App Launch 2.x, "Conformance"): where to send the browser, where to exchange the
// code, and, because Chronicle needs to know who the EHR user is, the OpenID Connect issuer
// and keys its ID tokens are checked against. An EHR that offers no OpenID Connect, or
// PKCE without S256, cannot launch Chronicle. Each EHR's document is kept for an hour by
// this server (one per createApp), so a moved endpoint or new key is followed without a
// restart; a failed fetch is not kept.

const KEEP_MS = 60 * 60_000;
const TIMEOUT_MS = 10_000;

const smartConfigurationSchema = z.looseObject({
  issuer: z.url().optional(),
  jwks_uri: z.url().optional(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  capabilities: z.array(z.string()).default([]),
  code_challenge_methods_supported: z.array(z.string()).optional(),
});

export interface SmartServer {
  /** The authorization server as openid-client uses it (endpoints, ID token checks). */
  config: client.Configuration;
  /** The SMART capabilities the EHR lists (launch-ehr, permission-v2, ...). */
  capabilities: readonly string[];
}

/** Why an EHR's SMART configuration cannot be used; the message names no secret. */
export class SmartConfigurationError extends Error {
  override name = 'SmartConfigurationError';
}

export type DiscoverSmart = (ehr: SmartEhrConfig) => Promise<SmartServer>;

export function createSmartDiscovery(now: () => Date): DiscoverSmart {
  const kept = new Map<string, { at: number; server: Promise<SmartServer> }>();
  return (ehr) => {
    const at = now().getTime();
    const hit = kept.get(ehr.issuer);
    if (hit && at - hit.at < KEEP_MS) return hit.server;
    const server = fetchSmartServer(ehr);
    kept.set(ehr.issuer, { at, server });
    server.catch(() => {
      if (kept.get(ehr.issuer)?.server === server) kept.delete(ehr.issuer);
    });
    return server;
  };
}

async function fetchSmartServer(ehr: SmartEhrConfig): Promise<SmartServer> {
  const res = await fetch(`${ehr.issuer}/.well-known/smart-configuration`, {
    headers: { accept: 'application/json' },
    redirect: 'error',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) throw new SmartConfigurationError(`answered ${res.status}`);
  const parsed = smartConfigurationSchema.safeParse(await res.json());
  if (!parsed.success)
    throw new SmartConfigurationError(
      `not a SMART configuration: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  const found = parsed.data;
  if (found.issuer === undefined || found.jwks_uri === undefined)
    throw new SmartConfigurationError('no OpenID Connect issuer and keys (sso-openid-connect)');
  const methods = found.code_challenge_methods_supported;
  if (methods !== undefined && !methods.includes('S256'))
    throw new SmartConfigurationError('no PKCE with S256');
  const config = new client.Configuration(
    {
      issuer: found.issuer,
      authorization_endpoint: found.authorization_endpoint,
      token_endpoint: found.token_endpoint,
      jwks_uri: found.jwks_uri,
    },
    ehr.clientId,
    undefined,
    ehr.clientSecret === undefined ? client.None() : client.ClientSecretBasic(ehr.clientSecret),
  );
  config.timeout = TIMEOUT_MS / 1000;
  if (ehr.allowHttp) client.allowInsecureRequests(config);
  // OpenID Connect lets a client skip the ID token's signature when it came straight from
  // the token endpoint over TLS, and openid-client does by default; SMART asks apps to
  // check it, against the keys at jwks_uri.
  client.enableNonRepudiationChecks(config);
  return { config, capabilities: found.capabilities };
}

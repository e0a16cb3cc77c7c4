import * as client from 'openid-client';
import type { OidcProviderConfig } from './provider-config.js';

// Each provider's discovery document, fetched when its first sign-in starts and kept by
// this server (one per createApp, not per module) for an hour, so that a provider that
// moves its endpoints or keys is followed without a restart. A failed discovery is not
// kept: the next sign-in tries again. Nothing here is needed to finish a sign-in started
// by another process: that process's state is in the database.

const KEEP_MS = 60 * 60_000;
const TIMEOUT_SECONDS = 10;

export type Discover = (provider: OidcProviderConfig) => Promise<client.Configuration>;

export function createDiscovery(now: () => Date): Discover {
  const kept = new Map<string, { at: number; config: Promise<client.Configuration> }>();
  return (provider) => {
    const at = now().getTime();
    const hit = kept.get(provider.organization);
    if (hit && at - hit.at < KEEP_MS) return hit.config;
    const config = client.discovery(
      new URL(provider.issuer),
      provider.clientId,
      undefined,
      client.ClientSecretBasic(provider.clientSecret),
      {
        timeout: TIMEOUT_SECONDS,
        // OpenID Connect lets a client skip the ID token's signature when the token came
        // straight from the token endpoint over TLS, and openid-client skips it by default;
        // Chronicle checks it against the provider's jwks_uri all the same, as its docs say.
        execute: [
          client.enableNonRepudiationChecks,
          ...(provider.allowHttp ? [client.allowInsecureRequests] : []),
        ],
      },
    );
    kept.set(provider.organization, { at, config });
    config.catch(() => {
      if (kept.get(provider.organization)?.config === config) kept.delete(provider.organization);
    });
    return config;
  };
}

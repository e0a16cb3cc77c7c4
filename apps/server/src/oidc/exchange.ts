import type { OidcIdentity } from '@chronicle/db';
import * as client from 'openid-client';

// The second leg of a sign-in: the code exchanged for tokens (the library checks the
// state, the PKCE verifier, the ID token's signature, issuer, audience, expiry and nonce),
// and the identity read from the ID token. A provider that keeps the email out of the ID
// token, as OpenID Connect lets it when an access token is issued, is asked for it at its
// UserInfo endpoint, whose answer must name the same subject.

export async function exchangeCode(
  config: client.Configuration,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<OidcIdentity> {
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    pkceCodeVerifier: checks.codeVerifier,
  });
  const claims = tokens.claims();
  // expectedNonce makes the library require an ID token; this only satisfies the types.
  if (!claims) throw new Error('no ID token');
  let email = claims.email;
  let verified = claims.email_verified;
  if (email === undefined && config.serverMetadata().userinfo_endpoint) {
    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    email = info.email;
    verified = info.email_verified;
  }
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email: typeof email === 'string' ? email : undefined,
    // Only a real `true`: not a string "true", not an absent claim.
    emailVerified: verified === true,
  };
}

import type { OidcIdentity } from '@chronicle/db';
import * as client from 'openid-client';
import { fhirIdSchema } from './fhir-patient.js';

// The second leg of a launch: the code exchanged at the EHR's token endpoint with the PKCE
// verifier (openid-client checks the state, and the ID token's signature against the
// EHR's keys, its issuer, audience and expiry). The answer must carry an ID token (who the
// EHR user is) and the launch context's `patient` (SMART App Launch, "Launch context
// arrives with your access_token"); one without either is refused.

export interface SmartLaunchTokens {
  identity: OidcIdentity;
  /** The EHR's FHIR Patient id of the patient in context. */
  patient: string;
  accessToken: string;
}

/** Why the token response cannot be used (after openid-client's own checks passed). */
export class SmartTokenError extends Error {
  override name = 'SmartTokenError';
}

export async function exchangeLaunchCode(
  config: client.Configuration,
  callbackUrl: URL,
  checks: { state: string; codeVerifier: string },
): Promise<SmartLaunchTokens> {
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    expectedState: checks.state,
    pkceCodeVerifier: checks.codeVerifier,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  // idTokenExpected makes the library require an ID token; this only satisfies the types.
  if (!claims) throw new SmartTokenError('no ID token');
  const patient = fhirIdSchema.safeParse(tokens.patient);
  if (!patient.success) throw new SmartTokenError('no patient in the launch context');
  return {
    identity: {
      issuer: claims.iss,
      subject: claims.sub,
      email: typeof claims.email === 'string' ? claims.email : undefined,
      // Only a real `true`: not a string "true", not an absent claim.
      emailVerified: claims.email_verified === true,
    },
    patient: patient.data,
    accessToken: tokens.access_token,
  };
}

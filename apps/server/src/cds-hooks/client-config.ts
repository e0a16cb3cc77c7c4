import { z } from 'zod';
import { jsonListSetting } from '../json-setting.js';

// The EHRs (CDS Clients) that may call Chronicle's CDS Hooks service, as CDS_HOOKS_CLIENTS
// gives them: a JSON array, each client with the issuer its JWTs name, the public keys
// they are signed with (a JWK Set inline, or the URL of one), and the organization and
// practice it acts for. Keys come only from here: a JWT's `jku` header is never followed,
// so that a token cannot point Chronicle at keys of its own choosing.

/** Asymmetric algorithms only (the spec forbids `none` and shared-secret HMAC). */
export const CDS_ALGORITHMS = [
  'ES384',
  'RS384',
  'ES256',
  'ES512',
  'RS256',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'EdDSA',
] as const;

const jwk = z.looseObject({
  kty: z.enum(['EC', 'RSA', 'OKP'], { error: 'must be an EC, RSA or OKP public key' }),
  d: z.never({ error: 'is a private key part: give the public key only' }).optional(),
});

/** http only for this machine (a test or a local key server); https anywhere else. */
const keysUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).refine(
  (url) => {
    const { protocol, hostname } = new URL(url);
    return protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
  },
  { error: 'must be https (http only for localhost)' },
);

export const cdsClientSchema = z
  .strictObject({
    /** The `iss` of the client's JWTs. */
    issuer: z.string().trim().min(1).max(500),
    /** When set, the JWT's `tenant` claim must be this (one issuer, several organizations). */
    tenant: z.string().trim().min(1).max(200).optional(),
    /** The client's public keys, as a JWK Set. */
    jwks: z.strictObject({ keys: z.array(jwk).min(1, 'needs at least one key') }).optional(),
    /** Or where the client publishes them. */
    jwksUrl: keysUrl.optional(),
    /** The Chronicle organization and practice whose patients the client may look up. */
    organization: z.string().trim().min(1).max(200),
    practice: z.string().trim().min(1).max(200),
    /** What `context.patientId` holds: Chronicle's patient id, or the patient's MRN. */
    patientIdentifier: z.enum(['id', 'mrn']).default('id'),
    algorithms: z.array(z.enum(CDS_ALGORITHMS)).min(1).default(['ES384', 'RS384']),
  })
  .refine((c) => (c.jwks === undefined) !== (c.jwksUrl === undefined), {
    error: 'needs exactly one of "jwks" and "jwksUrl"',
  });

export type CdsClientConfig = z.infer<typeof cdsClientSchema>;

const clientsSchema = z.array(cdsClientSchema).superRefine((clients, ctx) => {
  // An issuer named twice must tell its clients apart by tenant.
  const seen = new Map<string, number>();
  clients.forEach((c, i) => {
    const key = `${c.issuer}\u0000${c.tenant ?? ''}`;
    const first = seen.get(key);
    if (first !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: [i, 'tenant'],
        message: `issuer and tenant repeat client ${first}: give each a distinct tenant`,
      });
    seen.set(key, i);
  });
});

/** CDS_HOOKS_CLIENTS: JSON text in the environment, validated client by client. */
export const cdsClientsSetting = jsonListSetting(clientsSchema, 'clients');

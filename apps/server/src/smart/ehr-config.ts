import { z } from 'zod';
import { jsonListSetting } from '../json-setting.js';

// The EHRs that may launch Chronicle (SMART App Launch, EHR launch), as SMART_EHRS gives
// them: a JSON array, one entry per EHR, each with its FHIR base URL (the `iss` of its
// launches), the client Chronicle is registered as there, and the organization (and
// optionally the practice) whose patients its launches open. A launch names its EHR by
// `iss`; an `iss` not listed here is refused before anything is fetched from it, so a
// crafted launch link cannot make Chronicle call a server of someone else's choosing.

/** An OAuth scope token (RFC 6749 section 3.3): printable ASCII without space, quote or backslash. */
const scopeToken = z
  .string()
  .regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,200}$/, 'must be one OAuth scope (no spaces)');

export const smartEhrSchema = z
  .strictObject({
    /** The EHR's FHIR base URL, exactly as its launches send it in `iss`. */
    issuer: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .transform(withoutTrailingSlash),
    /** The Chronicle organization whose patients and users the EHR's launches reach. */
    organization: z.string().trim().min(1).max(200),
    /** Only this practice's patients; by default the whole organization's. */
    practice: z.string().trim().min(1).max(200).optional(),
    clientId: z.string().min(1).max(500),
    /** For a confidential client (sent as HTTP Basic); a public client has none. */
    clientSecret: z.string().min(1).max(2000).optional(),
    /** Scopes asked for beyond the ones Chronicle needs, e.g. "email" where the EHR needs it. */
    extraScopes: z.array(scopeToken).max(20).default([]),
    /** Allow an http issuer: for development and tests only, never in production. */
    allowHttp: z.boolean().default(false),
  })
  // Runs even when the issuer failed its own check: only a plain-http issuer fails here.
  .refine((e) => e.allowHttp || !/^http:/i.test(String(e.issuer)), {
    path: ['issuer'],
    error: 'must be https (allowHttp is for development and tests only)',
  });

export type SmartEhrConfig = z.infer<typeof smartEhrSchema>;

const ehrsSchema = z.array(smartEhrSchema).superRefine((ehrs, ctx) => {
  const seen = new Map<string, number>();
  ehrs.forEach((e, i) => {
    const first = seen.get(e.issuer);
    if (first !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: [i, 'issuer'],
        message: `repeats EHR ${first}: a launch's iss must name one EHR`,
      });
    seen.set(e.issuer, i);
  });
});

/** SMART_EHRS: JSON text in the environment, validated EHR by EHR. */
export const smartEhrsSetting = jsonListSetting(ehrsSchema, 'EHRs');

/** `iss` as launches send it and as it is configured compare without a trailing slash. */
export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

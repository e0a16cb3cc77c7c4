import { z } from 'zod';
import { jsonListSetting } from '../json-setting.js';

// The organizations that sign in through their own OpenID Connect provider, as
// OIDC_PROVIDERS gives them: a JSON array, one provider per organization, each with its
// issuer and the client Chronicle is registered as there. Issuers are https: plain http
// is allowed only with `allowHttp`, for a provider on a developer's machine or in tests.

export const oidcProviderSchema = z
  .strictObject({
    /** The Chronicle organization whose users sign in there. */
    organization: z.string().trim().min(1).max(200),
    /** The provider's issuer identifier; its discovery document is under it. */
    issuer: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    clientId: z.string().min(1).max(500),
    clientSecret: z.string().min(1).max(2000),
    /** What the console's button says: "Sign in with <label>". */
    label: z.string().trim().min(1).max(100).optional(),
    /** Allow an http issuer: for development and tests only, never in production. */
    allowHttp: z.boolean().default(false),
  })
  // Runs even when the issuer failed its own check: only a plain-http issuer fails here.
  .refine((p) => p.allowHttp || !/^http:/i.test(String(p.issuer)), {
    path: ['issuer'],
    error: 'must be https (allowHttp is for development and tests only)',
  });

export type OidcProviderConfig = z.infer<typeof oidcProviderSchema>;

const providersSchema = z.array(oidcProviderSchema).superRefine((providers, ctx) => {
  const seen = new Map<string, number>();
  providers.forEach((p, i) => {
    const first = seen.get(p.organization);
    if (first !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: [i, 'organization'],
        message: `repeats provider ${first}: one provider per organization`,
      });
    seen.set(p.organization, i);
  });
});

/** OIDC_PROVIDERS: JSON text in the environment, validated provider by provider. */
export const oidcProvidersSetting = jsonListSetting(providersSchema, 'providers');

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

// A real OpenID Connect provider (panva's oidc-provider) in the test process, on a
// loopback port, for the server's single sign-on tests. It has no login page: whoever the
// test puts in `next` is signed in when the provider asks for a login (or the request is
// refused with `next.error`), and consent is given at once. Everything else (discovery,
// keys, PKCE S256 checks, codes used once, ID tokens with the nonce) is the provider's own.
// `browse` plays the browser between Chronicle's redirect and the provider's redirect back.

export interface TestIdentity {
  sub: string;
  email?: string;
  email_verified?: boolean;
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface TestIdp {
  issuer: string;
  /** The path of every request the provider received, in order. */
  paths: string[];
  /** Who signs in at the provider's next login; `{ error }` refuses the request. */
  next: TestIdentity | { error: string };
  /**
   * Follows redirects at the provider, with its own cookies, from the authorization URL
   * until the provider sends the browser to a URL starting with `until`; returns that URL.
   */
  browse(authorizationUrl: string, until: string): Promise<URL>;
  close(): Promise<void>;
}

export async function startTestIdp(
  clients: TestClient[],
  options: {
    /**
     * Put the email in the ID token. By default the provider keeps it for its UserInfo
     * endpoint, as OpenID Connect allows when an access token is issued.
     */
    emailInIdToken?: boolean;
  } = {},
): Promise<TestIdp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const identities = new Map<string, TestIdentity>();

  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'k1' }] },
    cookies: { keys: ['test-idp-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: false } },
    conformIdTokenClaims: !options.emailInIdToken,
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({ ...identities.get(sub), sub }),
    }),
    // Consent is not the subject of these tests: every client gets what it asked for.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope('openid email');
      await grant.save();
      return grant;
    },
  });
  const idp: TestIdp = {
    issuer,
    paths: [],
    next: { error: 'login_required' },
    async browse(authorizationUrl, until) {
      const jar = new Map<string, string>();
      let url = authorizationUrl;
      for (let hop = 0; hop < 10; hop++) {
        if (url.startsWith(until)) return new URL(url);
        const res = await fetch(url, {
          redirect: 'manual',
          headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
        });
        for (const line of res.headers.getSetCookie()) {
          const [pair = ''] = line.split(';');
          const at = pair.indexOf('=');
          const value = pair.slice(at + 1);
          if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(pair.slice(0, at));
          else jar.set(pair.slice(0, at), value);
        }
        const location = res.headers.get('location');
        if (!location) throw new Error(`the test IdP stopped: ${res.status} ${await res.text()}`);
        url = new URL(location, url).href;
      }
      throw new Error('the test IdP redirected too many times');
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const handle = provider.callback();
  server.on('request', (req, res) => {
    idp.paths.push(new URL(req.url ?? '/', issuer).pathname);
    if (!req.url?.startsWith('/interaction/')) {
      void handle(req, res);
      return;
    }
    // The "login page": decide at once for whoever the test named.
    void (async () => {
      try {
        await provider.interactionDetails(req, res);
        const next = idp.next;
        if ('error' in next) {
          await provider.interactionFinished(req, res, {
            error: next.error,
            error_description: 'refused by the test',
          });
          return;
        }
        identities.set(next.sub, next);
        await provider.interactionFinished(req, res, { login: { accountId: next.sub } });
      } catch (error) {
        res.statusCode = 500;
        res.end(String(error));
      }
    })();
  });
  return idp;
}

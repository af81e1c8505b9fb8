/**
 * The development OpenID Connect provider `npm start` runs (issue 15, sign-in for people): oidc-provider 9 with
 * the token contract of libs/platform/src/auth/oidc-claims.ts, the demo people of people.ts, and its own sign-in
 * and sign-out pages in Bahasa Indonesia. Development only, never an office's provider (see README.md).
 *
 * It serves under the issuer URL's path (`http://127.0.0.1:3000/oidc` → `/oidc/*`) on its own port, so that a
 * reverse proxy can forward `/oidc/*` unchanged and a client can also call the port directly. Every URL it
 * states (discovery, redirects, form actions) is built from the issuer, whatever Host the request came with.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { DEFAULT_OIDC_AUDIENCE, DEFAULT_OIDC_CLAIMS, INSTITUTION_NAME_CLAIM, WEB_CLIENT_ID, WEB_POST_LOGOUT_PATH, WEB_REDIRECT_PATH } from '@adminduk/platform';
import { FileStore } from './file-store';
import { loadOrCreateProviderKeys } from './keys';
import type { InteractionResult, JsonValue, KoaContext, OidcConfiguration, OidcGrant, OidcInteraction, OidcProviderModule } from './oidc-provider-api';
import { loadOidcProvider } from './oidc-provider-api';
import { DEFAULT_ACCESS_TOKEN_TTL_SECONDS, DEFAULT_REFRESH_TOKEN_TTL_SECONDS, normalizeIssuer, normalizeOrigin } from './options';
import { errorPage, loginPage, logoutPage, pageSecurityHeaders, signedOutPage } from './pages';
import { checkCredentials, DEV_PEOPLE, type DevPerson } from './people';

export interface DevOidcProviderOptions {
  /** The public URL, e.g. `http://127.0.0.1:3000/oidc`; the provider serves under its path. */
  readonly issuer: string;
  readonly port: number;
  /** Listen address (default 127.0.0.1). */
  readonly host?: string;
  /** The office app's origins: each gets `<origin>/masuk/selesai` as redirect URI and `<origin>/` after sign-out. */
  readonly appOrigins: readonly string[];
  /** Where oidc-keys.json and oidc-store.json are kept (created if missing). */
  readonly dataDir: string;
  /** Who can sign in (default DEV_PEOPLE). */
  readonly people?: readonly DevPerson[];
  /** Access token lifetime (default 600 s). */
  readonly accessTokenTtlSeconds?: number;
  /** Refresh token lifetime from its issue; each use rotates it and starts a new one (default three days). */
  readonly refreshTokenTtlSeconds?: number;
  /** Log each request's method, path and status (never a query, body or token). Default: errors only. */
  readonly verbose?: boolean;
  /** Where log lines go (default stderr). */
  readonly log?: (line: string) => void;
}

export interface DevOidcProvider {
  /** The issuer as tokens and discovery state it (normalized: no trailing slash). */
  readonly issuer: string;
  /** Stops listening, ends open connections and writes the store. */
  close(): Promise<void>;
}

/**
 * How long a sign-in session at the provider lasts. The app's refresh tokens are bound to it (see
 * expiresWithSession below), so a person active every day signs in again at most every two weeks.
 */
const SESSION_TTL_SECONDS = 14 * 24 * 60 * 60;
const INTERACTION_TTL_SECONDS = 60 * 60;
const AUTHORIZATION_CODE_TTL_SECONDS = 60;
const ID_TOKEN_TTL_SECONDS = 60 * 60;
/** A sign-in form is a username and a password: anything longer is not one. */
const FORM_LIMIT_BYTES = 8 * 1024;

/** Claims every token and ID token carries for a person (names from oidc-claims.ts). */
function personClaims(person: DevPerson): Record<string, JsonValue> {
  return {
    [DEFAULT_OIDC_CLAIMS.roles]: [...person.roles],
    [DEFAULT_OIDC_CLAIMS.regions]: [...person.regions],
    ...(person.institution === undefined ? {} : { [DEFAULT_OIDC_CLAIMS.institution]: person.institution }),
  };
}

class FormError extends Error {}

/** Reads an application/x-www-form-urlencoded body of at most FORM_LIMIT_BYTES. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new FormError('not a form');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > FORM_LIMIT_BYTES) throw new FormError('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startDevOidcProvider(options: DevOidcProviderOptions): Promise<DevOidcProvider> {
  const issuer = normalizeIssuer(options.issuer);
  const issuerUrl = new URL(issuer);
  const prefix = issuerUrl.pathname === '/' ? '' : issuerUrl.pathname;
  const appOrigins = [...new Set(options.appOrigins.map(normalizeOrigin))];
  if (appOrigins.length === 0) throw new Error('at least one app origin is needed');
  const people = options.people ?? DEV_PEOPLE;
  const peopleByName = new Map(people.map((p) => [p.username, p]));
  if (peopleByName.size !== people.length) throw new Error('two people have the same username');
  const accessTtl = options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS;
  const refreshTtl = options.refreshTokenTtlSeconds ?? DEFAULT_REFRESH_TOKEN_TTL_SECONDS;
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const appHome = `${appOrigins[0] as string}${WEB_POST_LOGOUT_PATH}`;
  const formTargets = [issuerUrl.origin, ...appOrigins];

  mkdirSync(options.dataDir, { recursive: true });
  const { keys } = loadOrCreateProviderKeys(options.dataDir);
  const store = new FileStore(options.dataDir, { onError: (error) => log(`oidc provider: cannot write the store: ${error.message}`) });

  const oidc: OidcProviderModule = loadOidcProvider(options.verbose);

  const send = (ctx: KoaContext, status: number, html: string): void => {
    for (const [name, value] of Object.entries(pageSecurityHeaders(formTargets))) ctx.set(name, value);
    ctx.status = status;
    ctx.type = 'html';
    ctx.body = html;
  };

  const configuration: OidcConfiguration = {
    adapter: store.adapter,
    clients: [
      {
        client_id: WEB_CLIENT_ID,
        client_name: 'Adminduk',
        application_type: 'web',
        // A browser app keeps no secret: a public client, held to PKCE (below).
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: appOrigins.map((origin) => `${origin}${WEB_REDIRECT_PATH}`),
        post_logout_redirect_uris: appOrigins.map((origin) => `${origin}${WEB_POST_LOGOUT_PATH}`),
      },
    ],
    jwks: { keys: keys.jwks.keys.map((k) => ({ ...k })) },
    cookies: { keys: [...keys.cookieKeys] },
    // The person's claims come with the `profile` scope, in the ID token (the access token always has them).
    claims: {
      acr: null,
      auth_time: null,
      iss: null,
      sid: null,
      openid: ['sub'],
      profile: ['name', 'preferred_username', DEFAULT_OIDC_CLAIMS.roles, DEFAULT_OIDC_CLAIMS.regions, DEFAULT_OIDC_CLAIMS.institution, INSTITUTION_NAME_CLAIM],
    },
    scopes: ['openid', 'profile', 'offline_access'],
    responseTypes: ['code'],
    conformIdTokenClaims: false,
    clientBasedCORS: (_ctx, origin, client) => client.clientId === WEB_CLIENT_ID && appOrigins.includes(origin),
    pkce: { required: () => true },
    async findAccount(_ctx, id) {
      const person = peopleByName.get(id);
      if (!person) return undefined;
      return {
        accountId: person.username,
        claims: async () => ({
          sub: person.username,
          name: person.name,
          preferred_username: person.username,
          ...personClaims(person),
          ...(person.institutionName === undefined ? {} : { [INSTITUTION_NAME_CLAIM]: person.institutionName }),
        }),
      };
    },
    /**
     * Consent is given for the office's own app without a screen. adminduk-web is first-party: the office runs
     * it, for its own staff and partners, against its own APIs, so there is no third party the person would be
     * sharing anything with, and a "do you allow Adminduk to use Adminduk?" page would only teach people to click
     * through such pages. So the grant is extended with whatever the app asked for (its scopes, and the API as
     * resource) and saved; a client of anyone else would still get the normal consent prompt.
     */
    async loadExistingGrant(ctx) {
      const { client, session } = ctx.oidc;
      const accountId = session.accountId;
      if (!client || !accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      const { Grant } = ctx.oidc.provider;
      const existing = grantId ? await Grant.find(grantId) : undefined;
      if (client.clientId !== WEB_CLIENT_ID) return existing;
      const grant: OidcGrant = existing && existing.accountId === accountId ? existing : new Grant({ accountId, clientId: client.clientId });
      grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
      for (const [indicator, server] of Object.entries(ctx.oidc.resourceServers)) grant.addResourceScope(indicator, server.scope);
      await grant.save();
      return grant;
    },
    // roles, regions and institution in every access token (oidc-claims.ts); nothing else about the person.
    async extraTokenClaims(_ctx, token) {
      const person = token.accountId === undefined ? undefined : peopleByName.get(token.accountId);
      return person ? personClaims(person) : undefined;
    },
    // The app gets a refresh token whether or not it managed to ask for offline_access (oidc-provider drops
    // offline_access unless the request also says prompt=consent): it has to work offline in the villages.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Codes and refresh tokens are bound to the person's sign-in session here, so that signing out (RP-initiated
    // logout) revokes the app's grant and with it the refresh token. oidc-provider's default keeps offline_access
    // tokens alive past sign-out, which is right for a background service and wrong for a shared office tablet.
    expiresWithSession: async () => true,
    // Each use of a refresh token consumes it and issues a new one; presenting a used one again revokes the grant.
    rotateRefreshToken: true,
    async renderError(ctx, out) {
      send(
        ctx,
        ctx.status >= 400 ? ctx.status : 400,
        errorPage({
          title: 'Permintaan tidak dapat diproses',
          message: 'Permintaan masuk atau keluar dari aplikasi ini tidak sah atau sudah kedaluwarsa. Kembali ke Adminduk dan coba lagi.',
          details: { error: out.error ?? '', error_description: out.error_description ?? '' },
          appHref: appHome,
        }),
      );
    },
    interactions: { url: async (_ctx, interaction) => `${prefix}/interaction/${interaction.uid}` },
    ttl: {
      AccessToken: accessTtl,
      AuthorizationCode: AUTHORIZATION_CODE_TTL_SECONDS,
      IdToken: ID_TOKEN_TTL_SECONDS,
      RefreshToken: refreshTtl,
      Interaction: INTERACTION_TTL_SECONDS,
      Session: SESSION_TTL_SECONDS,
      Grant: SESSION_TTL_SECONDS,
    },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: false },
      introspection: { enabled: false },
      // The app revokes its refresh token at Keluar (RFC 7009), besides ending the session.
      revocation: { enabled: true },
      // No userinfo endpoint: the app's access tokens are for the API (aud urn:adminduk:api), which
      // oidc-provider rightly refuses at userinfo, so the endpoint would only be a trap. The ID token carries
      // the same claims, and with userinfo off oidc-provider issues the API token without a resource parameter
      // at the token endpoint (its documented rule for a single granted resource).
      userinfo: { enabled: false },
      resourceIndicators: {
        enabled: true,
        // The API is the resource whenever the app names none.
        defaultResource: async () => DEFAULT_OIDC_AUDIENCE,
        async getResourceServerInfo(_ctx, indicator) {
          if (indicator !== DEFAULT_OIDC_AUDIENCE) throw new oidc.errors.InvalidTarget(`unknown resource ${indicator}`);
          return {
            // The services authorize by roles and regions, not by scopes.
            scope: '',
            audience: DEFAULT_OIDC_AUDIENCE,
            accessTokenTTL: accessTtl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
        useGrantedResource: async () => true,
      },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx) {
          const state = ctx.oidc.session.state ?? {};
          send(
            ctx,
            200,
            logoutPage({
              action: ctx.oidc.urlFor('end_session_confirm'),
              xsrf: state.secret ?? '',
              cancelHref: state.postLogoutRedirectUri ?? appHome,
            }),
          );
        },
        async postLogoutSuccessSource(ctx) {
          send(ctx, 200, signedOutPage(appHome));
        },
      },
    },
  };

  const provider = new oidc.Provider(issuer, configuration);
  // Requests reach the provider with the issuer's host and scheme set by the HTTP server below.
  provider.proxy = true;
  provider.on('server_error', (_ctx, error) => log(`oidc provider: server error: ${error.message}`));
  provider.on('error', (error) => log(`oidc provider: ${error.message}`));

  if (options.verbose) {
    provider.use(async (ctx, next) => {
      await next();
      log(`oidc provider: ${ctx.method} ${prefix}${ctx.path} ${ctx.status}`);
    });
  }

  // The interaction pages: sign in (GET shows the form, POST …/login checks it, POST …/batal cancels), and the
  // consent step, which the first-party app passes without a page (see loadExistingGrant).
  provider.use(async (ctx, next) => {
    const match = /^\/interaction\/([A-Za-z0-9_-]{1,64})(?:\/(login|batal))?$/.exec(ctx.path);
    if (!match) return next();
    const [, uid, action] = match as unknown as [string, string, string | undefined];
    const base = `${prefix}/interaction/${uid}`;
    const finish = async (result: InteractionResult): Promise<void> => {
      const to = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
      ctx.status = 303;
      ctx.redirect(to);
    };
    try {
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      if (details.uid !== uid) throw new oidc.errors.SessionNotFound('interaction cookie and path differ');
      if (action === undefined && ctx.method === 'GET') {
        if (details.prompt.name === 'login') return send(ctx, 200, loginPage({ action: `${base}/login`, cancelAction: `${base}/batal` }));
        if (details.prompt.name === 'consent' && details.params['client_id'] === WEB_CLIENT_ID) {
          return await finish({ consent: { grantId: await consentForFirstParty(details) } });
        }
        return await finish({ error: 'access_denied', error_description: `prompt ${details.prompt.name} is not supported here` });
      }
      if (ctx.method !== 'POST' || action === undefined) {
        ctx.set('Allow', action === undefined ? 'GET' : 'POST');
        return send(ctx, 405, errorPage({ title: 'Permintaan tidak dapat diproses', message: 'Metode permintaan ini tidak didukung.' }));
      }
      if (action === 'batal') return await finish({ error: 'access_denied', error_description: 'the person cancelled signing in' });
      const form = await readForm(ctx.req);
      const username = (form.get('username') ?? '').trim();
      const person = checkCredentials(people, username, form.get('password') ?? '');
      if (!person) return send(ctx, 200, loginPage({ action: `${base}/login`, cancelAction: `${base}/batal`, username, failed: true }));
      return await finish({ login: { accountId: person.username } });
    } catch (error) {
      if (error instanceof FormError) {
        return send(ctx, 400, errorPage({ title: 'Permintaan tidak dapat diproses', message: 'Isian formulir tidak terbaca. Muat ulang halaman dan coba lagi.' }));
      }
      if (error instanceof Error && error.name === 'SessionNotFound') {
        return send(
          ctx,
          400,
          errorPage({
            title: 'Sesi masuk sudah berakhir',
            message: 'Permintaan masuk ini sudah kedaluwarsa atau tidak ditemukan. Kembali ke Adminduk dan pilih Masuk lagi.',
            appHref: appHome,
          }),
        );
      }
      log(`oidc provider: interaction failed: ${error instanceof Error ? error.message : String(error)}`);
      return send(ctx, 500, errorPage({ title: 'Terjadi kesalahan', message: 'Penyedia masuk mengalami kesalahan. Coba lagi sebentar lagi.', appHref: appHome }));
    }
  });

  /** Grants what the consent prompt found missing, for the first-party app (see loadExistingGrant). */
  async function consentForFirstParty(details: OidcInteraction): Promise<string> {
    const accountId = details.session?.accountId;
    if (!accountId) throw new oidc.errors.SessionNotFound('no signed-in person for consent');
    const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
    const grant = existing ?? new provider.Grant({ accountId, clientId: WEB_CLIENT_ID });
    const missing = details.prompt.details;
    const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
    if (list(missing['missingOIDCScope']).length > 0) grant.addOIDCScope(list(missing['missingOIDCScope']).join(' '));
    if (list(missing['missingOIDCClaims']).length > 0) grant.addOIDCClaims(list(missing['missingOIDCClaims']));
    const resourceScopes = missing['missingResourceScopes'];
    if (typeof resourceScopes === 'object' && resourceScopes !== null) {
      for (const [indicator, scopes] of Object.entries(resourceScopes)) grant.addResourceScope(indicator, list(scopes).join(' '));
    }
    return grant.save();
  }

  const callback = provider.callback();
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    const inside = prefix === '' || url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`);
    if (!inside) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`Not found. The OpenID Connect provider is at ${issuer}\n`);
      return;
    }
    // Mounted under the issuer's path the way oidc-provider documents for frameworks: the path without the
    // prefix in req.url, the full one in req.originalUrl (from which it derives the mount path of its URLs).
    if (prefix !== '') {
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
      req.url = url.slice(prefix.length) || '/';
    }
    // The issuer is the public address: URLs are built from it whether the request came through the proxy
    // (which may rewrite Host to this port) or straight to this port.
    req.headers.host = issuerUrl.host;
    req.headers['x-forwarded-proto'] = issuerUrl.protocol.slice(0, -1);
    delete req.headers['x-forwarded-host'];
    void callback(req, res);
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      rejectListen(
        error.code === 'EADDRINUSE' ? new Error(`port ${options.port} on ${options.host ?? '127.0.0.1'} is already in use`) : error,
      );
    });
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolveListen());
  });

  let closing: Promise<void> | undefined;
  return {
    issuer,
    close() {
      closing ??= new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }).then(() => store.flush());
      return closing;
    },
  };
}

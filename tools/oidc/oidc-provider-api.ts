/**
 * The small part of oidc-provider 9 (https://github.com/panva/node-oidc-provider, docs/README.md) this folder
 * uses, typed by hand, and the one place that loads the library.
 *
 * Why not `import … from 'oidc-provider'`: the package is ESM only and ships no types; tools/tsconfig.json
 * resolves modules the node10 way, which would need `@types/oidc-provider` (a DefinitelyTyped package that lags
 * the library and brings @types/koa, @types/express and a dozen more). These interfaces name only what
 * dev-provider.ts calls, as oidc-provider 9.13 documents it, and are not an ambient `declare module`, so they never
 * clash with @types/oidc-provider should someone add it later. Loading is lazy (`loadOidcProvider`), so that
 * importing people.ts or options.ts (the `npm start` banner, the tests) never loads the library.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';

/** A JSON value as the adapter stores it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What oidc-provider hands the storage adapter for one artifact (session, grant, code, token, interaction …). */
export interface AdapterPayload {
  [key: string]: JsonValue | undefined;
  grantId?: string;
  uid?: string;
  userCode?: string;
  consumed?: number;
}

/** The storage adapter contract (docs/README.md, "adapter"): one instance per model name. */
export interface OidcAdapter {
  upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
  find(id: string): Promise<AdapterPayload | undefined>;
  findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
  findByUid(uid: string): Promise<AdapterPayload | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

/** The client as oidc-provider models it (only what is read here). */
export interface OidcClient {
  readonly clientId: string;
  grantTypeAllowed(grantType: string): boolean;
}

export interface OidcSession {
  readonly accountId?: string;
  grantIdFor(clientId: string): string | undefined;
  readonly state?: { secret?: string; clientId?: string; postLogoutRedirectUri?: string };
}

export interface OidcResourceServer {
  readonly scope: string;
}

/** `ctx.oidc`: the request's OpenID Connect context. */
export interface OidcRequestContext {
  readonly provider: OidcProvider;
  readonly client?: OidcClient;
  readonly session: OidcSession;
  readonly result?: { consent?: { grantId?: string } };
  readonly requestParamOIDCScopes: ReadonlySet<string>;
  readonly resourceServers: Readonly<Record<string, OidcResourceServer>>;
  urlFor(name: string, options?: Record<string, string>): string;
}

/** The Koa context, as far as it is used here. */
export interface KoaContext {
  readonly method: string;
  readonly path: string;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  status: number;
  body: unknown;
  type: string;
  set(field: string, value: string): void;
  redirect(url: string): void;
  readonly oidc: OidcRequestContext;
}

export type KoaMiddleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

/** What findAccount returns: the account id and its claims for an ID token (or userinfo). */
export interface OidcAccount {
  readonly accountId: string;
  claims(use: string, scope: string): Promise<Record<string, JsonValue> & { sub: string }>;
}

/** A token or code as the configuration helpers see it. */
export interface OidcToken {
  readonly kind: string;
  readonly accountId?: string;
  readonly scopes: ReadonlySet<string>;
  readonly resourceServer?: OidcResourceServer;
}

export interface OidcGrant {
  readonly accountId: string;
  readonly clientId: string;
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: readonly string[]): void;
  addResourceScope(resource: string, scope: string): void;
  save(): Promise<string>;
}

export interface OidcGrantModel {
  new (properties: { accountId: string; clientId: string }): OidcGrant;
  find(id: string): Promise<OidcGrant | undefined>;
}

export interface OidcInteraction {
  readonly uid: string;
  readonly prompt: { name: string; details: Record<string, unknown> };
  readonly params: Record<string, unknown>;
  readonly session?: { accountId?: string };
  readonly grantId?: string;
}

export interface InteractionResult {
  login?: { accountId: string; remember?: boolean };
  consent?: { grantId: string };
  error?: string;
  error_description?: string;
}

/** The resource server description getResourceServerInfo returns (features.resourceIndicators). */
export interface ResourceServerInfo {
  scope: string;
  audience?: string;
  accessTokenTTL?: number;
  accessTokenFormat?: 'opaque' | 'jwt';
  jwt?: { sign?: { alg: string } };
}

/** The configuration options dev-provider.ts sets (oidc-provider 9 docs/README.md, "Configuration options"). */
export interface OidcConfiguration {
  adapter: (model: string) => OidcAdapter;
  clients: readonly Record<string, JsonValue>[];
  jwks: { keys: readonly Record<string, string>[] };
  cookies: { keys: readonly string[]; long?: Record<string, JsonValue>; short?: Record<string, JsonValue> };
  claims: Record<string, readonly string[] | null>;
  scopes: readonly string[];
  responseTypes: readonly string[];
  conformIdTokenClaims: boolean;
  clientBasedCORS(ctx: KoaContext, origin: string, client: OidcClient): boolean;
  findAccount(ctx: KoaContext, id: string): Promise<OidcAccount | undefined>;
  loadExistingGrant(ctx: KoaContext): Promise<OidcGrant | undefined>;
  extraTokenClaims(ctx: KoaContext, token: OidcToken): Promise<Record<string, JsonValue> | undefined>;
  issueRefreshToken(ctx: KoaContext, client: OidcClient, code: OidcToken): Promise<boolean>;
  expiresWithSession(ctx: KoaContext, code: OidcToken): Promise<boolean>;
  rotateRefreshToken: boolean;
  renderError(ctx: KoaContext, out: Record<string, string>, error: Error): Promise<void>;
  interactions: { url(ctx: KoaContext, interaction: { uid: string }): Promise<string> };
  pkce: { required(ctx: KoaContext, client: OidcClient): boolean };
  ttl: Record<'AccessToken' | 'AuthorizationCode' | 'IdToken' | 'RefreshToken' | 'Interaction' | 'Session' | 'Grant', number>;
  features: {
    devInteractions: { enabled: boolean };
    userinfo: { enabled: boolean };
    revocation: { enabled: boolean };
    introspection: { enabled: boolean };
    registration: { enabled: boolean };
    resourceIndicators: {
      enabled: boolean;
      defaultResource(ctx: KoaContext, client: OidcClient, oneOf?: readonly string[]): Promise<string | readonly string[] | undefined>;
      getResourceServerInfo(ctx: KoaContext, resourceIndicator: string, client: OidcClient): Promise<ResourceServerInfo>;
      useGrantedResource(ctx: KoaContext, model: OidcToken): Promise<boolean>;
    };
    rpInitiatedLogout: {
      enabled: boolean;
      logoutSource(ctx: KoaContext, form: string): Promise<void>;
      postLogoutSuccessSource(ctx: KoaContext): Promise<void>;
    };
  };
}

export interface OidcProvider {
  /** Trust X-Forwarded-Proto / -Host (Koa's `proxy`). */
  proxy: boolean;
  readonly issuer: string;
  readonly Grant: OidcGrantModel;
  callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  use(middleware: KoaMiddleware): OidcProvider;
  on(event: 'server_error', listener: (ctx: KoaContext, error: Error) => void): OidcProvider;
  on(event: 'error', listener: (error: Error) => void): OidcProvider;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<OidcInteraction>;
  /** Saves the interaction's result and returns where the browser resumes the authorization. */
  interactionResult(
    req: IncomingMessage,
    res: ServerResponse,
    result: InteractionResult,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<string>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: InteractionResult,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
}

export interface OidcProviderModule {
  Provider: new (issuer: string, configuration: OidcConfiguration) => OidcProvider;
  errors: {
    InvalidTarget: new (description?: string) => Error;
    SessionNotFound: new (description?: string) => Error;
  };
}

/**
 * Loads oidc-provider. On Node 20.19+ `require()` of an ES module without top-level await works natively, and
 * oidc-provider 9.13 has none, so a plain require does (checked on Node 20.20: it needs no flag and prints no
 * experimental warning). The library warns on stderr at import that Node 20 is not the LTS line it targets; the
 * project's engines allow Node 22.12+ (CI runs Node 26) and STACK.md records this version working on 20.19+ too, so that one
 * known line is dropped unless `verbose`. Every other warning passes through.
 */
export function loadOidcProvider(verbose = false): OidcProviderModule {
  const load = (): OidcProviderModule => createRequire(__filename)('oidc-provider') as OidcProviderModule;
  if (verbose) return load();
  const warn = console.warn;
  console.warn = (...args: unknown[]): void => {
    if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return;
    warn(...args);
  };
  try {
    return load();
  } finally {
    console.warn = warn;
  }
}

/**
 * The app's runtime configuration: one build for every deployment, so what differs (the sign-in provider, where the
 * APIs and the dashboard are) is read at start from `/config.json` on the app's own origin. The gateway of
 * `npm start` and the docker proxy serve it. Every problem is reported at once, as the services do with their
 * environment (house rule 9), and shown on an Indonesian error page (shell/config-error-page.tsx).
 */

export interface ClaimNames {
  /** Where the roles are in the ID token (a dotted path, e.g. Keycloak's `realm_access.roles`). */
  readonly roles: string;
  readonly regions: string;
  readonly institution: string;
}

export interface RuntimeConfig {
  /** The OpenID Connect provider (its discovery document is at `<issuer>/.well-known/openid-configuration`). */
  readonly issuer: string;
  /** The app's OAuth client: public, Authorization Code with PKCE. */
  readonly clientId: string;
  /** The resource indicator asked for (RFC 8707): the Adminduk APIs' audience. */
  readonly resource: string;
  /** Where the services answer: `<apiBase>/<service>/…` (a path on this origin, or an absolute URL). */
  readonly apiBase: string;
  /** The reporting dashboard (a path on this origin, or an absolute URL). */
  readonly dashboardUrl: string;
  /** The ID token claims that carry roles, regions and institution (defaults: the platform's names). */
  readonly claims: ClaimNames;
}

/** The same defaults as the services' OIDC_*_CLAIM settings (libs/platform/src/auth/oidc-claims.ts). */
export const DEFAULT_CLAIM_NAMES: ClaimNames = { roles: 'roles', regions: 'regions', institution: 'institution' };

export type ConfigProblemCode =
  | 'CONFIG_UNREACHABLE'
  | 'CONFIG_NOT_FOUND'
  | 'CONFIG_NOT_JSON'
  | 'CONFIG_NOT_OBJECT'
  | 'FIELD_MISSING'
  | 'FIELD_NOT_TEXT'
  | 'ISSUER_INVALID'
  | 'ISSUER_NOT_HTTPS'
  | 'CLIENT_ID_INVALID'
  | 'URL_INVALID'
  | 'CLAIM_NAME_INVALID';

export interface ConfigProblem {
  readonly code: ConfigProblemCode;
  /** The field of config.json it is about. */
  readonly field?: string;
}

export type ConfigResult = { readonly ok: true; readonly value: RuntimeConfig } | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

export const CONFIG_PATH = '/config.json';

const REQUIRED = ['issuer', 'clientId', 'resource', 'apiBase', 'dashboardUrl'] as const;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function absoluteUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** A path on the app's origin ('/api') or an absolute http(s) URL; never 'javascript:' or a relative path. */
function isLocation(value: string): boolean {
  if (value.startsWith('/')) return !value.startsWith('//') && !/[\s\\]/.test(value);
  return absoluteUrl(value) !== undefined;
}

/**
 * Checks a parsed config.json. The issuer must be https, except on this machine (127.0.0.1, localhost): sign-in
 * needs a secure context anyway (PKCE uses WebCrypto), which a browser grants to https and to loopback only.
 */
export function parseRuntimeConfig(json: unknown): ConfigResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, problems: [{ code: 'CONFIG_NOT_OBJECT' }] };
  const input = json as Record<string, unknown>;
  const problems: ConfigProblem[] = [];
  const text: Partial<Record<(typeof REQUIRED)[number], string>> = {};
  for (const field of REQUIRED) {
    const value = input[field];
    if (value === undefined || value === null || value === '') problems.push({ code: 'FIELD_MISSING', field });
    else if (typeof value !== 'string') problems.push({ code: 'FIELD_NOT_TEXT', field });
    else text[field] = value.trim();
  }
  if (text.issuer !== undefined) {
    const issuer = absoluteUrl(text.issuer);
    if (!issuer || issuer.search || issuer.hash || issuer.username || issuer.password) problems.push({ code: 'ISSUER_INVALID', field: 'issuer' });
    else if (issuer.protocol === 'http:' && !LOOPBACK.has(issuer.hostname)) problems.push({ code: 'ISSUER_NOT_HTTPS', field: 'issuer' });
  }
  if (text.clientId !== undefined && !/^[\w.:-]{1,200}$/.test(text.clientId)) problems.push({ code: 'CLIENT_ID_INVALID', field: 'clientId' });
  for (const field of ['resource', 'apiBase', 'dashboardUrl'] as const) {
    const value = text[field];
    if (value === undefined) continue;
    const ok = field === 'resource' ? /^[a-z][a-z0-9+.-]*:\S+$/i.test(value) : isLocation(value);
    if (!ok) problems.push({ code: 'URL_INVALID', field });
  }
  const claims = { ...DEFAULT_CLAIM_NAMES };
  if (input['claims'] !== undefined) {
    const given = input['claims'];
    if (typeof given !== 'object' || given === null || Array.isArray(given)) problems.push({ code: 'CLAIM_NAME_INVALID', field: 'claims' });
    else {
      for (const name of ['roles', 'regions', 'institution'] as const) {
        const value = (given as Record<string, unknown>)[name];
        if (value === undefined) continue;
        if (typeof value !== 'string' || !/^[\w-]+(\.[\w-]+)*$/.test(value)) problems.push({ code: 'CLAIM_NAME_INVALID', field: `claims.${name}` });
        else claims[name] = value;
      }
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      // Without a trailing slash: the discovery document's issuer must equal it exactly.
      issuer: (text.issuer as string).replace(/\/+$/, ''),
      clientId: text.clientId as string,
      resource: text.resource as string,
      apiBase: (text.apiBase as string).replace(/\/+$/, ''),
      dashboardUrl: text.dashboardUrl as string,
      claims,
    },
  };
}

/** Fetches and checks `/config.json` (never from the HTTP cache: a deployment's change takes effect at the next start). */
export async function loadRuntimeConfig(fetchImpl: typeof fetch = fetch): Promise<ConfigResult> {
  let response: Response;
  try {
    response = await fetchImpl(CONFIG_PATH, { cache: 'no-store', headers: { accept: 'application/json' } });
  } catch {
    return { ok: false, problems: [{ code: 'CONFIG_UNREACHABLE' }] };
  }
  if (response.status === 404) return { ok: false, problems: [{ code: 'CONFIG_NOT_FOUND' }] };
  if (!response.ok) return { ok: false, problems: [{ code: 'CONFIG_UNREACHABLE' }] };
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return { ok: false, problems: [{ code: 'CONFIG_NOT_JSON' }] };
  }
  return parseRuntimeConfig(json);
}

/** The base URL of one service's API, e.g. '/api/identity'. */
export function serviceBase(config: RuntimeConfig, service: 'identity' | 'deeds' | 'outreach' | 'reporting'): string {
  return `${config.apiBase}/${service}`;
}

/**
 * Verifies the access tokens of the office's OpenID Connect provider (issue 15: sign-in for people).
 *
 * - Keys: the provider's JWKS, from OIDC_JWKS_URL or the `jwks_uri` of `<issuer>/.well-known/openid-configuration`
 *   (discovered on the first token, again after a failed discovery). jose's remote key set keeps the keys for ten
 *   minutes and fetches them again at once when a token names a key id it does not hold (at most every OIDC_JWKS_COOLDOWN_MS,
 *   30 s): a
 *   provider that rotates its keys is followed without restarting any service.
 * - Checks: the signature (asymmetric algorithms only), `iss` = OIDC_ISSUER, `aud` contains OIDC_AUDIENCE, `exp`
 *   present (else 401 TOKEN_EXPIRY_REQUIRED) and not past, a lifetime of at most TOKEN_MAX_LIFETIME_SECONDS (else
 *   401 TOKEN_LIFETIME_TOO_LONG; see token-lifetime.ts), `sub` present. An ID token (audience: the app's client id) is refused by the audience.
 * - Claims: roles (only the platform's ROLES are kept: a provider's own roles such as Keycloak's `offline_access`
 *   fall away), regions (region code prefixes, a list or one string), institution (a partner's id). Each is read
 *   at a configured name: first as a top-level claim of that exact name (namespaced claims such as
 *   `https://example.org/roles`), else as a dotted path (`realm_access.roles`).
 * - A provider that cannot be reached while its keys are not yet known (or were last fetched more than a day ago)
 *   is a 503 IDENTITY_PROVIDER_UNAVAILABLE (the caller retries), never a 401 that would sign the person out; keys
 *   fetched before keep verifying through an outage (see keySet).
 * - `institution` counts only for a partner (the role that acts for an institution).
 */
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { DEFAULT_TOKEN_MAX_LIFETIME_SECONDS, type OidcConfig } from '../config/service-config';
import { Problem, ProblemException } from '../errors/problem';
import { INSTITUTION, ROLES, type Principal, type Role } from './principal';
import { checkTokenLifetime } from './token-lifetime';

const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const REGION = /^(\*|\d{2,10})$/;
const DISCOVERY_TIMEOUT_MS = 5_000;
/** The last keys fetched keep verifying this long while the provider cannot be reached. */
const LAST_GOOD_KEYS_MS = 24 * 60 * 60 * 1000;
/** Longest subject accepted: it is stored (reports, idempotency keys) in columns of 200 characters. */
const SUB_MAX = 200;

export class OidcVerifier {
  private keys?: JWTVerifyGetKey;
  private discovering?: Promise<JWTVerifyGetKey>;
  private lastGood?: { readonly jwks: JSONWebKeySet; readonly at: number };

  constructor(
    private readonly config: OidcConfig,
    private readonly fetchImpl: typeof fetch = fetch,
    /** Longest accepted token lifetime (ServiceConfig.tokenMaxLifetimeSeconds). */
    private readonly maxLifetimeSeconds = DEFAULT_TOKEN_MAX_LIFETIME_SECONDS,
  ) {}

  get issuer(): string {
    return this.config.issuer;
  }

  async verify(token: string): Promise<Principal> {
    const keys = await this.keySet();
    let payload: JWTPayload;
    try {
      payload = (
        await jwtVerify(token, keys, {
          issuer: this.config.issuer,
          audience: this.config.audience,
          algorithms: ALGORITHMS,
          // `exp` is checked below, after the signature, with its own code (TOKEN_EXPIRY_REQUIRED).
          requiredClaims: ['sub'],
          clockTolerance: 30,
        })
      ).payload;
    } catch (error) {
      if (isUnreachable(error)) throw unavailable();
      throw Problem.unauthorized('the bearer token is invalid or expired');
    }
    if (typeof payload.sub !== 'string' || payload.sub === '' || payload.sub.length > SUB_MAX) throw Problem.unauthorized('the bearer token is invalid or expired');
    checkTokenLifetime(payload, this.maxLifetimeSeconds);
    const { claims } = this.config;
    const rolesClaim = claimAt(payload, claims.roles);
    const regionsClaim = claimAt(payload, claims.regions);
    const institution = claimAt(payload, claims.institution);
    const roles = Array.isArray(rolesClaim) ? rolesClaim.filter(isRole) : isRole(rolesClaim) ? [rolesClaim] : [];
    const regionList = Array.isArray(regionsClaim) ? regionsClaim : typeof regionsClaim === 'string' ? [regionsClaim] : [];
    const regions = regionList.filter((r): r is string => typeof r === 'string' && REGION.test(r));
    return {
      id: payload.sub,
      kind: 'user',
      roles: [...new Set(roles)],
      regions: [...new Set(regions)],
      ...(roles.includes('partner') && typeof institution === 'string' && INSTITUTION.test(institution) ? { institution } : {}),
    };
  }

  private keySet(): Promise<JWTVerifyGetKey> {
    if (this.keys) return Promise.resolve(this.keys);
    this.discovering ??= this.jwksUrl()
      .then((url) => {
        const remote = createRemoteJWKSet(new URL(url), { cooldownDuration: this.config.jwksCooldownMs, cacheMaxAge: this.config.jwksMaxAgeMs, timeoutDuration: DISCOVERY_TIMEOUT_MS });
        // The remote set fetches again once its keys are older than the max age, and fails while the provider is
        // down: then the last keys it fetched stand in for up to a day, so that an outage of the provider does not
        // turn every valid token into a 503.
        const keys: JWTVerifyGetKey = async (header, token) => {
          try {
            const key = await remote(header, token);
            const jwks = remote.jwks();
            if (jwks) this.lastGood = { jwks, at: Date.now() };
            return key;
          } catch (error) {
            const last = this.lastGood;
            if (!last || !isUnreachable(error) || Date.now() - last.at >= LAST_GOOD_KEYS_MS) throw error;
            // A key id the last keys do not hold may be a new key the provider could not be asked about: that is
            // still the provider's outage (503), not the token's fault.
            return createLocalJWKSet(last.jwks)(header, token).catch(() => Promise.reject(error));
          }
        };
        this.keys = keys;
        return keys;
      })
      .finally(() => {
        this.discovering = undefined;
      });
    return this.discovering;
  }

  private async jwksUrl(): Promise<string> {
    if (this.config.jwksUrl) return this.config.jwksUrl;
    const url = `${this.config.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    let document: unknown;
    try {
      const response = await this.fetchImpl(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      document = await response.json();
    } catch {
      throw unavailable();
    }
    const { issuer, jwks_uri: jwksUri } = (document ?? {}) as { issuer?: unknown; jwks_uri?: unknown };
    // The discovery document must be the issuer's own (OpenID Connect Discovery 1.0, section 4.3).
    if (issuer !== this.config.issuer || typeof jwksUri !== 'string') throw unavailable();
    return jwksUri;
  }
}

function unavailable(): ProblemException {
  return new ProblemException(503, 'IDENTITY_PROVIDER_UNAVAILABLE', 'Service unavailable', 'the sign-in provider cannot be reached to check the token: try again shortly');
}

/**
 * A key set that could not be fetched (refused connection, timeout, an answer that is not a JWKS), as opposed to
 * a token that is wrong: jose reports a wrong token with its own error classes, a socket failure with Node's.
 */
function isUnreachable(error: unknown): boolean {
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) return true;
  if (error instanceof joseErrors.JOSEError) return error.code === 'ERR_JOSE_GENERIC' && /JSON Web Key Set HTTP response/.test(error.message);
  return true;
}

function claimAt(payload: JWTPayload, name: string): unknown {
  if (name in payload) return payload[name];
  let value: unknown = payload;
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

/**
 * Authentication. People carry a JWT bearer token: issued by the office's OpenID Connect provider (OIDC_ISSUER:
 * verified with the provider's published keys, see OidcVerifier) or, for tests and machines, signed with
 * JWT_SECRET or a key of JWT_PUBLIC_KEYS; either way with `roles` and `regions` claims, an `exp`, and a lifetime of
 * at most TOKEN_MAX_LIFETIME_SECONDS (token-lifetime.ts). Partner institutions and
 * integrators carry an API key (`x-api-key`), configured by its SHA-256 only. Anything else is a 401 problem.
 */
import { createHash, timingSafeEqual, createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { importSPKI, jwtVerify, decodeJwt, decodeProtectedHeader, type CryptoKey, type JWTPayload } from 'jose';
import { SERVICE_CONFIG } from '../config/tokens';
import type { DataAgreementConfig, ServiceConfig } from '../config/service-config';
import { requireAgreementInForce } from '../agreements/agreement-term';
import { localDate } from '../time/local-date';
import { Problem } from '../errors/problem';
import { OidcVerifier } from './oidc-verifier';
import { checkTokenLifetime } from './token-lifetime';
import { INSTITUTION, ROLES, type Principal, type Role } from './principal';

@Injectable()
export class Authenticator {
  private readonly secret?: KeyObject;
  /** The configured public keys imported for each algorithm (a WebCrypto key is bound to its algorithm). */
  private readonly publicKeys = new Map<'RS256' | 'ES256', Promise<CryptoKey[]>>();
  private readonly oidc?: OidcVerifier;
  private readonly agreements: ReadonlyMap<string, DataAgreementConfig>;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {
    if (config.jwtSecret) this.secret = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
    if (config.oidc) this.oidc = new OidcVerifier(config.oidc, fetch, config.tokenMaxLifetimeSeconds);
    this.agreements = new Map((config.dataAgreements ?? []).map((a) => [a.number, a]));
  }

  /**
   * 403 AGREEMENT_EXPIRED / AGREEMENT_NOT_IN_FORCE when the caller's key stands on a data-access agreement that is
   * not in force on the office day (the guard calls it once the principal is known, so the refusal is counted
   * against the agreement). People and keys without an agreement pass.
   */
  requireAgreementInForce(principal: Principal, now: Date = new Date()): void {
    if (principal.agreement === undefined) return;
    const agreement = this.agreements.get(principal.agreement);
    // The configuration binds every key's agreement at start-up; a missing one is refused rather than let through.
    if (!agreement) throw Problem.forbidden('AGREEMENT_EXPIRED', `the data-access agreement ${principal.agreement} is not registered`);
    requireAgreementInForce(agreement, localDate(this.config.utcOffset, now));
  }

  /** The agreement of the API key in `x-api-key`, if it is a known key on one (requests refused before authentication). */
  agreementOfKey(apiKey: unknown): string | undefined {
    if (typeof apiKey !== 'string' || apiKey === '') return undefined;
    return this.keyOf(apiKey)?.agreement;
  }

  async authenticate(headers: Readonly<Record<string, string | string[] | undefined>>): Promise<Principal> {
    const apiKey = headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey !== '') return this.byApiKey(apiKey);
    const authorization = headers.authorization;
    // The scheme is case-insensitive (RFC 9110 section 11.1).
    const bearer = typeof authorization === 'string' ? /^Bearer +(\S+) *$/i.exec(authorization) : null;
    if (bearer) return this.byToken(bearer[1] as string);
    throw Problem.unauthorized('send a bearer token (Authorization: Bearer …) or an API key (x-api-key)');
  }

  private byApiKey(key: string): Principal {
    const k = this.keyOf(key);
    if (!k) throw Problem.unauthorized('the API key is not known');
    return {
      id: k.id,
      kind: 'api-key',
      roles: k.roles.filter(isRole),
      regions: [...k.regions],
      ...(k.scopes ? { scopes: [...k.scopes] } : {}),
      ...(k.fields ? { fields: [...k.fields] } : {}),
      ...(k.agreement !== undefined ? { agreement: k.agreement } : {}),
    };
  }

  private keyOf(key: string): ServiceConfig['apiKeys'][number] | undefined {
    const digest = createHash('sha256').update(key, 'utf8').digest();
    for (const k of this.config.apiKeys) {
      const expected = Buffer.from(k.sha256, 'hex');
      if (expected.length === digest.length && timingSafeEqual(expected, digest)) return k;
    }
    return undefined;
  }

  private async byToken(token: string): Promise<Principal> {
    // A token of the OpenID Connect provider is recognised by its issuer (read before verifying, only to choose
    // how to verify it) and verified by the provider's keys alone: a token naming the provider is never accepted
    // on the strength of the shared secret or a configured PEM key.
    if (this.oidc && issuerOf(token) === this.oidc.issuer) return this.oidc.verify(token);
    let payload: JWTPayload | undefined;
    const options = {
      ...(this.config.jwtIssuer ? { issuer: this.config.jwtIssuer } : {}),
      ...(this.config.jwtAudience ? { audience: this.config.jwtAudience } : {}),
    };
    try {
      const alg = decodeProtectedHeader(token).alg;
      if (alg === 'HS256' && this.secret) {
        payload = (await jwtVerify(token, this.secret, { ...options, algorithms: ['HS256'] })).payload;
      } else if (alg === 'RS256' || alg === 'ES256') {
        for (const key of await this.keys(alg)) {
          try {
            payload = (await jwtVerify(token, key, { ...options, algorithms: [alg] })).payload;
            break;
          } catch {
            // try the next configured key
          }
        }
      }
    } catch {
      payload = undefined;
    }
    // A subject is stored with what its caller does (reports, idempotency keys: 200 characters at most).
    if (!payload || typeof payload.sub !== 'string' || payload.sub === '' || payload.sub.length > 200) throw Problem.unauthorized('the bearer token is invalid or expired');
    checkTokenLifetime(payload, this.config.tokenMaxLifetimeSeconds);
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    const regions = Array.isArray(payload.regions) ? payload.regions.filter((r): r is string => typeof r === 'string' && /^(\*|\d{2,10})$/.test(r)) : [];
    // An institution counts only for a partner: it changes whose reports a caller sees (partyOf).
    const institution = roles.includes('partner') && typeof payload.institution === 'string' && INSTITUTION.test(payload.institution) ? payload.institution : undefined;
    return { id: payload.sub, kind: 'user', roles, regions, ...(institution ? { institution } : {}) };
  }

  private keys(alg: 'RS256' | 'ES256'): Promise<CryptoKey[]> {
    let keys = this.publicKeys.get(alg);
    if (!keys) {
      // A key of the other kind (an EC key for RS256) does not import for this algorithm: it is left out here.
      keys = Promise.all(this.config.jwtPublicKeys.map((pem) => importSPKI(pem, alg).catch(() => undefined))).then((imported) => imported.filter((k): k is CryptoKey => k !== undefined));
      this.publicKeys.set(alg, keys);
    }
    return keys;
  }
}

function issuerOf(token: string): string | undefined {
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}

function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

/**
 * Service configuration from the environment, validated at start-up (DESIGN.md house rule 9): every problem
 * is reported at once, and the defaults run on a laptop (SQLite in ./data, NATS on localhost).
 */
import { findRegion } from '@adminduk/domain';
import { isPersonalField, PERSONAL_FIELD_NAMES } from '../auth/fields';
import { DEFAULT_OIDC_AUDIENCE, DEFAULT_OIDC_CLAIMS } from '../auth/oidc-claims';
import { bindKeysToAgreements, parseDataAgreements, type DataAgreementConfig } from './data-agreements';

export type { DataAgreementConfig } from './data-agreements';

export interface ApiKeyConfig {
  /** Who holds the key: a partner institution ('pustu-boawae') or an integrator. */
  readonly id: string;
  /** SHA-256 of the key, hex. The key itself is never stored. */
  readonly sha256: string;
  readonly roles: readonly string[];
  /** Region code prefixes the key may act on ('5316', '531601'); empty for none, ['*'] for all. */
  readonly regions: readonly string[];
  /**
   * What of its role's endpoints the key may call (auth/scopes.ts: e.g. ['residents'] for an agency that checks
   * NIKs and reads no family card). Absent: every endpoint of its roles.
   */
  readonly scopes?: readonly string[];
  /**
   * The personal-data fields (auth/fields.ts: e.g. ['nik', 'fullName', 'birthDate', 'sex'] for a bank's NIK check)
   * the key's answers carry and it may search by; only with `scopes`. Absent: every field of its scopes.
   */
  readonly fields?: readonly string[];
  /**
   * The number of the data-access agreement (DATA_AGREEMENTS) the key stands on: its scopes, fields and regions lie
   * within the agreement's (a key without scopes or fields of its own gets the agreement's), and it is refused
   * outside the agreement's days. Required of integrator keys in production; absent: a development key.
   */
  readonly agreement?: string;
}

export interface OidcConfig {
  /** The provider's issuer URL; a token's `iss` must equal it. */
  readonly issuer: string;
  /** Where the JWKS is fetched; absent: the `jwks_uri` of the issuer's discovery document. */
  readonly jwksUrl?: string;
  /** Required `aud` (urn:adminduk:api by default). */
  readonly audience: string;
  /**
   * Least time between two fetches of the JWKS (OIDC_JWKS_COOLDOWN_MS, 30 s): a token naming an unknown key id
   * makes the service fetch the keys again, but not more often than this, so that forged key ids cannot make it
   * hammer the provider. A key the provider starts signing with is picked up within this time.
   */
  readonly jwksCooldownMs: number;
  /**
   * How long fetched keys are used before they are fetched again (OIDC_JWKS_MAX_AGE_MS, 10 min). When the provider
   * cannot be reached then, the last keys fetched keep verifying for up to a day (a provider's restart or outage
   * must not sign everyone out), while a key the provider no longer publishes is dropped at the next good fetch.
   */
  readonly jwksMaxAgeMs: number;
  /** Claim names (dotted paths allowed, e.g. Keycloak's `realm_access.roles`). */
  readonly claims: { readonly roles: string; readonly regions: string; readonly institution: string };
}

export interface ServiceConfig {
  /** 'identity', 'deeds', 'outreach' or 'reporting'. */
  readonly service: string;
  readonly host: string;
  readonly port: number;
  /** 'postgres://…' for PostgreSQL, 'sqlite:<file>' or 'sqlite::memory:' for SQLite. */
  readonly databaseUrl: string;
  /** Apply pending migrations when the service starts (default true). */
  readonly migrateOnStart: boolean;
  /**
   * Development only: after the migrations, add tables and columns of entities that no migration creates
   * yet (DEV_SCHEMA_SYNC=true). Never in production; the migration drift test fails until a migration exists.
   */
  readonly devSchemaSync: boolean;
  /**
   * The NATS servers to connect to (NATS_URL, comma-separated): one server, or the members of a cluster. The client
   * connects to one of them and moves to another when it fails.
   */
  readonly natsServers: readonly string[];
  /**
   * The first of natsServers, for callers that connect with one URL (tests, tools: the client learns a cluster's
   * other members from it). The service's own connection uses every server in natsServers.
   */
  readonly natsUrl: string;
  /** false: no NATS at all (events stay in the outbox), for tools such as the OpenAPI writer. */
  readonly natsEnabled: boolean;
  /** Prepended to every subject and stream name: lets test runs share one NATS server without colliding. */
  readonly natsPrefix: string;
  /** How the service's JetStream streams (its events, its dead letters) are kept: messaging/streams.ts. */
  readonly natsStreams: NatsStreamSettings;
  /** Largest accepted request body, bytes. */
  readonly bodyLimit: number;
  /** Deepest nesting of objects and arrays a JSON body may have (JSON_MAX_DEPTH, 32); deeper: 400 BODY_TOO_DEEP. */
  readonly jsonMaxDepth: number;
  /**
   * Rate limits per client address (the proxy's X-Forwarded-For), answered 429 TOO_MANY_REQUESTS with Retry-After:
   * requests without credentials (public figures, the dashboard, /verify; not /health and /metrics), and refused
   * credentials (once a client's token or key was refused `authFailures` times in the window, its requests with
   * credentials are refused before authentication until the window ends). 0 turns a limit off.
   */
  readonly rateLimit: { readonly windowMs: number; readonly publicMax: number; readonly authFailures: number };
  /**
   * Whose X-Forwarded-For to believe for the client address (rate limits, logs): Fastify's trustProxy — true (any
   * peer), false (none: the peer's own address), a number of proxy hops, or a list of addresses, CIDR ranges and
   * the names loopback, linklocal, uniquelocal. By default the private networks a proxy of the office sits on (a
   * compose network, a Kubernetes pod network, `npm start`'s gateway on loopback): a client reaching a service from
   * the internet directly can no longer choose its own address by sending the header.
   */
  readonly trustProxy: boolean | number | string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** HS256 secret for bearer tokens (at least 32 characters). */
  readonly jwtSecret?: string;
  /** PEM public keys (RS256 / ES256) for bearer tokens. */
  readonly jwtPublicKeys: readonly string[];
  readonly jwtIssuer?: string;
  readonly jwtAudience?: string;
  /**
   * Longest accepted bearer-token lifetime, seconds (TOKEN_MAX_LIFETIME_SECONDS, 12 hours): `exp − iat`, or
   * `exp − now` without `iat`, for every token (HS256, PEM keys, the OpenID Connect provider's); a token without
   * `exp` is refused too. See auth/token-lifetime.ts.
   */
  readonly tokenMaxLifetimeSeconds: number;
  /**
   * People's sign-in through an OpenID Connect provider (OIDC_ISSUER): tokens whose `iss` is this issuer are
   * verified with the provider's published keys (JWKS), their audience and expiry checked, and roles, regions
   * and institution read from claims. Absent: only the HS256 / PEM options and API keys authenticate.
   */
  readonly oidc?: OidcConfig;
  readonly apiKeys: readonly ApiKeyConfig[];
  /** The data-access agreements (PKS) the API keys stand on (config/data-agreements.ts). */
  readonly dataAgreements: readonly DataAgreementConfig[];
  /** How often each service hands the use it counted per agreement to its sink (AGREEMENT_USE_FLUSH_MS, 60 s). */
  readonly agreementUseFlushMs: number;
  /** Fixed offset of the office's local time, used when the service writes local dates and every instant (Nagekeo: +08:00, WITA). */
  readonly utcOffset: string;
  /** The regency whose register this is (4 digits, a current regency): 5316, Kabupaten Nagekeo, by default. */
  readonly regencyCode: string;
}

export interface NatsStreamSettings {
  /**
   * Copies of each stream on different servers (NATS_STREAM_REPLICAS, 1–5, default 1). More than 1 needs a JetStream
   * cluster of at least as many servers; 3 keeps every event through the loss of one server.
   */
  readonly replicas: number;
  /** Events older than this many days are deleted from the stream (NATS_STREAM_MAX_AGE_DAYS); 0: kept for ever. */
  readonly maxAgeDays: number;
  /** The oldest events are deleted once a stream holds more bytes than this (NATS_STREAM_MAX_BYTES); 0: no limit. */
  readonly maxBytes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** The default HTTP port of each service when PORT is not set. */
export const DEFAULT_PORTS: Readonly<Record<string, number>> = { identity: 3001, deeds: 3002, outreach: 3003, reporting: 3004 };

/** 12 hours: a working day with its overtime; the development token of `npm start -- token` lives as long. */
export const DEFAULT_TOKEN_MAX_LIFETIME_SECONDS = 12 * 60 * 60;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads the configuration of `service` from `env`.
 *
 * | variable | default | meaning |
 * | --- | --- | --- |
 * | HOST | 127.0.0.1 | interface to listen on |
 * | PORT | 3001–3004 by service | HTTP port |
 * | DATABASE_URL | sqlite:data/<service>.sqlite | postgres://… or sqlite:<file> or sqlite::memory: |
 * | MIGRATE_ON_START | true | apply pending migrations at start-up |
 * | DEV_SCHEMA_SYNC | false | development only: create what no migration creates yet |
 * | NATS_URL | nats://127.0.0.1:4222 | NATS server, or several separated by commas (the members of a cluster) |
 * | NATS_ENABLED | true | false runs without NATS (events wait in the outbox) |
 * | NATS_PREFIX | (empty) | prefix for subjects and streams (test isolation) |
 * | NATS_STREAM_REPLICAS | 1 | copies of each JetStream stream (1–5; more than 1 needs a JetStream cluster) |
 * | NATS_STREAM_MAX_AGE_DAYS | 0 | events older than this are deleted from the streams (0: kept for ever) |
 * | NATS_STREAM_MAX_BYTES | 0 | the oldest events are deleted beyond this size per stream (0: no limit; else at least 1 MiB) |
 * | BODY_LIMIT_BYTES | 1048576 | largest request body |
 * | JSON_MAX_DEPTH | 32 | deepest nesting of objects and arrays in a JSON body (deeper: 400 BODY_TOO_DEEP) |
 * | RATE_LIMIT_WINDOW_MS | 60000 | the window of both rate limits |
 * | RATE_LIMIT_PUBLIC_MAX | 300 | requests without credentials per client address and window (0: no limit) |
 * | TRUST_PROXY | loopback,linklocal,uniquelocal | whose X-Forwarded-For gives the client address: true, false, a hop count, or addresses / CIDRs / loopback, linklocal, uniquelocal |
 * | RATE_LIMIT_AUTH_FAILURES | 30 | refused credentials (401) per client address and window before its requests with credentials get 429 (0: no limit) |
 * | LOG_LEVEL | info | pino level |
 * | JWT_SECRET | (none) | HS256 secret, 32+ characters |
 * | JWT_PUBLIC_KEYS | (none) | PEM public keys, separated by blank lines |
 * | JWT_ISSUER / JWT_AUDIENCE | (none) | required iss / aud claims when set |
 * | TOKEN_MAX_LIFETIME_SECONDS | 43200 (12 h) | longest bearer-token lifetime (exp − iat); a token without exp is refused |
 * | OIDC_ISSUER | (none) | OpenID Connect provider for people's sign-in (keys from its JWKS) |
 * | OIDC_JWKS_URL | (discovered) | the provider's JWKS, when reached at another address than the issuer |
 * | OIDC_AUDIENCE | urn:adminduk:api | required aud of the provider's access tokens |
 * | OIDC_JWKS_COOLDOWN_MS | 30000 | least time between two fetches of the provider's keys |
 * | OIDC_JWKS_MAX_AGE_MS | 600000 | how long fetched keys are used before they are fetched again |
 * | OIDC_ROLES_CLAIM / OIDC_REGIONS_CLAIM / OIDC_INSTITUTION_CLAIM | roles / regions / institution | claim names (dotted paths allowed) |
 * | API_KEYS | [] | JSON list of { id, sha256, roles, regions, scopes?, fields?, agreement? } (scopes: auth/scopes.ts, required of integrator keys when NODE_ENV=production; fields: auth/fields.ts, only with scopes; agreement: the number of its data-access agreement, required of integrator keys when NODE_ENV=production) |
 * | DATA_AGREEMENTS | [] | JSON list of { number, agency, signedOn, expiresOn, purpose, scopes, fields?, regions }: the data-access agreements (PKS) keys stand on (config/data-agreements.ts) |
 * | AGREEMENT_USE_FLUSH_MS | 60000 | how often the requests counted per agreement are published (agreements/agreement-use.service.ts) |
 * | UTC_OFFSET | +08:00 | offset of the office's local time: `asOf` dates, and every instant written (time/office-instant.ts) |
 * | REGENCY_CODE | 5316 | the regency of this office (Kabupaten Nagekeo) |
 */
export function loadServiceConfig(service: string, env: Readonly<Record<string, string | undefined>> = process.env): ServiceConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false, got ${JSON.stringify(raw)}`);
    return fallback;
  };

  const databaseUrl = env.DATABASE_URL || `sqlite:data/${service}.sqlite`;
  if (!/^(postgres(ql)?:\/\/|sqlite:)/.test(databaseUrl)) problems.push('DATABASE_URL must start with postgres:// or sqlite:');
  const natsServers = (env.NATS_URL || 'nats://127.0.0.1:4222').split(',').map((url) => url.trim());
  const badServers = natsServers.filter((url) => !/^(nats|tls|ws|wss):\/\/[^\s,]+$/.test(url));
  if (badServers.length > 0) problems.push(`NATS_URL must be a nats:// URL, or several separated by commas, got ${badServers.map((url) => JSON.stringify(url)).join(', ')}`);
  const natsPrefix = env.NATS_PREFIX ?? '';
  if (natsPrefix !== '' && !/^[a-z0-9-]+$/i.test(natsPrefix)) problems.push('NATS_PREFIX may hold only letters, digits and dashes');
  const logLevel = (env.LOG_LEVEL || 'info') as ServiceConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const jwtSecret = env.JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < 32) problems.push('JWT_SECRET must have at least 32 characters');
  const jwtPublicKeys = (env.JWT_PUBLIC_KEYS ?? '')
    .split(/\n\s*\n/)
    .map((k) => k.trim())
    .filter((k) => k !== '');
  if (jwtPublicKeys.some((k) => !k.startsWith('-----BEGIN PUBLIC KEY-----'))) problems.push('JWT_PUBLIC_KEYS must hold PEM public keys');
  const dataAgreements = parseDataAgreements(env.DATA_AGREEMENTS, problems);
  const apiKeys = bindKeysToAgreements(parseApiKeys(env.API_KEYS, problems), dataAgreements, problems);
  // In production an integrator's key stands on a data-access agreement (PKS) and names what it grants: a key without
  // scopes would read every endpoint of the integrator role (docs/personal-data-access.md), and a key without an
  // agreement would never expire. Development and tests keep the old meaning so that keys issued before scopes and
  // agreements existed still work there.
  if (env.NODE_ENV === 'production') {
    for (const key of apiKeys) {
      if (key.roles.includes('integrator') && (key.scopes === undefined || key.scopes.length === 0)) {
        problems.push(`API_KEYS entry ${JSON.stringify(key.id)} has the integrator role and no scopes: in production an integrator key names the scopes of its data-access agreement (e.g. "scopes": ["residents"])`);
      }
      if (key.roles.includes('integrator') && key.agreement === undefined) {
        problems.push(`API_KEYS entry ${JSON.stringify(key.id)} has the integrator role and no agreement: in production an integrator key names its data-access agreement in DATA_AGREEMENTS (e.g. "agreement": "470/123/DKPS/2024")`);
      }
    }
  }
  const oidc = parseOidc(env, problems, int('OIDC_JWKS_COOLDOWN_MS', 30_000, 0, 3_600_000), int('OIDC_JWKS_MAX_AGE_MS', 600_000, 0, 86_400_000));
  const regencyCode = env.REGENCY_CODE || '5316';
  const regency = /^\d{4}$/.test(regencyCode) ? findRegion(regencyCode) : undefined;
  if (!regency || regency.level !== 'regency' || regency.historical) problems.push(`REGENCY_CODE must be the 4-digit code of a current regency, got ${JSON.stringify(regencyCode)}`);
  const utcOffset = env.UTC_OFFSET || '+08:00';
  if (!/^[+-]\d{2}:\d{2}$/.test(utcOffset)) problems.push('UTC_OFFSET must look like +08:00');

  const config: ServiceConfig = {
    service,
    host: env.HOST || '127.0.0.1',
    port: int('PORT', DEFAULT_PORTS[service] ?? 3000, 0, 65535),
    databaseUrl,
    migrateOnStart: bool('MIGRATE_ON_START', true),
    devSchemaSync: bool('DEV_SCHEMA_SYNC', false),
    natsServers,
    natsUrl: natsServers[0] as string,
    natsEnabled: bool('NATS_ENABLED', true),
    natsPrefix,
    natsStreams: {
      replicas: int('NATS_STREAM_REPLICAS', 1, 1, 5),
      // 100 years: far beyond any retention an office sets, and still exact in nanoseconds.
      maxAgeDays: int('NATS_STREAM_MAX_AGE_DAYS', 0, 0, 36_500),
      maxBytes: streamMaxBytes(env.NATS_STREAM_MAX_BYTES, problems),
    },
    bodyLimit: int('BODY_LIMIT_BYTES', 1_048_576, 1024, 1_073_741_824),
    jsonMaxDepth: int('JSON_MAX_DEPTH', 32, 4, 1000),
    rateLimit: {
      windowMs: int('RATE_LIMIT_WINDOW_MS', 60_000, 1000, 86_400_000),
      publicMax: int('RATE_LIMIT_PUBLIC_MAX', 300, 0, 1_000_000_000),
      authFailures: int('RATE_LIMIT_AUTH_FAILURES', 30, 0, 1_000_000_000),
    },
    trustProxy: parseTrustProxy(env.TRUST_PROXY, problems),
    logLevel,
    jwtSecret,
    jwtPublicKeys,
    jwtIssuer: env.JWT_ISSUER || undefined,
    jwtAudience: env.JWT_AUDIENCE || undefined,
    tokenMaxLifetimeSeconds: int('TOKEN_MAX_LIFETIME_SECONDS', DEFAULT_TOKEN_MAX_LIFETIME_SECONDS, 60, 7 * 24 * 60 * 60),
    ...(oidc ? { oidc } : {}),
    apiKeys,
    dataAgreements,
    agreementUseFlushMs: int('AGREEMENT_USE_FLUSH_MS', 60_000, 100, 86_400_000),
    utcOffset,
    regencyCode,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function parseOidc(env: Readonly<Record<string, string | undefined>>, problems: string[], jwksCooldownMs: number, jwksMaxAgeMs: number): OidcConfig | undefined {
  const issuer = env.OIDC_ISSUER || undefined;
  const others = ['OIDC_JWKS_URL', 'OIDC_JWKS_COOLDOWN_MS', 'OIDC_JWKS_MAX_AGE_MS', 'OIDC_AUDIENCE', 'OIDC_ROLES_CLAIM', 'OIDC_REGIONS_CLAIM', 'OIDC_INSTITUTION_CLAIM'].filter((name) => env[name]);
  if (!issuer) {
    if (others.length > 0) problems.push(`${others.join(', ')} need OIDC_ISSUER`);
    return undefined;
  }
  const httpUrl = (name: string, value: string): boolean => {
    try {
      const url = new URL(value);
      if (url.protocol === 'https:' || url.protocol === 'http:') return true;
    } catch {
      // reported below
    }
    problems.push(`${name} must be an http(s) URL, got ${JSON.stringify(value)}`);
    return false;
  };
  if (httpUrl('OIDC_ISSUER', issuer) && new URL(issuer).protocol === 'http:' && !isLoopback(new URL(issuer).hostname)) {
    problems.push(`OIDC_ISSUER must be https (http only for a provider on this machine: 127.0.0.1, localhost), got ${JSON.stringify(issuer)}`);
  }
  const jwksUrl = env.OIDC_JWKS_URL || undefined;
  if (jwksUrl) httpUrl('OIDC_JWKS_URL', jwksUrl);
  const claim = (name: string, fallback: string): string => {
    const value = env[name] || fallback;
    if (!/^[\x21-\x7e]{1,200}$/.test(value)) problems.push(`${name} must be a claim name or a dotted path (no spaces), got ${JSON.stringify(value)}`);
    return value;
  };
  return {
    issuer,
    ...(jwksUrl ? { jwksUrl } : {}),
    audience: env.OIDC_AUDIENCE || DEFAULT_OIDC_AUDIENCE,
    jwksCooldownMs,
    jwksMaxAgeMs,
    claims: {
      roles: claim('OIDC_ROLES_CLAIM', DEFAULT_OIDC_CLAIMS.roles),
      regions: claim('OIDC_REGIONS_CLAIM', DEFAULT_OIDC_CLAIMS.regions),
      institution: claim('OIDC_INSTITUTION_CLAIM', DEFAULT_OIDC_CLAIMS.institution),
    },
  };
}

/** NATS_STREAM_MAX_BYTES: 0 (no limit), or a limit of at least 1 MiB (a smaller one would delete events as they arrive). */
function streamMaxBytes(raw: string | undefined, problems: string[]): number {
  if (raw === undefined || raw === '') return 0;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || (n !== 0 && n < 1_048_576)) {
    problems.push(`NATS_STREAM_MAX_BYTES must be 0 (no limit) or an integer from 1048576 (1 MiB) to ${Number.MAX_SAFE_INTEGER}, got ${JSON.stringify(raw)}`);
    return 0;
  }
  return n;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function parseApiKeys(raw: string | undefined, problems: string[]): ApiKeyConfig[] {
  if (raw === undefined || raw.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    problems.push('API_KEYS must be a JSON list');
    return [];
  }
  if (!Array.isArray(parsed)) {
    problems.push('API_KEYS must be a JSON list');
    return [];
  }
  const keys: ApiKeyConfig[] = [];
  parsed.forEach((k: unknown, i) => {
    const key = k as Partial<ApiKeyConfig>;
    if (
      typeof key !== 'object' ||
      key === null ||
      typeof key.id !== 'string' ||
      typeof key.sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/.test(key.sha256) ||
      !Array.isArray(key.roles) ||
      !Array.isArray(key.regions) ||
      (key.scopes !== undefined && !Array.isArray(key.scopes)) ||
      (key.fields !== undefined && !Array.isArray(key.fields))
    ) {
      problems.push(`API_KEYS[${i}] must be { id, sha256 (64 hex digits), roles: [], regions: [], scopes?: [], fields?: [] }`);
      return;
    }
    if (key.agreement !== undefined && typeof key.agreement !== 'string') {
      problems.push(`API_KEYS entry ${JSON.stringify(key.id)} has an agreement that is not a number in DATA_AGREEMENTS (a string such as "470/123/DKPS/2024")`);
      return;
    }
    // A key on an agreement may take its scopes from the agreement, and so name fields without scopes of its own.
    if (key.fields !== undefined && !fieldsOk(key.id, key.scopes, key.fields, problems, key.agreement !== undefined)) return;
    keys.push({
      id: key.id,
      sha256: key.sha256,
      roles: key.roles.map(String),
      regions: key.regions.map(String),
      ...(key.scopes ? { scopes: key.scopes.map(String) } : {}),
      ...(key.fields ? { fields: [...new Set(key.fields.map(String))] } : {}),
      ...(key.agreement !== undefined ? { agreement: key.agreement } : {}),
    });
  });
  return keys;
}

/**
 * An API key's `fields` (auth/fields.ts): names of personal-data fields, with `scopes` (the fields narrow the answers
 * of the endpoints the scopes open; a key without scopes is a partner's or an old integrator's, whose answers are
 * whole; a key on an agreement without scopes of its own takes the agreement's). An empty list is allowed: identifiers and bookkeeping only.
 */
function fieldsOk(id: string, scopes: readonly unknown[] | undefined, fields: readonly unknown[], problems: string[], onAgreement: boolean): boolean {
  const before = problems.length;
  if ((scopes === undefined && !onAgreement) || scopes?.length === 0) {
    problems.push(`API_KEYS entry ${JSON.stringify(id)} names fields but no scopes: fields narrow the answers of the scopes a key names (e.g. "scopes": ["residents"], "fields": ["nik", "fullName"])`);
  }
  const unknown = fields.filter((f) => typeof f !== 'string' || !isPersonalField(f));
  if (unknown.length > 0) {
    problems.push(`API_KEYS entry ${JSON.stringify(id)} names unknown fields ${unknown.map((f) => JSON.stringify(f)).join(', ')}; the fields are ${PERSONAL_FIELD_NAMES.join(', ')}`);
  }
  return problems.length === before;
}

/** The proxies trusted by default: the private networks (see ServiceConfig.trustProxy). */
export const DEFAULT_TRUST_PROXY = 'loopback,linklocal,uniquelocal';

const TRUST_PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY: true, false, a hop count (0–10), or a comma-separated list of IPv4/IPv6 addresses, CIDRs and names. */
function parseTrustProxy(raw: string | undefined, problems: string[]): boolean | number | string {
  const value = (raw ?? '').trim();
  if (value === '') return DEFAULT_TRUST_PROXY;
  if (value.toLowerCase() === 'true') return true;
  if (value.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops <= 10) return hops;
    problems.push(`TRUST_PROXY as a hop count must be 0 to 10, got ${JSON.stringify(raw)}`);
    return DEFAULT_TRUST_PROXY;
  }
  const entries = value.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !(TRUST_PROXY_NAMES.has(e) || /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)(\/\d{1,3})?$/i.test(e)));
  if (bad.length > 0) {
    problems.push(`TRUST_PROXY must be true, false, a hop count, or addresses, CIDRs and loopback / linklocal / uniquelocal separated by commas; not ${bad.map((b) => JSON.stringify(b)).join(', ')}`);
    return DEFAULT_TRUST_PROXY;
  }
  return entries.join(',');
}

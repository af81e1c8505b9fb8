// People's sign-in through an OpenID Connect provider: the services verify the provider's access tokens with its
// published keys (JWKS over real HTTP here: a small provider stand-in on a free port serving discovery and
// keys), follow a key rotation without a restart, and read roles, regions and institution from claims.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type CryptoKey } from 'jose';
import { loadServiceConfig } from '../config/service-config';
import { ProblemException } from '../errors/problem';
import { Authenticator } from './authenticator';
import type { Principal } from './principal';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

interface Key {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

async function newKey(kid: string, alg: 'RS256' | 'ES256' = 'RS256'): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** A stand-in for the provider's two documents: discovery and the key set; what it serves can change. */
class ProviderStandIn {
  keys: Key[] = [];
  up = true;
  discoveryIssuer?: string;
  jwksRequests = 0;
  private server?: Server;
  issuer = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      if (!this.up) {
        res.writeHead(503).end();
        return;
      }
      if (req.url === '/realm/.well-known/openid-configuration') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ issuer: this.discoveryIssuer ?? this.issuer, jwks_uri: `${this.issuer}/keys` }));
      } else if (req.url === '/realm/keys') {
        this.jwksRequests++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: this.keys.map((k) => k.jwk) }));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/realm`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

interface Sign {
  key: Key;
  claims?: JWTPayload;
  iss?: string;
  aud?: string | string[];
  exp?: number | string | null;
  sub?: string | null;
  alg?: string;
}

async function token(o: Sign): Promise<string> {
  let jwt = new SignJWT({ roles: ['partner'], regions: ['531603'], institution: 'pustu-boawae', ...o.claims })
    .setProtectedHeader({ alg: o.alg ?? (o.key.jwk.alg as string), kid: o.key.kid, typ: 'at+jwt' })
    .setIssuedAt()
    .setIssuer(o.iss ?? provider.issuer)
    .setAudience(o.aud ?? 'urn:adminduk:api');
  if (o.sub !== null) jwt = jwt.setSubject(o.sub ?? 'bidan-boawae');
  if (o.exp !== null) jwt = jwt.setExpirationTime(o.exp ?? '10m');
  return jwt.sign(o.key.privateKey);
}

function authenticator(env: Record<string, string> = {}): Authenticator {
  return new Authenticator(loadServiceConfig('deeds', { JWT_SECRET: SECRET, OIDC_ISSUER: provider.issuer, ...env }));
}

async function outcome(a: Authenticator, t: string): Promise<Principal | string> {
  try {
    return await a.authenticate({ authorization: `Bearer ${t}` });
  } catch (error) {
    if (error instanceof ProblemException) return `${error.status} ${error.code}`;
    throw error;
  }
}

const provider = new ProviderStandIn();
let first: Key;

beforeAll(async () => {
  await provider.start();
  first = await newKey('key-2026-01');
  provider.keys = [first];
});
afterAll(() => provider.stop());
beforeEach(() => {
  provider.up = true;
  provider.discoveryIssuer = undefined;
  provider.keys = [first];
});

describe("the provider's access tokens", () => {
  it('makes the midwife a partner acting as her Pustu, in her kecamatan', async () => {
    expect(await outcome(authenticator(), await token({ key: first }))).toEqual({
      id: 'bidan-boawae',
      kind: 'user',
      roles: ['partner'],
      regions: ['531603'],
      institution: 'pustu-boawae',
    });
  });

  it('gives a registrar the regency and no institution', async () => {
    const t = await token({ key: first, sub: 'registrar', claims: { roles: ['registrar'], regions: ['5316'], institution: undefined } });
    expect(await outcome(authenticator(), t)).toEqual({ id: 'registrar', kind: 'user', roles: ['registrar'], regions: ['5316'] });
  });

  it.each([
    ['another audience (an ID token for the app)', { aud: 'adminduk-web' }],
    ['an expired token', { exp: Math.floor(Date.now() / 1000) - 120 }],
    ['no subject', { sub: null }],
  ] as const)('refuses %s with 401', async (_label, o) => {
    expect(await outcome(authenticator(), await token({ key: first, ...o }))).toBe('401 UNAUTHENTICATED');
  });

  it('refuses a token without expiry with 401 TOKEN_EXPIRY_REQUIRED', async () => {
    expect(await outcome(authenticator(), await token({ key: first, exp: null }))).toBe('401 TOKEN_EXPIRY_REQUIRED');
  });

  it('refuses a token living longer than TOKEN_MAX_LIFETIME_SECONDS (12 hours by default) with 401 TOKEN_LIFETIME_TOO_LONG', async () => {
    expect(await outcome(authenticator(), await token({ key: first, exp: '100y' }))).toBe('401 TOKEN_LIFETIME_TOO_LONG');
    expect(await outcome(authenticator(), await token({ key: first, exp: '13h' }))).toBe('401 TOKEN_LIFETIME_TOO_LONG');
    expect(await outcome(authenticator(), await token({ key: first, exp: '12h' }))).toMatchObject({ id: 'bidan-boawae' });
    expect(await outcome(authenticator({ TOKEN_MAX_LIFETIME_SECONDS: '86400' }), await token({ key: first, exp: '13h' }))).toMatchObject({ id: 'bidan-boawae' });
  });

  it('refuses a token naming the provider but signed with the shared secret (HS256): only the provider signs its tokens', async () => {
    const forged = await new SignJWT({ roles: ['admin'], regions: ['*'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('intruder')
      .setIssuer(provider.issuer)
      .setAudience('urn:adminduk:api')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(SECRET));
    expect(await outcome(authenticator(), forged)).toBe('401 UNAUTHENTICATED');
  });

  it('refuses a token signed by a key the provider does not publish', async () => {
    const stranger = await newKey('key-2026-01');
    expect(await outcome(authenticator(), await token({ key: stranger }))).toBe('401 UNAUTHENTICATED');
  });

  it('keeps only known roles and well-formed regions, and ignores a malformed institution', async () => {
    const t = await token({ key: first, claims: { roles: ['partner', 'offline_access', 'uma_authorization'], regions: ['531603', 'Boawae', 7], institution: 'pustu boawae; drop' } });
    expect(await outcome(authenticator(), t)).toEqual({ id: 'bidan-boawae', kind: 'user', roles: ['partner'], regions: ['531603'] });
  });

  it('ignores an institution on a caller who is not a partner (it would change whose reports they see)', async () => {
    const t = await token({ key: first, sub: 'op-boawae', claims: { roles: ['operator'], regions: ['531603'], institution: 'pustu-boawae' } });
    expect(await outcome(authenticator(), t)).toEqual({ id: 'op-boawae', kind: 'user', roles: ['operator'], regions: ['531603'] });
  });

  it('refuses a subject longer than the 200 characters it is stored in (401, not a database error)', async () => {
    expect(await outcome(authenticator(), await token({ key: first, sub: 'x'.repeat(201) }))).toBe('401 UNAUTHENTICATED');
  });

  it('reads Keycloak-style nested roles and a single-valued regions attribute when the claim names say so', async () => {
    const t = await token({ key: first, claims: { roles: undefined, realm_access: { roles: ['operator', 'default-roles-adminduk'] }, regions: '531601', institution: undefined } });
    const a = authenticator({ OIDC_ROLES_CLAIM: 'realm_access.roles' });
    expect(await outcome(a, t)).toEqual({ id: 'bidan-boawae', kind: 'user', roles: ['operator'], regions: ['531601'] });
  });

  it('reads a namespaced claim name that contains dots as one claim', async () => {
    const t = await token({ key: first, claims: { roles: undefined, 'https://adminduk.example/roles': ['analyst'] } });
    const a = authenticator({ OIDC_ROLES_CLAIM: 'https://adminduk.example/roles' });
    expect(await outcome(a, t)).toMatchObject({ roles: ['analyst'] });
  });

  it('still accepts the HS256 tokens of tests and machines beside the provider', async () => {
    const machine = await new SignJWT({ roles: ['operator'], regions: ['531601'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('import-job')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(SECRET));
    expect(await outcome(authenticator(), machine)).toEqual({ id: 'import-job', kind: 'user', roles: ['operator'], regions: ['531601'] });
  });
});

describe('keys', () => {
  it('follows a key rotation without a restart: a token with a new key id makes the service fetch the keys again', async () => {
    const a = authenticator({ OIDC_JWKS_COOLDOWN_MS: '0' });
    expect(await outcome(a, await token({ key: first }))).toMatchObject({ id: 'bidan-boawae' });
    const fetched = provider.jwksRequests;
    const second = await newKey('key-2026-02', 'ES256');
    provider.keys = [second, first];
    expect(await outcome(a, await token({ key: second }))).toMatchObject({ id: 'bidan-boawae', roles: ['partner'] });
    expect(provider.jwksRequests).toBe(fetched + 1);
    // The earlier key, still published beside the new one, keeps its tokens valid until they expire.
    expect(await outcome(a, await token({ key: first, sub: 'registrar' }))).toMatchObject({ id: 'registrar' });
  });

  it('answers 503 IDENTITY_PROVIDER_UNAVAILABLE (retry), not 401 (signed out), when the provider cannot be reached and its keys are not yet known', async () => {
    provider.up = false;
    const a = authenticator();
    expect(await outcome(a, await token({ key: first }))).toBe('503 IDENTITY_PROVIDER_UNAVAILABLE');
    // Once the provider is back, the same service verifies (the failed discovery is not remembered).
    provider.up = true;
    expect(await outcome(a, await token({ key: first }))).toMatchObject({ id: 'bidan-boawae' });
  });

  it('keeps verifying with the keys it holds while the provider is down', async () => {
    const a = authenticator();
    expect(await outcome(a, await token({ key: first }))).toMatchObject({ id: 'bidan-boawae' });
    provider.up = false;
    expect(await outcome(a, await token({ key: first, sub: 'registrar' }))).toMatchObject({ id: 'registrar' });
  });

  it('keeps verifying with the keys it last fetched once they are older than the max age, while the provider is down', async () => {
    const a = authenticator({ OIDC_JWKS_MAX_AGE_MS: '50' });
    expect(await outcome(a, await token({ key: first }))).toMatchObject({ id: 'bidan-boawae' });
    provider.up = false;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await outcome(a, await token({ key: first, sub: 'registrar' }))).toMatchObject({ id: 'registrar' });
    // A token signed by a key it never fetched still cannot pass.
    const stranger = await newKey('key-unknown');
    expect(await outcome(a, await token({ key: stranger }))).toBe('503 IDENTITY_PROVIDER_UNAVAILABLE');
  });

  it('refuses a discovery document that names another issuer (503: the configuration is wrong, not the person)', async () => {
    provider.discoveryIssuer = 'https://elsewhere.example/realm';
    expect(await outcome(authenticator(), await token({ key: first }))).toBe('503 IDENTITY_PROVIDER_UNAVAILABLE');
  });

  it('uses OIDC_JWKS_URL without discovery when it is set (the provider reached at an internal address)', async () => {
    provider.discoveryIssuer = 'https://elsewhere.example/realm';
    const a = authenticator({ OIDC_JWKS_URL: `${provider.issuer}/keys` });
    expect(await outcome(a, await token({ key: first }))).toMatchObject({ id: 'bidan-boawae' });
  });
});

describe('configuration', () => {
  it('defaults the audience and claim names, and reports every problem at once', () => {
    expect(loadServiceConfig('deeds', { OIDC_ISSUER: 'https://sso.nagekeo.example/realms/adminduk' }).oidc).toEqual({
      issuer: 'https://sso.nagekeo.example/realms/adminduk',
      audience: 'urn:adminduk:api',
      jwksCooldownMs: 30_000,
      jwksMaxAgeMs: 600_000,
      claims: { roles: 'roles', regions: 'regions', institution: 'institution' },
    });
    expect(() => loadServiceConfig('deeds', { OIDC_ISSUER: 'sso.nagekeo', OIDC_JWKS_URL: 'ftp://x', OIDC_ROLES_CLAIM: 'a b' })).toThrow(
      /OIDC_ISSUER must be an http\(s\) URL[\s\S]*OIDC_JWKS_URL must be an http\(s\) URL[\s\S]*OIDC_ROLES_CLAIM must be a claim name/,
    );
    expect(() => loadServiceConfig('deeds', { OIDC_AUDIENCE: 'x' })).toThrow(/OIDC_AUDIENCE need OIDC_ISSUER/);
    // Plain http only for a provider on this machine (tokens and keys would cross the network unprotected).
    expect(() => loadServiceConfig('deeds', { OIDC_ISSUER: 'http://sso.nagekeo.example/realms/adminduk' })).toThrow(/OIDC_ISSUER must be https/);
    expect(loadServiceConfig('deeds', { OIDC_ISSUER: 'http://localhost:8180/realms/adminduk' }).oidc?.issuer).toBe('http://localhost:8180/realms/adminduk');
  });

  it('keeps the key in the digest form only (API keys unchanged by OIDC)', () => {
    const digest = createHash('sha256').update('k').digest('hex');
    const config = loadServiceConfig('deeds', { OIDC_ISSUER: provider.issuer, API_KEYS: JSON.stringify([{ id: 'p', sha256: digest, roles: ['partner'], regions: ['5316'] }]) });
    expect(config.apiKeys).toEqual([{ id: 'p', sha256: digest, roles: ['partner'], regions: ['5316'] }]);
  });
});

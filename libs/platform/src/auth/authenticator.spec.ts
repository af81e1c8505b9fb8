// Authentication: bearer tokens (HS256 with a shared secret; RS256 / ES256 against configured public keys;
// issuer and audience when configured) and API keys configured by their SHA-256. Anything else is a 401
// problem, never a crash and never a principal.
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { loadServiceConfig } from '../config/service-config';
import { ProblemException } from '../errors/problem';
import { Authenticator } from './authenticator';
import type { Principal } from './principal';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const OTHER_SECRET = 'another-secret-of-thirty-two-characters!';
const PARTNER_KEY = 'pustu-boawae-2026-key-abcdef0123456789';

function rsa() {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}
function ec() {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' });
}
const pem = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString();

const rsaKeys = rsa();
const rsaKeysOther = rsa();
const ecKeys = ec();

function authenticator(env: Record<string, string> = {}): Authenticator {
  return new Authenticator(
    loadServiceConfig('identity', {
      JWT_SECRET: SECRET,
      API_KEYS: JSON.stringify([
        { id: 'pustu-boawae', sha256: createHash('sha256').update(PARTNER_KEY).digest('hex'), roles: ['partner', 'not-a-role'], regions: ['531603'] },
      ]),
      ...env,
    }),
  );
}

interface Sign {
  alg?: 'HS256' | 'RS256' | 'ES256';
  key?: KeyObject | Uint8Array;
  claims?: JWTPayload;
  sub?: string | null;
  /** null: no `exp` claim at all. */
  exp?: number | string | null;
  /** null: no `iat` claim; a number: that `iat`. */
  iat?: number | null;
  iss?: string;
  aud?: string;
  nbf?: number;
}

async function token(o: Sign = {}): Promise<string> {
  const alg = o.alg ?? 'HS256';
  let jwt = new SignJWT({ roles: ['operator'], regions: ['531601'], ...o.claims }).setProtectedHeader({ alg });
  if (o.iat !== null) jwt = jwt.setIssuedAt(o.iat);
  if (o.sub !== null) jwt = jwt.setSubject(o.sub ?? 'op-aesesa');
  if (o.exp !== null) jwt = jwt.setExpirationTime(o.exp ?? '10m');
  if (o.iss) jwt = jwt.setIssuer(o.iss);
  if (o.aud) jwt = jwt.setAudience(o.aud);
  if (o.nbf) jwt = jwt.setNotBefore(o.nbf);
  return jwt.sign(o.key ?? new TextEncoder().encode(SECRET));
}

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

/** The principal, or the problem's status and code. */
async function outcome(a: Authenticator, headers: Record<string, string | string[] | undefined>): Promise<Principal | string> {
  try {
    return await a.authenticate(headers);
  } catch (error) {
    if (error instanceof ProblemException) return `${error.status} ${error.code}`;
    throw error;
  }
}

describe('bearer tokens, HS256', () => {
  const a = authenticator();

  it('accepts a valid token: the subject, its roles and its region prefixes', async () => {
    expect(await outcome(a, bearer(await token()))).toEqual({ id: 'op-aesesa', kind: 'user', roles: ['operator'], regions: ['531601'] });
  });

  it('keeps only known roles and well-formed region prefixes', async () => {
    const t = await token({ claims: { roles: ['registrar', 'superuser', 7], regions: ['5316', '*', '53.16', 'abc', '5', 12] } });
    expect(await outcome(a, bearer(t))).toMatchObject({ roles: ['registrar'], regions: ['5316', '*'] });
  });

  it('gives no role and no region when the claims are missing or not lists', async () => {
    const t = await token({ claims: { roles: 'admin', regions: '*' } });
    expect(await outcome(a, bearer(t))).toMatchObject({ roles: [], regions: [] });
  });

  it.each([
    ['expired', () => token({ exp: Math.floor(Date.now() / 1000) - 1 })],
    ['not valid yet', () => token({ nbf: Math.floor(Date.now() / 1000) + 3600 })],
    ['signed with another secret', () => token({ key: new TextEncoder().encode(OTHER_SECRET) })],
    ['without a subject', () => token({ sub: null })],
    ['tampered with (roles changed after signing)', async () => {
      const [h, , s] = (await token()).split('.');
      const payload = Buffer.from(JSON.stringify({ sub: 'op-aesesa', roles: ['admin'], regions: ['*'], exp: 9_999_999_999 })).toString('base64url');
      return `${h}.${payload}.${s}`;
    }],
    ['unsigned (alg none)', async () => {
      const h = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const p = Buffer.from(JSON.stringify({ sub: 'x', roles: ['admin'], regions: ['*'] })).toString('base64url');
      return `${h}.${p}.`;
    }],
    ['not a JWT at all', async () => 'hello'],
    ['three dots of garbage', async () => '...'],
  ])('refuses a token that is %s with 401 UNAUTHENTICATED', async (_what, make) => {
    expect(await outcome(a, bearer(await make()))).toBe('401 UNAUTHENTICATED');
  });

  it('refuses an HS256 token when no secret is configured (only public keys)', async () => {
    const onlyKeys = authenticator({ JWT_SECRET: '', JWT_PUBLIC_KEYS: pem(rsaKeys.publicKey) });
    expect(await outcome(onlyKeys, bearer(await token()))).toBe('401 UNAUTHENTICATED');
  });
});

describe('bearer tokens, RS256 and ES256 against configured public keys', () => {
  const a = authenticator({ JWT_PUBLIC_KEYS: `${pem(rsaKeys.publicKey)}\n\n${pem(ecKeys.publicKey)}` });

  it('accepts an RS256 token signed by the private key of a configured public key', async () => {
    const t = await token({ alg: 'RS256', key: rsaKeys.privateKey, sub: 'registrar-1', claims: { roles: ['registrar'], regions: ['5316'] } });
    expect(await outcome(a, bearer(t))).toEqual({ id: 'registrar-1', kind: 'user', roles: ['registrar'], regions: ['5316'] });
  });

  it('accepts an ES256 token too, whichever algorithm came first', async () => {
    const fresh = authenticator({ JWT_PUBLIC_KEYS: `${pem(rsaKeys.publicKey)}\n\n${pem(ecKeys.publicKey)}` });
    expect(await outcome(fresh, bearer(await token({ alg: 'RS256', key: rsaKeys.privateKey })))).toMatchObject({ id: 'op-aesesa' });
    expect(await outcome(fresh, bearer(await token({ alg: 'ES256', key: ecKeys.privateKey })))).toMatchObject({ id: 'op-aesesa' });
    const ecFirst = authenticator({ JWT_PUBLIC_KEYS: `${pem(rsaKeys.publicKey)}\n\n${pem(ecKeys.publicKey)}` });
    expect(await outcome(ecFirst, bearer(await token({ alg: 'ES256', key: ecKeys.privateKey })))).toMatchObject({ id: 'op-aesesa' });
    expect(await outcome(ecFirst, bearer(await token({ alg: 'RS256', key: rsaKeys.privateKey })))).toMatchObject({ id: 'op-aesesa' });
  });

  it('refuses an RS256 token signed by a key that is not configured', async () => {
    expect(await outcome(a, bearer(await token({ alg: 'RS256', key: rsaKeysOther.privateKey })))).toBe('401 UNAUTHENTICATED');
  });

  it('refuses an expired RS256 token', async () => {
    const t = await token({ alg: 'RS256', key: rsaKeys.privateKey, exp: Math.floor(Date.now() / 1000) - 1 });
    expect(await outcome(a, bearer(t))).toBe('401 UNAUTHENTICATED');
  });

  it('refuses an HS256 token whose secret is the public key (algorithm confusion)', async () => {
    const t = await token({ alg: 'HS256', key: new TextEncoder().encode(pem(rsaKeys.publicKey)) });
    expect(await outcome(a, bearer(t))).toBe('401 UNAUTHENTICATED');
    const noSecret = authenticator({ JWT_SECRET: '', JWT_PUBLIC_KEYS: pem(rsaKeys.publicKey) });
    expect(await outcome(noSecret, bearer(t))).toBe('401 UNAUTHENTICATED');
  });

  it('refuses RS256 tokens when no public key is configured', async () => {
    expect(await outcome(authenticator(), bearer(await token({ alg: 'RS256', key: rsaKeys.privateKey })))).toBe('401 UNAUTHENTICATED');
  });
});

describe('token lifetime: `exp` required, at most TOKEN_MAX_LIFETIME_SECONDS (12 hours by default)', () => {
  const a = authenticator({ JWT_PUBLIC_KEYS: pem(rsaKeys.publicKey) });
  const now = () => Math.floor(Date.now() / 1000);
  const HOUR = 3600;

  it.each([
    ['HS256', {}],
    ['RS256', { alg: 'RS256' as const, key: rsaKeys.privateKey }],
  ])('refuses a %s token without `exp` with 401 TOKEN_EXPIRY_REQUIRED', async (_alg, o) => {
    expect(await outcome(a, bearer(await token({ ...o, exp: null })))).toBe('401 TOKEN_EXPIRY_REQUIRED');
  });

  it.each([
    ['HS256', {}],
    ['RS256', { alg: 'RS256' as const, key: rsaKeys.privateKey }],
  ])('refuses a %s token that expires in 100 years with 401 TOKEN_LIFETIME_TOO_LONG', async (_alg, o) => {
    expect(await outcome(a, bearer(await token({ ...o, exp: '100y' })))).toBe('401 TOKEN_LIFETIME_TOO_LONG');
  });

  it('accepts a token of exactly 12 hours and refuses one of 12 hours and a minute (exp − iat)', async () => {
    expect(await outcome(a, bearer(await token({ iat: now(), exp: now() + 12 * HOUR })))).toMatchObject({ id: 'op-aesesa' });
    expect(await outcome(a, bearer(await token({ iat: now(), exp: now() + 12 * HOUR + 60 })))).toBe('401 TOKEN_LIFETIME_TOO_LONG');
  });

  it('measures by exp − iat: a 24-hour token issued 20 hours ago is refused, though it has 4 hours left', async () => {
    expect(await outcome(a, bearer(await token({ iat: now() - 20 * HOUR, exp: now() + 4 * HOUR })))).toBe('401 TOKEN_LIFETIME_TOO_LONG');
  });

  it('measures by exp − now when there is no `iat`', async () => {
    expect(await outcome(a, bearer(await token({ iat: null, exp: now() + 11 * HOUR })))).toMatchObject({ id: 'op-aesesa' });
    expect(await outcome(a, bearer(await token({ iat: null, exp: now() + 13 * HOUR })))).toBe('401 TOKEN_LIFETIME_TOO_LONG');
  });

  it('does not let an `iat` in the future shorten a long lifetime', async () => {
    expect(await outcome(a, bearer(await token({ iat: now() + 99 * 365 * 24 * HOUR, exp: now() + 99 * 365 * 24 * HOUR + HOUR })))).toBe('401 TOKEN_LIFETIME_TOO_LONG');
  });

  it('takes the maximum from TOKEN_MAX_LIFETIME_SECONDS', async () => {
    const day = authenticator({ TOKEN_MAX_LIFETIME_SECONDS: String(24 * HOUR) });
    expect(await outcome(day, bearer(await token({ exp: '20h' })))).toMatchObject({ id: 'op-aesesa' });
    const short = authenticator({ TOKEN_MAX_LIFETIME_SECONDS: '600' });
    expect(await outcome(short, bearer(await token({ exp: '20m' })))).toBe('401 TOKEN_LIFETIME_TOO_LONG');
  });

  it('says nothing about the lifetime of a token whose signature is wrong: 401 UNAUTHENTICATED', async () => {
    expect(await outcome(a, bearer(await token({ exp: null, key: new TextEncoder().encode(OTHER_SECRET) })))).toBe('401 UNAUTHENTICATED');
    expect(await outcome(a, bearer(await token({ exp: '100y', key: new TextEncoder().encode(OTHER_SECRET) })))).toBe('401 UNAUTHENTICATED');
  });
});

describe('issuer and audience, when configured', () => {
  const a = authenticator({ JWT_ISSUER: 'https://sso.nagekeokab.go.id', JWT_AUDIENCE: 'adminduk' });

  it('accepts a token with the configured issuer and audience', async () => {
    expect(await outcome(a, bearer(await token({ iss: 'https://sso.nagekeokab.go.id', aud: 'adminduk' })))).toMatchObject({ id: 'op-aesesa' });
  });

  it.each([
    ['no issuer', { aud: 'adminduk' }],
    ['another issuer', { iss: 'https://evil.example', aud: 'adminduk' }],
    ['no audience', { iss: 'https://sso.nagekeokab.go.id' }],
    ['another audience', { iss: 'https://sso.nagekeokab.go.id', aud: 'simrs' }],
  ])('refuses a token with %s', async (_what, claims) => {
    expect(await outcome(a, bearer(await token(claims)))).toBe('401 UNAUTHENTICATED');
  });

  it('does not check them when they are not configured', async () => {
    expect(await outcome(authenticator(), bearer(await token({ iss: 'anyone', aud: 'anything' })))).toMatchObject({ id: 'op-aesesa' });
  });
});

describe('API keys', () => {
  const a = authenticator();

  it('carries the scopes a key is configured with (auth/scopes.ts); none configured, none carried', async () => {
    const scoped = authenticator({
      API_KEYS: JSON.stringify([{ id: 'nik-checker', sha256: createHash('sha256').update(PARTNER_KEY).digest('hex'), roles: ['integrator'], regions: ['5316'], scopes: ['residents'] }]),
    });
    expect(await outcome(scoped, { 'x-api-key': PARTNER_KEY })).toEqual({ id: 'nik-checker', kind: 'api-key', roles: ['integrator'], regions: ['5316'], scopes: ['residents'] });
    expect(await outcome(a, { 'x-api-key': PARTNER_KEY })).not.toHaveProperty('scopes');
  });

  it('carries the fields a key is configured with (auth/fields.ts); none configured, none carried', async () => {
    const narrowed = authenticator({
      API_KEYS: JSON.stringify([
        { id: 'bank-ntt', sha256: createHash('sha256').update(PARTNER_KEY).digest('hex'), roles: ['integrator'], regions: ['5316'], scopes: ['residents'], fields: ['nik', 'fullName', 'birthDate', 'sex'] },
      ]),
    });
    expect(await outcome(narrowed, { 'x-api-key': PARTNER_KEY })).toEqual({
      id: 'bank-ntt',
      kind: 'api-key',
      roles: ['integrator'],
      regions: ['5316'],
      scopes: ['residents'],
      fields: ['nik', 'fullName', 'birthDate', 'sex'],
    });
    expect(await outcome(a, { 'x-api-key': PARTNER_KEY })).not.toHaveProperty('fields');
  });

  it('accepts a configured key: its id, its known roles and its regions', async () => {
    expect(await outcome(a, { 'x-api-key': PARTNER_KEY })).toEqual({ id: 'pustu-boawae', kind: 'api-key', roles: ['partner'], regions: ['531603'] });
  });

  it.each([
    ['an unknown key', 'pustu-boawae-2026-key-abcdef012345678X'],
    ['a prefix of the key', PARTNER_KEY.slice(0, 20)],
    ['the key with a trailing space', `${PARTNER_KEY} `],
    ['the SHA-256 of the key instead of the key', createHash('sha256').update(PARTNER_KEY).digest('hex')],
  ])('refuses %s with 401', async (_what, key) => {
    expect(await outcome(a, { 'x-api-key': key })).toBe('401 UNAUTHENTICATED');
  });

  it('checks the API key first: a wrong key is refused even beside a valid token', async () => {
    expect(await outcome(a, { 'x-api-key': 'wrong', ...bearer(await token()) })).toBe('401 UNAUTHENTICATED');
  });

  it('refuses every key when none is configured', async () => {
    expect(await outcome(authenticator({ API_KEYS: '' }), { 'x-api-key': PARTNER_KEY })).toBe('401 UNAUTHENTICATED');
  });
});

describe('malformed or missing credentials', () => {
  const a = authenticator();

  it.each([
    ['no headers at all', {}],
    ['an empty authorization header', { authorization: '' }],
    ['a Basic authorization', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['"Bearer" without a token', { authorization: 'Bearer' }],
    ['"Bearer " with only spaces', { authorization: 'Bearer    ' }],
    ['a token without the Bearer scheme', { authorization: 'eyJhbGciOiJIUzI1NiJ9.e30.x' }],
    ['two authorization headers', { authorization: ['Bearer a', 'Bearer b'] }],
    ['an empty API key', { 'x-api-key': '' }],
    ['two API keys', { 'x-api-key': [PARTNER_KEY, PARTNER_KEY] }],
  ])('answers %s with 401 UNAUTHENTICATED', async (_what, headers) => {
    expect(await outcome(a, headers)).toBe('401 UNAUTHENTICATED');
  });

  it('accepts the Bearer scheme in any letter case (RFC 9110: schemes are case-insensitive)', async () => {
    const t = await token();
    expect(await outcome(a, { authorization: `bearer ${t}` })).toMatchObject({ id: 'op-aesesa' });
    expect(await outcome(a, { authorization: `BEARER  ${t}` })).toMatchObject({ id: 'op-aesesa' });
  });
});

/**
 * The development provider's keys, generated on its first start and kept in the data folder (`oidc-keys.json`,
 * readable by its owner only), so that a restart signs with the same key (tokens issued before it still verify
 * against the JWKS) and reads the same cookies (the person's sign-in session survives it):
 * - one RSA 2048 signing key (RS256, for ID tokens and the JWT access tokens), as a private JWK whose `kid` is its
 *   RFC 7638 thumbprint;
 * - the secrets that sign the provider's cookies (Keygrip keys).
 * Development only: anyone who can read the data folder can mint tokens the services accept.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KEYS_FILE = 'oidc-keys.json';

/** A private RSA JWK (RFC 7517) with its key id and use. */
export interface PrivateJwk {
  readonly kty: 'RSA';
  readonly kid: string;
  readonly use: 'sig';
  readonly alg: 'RS256';
  readonly n: string;
  readonly e: string;
  readonly d: string;
  readonly p: string;
  readonly q: string;
  readonly dp: string;
  readonly dq: string;
  readonly qi: string;
}

export interface ProviderKeys {
  readonly version: 1;
  readonly createdAt: string;
  readonly jwks: { readonly keys: readonly PrivateJwk[] };
  readonly cookieKeys: readonly string[];
}

/** RFC 7638 thumbprint of an RSA key: SHA-256 of its required members in lexicographic order, base64url. */
export function rsaThumbprint(jwk: { readonly e: string; readonly n: string }): string {
  return createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n }), 'utf8').digest('base64url');
}

function generateKeys(now: Date): ProviderKeys {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  const parts = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] as const;
  const values = Object.fromEntries(parts.map((name) => [name, String(jwk[name])])) as Record<(typeof parts)[number], string>;
  return {
    version: 1,
    createdAt: now.toISOString(),
    jwks: { keys: [{ kty: 'RSA', kid: rsaThumbprint(values), use: 'sig', alg: 'RS256', ...values }] },
    cookieKeys: [randomBytes(32).toString('base64url')],
  };
}

function isProviderKeys(value: unknown): value is ProviderKeys {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ProviderKeys>;
  return (
    v.version === 1 &&
    Array.isArray(v.cookieKeys) &&
    v.cookieKeys.length > 0 &&
    v.cookieKeys.every((k) => typeof k === 'string' && k.length >= 32) &&
    Array.isArray(v.jwks?.keys) &&
    v.jwks.keys.length > 0 &&
    v.jwks.keys.every((k) => k.kty === 'RSA' && typeof k.kid === 'string' && typeof k.d === 'string' && typeof k.n === 'string')
  );
}

/**
 * Reads the data folder's provider keys, creating them on first use; `created` says whether they are new. A file
 * that is there but unreadable as keys stops the start with a message naming it: overwriting it would sign
 * everyone out, and a developer should decide that.
 */
export function loadOrCreateProviderKeys(dataDir: string, now = new Date()): { keys: ProviderKeys; created: boolean; file: string } {
  const file = join(dataDir, KEYS_FILE);
  if (existsSync(file)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      parsed = undefined;
    }
    if (!isProviderKeys(parsed)) {
      throw new Error(`${file} is not a key file of this provider: delete it to generate new keys (everyone signed in is signed out)`);
    }
    // Kept readable by its owner only, even if someone copied it in with another mode.
    chmodSync(file, 0o600);
    return { keys: parsed, created: false, file };
  }
  const keys = generateKeys(now);
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return { keys, created: true, file };
}

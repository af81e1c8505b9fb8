/**
 * The electronic signature (TTE, tanda tangan elektronik) on deed copies, as this service implements it: an
 * Ed25519 signature by a key of the office (DEEDS_SIGNING_KEY) over the canonical JSON of the copy's public
 * fields. It is a server signature: it proves that this office's system issued the copy with these fields and
 * that they were not changed since. It is not a certified TTE of BSrE (the national electronic certification
 * body) and says nothing about which official pressed the button; the action log does.
 *
 * Canonical JSON: objects with their keys sorted by code point, no whitespace, strings and numbers as
 * JSON.stringify writes them, `undefined` fields left out. Anyone holding the public key (GET /signing-keys) can
 * check a copy's signature over the `signedPayload` that /verify/{code} returns.
 *
 * Key ids: the first 16 hex digits of the SHA-256 of the public key (SPKI DER), so that keys can be rotated:
 * copies signed with an earlier key verify against DEEDS_SIGNING_PREVIOUS_KEYS.
 */
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { DEEDS_CONFIG, type DeedsConfig } from '../deeds.config';

export type SignatureCheck = 'VALID' | 'INVALID' | 'UNKNOWN_KEY';

export interface PublicSigningKey {
  readonly keyId: string;
  readonly algorithm: 'Ed25519';
  readonly publicKeyPem: string;
  /** True for the key that signs new copies. */
  readonly current: boolean;
}

/** JSON with sorted keys and no whitespace (see the module comment). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError('canonicalJson: only JSON values can be signed');
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

@Injectable()
export class SigningService implements OnModuleInit {
  private readonly logger = new Logger('SigningService');
  private readonly keys = new Map<string, KeyObject>();
  readonly currentKeyId: string;

  constructor(@Inject(DEEDS_CONFIG) private readonly config: DeedsConfig) {
    const current = createPublicKey(config.signingKey);
    this.currentKeyId = keyIdOf(current);
    this.keys.set(this.currentKeyId, current);
    for (const key of config.previousPublicKeys) this.keys.set(keyIdOf(key), key);
  }

  onModuleInit(): void {
    if (this.config.signingKeyGenerated) {
      this.logger.warn(`DEEDS_SIGNING_KEY is not set: copies are signed with key ${this.currentKeyId}, generated at start-up, which no copy will verify against after a restart (development only)`);
    }
  }

  /** Signs the canonical JSON of `fields`: what was signed, the signature (base64url) and the key id. */
  sign(fields: Record<string, unknown>): { signedPayload: string; signature: string; keyId: string } {
    const signedPayload = canonicalJson(fields);
    const signature = sign(null, Buffer.from(signedPayload, 'utf8'), this.config.signingKey).toString('base64url');
    return { signedPayload, signature, keyId: this.currentKeyId };
  }

  check(signedPayload: string, signature: string, keyId: string): SignatureCheck {
    const key = this.keys.get(keyId);
    if (!key) return 'UNKNOWN_KEY';
    try {
      return verify(null, Buffer.from(signedPayload, 'utf8'), key, Buffer.from(signature, 'base64url')) ? 'VALID' : 'INVALID';
    } catch {
      return 'INVALID';
    }
  }

  publicKeys(): PublicSigningKey[] {
    return [...this.keys.entries()].map(([keyId, key]) => ({
      keyId,
      algorithm: 'Ed25519',
      publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString(),
      current: keyId === this.currentKeyId,
    }));
  }
}

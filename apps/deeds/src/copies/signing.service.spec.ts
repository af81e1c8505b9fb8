// The electronic signature (TTE) on deed copies: Ed25519 over canonical JSON, key ids for rotation.
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import type { DeedsConfig } from '../deeds.config';
import { newVerificationCode } from './copies.service';
import { canonicalJson, keyIdOf, SigningService } from './signing.service';

function config(signingKey = generateKeyPairSync('ed25519').privateKey, previousPublicKeys: DeedsConfig['previousPublicKeys'] = []): DeedsConfig {
  return { signingKey, signingKeyGenerated: false, previousPublicKeys, publicBaseUrl: 'http://x', uploadMaxBytes: 1024, deedNumberFormat: {}, identityTimeoutMs: 1, identityRetryMs: 1, kutipan: { issuePlace: 'Mbay', officialTitle: 'Kepala Dinas', officialName: 'X', officialNip: '000000000000000000', demoOfficial: true } };
}

describe('canonical JSON', () => {
  it('sorts keys at every depth, drops undefined, keeps array order and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: 'é' }], c: undefined }, 'ä': true })).toBe('{"a":{"d":[3,{"y":"é","z":null}]},"b":1,"ä":true}');
  });

  it('is the same for the same value however its keys were inserted', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe('SigningService', () => {
  it('signs and checks; any change to the payload or the signature fails the check', () => {
    const signing = new SigningService(config());
    const signed = signing.sign({ code: 'ABCDEFGHIJKLMNOP', deedNumber: '5316-KL-27112026-0042', deedVersion: 1 });
    expect(signed.signedPayload).toBe('{"code":"ABCDEFGHIJKLMNOP","deedNumber":"5316-KL-27112026-0042","deedVersion":1}');
    expect(signing.check(signed.signedPayload, signed.signature, signed.keyId)).toBe('VALID');
    expect(signing.check(signed.signedPayload.replace('0042', '0043'), signed.signature, signed.keyId)).toBe('INVALID');
    const flipped = Buffer.from(signed.signature, 'base64url');
    flipped[0] = (flipped[0] as number) ^ 0x01;
    expect(signing.check(signed.signedPayload, flipped.toString('base64url'), signed.keyId)).toBe('INVALID');
    expect(signing.check(signed.signedPayload, 'not base64url!', signed.keyId)).toBe('INVALID');
    expect(signing.check(signed.signedPayload, signed.signature, '0000000000000000')).toBe('UNKNOWN_KEY');
  });

  it('still checks copies signed with an earlier key given as a previous key, and lists both public keys', () => {
    const old = generateKeyPairSync('ed25519');
    const before = new SigningService(config(old.privateKey));
    const signed = before.sign({ code: 'X' });
    const after = new SigningService(config(undefined, [old.publicKey]));
    expect(after.currentKeyId).not.toBe(signed.keyId);
    expect(signed.keyId).toBe(keyIdOf(old.publicKey));
    expect(after.check(signed.signedPayload, signed.signature, signed.keyId)).toBe('VALID');
    expect(after.publicKeys().map((k) => [k.keyId, k.current])).toEqual([
      [after.currentKeyId, true],
      [signed.keyId, false],
    ]);
    expect(new SigningService(config()).check(signed.signedPayload, signed.signature, signed.keyId)).toBe('UNKNOWN_KEY');
  });
});

describe('verification codes', () => {
  it('are 16 characters of base32, and do not repeat', () => {
    const codes = Array.from({ length: 2000 }, () => newVerificationCode());
    expect(codes.every((c) => /^[A-Z2-7]{16}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

// The Idempotency-Key helper's pure parts (unit tier): the key's form and the request's digest. The replay and the
// race are tested through the HTTP API (test/idempotency-fixtures.ts).
import { digestOf, IdempotentRequests } from './idempotent-requests';

describe('IdempotentRequests.check', () => {
  it.each(['jb-0001-aaaa', 'a', 'outbox:2026-12-07T09:30:00.123Z', 'x'.repeat(100), 'A.b_c-d:e'])('takes %j', (key) => {
    expect(() => IdempotentRequests.check(key)).not.toThrow();
  });

  it('takes no key at all (no idempotency)', () => {
    expect(() => IdempotentRequests.check(undefined)).not.toThrow();
  });

  it.each(['', 'spasi tidak boleh', 'x'.repeat(101), 'kunci/miring', 'é', 'a\nb'])('refuses %j with 400 IDEMPOTENCY_KEY_INVALID', (key) => {
    expect(() => IdempotentRequests.check(key)).toThrow(expect.objectContaining({ code: 'IDEMPOTENCY_KEY_INVALID' }));
  });
});

describe('digestOf', () => {
  const body = { type: 'PRINT', version: 0, kiaType: 'UNDER_5' };

  it('does not depend on the order of the fields, nor on fields left undefined', () => {
    expect(digestOf('r-1', body)).toBe(digestOf('r-1', { kiaType: 'UNDER_5', version: 0, type: 'PRINT', reason: undefined }));
  });

  it('differs for another resident, another value or another field', () => {
    const digests = new Set([
      digestOf('r-1', body),
      digestOf('r-2', body),
      digestOf('r-1', { ...body, version: 1 }),
      digestOf('r-1', { ...body, channel: 'OFFICE' }),
    ]);
    expect(digests.size).toBe(4);
  });

  it('is a sha256 in hex (64 characters, as the request tables hold)', () => {
    expect(digestOf('r-1', body)).toMatch(/^[0-9a-f]{64}$/);
  });
});

// UUIDv7 (RFC 9562 section 5.7): the format, the version and variant bits, the timestamp, and ids that sort
// in the order they were made, also within one millisecond and when the clock goes back.
import fc from 'fast-check';
import { uuidv7 } from './uuid-v7';

const FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const timestampOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('uuidv7', () => {
  it('is a lower-case UUID with version 7 and the RFC 9562 variant', () => {
    for (let i = 0; i < 1000; i++) {
      const id = uuidv7();
      expect(id).toMatch(FORMAT);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
    }
  });

  it('starts with the Unix time in milliseconds (48 bits)', () => {
    const later = Date.now() + 3_600_000;
    expect(timestampOf(uuidv7(later))).toBe(later);
  });

  it('sorts in creation order, many in the same millisecond', () => {
    const ids = Array.from({ length: 10_000 }, () => uuidv7());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps counting up when 4096 ids or more are made in one millisecond (it borrows the next one)', () => {
    const ms = Date.now() + 7_200_000;
    const ids = Array.from({ length: 5000 }, () => uuidv7(ms));
    expect([...ids].sort()).toEqual(ids);
    expect(timestampOf(ids[0] as string)).toBe(ms);
    expect(timestampOf(ids[ids.length - 1] as string)).toBeGreaterThan(ms);
  });

  it('never goes backwards, whatever the clock says (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 47 }), { minLength: 2, maxLength: 50 }), (clock) => {
        const ids = clock.map((ms) => uuidv7(ms));
        for (let i = 1; i < ids.length; i++) if (!((ids[i] as string) > (ids[i - 1] as string))) return false;
        return ids.every((id) => FORMAT.test(id) && id[14] === '7' && '89ab'.includes(id[19] as string));
      }),
    );
  });
});

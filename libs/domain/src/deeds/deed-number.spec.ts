import fc from 'fast-check';
import { allocateDeedNumber, DEFAULT_DEED_NUMBER_FORMAT, type DeedNumberRequest } from './deed-number';
import { DEED_TYPES, type DeedType } from './deed-types';

const request = (overrides: Partial<DeedNumberRequest> = {}): DeedNumberRequest => ({
  regionCode: '53.16',
  deedType: 'BIRTH',
  date: '2026-11-27',
  lastSequence: 41,
  ...overrides,
});
const codes = (r: ReturnType<typeof allocateDeedNumber>) => (r.ok ? [] : r.errors.map((e) => e.code));

describe('deed numbers: no official format was found, so it is configurable (default documented in deed-number.ts)', () => {
  it.each([
    ['BIRTH', '5316-KL-27112026-0042'],
    ['DEATH', '5316-KM-27112026-0042'],
    ['MARRIAGE', '5316-KW-27112026-0042'],
    ['DIVORCE', '5316-CR-27112026-0042'],
    ['RECOGNITION', '5316-PA-27112026-0042'],
    ['LEGITIMATION', '5316-SA-27112026-0042'],
    ['ADOPTION', '5316-AN-27112026-0042'],
  ] as const)('the default format numbers a %s as %s', (deedType, deedNumber) => {
    const r = allocateDeedNumber(request({ deedType }));
    expect(r).toEqual({
      ok: true,
      value: { deedNumber, sequence: 42, year: 2026, regionCode: '5316', typeCode: deedNumber.slice(5, 7) },
      warnings: [],
    });
  });

  it('starts at 1 and accepts the region code without dots', () => {
    expect(allocateDeedNumber(request({ regionCode: '5316', lastSequence: 0 }))).toMatchObject({ value: { deedNumber: '5316-KL-27112026-0001', sequence: 1 } });
  });

  it('takes a custom template, width and type codes', () => {
    const r = allocateDeedNumber(request(), { template: 'AL.{region}.{yyyy}.{type}.{seq}', sequenceWidth: 6, typeCodes: { BIRTH: 'LU' } });
    expect(r.ok && r.value.deedNumber).toBe('AL.5316.2026.LU.000042');
  });

  it('a stillbirth gets no deed number (UU 23/2006 art. 33(2): a letter, not a deed)', () => {
    expect(codes(allocateDeedNumber(request({ deedType: 'STILLBIRTH' })))).toEqual(['DEED_TYPE_NOT_NUMBERED']);
  });
});

describe('deed numbers are never reused', () => {
  it.each([
    [41, 'DEED_NUMBER_SEQUENCE_USED', 'a sequence at the last one used'],
    [12, 'DEED_NUMBER_SEQUENCE_USED', 'a sequence below the last one used'],
    [0, 'DEED_NUMBER_SEQUENCE_INVALID', 'sequence 0'],
    [1.5, 'DEED_NUMBER_SEQUENCE_INVALID', 'a fraction'],
  ])('refuses sequence %p (%s -> %s)', (sequence, code) => {
    expect(codes(allocateDeedNumber(request({ sequence })))).toEqual([code]);
  });

  it('accepts an explicit sequence above the last one (e.g. transcribing a paper register)', () => {
    expect(allocateDeedNumber(request({ sequence: 100 }))).toMatchObject({ value: { sequence: 100, deedNumber: '5316-KL-27112026-0100' } });
  });

  it('refuses to go past the width: 9999 is the last number of a 4-digit year', () => {
    expect(allocateDeedNumber(request({ lastSequence: 9998 }))).toMatchObject({ value: { deedNumber: '5316-KL-27112026-9999' } });
    expect(codes(allocateDeedNumber(request({ lastSequence: 9999 })))).toEqual(['DEED_NUMBER_SEQUENCE_EXHAUSTED']);
    expect(codes(allocateDeedNumber(request({ lastSequence: 99 }), { sequenceWidth: 2 }))).toEqual(['DEED_NUMBER_SEQUENCE_EXHAUSTED']);
  });

  it('allocating again and again from the last sequence gives numbers that are all different and increasing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DEED_TYPES.filter((t) => t !== 'STILLBIRTH')), fc.nat({ max: 9000 }), fc.integer({ min: 1, max: 50 }), (deedType, start, n) => {
        const seen = new Set<string>();
        let last = start;
        for (let i = 0; i < n; i++) {
          const r = allocateDeedNumber(request({ deedType, lastSequence: last }));
          if (!r.ok) throw new Error(JSON.stringify(r.errors));
          expect(r.value.sequence).toBe(last + 1);
          expect(seen.has(r.value.deedNumber)).toBe(false);
          seen.add(r.value.deedNumber);
          last = r.value.sequence;
        }
      }),
    );
  });

  it('numbers of different offices, types or years never collide under the default format', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('53.16', '53.71', '31.71'),
        fc.constantFrom('53.16', '53.71', '31.71'),
        fc.constantFrom<DeedType>('BIRTH', 'DEATH'),
        fc.constantFrom<DeedType>('BIRTH', 'DEATH'),
        fc.constantFrom('2026-01-01', '2027-01-01'),
        fc.constantFrom('2026-01-01', '2027-01-01'),
        fc.nat({ max: 9998 }),
        (regionA, regionB, typeA, typeB, dateA, dateB, last) => {
          fc.pre(regionA !== regionB || typeA !== typeB || dateA !== dateB);
          const a = allocateDeedNumber(request({ regionCode: regionA, deedType: typeA, date: dateA, lastSequence: last }));
          const b = allocateDeedNumber(request({ regionCode: regionB, deedType: typeB, date: dateB, lastSequence: last }));
          expect(a.ok && b.ok && a.value.deedNumber !== b.value.deedNumber).toBe(true);
        },
      ),
    );
  });
});

describe('allocateDeedNumber: every error at once, never thrown', () => {
  it('reports region, type, date and last sequence together', () => {
    const r = allocateDeedNumber({ regionCode: '53.16.01', deedType: 'BAPTISM' as DeedType, date: '2026-02-30', lastSequence: -1 });
    expect(codes(r)).toEqual(['DEED_NUMBER_REGION_INVALID', 'DEED_TYPE_INVALID', 'DEED_NUMBER_DATE_INVALID', 'DEED_NUMBER_LAST_SEQUENCE_INVALID']);
  });

  it.each([
    ['99.99', 'an unknown regency'],
    ['53', 'a province'],
    ['91.01', 'a retired regency code (Merauke before the 2022 split of Papua)'],
  ])('refuses region %s (%s)', (regionCode) => {
    expect(codes(allocateDeedNumber(request({ regionCode })))).toEqual(['DEED_NUMBER_REGION_INVALID']);
  });

  it.each([
    [{ template: '{region}-{type}-{seq}' }, 'without the year numbers would repeat every year'],
    [{ template: '{region}-{yyyy}-{seq}' }, 'without the type, birth and death numbers would collide'],
    [{ template: '{region}-{type}-{yyyy}-{seq}-{nik}' }, 'an unknown placeholder'],
    [{ template: '{region}-{type}-{yyyy}-{seq}}' }, 'a stray brace'],
    [{ sequenceWidth: 0 }, 'width 0'],
    [{ sequenceWidth: 10 }, 'width 10'],
    [{ typeCodes: { BIRTH: 'KM' } }, 'the same code for birth and death'],
    [{ typeCodes: { BIRTH: 'K-L' } }, 'a code with punctuation'],
    [{ typeCodes: { STILLBIRTH: 'LM' } }, 'a code for a type without numbers'],
  ])('refuses the format %j (%s)', (options, _why) => {
    expect(codes(allocateDeedNumber(request(), options as never))).toEqual(['DEED_NUMBER_FORMAT_INVALID']);
  });

  it('the default format is the documented one', () => {
    expect(DEFAULT_DEED_NUMBER_FORMAT.template).toBe('{region}-{type}-{dd}{mm}{yyyy}-{seq}');
    expect(DEFAULT_DEED_NUMBER_FORMAT.sequenceWidth).toBe(4);
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (req, options) => {
        const r = allocateDeedNumber(req as DeedNumberRequest, options as never);
        expect(r.ok ? r.value.deedNumber.length > 0 : r.errors.length > 0).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

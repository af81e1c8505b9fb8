import fc from 'fast-check';
import { nearestRankPercentile, serviceTimeSummary } from './service-times';

describe('nearest-rank percentile: the value at rank ⌈p/100 × N⌉ of the sorted values', () => {
  it.each([
    [[15, 20, 35, 40, 50], 5, 15],
    [[15, 20, 35, 40, 50], 30, 20],
    [[15, 20, 35, 40, 50], 40, 20],
    [[15, 20, 35, 40, 50], 50, 35],
    [[15, 20, 35, 40, 50], 100, 50],
    [[3, 1, 2, 10], 50, 2],
    [[3, 1, 2, 10], 75, 3],
    [[3, 1, 2, 10], 76, 10],
    [[7], 90, 7],
  ])('%j, p = %p: %p', (values, p, expected) => {
    expect(nearestRankPercentile(values, p)).toEqual({ ok: true, value: expected, warnings: [] });
  });

  it('is null for no values', () => {
    expect(nearestRankPercentile([], 50)).toEqual({ ok: true, value: null, warnings: [] });
  });

  it.each([[0], [-5], [100.5], [Number.NaN], ['50']])('refuses p = %p', (p) => {
    expect(nearestRankPercentile([1, 2], p as number)).toMatchObject({ ok: false, errors: [{ code: 'PERCENTILE_INVALID' }] });
  });

  it('refuses values that are not whole days, each one, and a p out of range with them', () => {
    const r = nearestRankPercentile([1, -2, 2.5, '3' as unknown as number], 0);
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['PERCENTILE_INVALID', 'VALUE_INVALID', 'VALUE_INVALID', 'VALUE_INVALID']);
    expect(nearestRankPercentile('1,2' as unknown as number[], 50)).toMatchObject({ ok: false, errors: [{ code: 'VALUES_INVALID' }] });
  });

  it('is an observed value, at least p% of the values are at or below it, and fewer than p% below it', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 400 }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 100 }), (values, p) => {
        const r = nearestRankPercentile(values, p);
        if (!r.ok || r.value === null) throw new Error('expected a value');
        const v = r.value;
        expect(values).toContain(v);
        expect(values.filter((x) => x <= v).length * 100).toBeGreaterThanOrEqual(p * values.length);
        expect(values.filter((x) => x < v).length * 100).toBeLessThan(p * values.length);
      }),
    );
  });

  it('does not depend on the order of the values, and leaves them unsorted', () => {
    const values = [9, 3, 7, 1];
    expect(nearestRankPercentile(values, 50)).toEqual(nearestRankPercentile([1, 3, 7, 9], 50));
    expect(values).toEqual([9, 3, 7, 1]);
  });
});

describe('serviceTimeSummary: median and 90th percentile of BLAS / OMAS times', () => {
  it('summarises a month of BLAS times', () => {
    expect(serviceTimeSummary([0, 1, 1, 2, 3, 3, 4, 7, 9, 30])).toEqual({ ok: true, value: { count: 10, median: 3, p90: 9 }, warnings: [] });
  });

  it('gives the lower middle value as the median of an even count', () => {
    expect(serviceTimeSummary([1, 2, 3, 4])).toMatchObject({ value: { median: 2, p90: 4 } });
  });

  it('is empty, not an error, without values', () => {
    expect(serviceTimeSummary([])).toEqual({ ok: true, value: { count: 0, median: null, p90: null }, warnings: [] });
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const r = serviceTimeSummary(junk as number[]);
        expect(r.ok || r.errors.length > 0).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

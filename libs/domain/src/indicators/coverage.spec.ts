import fc from 'fast-check';
import {
  birthDeedCoverage,
  ektpRecordingCoverage,
  INDICATOR_TARGETS_2023,
  kiaCoverage,
  timelyRegistrationShare,
  type Coverage,
  type CoverageErrorCode,
} from './coverage';
import type { Result } from '../result';

const codes = (r: Result<Coverage, CoverageErrorCode>) => (r.ok ? [] : r.errors.map((e) => e.code));

describe('e-KTP recording coverage (Ministry indicator, 2022; 2023 target 99.4%)', () => {
  it("Nagekeo, May 2023: 103,438 recorded of 122,478 wajib KTP = 84.45%, 18,306 short of 99.4%", () => {
    expect(ektpRecordingCoverage({ wajibKtp: 122478, recorded: 103438 })).toEqual({
      ok: true,
      value: { covered: 103438, total: 122478, ratio: 103438 / 122478, percent: 84.45, targetPercent: 99.4, meetsTarget: false, shortfall: 18306 },
      warnings: [],
    });
  });

  it("Nagekeo, April 2022: 99,618 with e-KTP and 18,332 without do not add up to 119,656 wajib KTP", () => {
    const r = ektpRecordingCoverage({ wajibKtp: 119656, recorded: 99618, notRecorded: 18332 });
    expect(r).toMatchObject({ ok: false, errors: [{ code: 'COUNTS_DO_NOT_ADD_UP' }] });
    expect(!r.ok && r.errors[0]?.message).toContain('a difference of 1706');
  });

  it('decides the target on exact counts: 99.39% is not 99.4%, 99.4% exactly is', () => {
    expect(ektpRecordingCoverage({ wajibKtp: 10000, recorded: 9939 })).toMatchObject({ value: { meetsTarget: false, shortfall: 1 } });
    expect(ektpRecordingCoverage({ wajibKtp: 10000, recorded: 9940 })).toMatchObject({ value: { meetsTarget: true, shortfall: 0 } });
    // 99.4% of 1,001 is 994.994: 995 people are needed.
    expect(ektpRecordingCoverage({ wajibKtp: 1001, recorded: 994 })).toMatchObject({ value: { meetsTarget: false, shortfall: 1 } });
  });
});

describe('KIA coverage (Permendagri 2/2016; 2023 target 50%) and birth deed coverage, ages 0–18 (2023 target 98%)', () => {
  it.each([
    ['kiaCoverage', kiaCoverage, { children: 52000, withKia: 26000 }, 50, true],
    ['kiaCoverage', kiaCoverage, { children: 52000, withKia: 25999 }, 50, false],
    ['birthDeedCoverage', birthDeedCoverage, { residents: 60000, withDeed: 58800 }, 98, true],
    ['birthDeedCoverage', birthDeedCoverage, { residents: 60000, withDeed: 58799 }, 98, false],
  ] as const)('%s(%j) against the %p%% target: met %p', (_name, fn, counts, target, met) => {
    const r = (fn as (c: typeof counts) => Result<Coverage, CoverageErrorCode>)(counts);
    expect(r.ok && [r.value.targetPercent, r.value.meetsTarget]).toEqual([target, met]);
  });

  it('uses the 2023 targets by default', () => {
    expect(INDICATOR_TARGETS_2023).toEqual({ ektpRecording: 99.4, kia: 50, birthDeed: 98, ikd: 25, burialRegister: 75 });
  });

  it('checks the complement when given', () => {
    expect(codes(kiaCoverage({ children: 100, withKia: 40, withoutKia: 61 }))).toEqual(['COUNTS_DO_NOT_ADD_UP']);
    expect(birthDeedCoverage({ residents: 100, withDeed: 97, withoutDeed: 3 })).toMatchObject({ ok: true, value: { percent: 97 } });
  });
});

describe('share of registrations within the deadline (UU 23/2006 as amended by UU 24/2013)', () => {
  it('has no national target by default', () => {
    expect(timelyRegistrationShare({ registrations: 200, onTime: 150, late: 50 })).toEqual({
      ok: true,
      value: { covered: 150, total: 200, ratio: 0.75, percent: 75, targetPercent: null, meetsTarget: null, shortfall: null },
      warnings: [],
    });
  });

  it('takes a local target', () => {
    expect(timelyRegistrationShare({ registrations: 200, onTime: 150 }, { targetPercent: 80 })).toMatchObject({ value: { meetsTarget: false, shortfall: 10 } });
  });
});

describe('counts that do not make sense are errors, never clamped', () => {
  it.each([
    [{ wajibKtp: 100, recorded: 101 }, ['COUNT_EXCEEDS_TOTAL']],
    [{ wajibKtp: -1, recorded: 0 }, ['COUNT_INVALID']],
    [{ wajibKtp: 100.5, recorded: 1.5 }, ['COUNT_INVALID', 'COUNT_INVALID']],
    [{ wajibKtp: 100, recorded: Number.NaN }, ['COUNT_INVALID']],
    [{ wajibKtp: '100', recorded: 50 }, ['COUNT_INVALID']],
    [{ recorded: 50 }, ['COUNT_INVALID']],
    [{ wajibKtp: 100, recorded: 50, notRecorded: -50 }, ['COUNT_INVALID']],
    [null, ['INPUT_INVALID']],
  ])('%j -> %j', (counts, expected) => {
    expect(codes(ektpRecordingCoverage(counts as never))).toEqual(expected);
  });

  it.each([[-1], [100.01], [Number.NaN], ['99.4']])('refuses target %p', (targetPercent) => {
    expect(codes(kiaCoverage({ children: 10, withKia: 5 }, { targetPercent: targetPercent as number }))).toEqual(['TARGET_INVALID']);
  });

  it('an empty population is not an error: no ratio, no verdict', () => {
    expect(birthDeedCoverage({ residents: 0, withDeed: 0 })).toEqual({
      ok: true,
      value: { covered: 0, total: 0, ratio: null, percent: null, targetPercent: 98, meetsTarget: null, shortfall: null },
      warnings: [],
    });
  });

  it('properties: a valid pair gives 0 ≤ ratio ≤ 1, and met ⇔ shortfall 0; anything else is reported, not thrown', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.nat({ max: 10_000_000 }), fc.integer({ min: 0, max: 10_000 }), (x, y, bp) => {
        const [covered, total] = x <= y ? [x, y] : [y, x];
        const r = kiaCoverage({ children: total, withKia: covered }, { targetPercent: bp / 100 });
        if (!r.ok) throw new Error(JSON.stringify(r.errors));
        if (total === 0) expect(r.value.ratio).toBeNull();
        else {
          expect(r.value.ratio).toBeGreaterThanOrEqual(0);
          expect(r.value.ratio).toBeLessThanOrEqual(1);
          expect(r.value.meetsTarget).toBe(r.value.shortfall === 0);
          // The shortfall is exactly what is missing: with it, the target is met; with one less, not (unless 0).
          const shortfall = r.value.shortfall as number;
          const withIt = kiaCoverage({ children: total, withKia: covered + shortfall }, { targetPercent: bp / 100 });
          expect(withIt.ok && withIt.value.meetsTarget).toBe(true);
          if (shortfall > 0) {
            const oneLess = kiaCoverage({ children: total, withKia: covered + shortfall - 1 }, { targetPercent: bp / 100 });
            expect(oneLess.ok && oneLess.value.meetsTarget).toBe(false);
          }
        }
      }),
    );
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (counts, options) => {
        const r = ektpRecordingCoverage(counts as never, options as never);
        expect(r.ok || r.errors.length > 0).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

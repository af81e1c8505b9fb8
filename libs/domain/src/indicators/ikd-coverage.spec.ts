import { burialRegisterCoverage, ikdActivationCoverage, INDICATOR_TARGETS_2023, type Coverage, type CoverageErrorCode } from './coverage';
import type { Result } from '../result';

const codes = (r: Result<Coverage, CoverageErrorCode>) => (r.ok ? [] : r.errors.map((e) => e.code));

describe('IKD activation (Permendagri 72/2022; 2023 target 25% of those with a recorded e-KTP)', () => {
  it('uses the 25% target the Ministry announced for 2023', () => {
    expect(INDICATOR_TARGETS_2023.ikd).toBe(25);
    expect(ikdActivationCoverage({ ektpRecorded: 103438, ikdActive: 20000 })).toEqual({
      ok: true,
      value: { covered: 20000, total: 103438, ratio: 20000 / 103438, percent: 19.34, targetPercent: 25, meetsTarget: false, shortfall: 5860 },
      warnings: [],
    });
  });

  it('decides the target on exact counts: a quarter is met, one fewer is not', () => {
    expect(ikdActivationCoverage({ ektpRecorded: 400, ikdActive: 100 })).toMatchObject({ value: { percent: 25, meetsTarget: true, shortfall: 0 } });
    expect(ikdActivationCoverage({ ektpRecorded: 400, ikdActive: 99 })).toMatchObject({ value: { meetsTarget: false, shortfall: 1 } });
    // 25% of 401 is 100.25: 101 residents are needed.
    expect(ikdActivationCoverage({ ektpRecorded: 401, ikdActive: 100 })).toMatchObject({ value: { meetsTarget: false, shortfall: 1 } });
  });

  it('takes another target, or none', () => {
    expect(ikdActivationCoverage({ ektpRecorded: 10, ikdActive: 3 }, { targetPercent: 30 })).toMatchObject({ value: { meetsTarget: true } });
    expect(ikdActivationCoverage({ ektpRecorded: 10, ikdActive: 3 }, { targetPercent: null })).toMatchObject({ value: { meetsTarget: null, shortfall: null } });
  });

  it('has no coverage to speak of without anyone recorded', () => {
    expect(ikdActivationCoverage({ ektpRecorded: 0, ikdActive: 0 })).toMatchObject({ ok: true, value: { ratio: null, percent: null, meetsTarget: null } });
  });

  it('refuses counts that cannot be: more active than recorded, a complement that does not add up, a bad count', () => {
    expect(codes(ikdActivationCoverage({ ektpRecorded: 10, ikdActive: 11 }))).toEqual(['COUNT_EXCEEDS_TOTAL']);
    expect(codes(ikdActivationCoverage({ ektpRecorded: 10, ikdActive: 4, ikdNotActive: 5 }))).toEqual(['COUNTS_DO_NOT_ADD_UP']);
    expect(codes(ikdActivationCoverage({ ektpRecorded: -1, ikdActive: 0 }))).toEqual(['COUNT_INVALID']);
    expect(codes(ikdActivationCoverage({ ektpRecorded: 10, ikdActive: 2.5 }))).toEqual(['COUNT_INVALID']);
    expect(codes(ikdActivationCoverage(null as never))).toEqual(['INPUT_INVALID']);
  });
});

describe('burialRegisterCoverage', () => {
  it('counts burials whose death is registered over all burials reported, against the 75% target', () => {
    expect(burialRegisterCoverage({ burials: 40, matched: 30 })).toMatchObject({ ok: true, value: { percent: 75, targetPercent: 75, meetsTarget: true, shortfall: 0 } });
    expect(burialRegisterCoverage({ burials: 40, matched: 29, waiting: 11 })).toMatchObject({ value: { meetsTarget: false, shortfall: 1 } });
    expect(burialRegisterCoverage({ burials: 0, matched: 0 })).toMatchObject({ value: { percent: null, meetsTarget: null } });
  });

  it('refuses counts that do not add up or a part larger than the whole', () => {
    const codes = (r: ReturnType<typeof burialRegisterCoverage>) => (r.ok ? [] : r.errors.map((e) => e.code));
    expect(codes(burialRegisterCoverage({ burials: 40, matched: 29, waiting: 10 }))).toEqual(['COUNTS_DO_NOT_ADD_UP']);
    expect(codes(burialRegisterCoverage({ burials: 4, matched: 5 }))).toEqual(['COUNT_EXCEEDS_TOTAL']);
  });
});

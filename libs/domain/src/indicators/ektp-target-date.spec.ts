import fc from 'fast-check';
import { ektpTargetDate, EKTP_PROJECTION_REASON_CODES, type EktpPaceInput } from './ektp-target-date';

// UU 24/2013 art. 63 (wajib KTP from 17 or when married); the Ministry's 2023 target for e-KTP recording, 99.4%
// (Director General, March 2023). Nagekeo, May 2023: 122,478 wajib KTP, 103,438 recorded.
const nagekeo: EktpPaceInput = { asOf: '2026-12-07', wajibKtp: 122_478, recorded: 103_438, datedRecordings: 1_600, newWajibKtpPerWeek: 60 };

const codes = (r: ReturnType<typeof ektpTargetDate>) => (r.ok ? [] : r.errors.map((e) => e.code));

describe('ektpTargetDate: when e-KTP recording reaches its target at the current pace', () => {
  it('reads the pace from the dated recordings of the 8 weeks ending on the day, and answers the week and its last day', () => {
    const r = ektpTargetDate(nagekeo);
    // 1,600 in 56 days = 200 a week; 60 new wajib KTP a week. (103,438 + 200w) × 10,000 ≥ 9,940 × (122,478 + 60w)
    // ⇔ w ≥ (1,217,431,320 − 1,034,380,000) ÷ (2,000,000 − 596,400) = 130.4… → week 131, ending 916 days on.
    expect(r).toEqual({
      ok: true,
      warnings: [],
      value: {
        asOf: '2026-12-07',
        targetPercent: 99.4,
        paceFrom: '2026-10-13',
        paceTo: '2026-12-07',
        recordingsPerWeek: 200,
        newWajibKtpPerWeek: 60,
        percent: 84.45,
        reached: { week: 131, date: '2029-06-10' },
        reason: null,
      },
    });
  });

  it('counts nothing imported without a recording date as pace: no dated recording is no date, with the reason', () => {
    // 99,618 recorded at the import, none dated: not "12,452 a week".
    const r = ektpTargetDate({ asOf: '2026-12-07', wajibKtp: 119_656, recorded: 99_618, datedRecordings: 0, newWajibKtpPerWeek: 40 });
    expect(r.ok && { reached: r.value.reached, reason: r.value.reason, perWeek: r.value.recordingsPerWeek }).toEqual({ reached: null, reason: 'NO_DATED_HISTORY', perWeek: 0 });
  });

  it('a target met already is week 0, on the day, whatever the pace', () => {
    const r = ektpTargetDate({ ...nagekeo, wajibKtp: 1000, recorded: 994, datedRecordings: 0 });
    expect(r.ok && r.value.reached).toEqual({ week: 0, date: '2026-12-07' });
  });

  it('a pace that does not lift the share to the target gives the reason, not a date', () => {
    // 59.64 a week keeps up with 99.4% of 60 newcomers but never closes the gap.
    const r = ektpTargetDate({ ...nagekeo, datedRecordings: 477 });
    expect(r.ok && [r.value.reached, r.value.reason]).toEqual([null, 'PACE_NOT_ABOVE_INFLOW']);
  });

  it('beyond ten years is said, not dated', () => {
    const r = ektpTargetDate({ ...nagekeo, datedRecordings: 500 });
    expect(r.ok && [r.value.reached, r.value.reason]).toEqual([null, 'BEYOND_HORIZON']);
  });

  it('nobody wajib KTP: no share to speak of', () => {
    const r = ektpTargetDate({ ...nagekeo, wajibKtp: 0, recorded: 0 });
    expect(r.ok && [r.value.percent, r.value.reached, r.value.reason]).toEqual([null, null, 'NO_WAJIB_KTP']);
  });

  it('a dated history that starts inside the window shortens it; under a week is too short', () => {
    const r = ektpTargetDate({ ...nagekeo, datedRecordings: 400, historyFrom: '2026-11-24' });
    expect(r.ok && [r.value.paceFrom, r.value.recordingsPerWeek]).toEqual(['2026-11-24', 200]);
    const short = ektpTargetDate({ ...nagekeo, datedRecordings: 400, historyFrom: '2026-12-03' });
    expect(short.ok && [short.value.reached, short.value.reason]).toEqual([null, 'HISTORY_TOO_SHORT']);
  });

  it('another window and target', () => {
    const r = ektpTargetDate({ ...nagekeo, datedRecordings: 800 }, { windowWeeks: 4, targetPercent: 90 });
    expect(r.ok && [r.value.paceFrom, r.value.recordingsPerWeek, r.value.targetPercent, r.value.reached?.week]).toEqual(['2026-11-10', 200, 90, 47]);
  });

  it('reports every error of bad input, and never throws', () => {
    const r = ektpTargetDate(
      { asOf: '2026-02-30', wajibKtp: -1, recorded: 1.5, datedRecordings: Number.NaN, newWajibKtpPerWeek: -2, historyFrom: 'soon' },
      { windowWeeks: 0, targetPercent: 101, maxWeeks: 600 },
    );
    expect(codes(r)).toEqual(['AS_OF_INVALID', 'COUNT_INVALID', 'COUNT_INVALID', 'COUNT_INVALID', 'RATE_INVALID', 'DATE_INVALID', 'WINDOW_INVALID', 'WINDOW_INVALID', 'TARGET_INVALID']);
    expect(codes(ektpTargetDate({ ...nagekeo, recorded: 200_000 }))).toEqual(['COUNT_EXCEEDS_TOTAL']);
    expect(codes(ektpTargetDate(null as unknown as EktpPaceInput))).toEqual(['INPUT_INVALID']);
    fc.assert(fc.property(fc.anything(), fc.anything(), (i, o) => typeof ektpTargetDate(i as EktpPaceInput, o as never).ok === 'boolean'));
  });

  describe('properties', () => {
    const input = fc
      .record({ wajibKtp: fc.integer({ min: 1, max: 300_000 }), share: fc.double({ min: 0, max: 1, noNaN: true }), dated: fc.integer({ min: 0, max: 50_000 }), inflow: fc.double({ min: 0, max: 500, noNaN: true }) })
      .map(({ wajibKtp, share, dated, inflow }): EktpPaceInput => ({ asOf: '2026-12-07', wajibKtp, recorded: Math.floor(wajibKtp * share), datedRecordings: dated, newWajibKtpPerWeek: inflow }));

    it('a higher pace never gives a later date (nor takes a date away)', () => {
      fc.assert(
        fc.property(input, fc.integer({ min: 0, max: 50_000 }), (i, more) => {
          const slow = ektpTargetDate(i);
          const fast = ektpTargetDate({ ...i, datedRecordings: i.datedRecordings + more });
          if (!slow.ok || !fast.ok) return false;
          if (slow.value.reached === null) return true;
          return fast.value.reached !== null && fast.value.reached.week <= slow.value.reached.week;
        }),
      );
    });

    it('more newcomers a week never give an earlier date', () => {
      fc.assert(
        fc.property(input, fc.double({ min: 0, max: 500, noNaN: true }), (i, more) => {
          const few = ektpTargetDate(i);
          const many = ektpTargetDate({ ...i, newWajibKtpPerWeek: i.newWajibKtpPerWeek + more });
          if (!few.ok || !many.ok) return false;
          if (many.value.reached === null) return true;
          return few.value.reached !== null && few.value.reached.week <= many.value.reached.week;
        }),
      );
    });

    it('no dated history gives the reason, never a date, unless the target is met already', () => {
      fc.assert(
        fc.property(input, (i) => {
          const r = ektpTargetDate({ ...i, datedRecordings: 0 });
          if (!r.ok) return false;
          return r.value.reached === null ? r.value.reason === 'NO_DATED_HISTORY' : r.value.reached.week === 0;
        }),
      );
    });

    it('exactly one of a date and a reason; the date is the last day of the week, and the target holds then but not a week earlier', () => {
      fc.assert(
        fc.property(input, (i) => {
          const r = ektpTargetDate(i);
          if (!r.ok) return false;
          const { reached, reason } = r.value;
          if ((reached === null) === (reason === null)) return false;
          if (reason !== null) return EKTP_PROJECTION_REASON_CODES.includes(reason);
          if (reached === null || reached.week === 0) return true;
          const p = (i.datedRecordings * 7) / 56;
          const met = (w: number) => (i.recorded + p * w) * 10_000 >= 9_940 * (i.wajibKtp + i.newWajibKtpPerWeek * w) - 1e-3;
          const day = Date.parse('2026-12-07T00:00:00Z') + (7 * reached.week - 1) * 86_400_000;
          return met(reached.week) && (reached.week === 1 || !met(reached.week - 1.000001)) && new Date(day).toISOString().slice(0, 10) === reached.date;
        }),
      );
    });
  });
});

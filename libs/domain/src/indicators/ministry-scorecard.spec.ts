import { MINISTRY_INDICATOR_IDS, MINISTRY_INDICATORS, MINISTRY_TARGETS, ministryTarget, scorecardStanding } from './ministry-scorecard';

describe("the Ministry's scorecard", () => {
  it('declares each of the twelve indicators once, with a definition, a formula and how it is measured', () => {
    expect(MINISTRY_INDICATOR_IDS).toHaveLength(12);
    for (const id of MINISTRY_INDICATOR_IDS) {
      const i = MINISTRY_INDICATORS[id];
      expect(i.id).toBe(id);
      expect(i.definition.length).toBeGreaterThan(20);
      expect(i.formula.length).toBeGreaterThan(10);
      // A computed indicator names what computes it; a manual one does not pretend to.
      expect(i.measurement === 'SYSTEM').toBe(i.computedBy !== undefined);
    }
  });

  it("keeps the 2023 targets as announced, with their source, and no target where none was announced", () => {
    const of2023 = Object.fromEntries(MINISTRY_TARGETS.filter((t) => t.year === 2023).map((t) => [t.indicator, t.target]));
    expect(of2023).toEqual({ EKTP_RECORDING: 99.4, KIA: 50, BIRTH_DEED: 98, IKD: 25, BURIAL_REGISTER: 75, PKS: 15, DATA_ACCESS: 15, INNOVATIONS: 2 });
    for (const t of MINISTRY_TARGETS) expect(t.source).toMatch(/March 2023/);
    expect(ministryTarget('ONLINE_SERVICES', 2023)).toBeNull();
    expect(ministryTarget('PLAIN_PAPER', 2026)).toBeNull();
  });

  it('scores a later year against the latest earlier announcement, and says which year it is from', () => {
    expect(ministryTarget('IKD', 2026)).toMatchObject({ year: 2023, target: 25 });
    expect(ministryTarget('IKD', 2022)).toBeNull();
    const newer = [...MINISTRY_TARGETS, { year: 2025, indicator: 'IKD' as const, target: 30, source: 'a later announcement' }];
    expect(ministryTarget('IKD', 2024, newer)?.target).toBe(25);
    expect(ministryTarget('IKD', 2026, newer)).toMatchObject({ year: 2025, target: 30 });
  });

  it('stands a value against its target: met, or short by the gap', () => {
    expect(scorecardStanding('KIA', 2024, 48.5)).toEqual({ ok: true, value: { target: 50, targetYear: 2023, meetsTarget: false, gap: 1.5 }, warnings: [] });
    expect(scorecardStanding('PKS', 2023, 16).ok && scorecardStanding('PKS', 2023, 16)).toMatchObject({ value: { meetsTarget: true, gap: 0 } });
    expect(scorecardStanding('INNOVATIONS', 2023, 1)).toMatchObject({ value: { meetsTarget: false, gap: 1 } });
    // No target announced, or nothing measured: no verdict.
    expect(scorecardStanding('ONLINE_SERVICES', 2023, 12.5)).toMatchObject({ value: { target: null, meetsTarget: null, gap: null } });
    expect(scorecardStanding('IKD', 2023, null)).toMatchObject({ value: { target: 25, meetsTarget: null, gap: null } });
  });

  it('takes the verdict decided on exact counts, so 99.39% rounded to 99.4 is not a met 99.4% target', () => {
    expect(scorecardStanding('EKTP_RECORDING', 2023, 99.4, { exact: false })).toMatchObject({ value: { meetsTarget: false } });
    expect(scorecardStanding('EKTP_RECORDING', 2023, 99.4, { exact: false }).ok).toBe(true);
  });

  it('refuses an unknown indicator, a year that is not one, a negative value, a percentage over 100 and a count that is not whole', () => {
    const codes = (r: ReturnType<typeof scorecardStanding>) => (r.ok ? [] : r.errors.map((e) => e.code));
    expect(codes(scorecardStanding('HAPPINESS', 2023, 1))).toEqual(['SCORECARD_INDICATOR_UNKNOWN']);
    expect(codes(scorecardStanding('KIA', 23, 1))).toEqual(['SCORECARD_YEAR_INVALID']);
    expect(codes(scorecardStanding('KIA', 2023.5, 1))).toEqual(['SCORECARD_YEAR_INVALID']);
    expect(codes(scorecardStanding('KIA', 2023, -1))).toEqual(['SCORECARD_VALUE_INVALID']);
    expect(codes(scorecardStanding('KIA', 2023, Number.NaN))).toEqual(['SCORECARD_VALUE_INVALID']);
    expect(codes(scorecardStanding('KIA', 2023, 100.5))).toEqual(['SCORECARD_VALUE_INVALID']);
    expect(codes(scorecardStanding('PKS', 2023, 120))).toEqual([]);
    expect(codes(scorecardStanding('INNOVATIONS', 2023, 2.5))).toEqual(['SCORECARD_VALUE_INVALID']);
    expect(codes(scorecardStanding('PLAIN_PAPER', 2023, 97.5))).toEqual([]);
  });
});

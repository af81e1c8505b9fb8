// A team's home base (a kecamatan office): the travel times derived from the office's figures, and what the
// planner does with them (fast-check): with everything else equal, the team based in a far kecamatan is sent to
// that kecamatan's villages, and the team at the office to the villages near the office.
import fc from 'fast-check';
import { planVisits } from './outreach-planner';
import { DEFAULT_SAME_DISTRICT_MINUTES, teamBaseTravel, type BaseVillage } from './team-base';
import type { OutreachInput, OutreachVillage } from './outreach-input';

// Mauponggo (531604) lies far from the office in Mbay (531601, Aesesa).
const villages: BaseVillage[] = [
  { code: '5316011001', districtCode: '531601', travelMinutes: 10 },
  { code: '5316011002', districtCode: '531601', travelMinutes: 25 },
  { code: '5316042001', districtCode: '531604', travelMinutes: 120 },
  { code: '5316042002', districtCode: '531604', travelMinutes: 110 },
  { code: '5316042003', districtCode: '531604', travelMinutes: 10 },
];
const mauponggo = { name: 'Kantor Camat Mauponggo', villageCode: '5316042002' };

describe('teamBaseTravel: travel from a base, derived from the times from the office', () => {
  it('the base 0, its kecamatan 30 (never more than through the office), elsewhere through the office', () => {
    const r = teamBaseTravel(mauponggo, villages);
    expect(r.ok && r.value).toEqual({
      name: 'Kantor Camat Mauponggo',
      travelMinutes: { '5316011001': 120, '5316011002': 135, '5316042001': DEFAULT_SAME_DISTRICT_MINUTES, '5316042002': 0, '5316042003': DEFAULT_SAME_DISTRICT_MINUTES },
    });
  });

  it("uses the office's own figures for the team where it entered them, and another same-kecamatan default", () => {
    const r = teamBaseTravel({ ...mauponggo, overrides: { '5316011001': 95, '5316042001': 45 } }, villages, { sameDistrictMinutes: 20 });
    expect(r.ok && r.value.travelMinutes).toMatchObject({ '5316011001': 95, '5316042001': 45, '5316042003': 20 });
  });

  it('reports an unknown base, bad overrides and bad options, all at once', () => {
    const r = teamBaseTravel({ name: 'x', villageCode: '5316999999', overrides: { '5316011001': -5, '5316077777': 10 } }, villages, { sameDistrictMinutes: Number.NaN });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['BASE_OPTIONS_INVALID', 'BASE_VILLAGE_UNKNOWN', 'BASE_OVERRIDE_INVALID', 'BASE_OVERRIDE_INVALID']);
  });
});

describe('the planner with a based team (property)', () => {
  // Villages near the office (Aesesa) and far from it (Mauponggo), with e-KTP backlogs; two teams alike in
  // everything (services, capacity) except that one is stationed in Mauponggo.
  const arb = fc.record({
    near: fc.array(fc.record({ travel: fc.integer({ min: 5, max: 40 }), backlog: fc.integer({ min: 60, max: 400 }) }), { minLength: 1, maxLength: 4 }),
    far: fc.array(fc.record({ travel: fc.integer({ min: 90, max: 150 }), backlog: fc.integer({ min: 60, max: 400 }) }), { minLength: 1, maxLength: 4 }),
    capacity: fc.integer({ min: 20, max: 80 }),
    weeks: fc.integer({ min: 1, max: 3 }),
    seed: fc.integer(),
  });

  it('sends the based team to its kecamatan at least as often as the office team, and the office team near the office at least as often', () => {
    let basedVisitsAtBase = 0;
    fc.assert(
      fc.property(arb, ({ near, far, capacity, weeks, seed }) => {
        const vs: OutreachVillage[] = [
          ...near.map((v, i) => ({ code: `531601100${i + 1}`, districtCode: '531601', travelMinutes: v.travel, backlog: { EKTP_RECORDING: v.backlog } })),
          ...far.map((v, i) => ({ code: `531604200${i + 1}`, districtCode: '531604', travelMinutes: v.travel, backlog: { EKTP_RECORDING: v.backlog } })),
        ];
        const base = teamBaseTravel({ name: 'Kantor Camat Mauponggo', villageCode: '5316042001' }, vs);
        if (!base.ok) throw new Error('the base is one of the villages');
        const input: OutreachInput = {
          asOf: '2026-11-27',
          startDate: '2026-11-30',
          weeks,
          teams: [
            { id: 'Tim Mbay', services: ['EKTP_RECORDING'], capacity: { EKTP_RECORDING: capacity } },
            { id: 'Tim Mauponggo', services: ['EKTP_RECORDING'], capacity: { EKTP_RECORDING: capacity }, base: base.value },
          ],
          villages: vs,
          seed,
          searchEffort: 5_000,
        };
        const plan = planVisits(input);
        if (!plan.ok) throw new Error(plan.errors.map((e) => e.code).join());
        const count = (team: string, district: string) => plan.value.visits.filter((v) => v.teamId === team && v.districtCode === district).length;
        expect(count('Tim Mauponggo', '531604')).toBeGreaterThanOrEqual(count('Tim Mbay', '531604'));
        expect(count('Tim Mbay', '531601')).toBeGreaterThanOrEqual(count('Tim Mauponggo', '531601'));
        basedVisitsAtBase += count('Tim Mauponggo', '531604');
      }),
      { numRuns: 40, seed: 20261128 },
    );
    // Not vacuous: the based team does work at its base.
    expect(basedVisitsAtBase).toBeGreaterThan(40);
  });
});

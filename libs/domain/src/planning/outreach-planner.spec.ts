// The outreach planner and its round-robin baseline, on small cases worked out by hand from the time model
// (outreach-input.ts) and the objective (outreach-planner.ts).
import type { OutreachInput, OutreachTeam, OutreachVillage, ServiceKind } from './outreach-input';
import { planVisits, roundRobinPlan, type PlanResult } from './outreach-planner';
import type { OutreachPlan } from './outreach-engine';

const ALL: ServiceKind[] = ['EKTP_RECORDING', 'BIRTH_DEED', 'KIA', 'APPLICATION', 'HANDOVER'];
const kit = (id: string, recordings = 60, extra: Partial<OutreachTeam> = {}): OutreachTeam => ({ id, services: ['EKTP_RECORDING'], capacity: { EKTP_RECORDING: recordings }, ...extra });
const village = (code: string, travelMinutes: number, backlog: OutreachVillage['backlog']): OutreachVillage => ({ code, districtCode: code.slice(0, 6), travelMinutes, backlog });
// Monday 30 November 2026: the service days of the first two weeks are 2, 4, 9 and 11 December.
const monday = { asOf: '2026-11-27', startDate: '2026-11-30' };

function planOf(result: PlanResult): OutreachPlan {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}
const visitsOf = (plan: OutreachPlan, kind: ServiceKind = 'EKTP_RECORDING') => plan.visits.map((v) => [v.date, v.teamId, v.villageCode, v.services[kind]]);

describe('time model: travel out and back + setup + service minutes fit the day', () => {
  it.each([
    // [one-way travel, kit, backlog, e-KTP recordings per visit, minutes of the first visit, why]
    [30, 60, 200, 60, 60 + 30 + 360, 'near: 480 − 60 − 30 = 390 minutes would take 65 recordings, the kit takes 60'],
    [200, 60, 200, 8, 400 + 30 + 48, 'far: 480 − 400 − 30 = 50 minutes take 8 recordings of 6 minutes'],
    [0, 100, 200, 75, 0 + 30 + 450, 'at the office: 450 minutes take 75 recordings'],
  ])('travel %p minutes, kit %p, backlog %p: %p recordings per visit (%p minutes): %s', (travel, recordings, backlog, perVisit, minutes) => {
    const plan = planOf(planVisits({ ...monday, weeks: 1, teams: [kit('A', recordings)], villages: [village('5316011003', travel, { EKTP_RECORDING: backlog })] }));
    expect(plan.visits[0]?.services.EKTP_RECORDING).toBe(perVisit);
    expect(plan.visits[0]?.minutes).toEqual({ travel: 2 * travel, setup: 30, service: perVisit * 6, total: minutes });
  });

  it('a visit shares its day among the kinds by need: a floor for each, the rest by weight × minutes of need', () => {
    const everything = village('5316011003', 0, { EKTP_RECORDING: 100, BIRTH_DEED: 10, KIA: 100, APPLICATION: 10, HANDOVER: 10 });
    const plan = planOf(planVisits({ ...monday, weeks: 1, teams: [{ id: 'A', services: ALL }], villages: [everything] }));
    // 450 minutes for 1,220 of need. Floors (10%, 45 minutes, or the whole need): hand-overs 20, the others 45 each;
    // the other 250 by weight × need (e-KTP 4 × 600, deed 3 × 100, KIA 1 × 400, application 2 × 100): e-KTP 226.8
    // minutes (37), deed 67.7 (6), KIA 75.3 (18), application 60.2 (6), hand-overs 10; the 16 minutes left, in
    // weight per minute order: 2 more recordings, 1 more KIA.
    expect(plan.visits[0]?.services).toEqual({ EKTP_RECORDING: 39, BIRTH_DEED: 6, KIA: 19, APPLICATION: 6, HANDOVER: 10 });
    expect(plan.visits[0]?.minutes.total).toBe(480);
  });

  it('the input can change the day, the setup and the minutes per service', () => {
    const input: OutreachInput = { ...monday, weeks: 1, dayMinutes: 360, setupMinutes: 0, serviceMinutes: { EKTP_RECORDING: 5 }, teams: [kit('A', 100)], villages: [village('5316011003', 30, { EKTP_RECORDING: 200 })] };
    // 360 − 60 = 300 minutes: 60 recordings of 5 minutes.
    expect(planOf(planVisits(input)).visits[0]?.services.EKTP_RECORDING).toBe(60);
  });

  it('a team from a home base travels from there, and only to the villages its base lists', () => {
    const base = { name: 'Kantor Camat Mauponggo', travelMinutes: { '5316042002': 15 } };
    const input: OutreachInput = {
      ...monday,
      weeks: 1,
      teams: [kit('Mauponggo', 60, { base })],
      villages: [village('5316042002', 150, { EKTP_RECORDING: 500 }), village('5316011003', 10, { EKTP_RECORDING: 500 })],
    };
    const plan = planOf(planVisits(input));
    expect(plan.visits.map((v) => [v.villageCode, v.minutes.travel])).toEqual([
      ['5316042002', 30],
      ['5316042002', 30],
    ]);
  });
});

describe('calendar: service days only, never on holidays or blackouts', () => {
  const input: OutreachInput = { ...monday, weeks: 2, teams: [kit('A')], villages: [village('5316011003', 30, { EKTP_RECORDING: 1000 })] };

  it('Wednesdays and Fridays by default', () => {
    expect(planOf(planVisits(input)).serviceDates).toEqual(['2026-12-02', '2026-12-04', '2026-12-09', '2026-12-11']);
  });

  it('skips holidays and blackouts, and says which', () => {
    const plan = planOf(planVisits({ ...input, holidays: ['2026-12-04', '2026-12-05'], blackouts: ['2026-12-09'] }));
    expect([plan.serviceDates, plan.skippedDates, plan.visits.map((v) => v.date)]).toEqual([
      ['2026-12-02', '2026-12-11'],
      [
        { date: '2026-12-04', reason: 'HOLIDAY' },
        { date: '2026-12-09', reason: 'BLACKOUT' },
      ],
      ['2026-12-02', '2026-12-11'],
    ]);
  });

  it('other weekdays when the office chooses them', () => {
    expect(planOf(planVisits({ ...input, serviceDays: ['MON', 'THU'] })).serviceDates).toEqual(['2026-11-30', '2026-12-03', '2026-12-07', '2026-12-10']);
  });
});

describe('objective: weighted resident-days of waiting', () => {
  it('80 residents to record, 60 on Wednesday (day 2) and 20 on Friday (day 4): 4 × (60 × 2 + 20 × 4) = 800', () => {
    const plan = planOf(planVisits({ ...monday, weeks: 1, teams: [kit('A')], villages: [village('5316011003', 30, { EKTP_RECORDING: 80 })] }));
    expect([visitsOf(plan), plan.objective, plan.served.EKTP_RECORDING, plan.remaining.EKTP_RECORDING]).toEqual([
      [
        ['2026-12-02', 'A', '5316011003', 60],
        ['2026-12-04', 'A', '5316011003', 20],
      ],
      800,
      80,
      0,
    ]);
  });

  it('nobody served waits the whole horizon: 4 × 80 × 7 = 2,240 for a week with no service day', () => {
    const plan = planOf(planVisits({ ...monday, weeks: 1, serviceDays: ['SUN'], holidays: ['2026-12-06'], teams: [kit('A')], villages: [village('5316011003', 30, { EKTP_RECORDING: 80 })] }));
    expect([plan.visits.length, plan.objective]).toEqual([0, 2240]);
  });

  it('weights decide between kinds: 30 residents to record (4 × 30) go before 50 KIA applications (1 × 50)', () => {
    const teams: OutreachTeam[] = [{ id: 'A', services: ['EKTP_RECORDING', 'KIA'] }];
    const villages = [village('5316011003', 30, { KIA: 50 }), village('5316011005', 30, { EKTP_RECORDING: 30 })];
    expect(visitsOf(planOf(planVisits({ ...monday, weeks: 1, teams, villages })), 'KIA')).toEqual([
      ['2026-12-02', 'A', '5316011005', 0],
      ['2026-12-04', 'A', '5316011003', 50],
    ]);
    // With KIA weighted 3, 150 beats 120.
    expect(planOf(planVisits({ ...monday, weeks: 1, teams, villages, weights: { KIA: 3 } })).visits[0]?.villageCode).toBe('5316011003');
  });

  it('the bigger backlog first, the nearer village on a tie, the lower code on a full tie', () => {
    const villages = [village('5316011001', 30, { EKTP_RECORDING: 20 }), village('5316011003', 60, { EKTP_RECORDING: 40 }), village('5316011005', 20, { EKTP_RECORDING: 40 }), village('5316011007', 20, { EKTP_RECORDING: 40 })];
    expect(planOf(planVisits({ ...monday, weeks: 2, teams: [kit('A')], villages })).visits.map((v) => v.villageCode)).toEqual(['5316011005', '5316011007', '5316011003', '5316011001']);
  });
});

describe('constraints', () => {
  it('visits a village again while something is left, and never promises more than the backlog', () => {
    const plan = planOf(planVisits({ ...monday, weeks: 2, teams: [kit('A'), kit('B', 40)], villages: [village('5316011003', 30, { EKTP_RECORDING: 170 })] }));
    expect(visitsOf(plan)).toEqual([
      ['2026-12-02', 'A', '5316011003', 60],
      ['2026-12-02', 'B', '5316011003', 40],
      ['2026-12-04', 'A', '5316011003', 60],
      ['2026-12-04', 'B', '5316011003', 10],
    ]);
  });

  it('a team delivers only what it offers', () => {
    const plan = planOf(planVisits({ ...monday, weeks: 1, teams: [{ id: 'Loket', services: ['HANDOVER', 'BIRTH_DEED'] }], villages: [village('5316011003', 30, { EKTP_RECORDING: 300, HANDOVER: 12, BIRTH_DEED: 4 })] }));
    expect([plan.served, plan.remaining.EKTP_RECORDING]).toEqual([{ EKTP_RECORDING: 0, BIRTH_DEED: 4, KIA: 0, APPLICATION: 0, HANDOVER: 12 }, 300]);
  });

  it('a team stays home when it can deliver nothing anywhere', () => {
    const plan = planOf(planVisits({ ...monday, weeks: 2, teams: [kit('A')], villages: [village('5316011003', 30, { EKTP_RECORDING: 10 })] }));
    expect(visitsOf(plan)).toEqual([['2026-12-02', 'A', '5316011003', 10]]);
  });
});

describe('roundRobinPlan: the baseline', () => {
  const villages = [
    village('5316011001', 30, { EKTP_RECORDING: 100 }),
    village('5316011003', 30, { EKTP_RECORDING: 5 }),
    village('5316011005', 150, { EKTP_RECORDING: 500 }),
    village('5316011007', 30, { EKTP_RECORDING: 100 }),
  ];
  const input: OutreachInput = { ...monday, weeks: 2, teams: [kit('A'), kit('B')], villages };

  it('rotates through the villages by code whatever their backlog; teams from one place share the rotation', () => {
    expect(visitsOf(planOf(roundRobinPlan(input)))).toEqual([
      ['2026-12-02', 'A', '5316011001', 60],
      ['2026-12-02', 'B', '5316011003', 5],
      // 150 minutes away: 480 − 300 − 30 = 150 minutes, 25 recordings.
      ['2026-12-04', 'A', '5316011005', 25],
      ['2026-12-04', 'B', '5316011007', 60],
      // Mbay I (…1003) is done: the rotation passes it over.
      ['2026-12-09', 'A', '5316011001', 40],
      ['2026-12-09', 'B', '5316011005', 25],
      ['2026-12-11', 'A', '5316011007', 40],
      ['2026-12-11', 'B', '5316011005', 25],
    ]);
  });

  it('planVisits does better here: the big near villages first, the far one with what is left', () => {
    const plan = planOf(planVisits(input));
    const baseline = planOf(roundRobinPlan(input));
    expect(plan.objective).toBeLessThan(baseline.objective);
    expect(plan.search).toMatchObject({ roundRobinObjective: baseline.objective });
    expect(baseline.search).toBeNull();
  });
});

describe('planVisits: search and determinism', () => {
  // Two teams that differ: a kit of 60 from the office, and a kit of 40 based in Mauponggo.
  const base = { name: 'Kantor Camat Mauponggo', travelMinutes: { '5316042002': 10, '5316042003': 25, '5316041001': 5 } };
  const input: OutreachInput = {
    ...monday,
    weeks: 4,
    teams: [{ id: 'A', services: ALL, capacity: { EKTP_RECORDING: 60 } }, { id: 'B', services: ['EKTP_RECORDING', 'HANDOVER'], capacity: { EKTP_RECORDING: 40 }, base }],
    villages: [
      village('5316011003', 15, { EKTP_RECORDING: 90, BIRTH_DEED: 12, HANDOVER: 20 }),
      village('5316011005', 40, { EKTP_RECORDING: 130, KIA: 40 }),
      village('5316041001', 140, { EKTP_RECORDING: 70, HANDOVER: 30 }),
      village('5316042002', 150, { EKTP_RECORDING: 110, BIRTH_DEED: 8 }),
      village('5316042003', 160, { EKTP_RECORDING: 45, APPLICATION: 6 }),
    ],
  };

  it('the same input gives the same plan', () => {
    expect(planVisits(input)).toEqual(planVisits(input));
  });

  it('the local search never ends above where it started, nor above the baseline', () => {
    const plan = planOf(planVisits(input));
    const search = plan.search as NonNullable<OutreachPlan['search']>;
    expect(plan.objective).toBeLessThanOrEqual(Math.min(search.greedyObjective, search.roundRobinObjective));
  });

  it('with no search effort, the plan is the descent from the greedy start; another seed also gives a valid plan', () => {
    const descent = planOf(planVisits({ ...input, searchEffort: 0 }));
    const seeded = planOf(planVisits({ ...input, seed: 42 }));
    expect(descent.search?.rounds).toBe(0);
    expect(seeded.objective).toBeLessThanOrEqual(descent.objective);
  });

  it('does not change its input', () => {
    const copy = JSON.parse(JSON.stringify(input));
    planVisits(input);
    roundRobinPlan(input);
    expect(input).toEqual(copy);
  });
});

// The outreach input: every field checked, every problem reported with its path, never a throw.
import fc from 'fast-check';
import { DEFAULT_SERVICE_MINUTES, DEFAULT_WEIGHTS, OUTREACH_INPUT_ERROR_CODES, type OutreachInput, type OutreachTeam, type OutreachVillage } from './outreach-input';
import { planVisits, roundRobinPlan } from './outreach-planner';

// Mbay I (Aesesa, where the office is) and Bela (Mauponggo, on the south coast).
const MBAY = '5316011003';
const BELA = '5316042002';
const team: OutreachTeam = { id: 'Tim 1', services: ['EKTP_RECORDING', 'HANDOVER'], capacity: { EKTP_RECORDING: 60 } };
const mbay: OutreachVillage = { code: MBAY, districtCode: '531601', travelMinutes: 10, backlog: { EKTP_RECORDING: 40, HANDOVER: 5 } };
const bela: OutreachVillage = { code: BELA, districtCode: '531604', travelMinutes: 120, backlog: { EKTP_RECORDING: 25 } };
const valid: OutreachInput = { asOf: '2026-11-27', startDate: '2026-11-30', weeks: 2, teams: [team], villages: [mbay, bela] };

/** The input with some fields replaced (undefined values are kept, to test missing fields). */
const withFields = (fields: Record<string, unknown>) => ({ ...valid, ...fields }) as unknown as OutreachInput;
const errorsOf = (input: unknown) => {
  const r = planVisits(input as OutreachInput);
  return r.ok ? [] : r.errors.map((e) => [e.code, e.path]);
};

describe('outreach input: one problem per bad field, with its path', () => {
  it.each<[string, Record<string, unknown>, [string, string][]]>([
    ['asOf not a real date (30 February)', { asOf: '2026-02-30' }, [['PLAN_AS_OF_INVALID', 'asOf']]],
    ['asOf missing', { asOf: undefined }, [['PLAN_AS_OF_INVALID', 'asOf']]],
    ['startDate not a date', { startDate: 'next Monday' }, [['PLAN_START_DATE_INVALID', 'startDate']]],
    ['startDate before asOf: the backlog is not known then', { startDate: '2026-11-20' }, [['PLAN_START_BEFORE_AS_OF', 'startDate']]],
    ['weeks 0', { weeks: 0 }, [['PLAN_WEEKS_INVALID', 'weeks']]],
    ['weeks not whole', { weeks: 1.5 }, [['PLAN_WEEKS_INVALID', 'weeks']]],
    ['weeks over ten years', { weeks: 521 }, [['PLAN_WEEKS_INVALID', 'weeks']]],
    ['no service days', { serviceDays: [] }, [['PLAN_NO_SERVICE_DAYS', 'serviceDays']]],
    ['a service day spelt out', { serviceDays: ['WED', 'Friday'] }, [['PLAN_SERVICE_DAY_INVALID', 'serviceDays[1]']]],
    ['a holiday that is no date', { holidays: ['2026-12-25', '2026-13-01'] }, [['PLAN_HOLIDAY_INVALID', 'holidays[1]']]],
    ['blackouts not a list', { blackouts: '2026-12-02' }, [['PLAN_BLACKOUT_INVALID', 'blackouts']]],
    ['a day of 0 minutes', { dayMinutes: 0 }, [['PLAN_DAY_MINUTES_INVALID', 'dayMinutes']]],
    ['a day longer than a day', { dayMinutes: 1441 }, [['PLAN_DAY_MINUTES_INVALID', 'dayMinutes']]],
    ['negative setup', { setupMinutes: -1 }, [['PLAN_SETUP_MINUTES_INVALID', 'setupMinutes']]],
    ['negative service minutes', { serviceMinutes: { EKTP_RECORDING: -6 } }, [['PLAN_SERVICE_MINUTES_INVALID', 'serviceMinutes.EKTP_RECORDING']]],
    ['service minutes of an unknown kind', { serviceMinutes: { PASSPORT: 20 } }, [['PLAN_SERVICE_MINUTES_INVALID', 'serviceMinutes.PASSPORT']]],
    ['a weight of 0 (a kind nobody waits for is not planned for)', { weights: { KIA: 0 } }, [['PLAN_WEIGHTS_INVALID', 'weights.KIA']]],
    ['negative search effort', { searchEffort: -1 }, [['PLAN_SEARCH_INVALID', 'searchEffort']]],
    ['a seed that is not whole', { seed: 0.5 }, [['PLAN_SEARCH_INVALID', 'seed']]],
    ['no teams', { teams: [] }, [['PLAN_NO_TEAMS', 'teams']]],
    ['a team that is not an object', { teams: ['Tim 1'] }, [['PLAN_TEAM_INVALID', 'teams[0]']]],
    ['a team without an id', { teams: [{ ...team, id: ' ' }] }, [['PLAN_TEAM_INVALID', 'teams[0].id']]],
    ['a team offering an unknown service', { teams: [{ ...team, services: ['EKTP_RECORDING', 'PASSPORT'] }] }, [['PLAN_TEAM_INVALID', 'teams[0].services[1]']]],
    ['a team offering nothing', { teams: [{ ...team, services: [] }] }, [['PLAN_TEAM_INVALID', 'teams[0].services']]],
    ['a capacity that is not whole', { teams: [{ ...team, capacity: { EKTP_RECORDING: 59.5 } }] }, [['PLAN_TEAM_INVALID', 'teams[0].capacity.EKTP_RECORDING']]],
    ['two teams with one id', { teams: [team, team] }, [['PLAN_TEAM_DUPLICATE', 'teams[1].id']]],
    [
      'a base without a name, with a negative travel time and a key that is no village code',
      { teams: [{ ...team, base: { name: '', travelMinutes: { [BELA]: -5, Bela: 10 } } }] },
      [
        ['PLAN_TEAM_BASE_INVALID', 'teams[0].base.name'],
        ['PLAN_TEAM_BASE_INVALID', `teams[0].base.travelMinutes.${BELA}`],
        ['PLAN_TEAM_BASE_INVALID', 'teams[0].base.travelMinutes.Bela'],
      ],
    ],
    ['no villages', { villages: [] }, [['PLAN_NO_VILLAGES', 'villages']]],
    ['a village code of 8 digits', { villages: [{ ...mbay, code: '53160110' }] }, [['PLAN_VILLAGE_INVALID', 'villages[0].code']]],
    ['one village twice, dotted and plain', { villages: [mbay, { ...mbay, code: '53.16.01.1003' }] }, [['PLAN_VILLAGE_DUPLICATE', 'villages[1].code']]],
    ['a kecamatan that does not exist', { villages: [{ ...mbay, districtCode: '531699' }] }, [['PLAN_VILLAGE_UNKNOWN_KECAMATAN', 'villages[0].districtCode']]],
    [
      'a retired kecamatan (Merauke, 91.01.01, before the 2022 split of Papua)',
      { villages: [{ ...mbay, code: '9101011001', districtCode: '910101' }] },
      [['PLAN_VILLAGE_UNKNOWN_KECAMATAN', 'villages[0].districtCode']],
    ],
    ['a village outside its kecamatan', { villages: [{ ...bela, districtCode: '531601' }] }, [['PLAN_VILLAGE_KECAMATAN_MISMATCH', 'villages[0].code']]],
    ['a negative travel time', { villages: [{ ...mbay, travelMinutes: -10 }] }, [['PLAN_VILLAGE_TRAVEL_INVALID', 'villages[0].travelMinutes']]],
    ['a travel time that is not a number', { villages: [{ ...mbay, travelMinutes: Number.NaN }] }, [['PLAN_VILLAGE_TRAVEL_INVALID', 'villages[0].travelMinutes']]],
    ['a negative backlog', { villages: [{ ...mbay, backlog: { EKTP_RECORDING: -3 } }] }, [['PLAN_VILLAGE_BACKLOG_INVALID', 'villages[0].backlog.EKTP_RECORDING']]],
    ['a backlog that is not counts', { villages: [{ ...mbay, backlog: 45 }] }, [['PLAN_VILLAGE_BACKLOG_INVALID', 'villages[0].backlog']]],
    [
      'fewer wajib KTP than residents not recorded (they are among the wajib KTP)',
      { villages: [{ ...mbay, wajibKtp: 39 }] },
      [['PLAN_VILLAGE_WAJIB_KTP_INVALID', 'villages[0].wajibKtp']],
    ],
    ['a negative arrival rate', { villages: [{ ...mbay, newWajibKtpPerWeek: -1 }] }, [['PLAN_VILLAGE_WAJIB_KTP_INVALID', 'villages[0].newWajibKtpPerWeek']]],
  ])('%s', (_what, fields, expected) => {
    expect(errorsOf(withFields(fields))).toEqual(expected);
  });

  it('reports every problem at once, not only the first', () => {
    const input = withFields({ asOf: 'x', weeks: -1, serviceDays: ['SAT', 'HOLIDAY'], teams: [team, { ...team, services: ['KIA'] }], villages: [{ ...mbay, travelMinutes: -1 }, 7] });
    expect(errorsOf(input)).toEqual([
      ['PLAN_AS_OF_INVALID', 'asOf'],
      ['PLAN_WEEKS_INVALID', 'weeks'],
      ['PLAN_SERVICE_DAY_INVALID', 'serviceDays[1]'],
      ['PLAN_TEAM_DUPLICATE', 'teams[1].id'],
      ['PLAN_VILLAGE_TRAVEL_INVALID', 'villages[0].travelMinutes'],
      ['PLAN_VILLAGE_INVALID', 'villages[1]'],
    ]);
  });

  it('rejects what is not an input, without throwing', () => {
    for (const input of [null, undefined, 42, 'plan', []]) expect(errorsOf(input)).toEqual([['PLAN_INPUT_INVALID', '']]);
  });

  it('never throws and answers with known codes, whatever it is given', () => {
    const known = new Set<string>(OUTREACH_INPUT_ERROR_CODES);
    const fields = fc.record(
      {
        asOf: fc.oneof(fc.constant('2026-11-27'), fc.anything()),
        weeks: fc.oneof(fc.integer({ min: -2, max: 600 }), fc.anything()),
        teams: fc.oneof(fc.constant([team]), fc.array(fc.anything(), { maxLength: 3 })),
        villages: fc.oneof(fc.constant([mbay]), fc.array(fc.anything(), { maxLength: 3 })),
        serviceDays: fc.anything(),
        holidays: fc.anything(),
        dayMinutes: fc.anything(),
        serviceMinutes: fc.anything(),
        weights: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fields, fc.anything()), (input) => {
        for (const plan of [planVisits, roundRobinPlan]) {
          const r = plan(input as OutreachInput);
          if (!r.ok) expect(r.errors.every((e) => known.has(e.code) && typeof e.message === 'string' && typeof e.path === 'string')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('outreach input: warnings leave the input usable', () => {
  const warningsOf = (input: OutreachInput) => {
    const r = planVisits(input);
    return r.ok ? r.warnings.map((w) => [w.code, w.path]) : r.errors;
  };

  it('a village no team can reach within the day: 2 × 230 minutes of travel leave 20, less than the setup', () => {
    expect(warningsOf({ ...valid, villages: [mbay, { ...bela, travelMinutes: 230 }] })).toEqual([['PLAN_VILLAGE_UNREACHABLE', 'villages[1]']]);
  });

  it('a backlog of a service no team offers', () => {
    expect(warningsOf({ ...valid, villages: [{ ...mbay, backlog: { KIA: 12 } }] })).toEqual([['PLAN_SERVICE_NOT_OFFERED', 'villages[0].backlog']]);
  });

  it("a base's travel table naming a village that is not in the input", () => {
    const based = { ...team, base: { name: 'Kantor Camat Mauponggo', travelMinutes: { [BELA]: 15, '5316042003': 20 } } };
    expect(warningsOf({ ...valid, teams: [team, { ...based, id: 'Tim 3' }] })).toEqual([['PLAN_TEAM_BASE_VILLAGE_UNKNOWN', 'teams[1].base.travelMinutes.5316042003']]);
  });

  it('a horizon whose service days are all holidays gives an empty plan, with a warning', () => {
    const r = planVisits({ ...valid, weeks: 1, holidays: ['2026-12-02', '2026-12-04'] });
    expect(r.ok && [r.value.visits, r.value.serviceDates, r.warnings.map((w) => w.code)]).toEqual([[], [], ['PLAN_NO_SERVICE_DATES']]);
  });
});

describe('outreach input: defaults', () => {
  it('weights put e-KTP recording first, then birth deeds, applications and hand-overs, KIA last', () => {
    expect(DEFAULT_WEIGHTS).toEqual({ EKTP_RECORDING: 4, BIRTH_DEED: 3, KIA: 1, APPLICATION: 2, HANDOVER: 2 });
  });

  it('service minutes are our estimates per unit: recording 6, deed 10, KIA 4, application 10, hand-over 2', () => {
    expect(DEFAULT_SERVICE_MINUTES).toEqual({ EKTP_RECORDING: 6, BIRTH_DEED: 10, KIA: 4, APPLICATION: 10, HANDOVER: 2 });
  });

  it('start on asOf, go out on Wednesdays and Fridays', () => {
    const r = planVisits({ ...valid, startDate: undefined, weeks: 1 });
    // 27 November 2026 is a Friday: the week runs to Thursday 3 December.
    expect(r.ok && [r.value.startDate, r.value.endDate, r.value.serviceDates]).toEqual(['2026-11-27', '2026-12-03', ['2026-11-27', '2026-12-02']]);
  });
});

// Teams stationed away from the office (a home base at a kecamatan office), on SQLite (service tier): the base and
// the travel times the office knows from it are kept with the team (bad input 400, broken rules 422, who may change
// it 403, nothing written on refusal), and the planner takes the team's travel from its base: a visit to the base
// village has no travel, and the based team is the one sent to its kecamatan.
import { SUBJECTS } from '@adminduk/contracts';
import type { TestApp } from '@adminduk/platform/testing';
import { Caller, deliver, onHoliday, registered, startOutreach, TODAY, writes, yearsAgo } from './outreach-fixtures';

let t: TestApp;
let registrar: Caller;

// 300 registrations and a plan: generous on a shared machine.
jest.setTimeout(120_000);

// Mauponggo (531604) and the office's own kecamatan, Aesesa (531601).
const BASE = '5316042002'; // Bela
const NEIGHBOUR = '5316042003'; // Wolokisa
const NEAR_OFFICE = '5316011003';

beforeAll(async () => {
  t = await startOutreach();
  registrar = new Caller(t, ['registrar'], ['5316']);
});
afterAll(() => t.close());

// No capacity: the working day limits the recordings, so travel time counts.
const team = (name: string, extra: object = {}) => ({ name, staffCount: 3, equipment: ['EKTP_RECORDING_KIT'], services: ['EKTP_RECORDING'], ...extra });

describe('a team with a home base', () => {
  let id: string;

  it('keeps the base village and the travel times the office entered from it', async () => {
    const res = await registrar.call('POST', '/teams', team('Tim Mauponggo', { baseVillageCode: BASE, baseTravel: [{ villageCode: NEAR_OFFICE, minutes: 95 }] }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ baseVillageCode: BASE, baseTravel: [{ villageCode: NEAR_OFFICE, minutes: 95 }], version: 1 });
    id = res.body.id;
    const office = await registrar.call('POST', '/teams', team('Tim Mbay'));
    expect(office.body).toMatchObject({ baseVillageCode: null, baseTravel: [] });
  });

  it('refuses a base or a travel time naming no village of the regency, and travel times without a base (422, nothing written)', async () => {
    const before = await writes(t);
    const res = await registrar.call('POST', '/teams', team('Tim Salah', { baseVillageCode: '5371011001', baseTravel: [{ villageCode: '5316999999', minutes: 20 }] }));
    expect([res.status, res.body.code]).toEqual([422, 'TEAM_RULES_NOT_MET']);
    expect(res.body.errors.map((e: { code: string; field: string }) => [e.code, e.field])).toEqual([
      ['TEAM_BASE_VILLAGE_UNKNOWN', 'baseVillageCode'],
      ['TEAM_BASE_VILLAGE_UNKNOWN', 'baseTravel'],
    ]);
    const noBase = await registrar.call('POST', '/teams', team('Tim Tanpa Basis', { baseTravel: [{ villageCode: NEIGHBOUR, minutes: 20 }] }));
    expect(noBase.body.errors.map((e: { code: string }) => e.code)).toEqual(['TEAM_BASE_REQUIRED']);
    expect(await writes(t)).toEqual(before);
  });

  it('refuses malformed bases and travel times with 400', async () => {
    const before = await writes(t);
    const res = await registrar.call('POST', '/teams', team('Tim Rusak', { baseVillageCode: '53.16', baseTravel: [{ villageCode: NEIGHBOUR, minutes: -5 }, { villageCode: NEIGHBOUR, minutes: 601 }] }));
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.body.errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`).sort()).toEqual(['baseTravel[0].minutes MIN', 'baseTravel[1].minutes MAX', 'baseVillageCode MATCHES']);
    expect(await writes(t)).toEqual(before);
  });

  it('lets only the regency change it: a kecamatan operator gets 403, an analyst 403', async () => {
    const current = (await registrar.call('GET', `/teams/${id}`)).body;
    const kecamatan = await new Caller(t, ['operator'], ['531604']).call('PATCH', `/teams/${id}`, { version: current.version, baseVillageCode: null });
    expect([kecamatan.status, kecamatan.body.code]).toEqual([403, 'REGENCY_SCOPE_REQUIRED']);
    const analyst = await new Caller(t, ['analyst'], ['5316']).call('PATCH', `/teams/${id}`, { version: current.version, baseVillageCode: null });
    expect([analyst.status, analyst.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
  });

  it('moves the base, and removing the base removes its travel times', async () => {
    const current = (await registrar.call('GET', `/teams/${id}`)).body;
    const moved = await registrar.call('PATCH', `/teams/${id}`, { version: current.version, baseVillageCode: NEIGHBOUR });
    expect(moved.body).toMatchObject({ baseVillageCode: NEIGHBOUR, baseTravel: [{ villageCode: NEAR_OFFICE, minutes: 95 }] });
    const cleared = await registrar.call('PATCH', `/teams/${id}`, { version: moved.body.version, baseVillageCode: null });
    expect(cleared.body).toMatchObject({ baseVillageCode: null, baseTravel: [] });
    const back = await registrar.call('PATCH', `/teams/${id}`, { version: cleared.body.version, baseVillageCode: BASE });
    expect(back.status).toBe(200);
  });
});

describe('planning with a based team', () => {
  it('sends the based team to its kecamatan, from its base, and the office team near the office', async () => {
    // The office's figures: Mauponggo far from Mbay.
    for (const [code, minutes] of [[BASE, 150], [NEIGHBOUR, 140], [NEAR_OFFICE, 15]] as const) {
      const village = (await registrar.call('GET', `/villages/${code}`)).body;
      expect((await registrar.call('PATCH', `/villages/${code}`, { version: village.version, travelMinutes: minutes })).status).toBe(200);
    }
    for (const code of [BASE, NEIGHBOUR, NEAR_OFFICE]) {
      for (let i = 0; i < 100; i++) await deliver(t, SUBJECTS.identity.residentRegistered, registered({ birthDate: yearsAgo(30), districtCode: code.slice(0, 6), villageCode: code }));
    }
    const settings = (await registrar.call('GET', '/calendar/settings')).body;
    await registrar.call('PUT', '/calendar/settings', { version: settings.version, serviceDays: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], dayMinutes: 480, setupMinutes: 30 });
    const plan = await registrar.call('POST', '/plans', { weeks: 1, startDate: TODAY, ...onHoliday(TODAY) });
    expect(plan.status).toBe(201);
    const visits = plan.body.visits as { teamName: string; villageCode: string; minutes: { travel: number } }[];
    const of = (teamName: string, where: (code: string) => boolean) => visits.filter((v) => v.teamName === teamName && where(v.villageCode));
    const mauponggo = (code: string) => code.startsWith('531604');
    const nearOffice = (code: string) => code === NEAR_OFFICE;
    expect(of('Tim Mauponggo', mauponggo).length).toBeGreaterThan(0);
    expect(of('Tim Mauponggo', mauponggo).length).toBeGreaterThanOrEqual(of('Tim Mbay', mauponggo).length);
    expect(of('Tim Mbay', nearOffice).length).toBeGreaterThanOrEqual(of('Tim Mauponggo', nearOffice).length);
    expect(visits.find((v) => v.teamName === 'Tim Mauponggo')?.villageCode.startsWith('531604')).toBe(true);
    // Out and back from the base: 0 to the base village, 2 × 30 to its neighbour (same kecamatan), 2 × 95 to the
    // village near the office (the office's own figure for the team); the office team from the office.
    const expected: Record<string, number> = { [BASE]: 0, [NEIGHBOUR]: 60, [NEAR_OFFICE]: 190 };
    for (const v of of('Tim Mauponggo', () => true)) expect([v.villageCode, v.minutes.travel]).toEqual([v.villageCode, expected[v.villageCode]]);
    for (const v of of('Tim Mbay', nearOffice)) expect(v.minutes.travel).toBe(30);
  });
});

// Reference data of the outreach service on SQLite (service tier): teams (staff, equipment, services and capacity
// per visit-day), the villages seeded from the region data with their travel times, and the calendar (service
// weekdays, holidays, blackouts). Each endpoint: the happy path with its audit row, bad input (400) and broken
// rules (422) with nothing written, stale versions (409), and who may call (401 / 403 role / 403 region).
import type { TestApp } from '@adminduk/platform/testing';
import { Caller, startOutreach, writes } from './outreach-fixtures';

let t: TestApp;
let registrar: Caller;
let kecamatanOperator: Caller;

beforeAll(async () => {
  t = await startOutreach();
  registrar = new Caller(t, ['registrar'], ['5316']);
  kecamatanOperator = new Caller(t, ['operator'], ['531603']);
});
afterAll(() => t.close());

const KIT_TEAM = { name: 'Tim Jemput Bola 1', staffCount: 4, equipment: ['EKTP_RECORDING_KIT', 'LAPTOP', 'GENERATOR'], services: ['EKTP_RECORDING', 'KIA', 'HANDOVER'], capacity: { EKTP_RECORDING: 60, KIA: 40 } };

describe('teams', () => {
  let id: string;

  it('adds a team with its capacity per visit-day, lists and reads it, with one audit row', async () => {
    const before = await writes(t);
    const res = await registrar.call('POST', '/teams', KIT_TEAM);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ...KIT_TEAM, active: true, version: 1 });
    id = res.body.id;
    expect((await writes(t)).audit).toBe(before.audit + 1);
    expect((await registrar.call('GET', '/teams')).body.items.map((x: { name: string }) => x.name)).toContain('Tim Jemput Bola 1');
    expect((await kecamatanOperator.call('GET', `/teams/${id}`)).body).toMatchObject({ id, staffCount: 4 });
  });

  it('refuses a team that records e-KTPs without a kit, or has a capacity for a service it does not offer (422, every rule, nothing written)', async () => {
    const before = await writes(t);
    const res = await registrar.call('POST', '/teams', { ...KIT_TEAM, name: 'Tim Tanpa Alat', equipment: ['LAPTOP'], capacity: { EKTP_RECORDING: 60, BIRTH_DEED: 10 } });
    expect([res.status, res.body.code, res.contentType]).toEqual([422, 'TEAM_RULES_NOT_MET', expect.stringContaining('application/problem+json')]);
    expect(res.body.errors.map((e: { code: string; field: string }) => [e.code, e.field])).toEqual([
      ['TEAM_KIT_REQUIRED', 'equipment'],
      ['TEAM_CAPACITY_NOT_OFFERED', 'capacity.BIRTH_DEED'],
    ]);
    expect(await writes(t)).toEqual(before);
  });

  it('refuses malformed teams with 400 and the fields at fault, nothing written', async () => {
    const before = await writes(t);
    const res = await registrar.call('POST', '/teams', { name: '', staffCount: 0, equipment: ['HELICOPTER'], services: [], capacity: { EKTP_RECORDING: -1, FISHING: 3 } });
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.body.errors.map((e: { code: string; field: string }) => `${e.field} ${e.code}`).sort()).toEqual([
      'capacity.EKTP_RECORDING MIN',
      'capacity.FISHING UNKNOWN_FIELD',
      'equipment IS_IN',
      'name IS_LENGTH',
      'services ARRAY_MIN_SIZE',
      'staffCount MIN',
    ]);
    expect(await writes(t)).toEqual(before);
    const twice = await registrar.call('POST', '/teams', KIT_TEAM);
    expect([twice.status, twice.body.code]).toEqual([409, 'TEAM_NAME_TAKEN']);
  });

  it('changes a team at the version read; a stale version is 409 VERSION_CONFLICT', async () => {
    const res = await registrar.call('PATCH', `/teams/${id}`, { version: 1, staffCount: 5, capacity: { EKTP_RECORDING: 80 } });
    expect(res.body).toMatchObject({ staffCount: 5, capacity: { EKTP_RECORDING: 80 }, version: 2 });
    const stale = await registrar.call('PATCH', `/teams/${id}`, { version: 1, staffCount: 6 });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    const rules = await registrar.call('PATCH', `/teams/${id}`, { version: 2, equipment: ['LAPTOP'] });
    expect([rules.status, rules.body.errors[0].code]).toEqual([422, 'TEAM_KIT_REQUIRED']);
  });

  it('lets only callers of the whole regency change teams; removes a team', async () => {
    const outside = await kecamatanOperator.call('POST', '/teams', { ...KIT_TEAM, name: 'Tim Boawae' });
    expect([outside.status, outside.body.code]).toEqual([403, 'REGENCY_SCOPE_REQUIRED']);
    const analyst = await new Caller(t, ['analyst']).call('POST', '/teams', { ...KIT_TEAM, name: 'Tim Analis' });
    expect([analyst.status, analyst.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    const extra = await registrar.call('POST', '/teams', { ...KIT_TEAM, name: 'Tim Sementara' });
    expect((await registrar.call('DELETE', `/teams/${extra.body.id}`)).status).toBe(204);
    const gone = await registrar.call('GET', `/teams/${extra.body.id}`);
    expect([gone.status, gone.body.code]).toEqual([404, 'TEAM_NOT_FOUND']);
    const badId = await registrar.call('GET', '/teams/tim-1');
    expect([badId.status, badId.body.code]).toEqual([400, 'INVALID_ID']);
  });
});

describe('villages', () => {
  it("holds Nagekeo's 113 desa and kelurahan, seeded from the region data with the default travel time", async () => {
    const res = await registrar.call('GET', '/villages');
    expect(res.body.items).toHaveLength(113);
    expect(res.body.items[0]).toEqual({ code: '5316011001', name: 'Dhawe', kind: 'kelurahan', districtCode: '531601', districtName: 'Aesesa', travelMinutes: 60, travelSource: 'DEFAULT', active: true, version: 1 });
    expect((await registrar.call('GET', '/villages?districtCode=531605')).body.items.map((v: { name: string }) => v.name)).toEqual(['Tendatoto', 'Totomala', 'Tendakinde', 'Anakoli', 'Natatoto']);
  });

  it('takes a travel time entered by the office, at the version read', async () => {
    const res = await registrar.call('PATCH', '/villages/5316042002', { version: 1, travelMinutes: 150 });
    expect(res.body).toMatchObject({ code: '5316042002', name: 'Bela', travelMinutes: 150, travelSource: 'SET', version: 2 });
    const stale = await registrar.call('PATCH', '/villages/5316042002', { version: 1, active: false });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
  });

  it('refuses bad travel times (400), unknown or malformed codes (404, 400) and villages outside the region (403), nothing written', async () => {
    const before = await writes(t);
    const bad = await registrar.call('PATCH', '/villages/5316011001', { version: 1, travelMinutes: -5 });
    expect([bad.status, bad.body.errors[0].field]).toEqual([400, 'travelMinutes']);
    expect((await registrar.call('GET', '/villages/5316019999')).body.code).toBe('VILLAGE_NOT_FOUND');
    expect((await registrar.call('GET', '/villages/53.16.01')).body.code).toBe('INVALID_CODE');
    const outside = await kecamatanOperator.call('PATCH', '/villages/5316011001', { version: 1, travelMinutes: 20 });
    expect([outside.status, outside.body.code]).toEqual([403, 'OUTSIDE_REGION']);
    expect(await writes(t)).toEqual(before);
    expect((await kecamatanOperator.call('GET', '/villages')).body.items.every((v: { districtCode: string }) => v.districtCode === '531603')).toBe(true);
  });
});

describe('calendar', () => {
  it('goes out on Wednesday and Friday by default; the weekdays and the working day can be changed', async () => {
    const settings = await registrar.call('GET', '/calendar/settings');
    expect(settings.body).toEqual({ serviceDays: ['WED', 'FRI'], dayMinutes: 480, setupMinutes: 30, version: 1 });
    const changed = await registrar.call('PUT', '/calendar/settings', { version: 1, serviceDays: ['FRI', 'TUE', 'WED'], dayMinutes: 450, setupMinutes: 30 });
    expect(changed.body).toEqual({ serviceDays: ['TUE', 'WED', 'FRI'], dayMinutes: 450, setupMinutes: 30, version: 2 });
    const back = await registrar.call('PUT', '/calendar/settings', { version: 2, serviceDays: ['WED', 'FRI'], dayMinutes: 480, setupMinutes: 30 });
    expect(back.status).toBe(200);
  });

  it('refuses no service day, unknown weekdays, a setup longer than the day, and a stale version', async () => {
    const before = await writes(t);
    const bad = await registrar.call('PUT', '/calendar/settings', { version: 3, serviceDays: ['SUNDAY'], dayMinutes: 480, setupMinutes: 30 });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const none = await registrar.call('PUT', '/calendar/settings', { version: 3, serviceDays: [], dayMinutes: 480, setupMinutes: 30 });
    expect(none.status).toBe(400);
    const rules = await registrar.call('PUT', '/calendar/settings', { version: 3, serviceDays: ['WED'], dayMinutes: 120, setupMinutes: 200 });
    expect([rules.status, rules.body.errors[0].code]).toEqual([422, 'SETUP_LONGER_THAN_DAY']);
    const stale = await registrar.call('PUT', '/calendar/settings', { version: 1, serviceDays: ['WED'], dayMinutes: 480, setupMinutes: 30 });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    expect(await writes(t)).toEqual(before);
  });

  it('keeps public holidays and blackout dates: add, list, refuse twice, remove', async () => {
    const christmas = await registrar.call('POST', '/calendar/days', { date: '2099-12-25', kind: 'HOLIDAY', name: 'Hari Raya Natal' });
    expect([christmas.status, christmas.body]).toEqual([201, { date: '2099-12-25', kind: 'HOLIDAY', name: 'Hari Raya Natal' }]);
    await registrar.call('POST', '/calendar/days', { date: '2099-12-23', kind: 'BLACKOUT', name: 'Rapat kerja kantor' });
    const list = await registrar.call('GET', '/calendar/days?from=2099-12-01&to=2099-12-31');
    expect(list.body.items.map((d: { date: string; kind: string }) => `${d.date} ${d.kind}`)).toEqual(['2099-12-23 BLACKOUT', '2099-12-25 HOLIDAY']);
    const twice = await registrar.call('POST', '/calendar/days', { date: '2099-12-25', kind: 'BLACKOUT', name: 'Lagi' });
    expect([twice.status, twice.body.code]).toEqual([409, 'CALENDAR_DAY_EXISTS']);
    expect((await registrar.call('DELETE', '/calendar/days/2099-12-23')).status).toBe(204);
    expect((await registrar.call('DELETE', '/calendar/days/2099-12-23')).body.code).toBe('CALENDAR_DAY_NOT_FOUND');
  });

  it('refuses dates that do not exist, unknown kinds, and callers of part of the regency', async () => {
    const before = await writes(t);
    const feb30 = await registrar.call('POST', '/calendar/days', { date: '2099-02-30', kind: 'HOLIDAY', name: 'Tidak ada' });
    expect([feb30.status, feb30.body.errors[0].code]).toEqual([400, 'DATE_INVALID']);
    const kind = await registrar.call('POST', '/calendar/days', { date: '2099-03-01', kind: 'PARTY', name: 'Pesta' });
    expect([kind.status, kind.body.errors[0].field]).toEqual([400, 'kind']);
    const outside = await kecamatanOperator.call('POST', '/calendar/days', { date: '2099-03-02', kind: 'BLACKOUT', name: 'Rapat' });
    expect([outside.status, outside.body.code]).toEqual([403, 'REGENCY_SCOPE_REQUIRED']);
    expect((await registrar.call('GET', '/calendar/days?from=2099-13-01')).body.errors[0].code).toBe('DATE_INVALID');
    expect(await writes(t)).toEqual(before);
  });
});

// What acts on the whole regency needs a region scope covering the whole regency (issue 16: regions `*` or the
// regency's code): the teams, the calendar, and making or publishing a plan. A registrar or an admin of one village
// or one kecamatan — or of every kecamatan listed one by one — gets 403 REGENCY_SCOPE_REQUIRED, and nothing is
// written; a regency-wide capacity projection is refused to them the same way.
import type { Role } from '@adminduk/platform';
import type { TestApp } from '@adminduk/platform/testing';
import { Caller, plusDays, startOutreach, TODAY, writes } from './outreach-fixtures';

let t: TestApp;
let regency: Caller;
let teamId: string;

const TEAM = { name: 'Tim Cakupan', staffCount: 3, equipment: ['EKTP_RECORDING_KIT'], services: ['EKTP_RECORDING'], capacity: { EKTP_RECORDING: 50 } };
const EVERY_KECAMATAN = ['531601', '531602', '531603', '531604', '531605', '531606', '531607'];

const PART_OF_THE_REGENCY: readonly [string, Role, string[]][] = [
  ['a registrar of one village', 'registrar', ['5316011003']],
  ['a registrar of one kecamatan', 'registrar', ['531601']],
  ['an admin of one kecamatan', 'admin', ['531603']],
  ['a registrar of every kecamatan, listed one by one', 'registrar', EVERY_KECAMATAN],
  ['an admin of one village', 'admin', ['5316012002']],
];

type Request = readonly [method: 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'GET', url: () => string, payload?: () => object];

const ENDPOINTS: Readonly<Record<string, Request>> = {
  'POST /teams': ['POST', () => '/teams', () => ({ ...TEAM, name: 'Tim Desa' })],
  'PATCH /teams/{id}': ['PATCH', () => `/teams/${teamId}`, () => ({ version: 1, staffCount: 5 })],
  'DELETE /teams/{id}': ['DELETE', () => `/teams/${teamId}`],
  'PUT /calendar/settings': ['PUT', () => '/calendar/settings', () => ({ version: 1, serviceDays: ['WED'], dayMinutes: 480, setupMinutes: 30 })],
  'POST /calendar/days': ['POST', () => '/calendar/days', () => ({ date: '2099-03-02', kind: 'BLACKOUT', name: 'Rapat desa' })],
  'DELETE /calendar/days/{date}': ['DELETE', () => '/calendar/days/2099-12-25'],
  'POST /plans': ['POST', () => '/plans', () => ({ weeks: 1 })],
  'POST /plans/{id}/publish': ['POST', () => '/plans/0190a0a0-0000-7000-8000-000000000001/publish'],
  'GET /projection/capacity': ['GET', () => `/projection/capacity?date=${plusDays(TODAY, 90)}`],
};

beforeAll(async () => {
  t = await startOutreach();
  regency = new Caller(t, ['registrar'], ['5316']);
  const team = await regency.call('POST', '/teams', TEAM);
  if (team.status !== 201) throw new Error(`set-up: POST /teams answered ${team.status}`);
  teamId = team.body.id;
  const day = await regency.call('POST', '/calendar/days', { date: '2099-12-25', kind: 'HOLIDAY', name: 'Hari Raya Natal' });
  if (day.status !== 201) throw new Error(`set-up: POST /calendar/days answered ${day.status}`);
});
afterAll(() => t?.close());

describe.each(Object.entries(ENDPOINTS))('%s acts on the whole regency', (_name, [method, url, payload]) => {
  it.each(PART_OF_THE_REGENCY)('refuses %s with 403 REGENCY_SCOPE_REQUIRED, writing nothing', async (_who, role, regions) => {
    const before = await writes(t);
    const res = await new Caller(t, [role], regions).call(method, url(), payload?.());
    expect([res.status, res.body?.code, res.contentType]).toEqual([403, 'REGENCY_SCOPE_REQUIRED', expect.stringContaining('application/problem+json')]);
    expect(await writes(t)).toEqual(before);
  });
});

describe('a scope covering the whole regency may', () => {
  it.each([
    ['the regency', ['5316']],
    ['everywhere', ['*']],
  ])('change the teams and the calendar (%s)', async (_what, regions) => {
    const caller = new Caller(t, ['registrar'], regions);
    const name = `Tim ${regions.join('')}`;
    const team = await caller.call('POST', '/teams', { ...TEAM, name });
    expect([team.status, team.body.name]).toEqual([201, name]);
    expect((await caller.call('DELETE', `/teams/${team.body.id}`)).status).toBe(204);
    const date = regions[0] === '*' ? '2099-05-05' : '2099-05-06';
    expect((await caller.call('POST', '/calendar/days', { date, kind: 'BLACKOUT', name: 'Rapat' })).status).toBe(201);
    expect((await caller.call('DELETE', `/calendar/days/${date}`)).status).toBe(204);
  });
});

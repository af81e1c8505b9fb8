// Plans of village visits on SQLite (service tier), as the office lives them: a draft made from the backlog, the
// teams and the calendar by the domain library's planner; published (outreach.plan.published.v1); a visit
// cancelled for the weather and the weeks after it re-planned in a new version that keeps the past; an outcome
// reported (outreach.visit.completed.v1) and reconciled with the e-KTP recordings and deed applications the
// registers hold with the visit's id; and the projection of when the e-KTP target is reached. Bad input (400),
// broken rules (422) and conflicts (409) write nothing; roles and region scope are enforced.
import { SUBJECTS } from '@adminduk/contracts';
import { uuidv7 } from '@adminduk/platform';
import type { TestApp } from '@adminduk/platform/testing';
import { Caller, deedStep, deliver, ektp, kia, nextWeekday, onHoliday, outbox, plusDays, registered, startOutreach, TODAY, writes, yearsAgo } from './outreach-fixtures';

let t: TestApp;
let registrar: Caller;
let operator: Caller;

const DHAWE = '5316011001';
const BELA = '5316042002';
const TENDATOTO = '5316052001';
const MONDAY = nextWeekday(plusDays(TODAY, 1), 1);
const day = (n: number) => plusDays(MONDAY, n);
const ALL = ['EKTP_RECORDING', 'BIRTH_DEED', 'KIA', 'APPLICATION', 'HANDOVER'];

interface Visit {
  id: string;
  date: string;
  teamName: string;
  villageCode: string;
  status: string;
  planned: Record<string, number>;
}

beforeAll(async () => {
  t = await startOutreach();
  registrar = new Caller(t, ['registrar'], ['5316']);
  operator = new Caller(t, ['operator'], ['5316']);
  for (const name of ['Tim 1', 'Tim 2']) {
    const res = await registrar.call('POST', '/teams', { name, staffCount: 4, equipment: ['EKTP_RECORDING_KIT', 'LAPTOP'], services: ALL, capacity: { EKTP_RECORDING: 60 } });
    expect(res.status).toBe(201);
  }
  expect((await registrar.call('PATCH', `/villages/${BELA}`, { version: 1, travelMinutes: 150 })).status).toBe(200);
  const adults = (villageCode: string, n: number) => Array.from({ length: n }, () => registered({ birthDate: yearsAgo(20 + (n % 30)), districtCode: villageCode.slice(0, 6), villageCode }));
  for (const r of [...adults(DHAWE, 150), ...adults(BELA, 40)]) await deliver(t, SUBJECTS.identity.residentRegistered, r);
  for (let i = 0; i < 10; i++) await deliver(t, SUBJECTS.identity.residentRegistered, registered({ birthDate: yearsAgo(8), districtCode: '531605', villageCode: TENDATOTO }));
}, 60_000);
afterAll(() => t.close());

const servedIn = (visits: Visit[], village: string, kind = 'EKTP_RECORDING') => visits.filter((v) => v.villageCode === village).reduce((n, v) => n + (v.planned[kind] as number), 0);

describe('POST /plans: a draft from the backlog, the teams and the calendar', () => {
  let draft: { id: string; visits: Visit[] };

  it('plans visits on Wednesdays and Fridays, where the backlog is, never more than it, with an audit row and no event', async () => {
    const before = await writes(t);
    const res = await registrar.call('POST', '/plans', { weeks: 2, startDate: MONDAY });
    expect(res.status).toBe(201);
    draft = res.body;
    expect(res.body).toMatchObject({ status: 'DRAFT', version: 1, origin: 'GENERATED', seriesId: res.body.id, asOf: TODAY, startDate: MONDAY, endDate: day(13), weeks: 2 });
    expect(res.body.backlog).toEqual({ EKTP_RECORDING: 190, BIRTH_DEED: 10, KIA: 10, APPLICATION: 0, HANDOVER: 0 });
    const dates = [...new Set(draft.visits.map((v) => v.date))];
    expect(dates.every((d) => [day(2), day(4), day(9), day(11)].includes(d))).toBe(true);
    expect(new Set(draft.visits.map((v) => v.villageCode))).toEqual(new Set([DHAWE, BELA, TENDATOTO]));
    expect(servedIn(draft.visits, DHAWE)).toBeLessThanOrEqual(150);
    expect(servedIn(draft.visits, BELA)).toBeLessThanOrEqual(40);
    expect(draft.visits[0]).toMatchObject({ teamName: expect.stringMatching(/^Tim [12]$/), status: 'PLANNED', outcome: null, villageName: expect.any(String) });
    expect(draft.visits.every((v) => (v as Visit & { minutes: { total: number } }).minutes.total <= 480)).toBe(true);
    expect(await writes(t)).toEqual({ audit: before.audit + 1, outbox: before.outbox });
  });

  it('is deterministic: the same backlog, teams and calendar give the same visits', async () => {
    const again = await registrar.call('POST', '/plans', { weeks: 2, startDate: MONDAY });
    const shape = (visits: Visit[]) => visits.map((v) => [v.date, v.teamName, v.villageCode, v.planned]);
    expect(shape(again.body.visits)).toEqual(shape(draft.visits));
  });

  it('skips holidays and blackout dates of the calendar', async () => {
    expect((await registrar.call('POST', '/calendar/days', { date: day(2), kind: 'HOLIDAY', name: 'Libur Uji' })).status).toBe(201);
    const res = await registrar.call('POST', '/plans', { weeks: 1, startDate: MONDAY });
    // The office's own holiday extends the national calendar (NATIONAL_HOLIDAYS) and keeps its name.
    expect(res.body.skippedDates).toEqual([{ date: day(2), reason: 'HOLIDAY', name: 'Libur Uji' }]);
    expect(res.body.visits.every((v: Visit) => v.date === day(4))).toBe(true);
    expect((await registrar.call('DELETE', `/calendar/days/${day(2)}`)).status).toBe(204);
  });

  it('refuses bad input (400), what the planner cannot plan (422 with its codes), and callers who may not plan, writing nothing', async () => {
    const before = await writes(t);
    for (const body of [{ weeks: 0 }, { weeks: 53 }, { weeks: 2, startDate: '2027-02-30' }, { weeks: 2, startDate: '02/12/2026' }, { weeks: 2, teams: [] }]) {
      const res = await registrar.call('POST', '/plans', body);
      expect([res.status, res.body.code, res.contentType]).toEqual([400, 'VALIDATION_FAILED', expect.stringContaining('application/problem+json')]);
    }
    const past = await registrar.call('POST', '/plans', { weeks: 2, startDate: plusDays(TODAY, -1) });
    expect([past.status, past.body.code, past.body.errors[0]]).toEqual([422, 'PLAN_INPUT_REFUSED', expect.objectContaining({ code: 'PLAN_START_BEFORE_AS_OF', field: 'startDate' })]);
    const kecamatan = await new Caller(t, ['registrar'], ['531601']).call('POST', '/plans', { weeks: 2 });
    expect([kecamatan.status, kecamatan.body.code]).toEqual([403, 'REGENCY_SCOPE_REQUIRED']);
    expect((await operator.call('POST', '/plans', { weeks: 2 })).body.code).toBe('ROLE_NOT_ALLOWED');
    expect(await writes(t)).toEqual(before);
  });

  it('reads a plan with its visits (a caller of one kecamatan sees its own), lists plans, 404 and 400 for unknown and bad ids', async () => {
    const full = await operator.call('GET', `/plans/${draft.id}`);
    expect(full.body.visits).toEqual(draft.visits);
    const mauponggo = await new Caller(t, ['operator'], ['531604']).call('GET', `/plans/${draft.id}`);
    expect(mauponggo.body.visits.length).toBeGreaterThan(0);
    expect(mauponggo.body.visits.every((v: Visit) => v.villageCode === BELA)).toBe(true);
    const list = await operator.call('GET', '/plans?status=DRAFT');
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(draft.id);
    expect(list.body.items[0]).not.toHaveProperty('visits');
    expect((await operator.call('GET', `/plans/${uuidv7()}`)).body.code).toBe('PLAN_NOT_FOUND');
    expect((await operator.call('GET', '/plans/x')).body.code).toBe('INVALID_ID');
    expect((await operator.call('GET', '/plans?status=OLD')).status).toBe(400);
  });
});

describe('publish, cancel and re-plan', () => {
  let first: { id: string; visits: Visit[] };
  let published: { id: string; seriesId: string; visits: Visit[] };
  let superseded: { id: string; replaced: Visit };

  it('publishes a draft with an outreach.plan.published.v1 event listing its visits; only a draft is published', async () => {
    first = (await registrar.call('POST', '/plans', { weeks: 2, startDate: MONDAY })).body;
    const res = await registrar.call('POST', `/plans/${first.id}/publish`);
    expect([res.status, res.body.status]).toEqual([200, 'PUBLISHED']);
    const [event] = (await outbox(t, SUBJECTS.outreach.planPublished)).filter((e) => e.planId === first.id);
    expect(event).toMatchObject({ planId: first.id, seriesId: first.id, version: 1, reason: 'PUBLISHED', startDate: MONDAY, endDate: day(13) });
    expect(event?.visits.map((v: { visitId: string }) => v.visitId)).toEqual(first.visits.map((v) => v.id));
    expect(event?.visits[0]).toEqual({ visitId: first.visits[0]?.id, date: first.visits[0]?.date, teamId: expect.any(String), teamName: first.visits[0]?.teamName, districtCode: expect.any(String), villageCode: first.visits[0]?.villageCode, services: first.visits[0]?.planned });
    const again = await registrar.call('POST', `/plans/${first.id}/publish`);
    expect([again.status, again.body.code]).toEqual([409, 'PLAN_NOT_DRAFT']);
  });

  it('publishing another draft supersedes the plan published before', async () => {
    const second = (await registrar.call('POST', '/plans', { weeks: 2, startDate: MONDAY })).body;
    published = (await registrar.call('POST', `/plans/${second.id}/publish`)).body;
    expect((await operator.call('GET', `/plans/${first.id}`)).body.status).toBe('SUPERSEDED');
    expect((await operator.call('GET', '/plans?status=PUBLISHED')).body.items.map((p: { id: string }) => p.id)).toEqual([second.id]);
  });

  it('refuses to cancel a visit of a draft or of a superseded plan, with a bad reason, or outside the region, writing nothing', async () => {
    const draft = (await registrar.call('POST', '/plans', { weeks: 1, startDate: MONDAY })).body;
    const before = await writes(t);
    const onDraft = await operator.call('POST', `/plans/${draft.id}/visits/${draft.visits[0].id}/cancel`, { reason: 'WEATHER' });
    expect([onDraft.status, onDraft.body.code]).toEqual([409, 'PLAN_NOT_PUBLISHED']);
    const onOld = await operator.call('POST', `/plans/${first.id}/visits/${first.visits[0]?.id}/cancel`, { reason: 'WEATHER' });
    expect([onOld.status, onOld.body.code]).toEqual([409, 'PLAN_SUPERSEDED']);
    const reason = await operator.call('POST', `/plans/${published.id}/visits/${published.visits[0]?.id}/cancel`, { reason: 'BAD_LUCK' });
    expect([reason.status, reason.body.errors[0].field]).toEqual([400, 'reason']);
    const dhaweVisit = published.visits.find((v) => v.villageCode === DHAWE) as Visit;
    const outside = await new Caller(t, ['operator'], ['531604']).call('POST', `/plans/${published.id}/visits/${dhaweVisit.id}/cancel`, { reason: 'WEATHER' });
    expect([outside.status, outside.body.code]).toEqual([403, 'OUTSIDE_REGION']);
    const foreign = await operator.call('POST', `/plans/${published.id}/visits/${draft.visits[0].id}/cancel`, { reason: 'WEATHER' });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'VISIT_NOT_FOUND']);
    expect(await writes(t)).toEqual(before);
  });

  it('cancels a visit for the weather: a new published version keeps the past (same visit ids) and re-plans the weeks after it', async () => {
    const cancelled = published.visits.find((v) => v.date === day(4)) as Visit;
    const before = await writes(t);
    const res = await operator.call('POST', `/plans/${published.id}/visits/${cancelled.id}/cancel`, { reason: 'WEATHER' });
    expect(res.status).toBe(201);
    const next = res.body;
    expect(next).toMatchObject({ seriesId: published.seriesId, version: 2, status: 'PUBLISHED', origin: 'REPLANNED', previousPlanId: published.id, cancelledVisitId: cancelled.id, startDate: MONDAY, endDate: day(13) });
    expect((await operator.call('GET', `/plans/${published.id}`)).body.status).toBe('SUPERSEDED');

    const kept = published.visits.filter((v) => v.date <= day(4));
    const keptNow = next.visits.filter((v: Visit) => v.date <= day(4));
    expect(keptNow.map((v: Visit) => v.id)).toEqual(kept.map((v) => v.id));
    expect(keptNow.find((v: Visit) => v.id === cancelled.id)).toMatchObject({ status: 'CANCELLED', cancelReason: 'WEATHER' });
    const replanned = next.visits.filter((v: Visit) => v.date > day(4));
    expect(replanned.length).toBeGreaterThan(0);
    expect(replanned.every((v: Visit) => [day(9), day(11)].includes(v.date) && !published.visits.some((old) => old.id === v.id))).toBe(true);
    // The re-plan never promises what the kept visits still to come will serve.
    const stillPlanned = next.visits.filter((v: Visit) => v.status === 'PLANNED');
    expect(servedIn(stillPlanned, DHAWE)).toBeLessThanOrEqual(150);
    expect(servedIn(stillPlanned, BELA)).toBeLessThanOrEqual(40);

    const [event] = (await outbox(t, SUBJECTS.outreach.planPublished)).filter((e) => e.planId === next.id);
    expect(event).toMatchObject({ reason: 'REPLANNED', version: 2, previousPlanId: published.id, cancelledVisitId: cancelled.id });
    expect(event?.visits.map((v: { visitId: string }) => v.visitId)).toEqual(stillPlanned.map((v: Visit) => v.id));
    expect(await writes(t)).toEqual({ audit: before.audit + 2, outbox: before.outbox + 1 });

    const twice = await operator.call('POST', `/plans/${next.id}/visits/${cancelled.id}/cancel`, { reason: 'WEATHER' });
    expect([twice.status, twice.body.code]).toEqual([409, 'VISIT_CANCELLED']);
    superseded = { id: published.id, replaced: published.visits.find((v) => v.date > day(4)) as Visit };
    published = next;
  });

  it('refuses the outcome of a visit that has not taken place yet (422), was cancelled or was re-planned away (409)', async () => {
    const away = await operator.call('POST', `/plans/${superseded.id}/visits/${superseded.replaced.id}/outcome`, { EKTP_RECORDING: 10 });
    expect([away.status, away.body.code]).toEqual([409, 'VISIT_REPLANNED']);
    const future = published.visits.find((v) => v.status === 'PLANNED') as Visit;
    const early = await operator.call('POST', `/plans/${published.id}/visits/${future.id}/outcome`, { EKTP_RECORDING: 10 });
    expect([early.status, early.body.code]).toEqual([422, 'VISIT_NOT_YET_DUE']);
    const cancelled = published.visits.find((v) => v.status === 'CANCELLED') as Visit;
    const gone = await operator.call('POST', `/plans/${published.id}/visits/${cancelled.id}/outcome`, { EKTP_RECORDING: 10 });
    expect([gone.status, gone.body.code]).toEqual([409, 'VISIT_CANCELLED']);
  });
});

describe('a visit today: its outcome, and the records of the registers that carry its id', () => {
  let plan: { id: string; seriesId: string; visits: Visit[] };
  let visit: Visit;

  beforeAll(async () => {
    // Every weekday a service day for a moment, so that a plan from today has a visit today whatever the day.
    const settings = (await registrar.call('GET', '/calendar/settings')).body;
    await registrar.call('PUT', '/calendar/settings', { version: settings.version, serviceDays: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], dayMinutes: 480, setupMinutes: 30 });
    const draft = (await registrar.call('POST', '/plans', { weeks: 1, startDate: TODAY, ...onHoliday(TODAY) })).body;
    plan = (await registrar.call('POST', `/plans/${draft.id}/publish`)).body;
    await registrar.call('PUT', '/calendar/settings', { version: settings.version + 1, serviceDays: ['WED', 'FRI'], dayMinutes: 480, setupMinutes: 30 });
    visit = plan.visits.find((v) => v.date === TODAY) as Visit;
  });

  it('records what the team did with an outreach.visit.completed.v1 event; once only', async () => {
    expect(visit).toBeDefined();
    const res = await operator.call('POST', `/plans/${plan.id}/visits/${visit.id}/outcome`, { EKTP_RECORDING: 3, BIRTH_DEED: 1, HANDOVER: 2 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: visit.id, status: 'COMPLETED', outcome: { EKTP_RECORDING: 3, BIRTH_DEED: 1, KIA: 0, APPLICATION: 0, HANDOVER: 2 } });
    const [event] = (await outbox(t, SUBJECTS.outreach.visitCompleted)).filter((e) => e.visitId === visit.id);
    expect(event).toMatchObject({ visitId: visit.id, planId: plan.id, seriesId: plan.seriesId, date: TODAY, villageCode: visit.villageCode, planned: visit.planned, done: { EKTP_RECORDING: 3, BIRTH_DEED: 1, KIA: 0, APPLICATION: 0, HANDOVER: 2 } });
    const twice = await operator.call('POST', `/plans/${plan.id}/visits/${visit.id}/outcome`, { EKTP_RECORDING: 3 });
    expect([twice.status, twice.body.code]).toEqual([409, 'VISIT_COMPLETED']);
  });

  it('refuses negative or unknown counts (400) and a visit outside the region (403), writing nothing', async () => {
    const other = plan.visits.find((v) => v.id !== visit.id && v.date === TODAY) ?? plan.visits[1] as Visit;
    const before = await writes(t);
    const bad = await operator.call('POST', `/plans/${plan.id}/visits/${other.id}/outcome`, { EKTP_RECORDING: -1, PHOTOS: 3 });
    expect(bad.body.errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`).sort()).toEqual(['EKTP_RECORDING MIN', 'PHOTOS UNKNOWN_FIELD']);
    const outside = await new Caller(t, ['operator'], [visit.villageCode.startsWith('531607') ? '531601' : '531607']).call('POST', `/plans/${plan.id}/visits/${visit.id}/outcome`, {});
    expect([outside.status, outside.body.code]).toEqual([403, 'OUTSIDE_REGION']);
    expect(await writes(t)).toEqual(before);
  });

  it("reconciles the outcome with the e-KTP recordings and deed applications that carry the visit's id", async () => {
    const where = { districtCode: visit.villageCode.slice(0, 6), villageCode: visit.villageCode };
    const residents = Array.from({ length: 2 }, () => registered({ birthDate: yearsAgo(30), ...where }));
    for (const r of residents) {
      await deliver(t, SUBJECTS.identity.residentRegistered, r);
      const recorded = ektp(r.residentId, 'NOT_RECORDED', 'RECORDED', { channel: 'OUTREACH', visitId: visit.id, action: 'RECORD_BIOMETRICS', ...where });
      await deliver(t, SUBJECTS.identity.ektpStatusChanged, recorded);
      await deliver(t, SUBJECTS.identity.ektpStatusChanged, recorded); // the same recording in a second event
    }
    await deliver(t, SUBJECTS.deeds.deedStatusChanged, deedStep(uuidv7(), null, 'SUBMITTED', { deedType: 'BIRTH', channel: 'OUTREACH', visitId: visit.id, ...where }));
    // A KIA printed on the visit (a team with a printer), and one handed over there: the KIA service and a hand-over.
    const child = registered({ birthDate: yearsAgo(3), ...where });
    await deliver(t, SUBJECTS.identity.residentRegistered, child);
    await deliver(t, SUBJECTS.identity.kiaStatusChanged, kia(child.residentId, 'NOT_ISSUED', 'PRINTED', { action: 'PRINT', channel: 'OUTREACH', visitId: visit.id, ...where }));
    await deliver(t, SUBJECTS.identity.kiaStatusChanged, kia(child.residentId, 'PRINTED', 'ISSUED', { action: 'ISSUE', channel: 'OUTREACH', visitId: visit.id, ...where }));
    // A kutipan akta handed over on the visit (deeds 0.2: the ISSUE step's own channel and visit): the second hand-over.
    const deed = uuidv7();
    await deliver(t, SUBJECTS.deeds.deedStatusChanged, deedStep(deed, 'REGISTERED', 'ISSUED', { stepChannel: 'OUTREACH', stepVisitId: visit.id, ...where }));
    // A KIA printed at the office, and a step without a visit: no link. Nor a kutipan from a deeds 0.1 event (no step place).
    await deliver(t, SUBJECTS.identity.kiaStatusChanged, kia(uuidv7(), 'NOT_ISSUED', 'PRINTED', { action: 'PRINT', channel: 'OFFICE', ...where }));
    await deliver(t, SUBJECTS.deeds.deedStatusChanged, deedStep(uuidv7(), 'REGISTERED', 'ISSUED', where));
    const res = await operator.call('GET', `/plans/${plan.id}/visits/${visit.id}`);
    expect(res.body.linked).toEqual({ EKTP_RECORDING: 2, BIRTH_DEED: 1, KIA: 1, APPLICATION: 0, HANDOVER: 2 });
    expect(res.body.reconciliation.map((r: { kind: string; status: string; mismatch: boolean }) => `${r.kind} ${r.status} ${r.mismatch}`)).toEqual([
      'EKTP_RECORDING FEWER_LINKED true',
      'BIRTH_DEED MATCH false',
      'KIA MORE_LINKED true',
      'APPLICATION MATCH false',
      'HANDOVER MATCH false',
    ]);
    expect(res.body.mismatch).toBe(true);
    expect(res.body.links).toHaveLength(6);
    expect(res.body.links).toContainEqual(expect.objectContaining({ kind: 'KIA', recordId: child.residentId, recordType: 'RESIDENT' }));
    expect(res.body.links).toContainEqual(expect.objectContaining({ kind: 'HANDOVER', recordId: deed, recordType: 'DEED' }));
    expect(res.body.links.filter((l: { recordType: string }) => l.recordType === 'DEED')).toHaveLength(2);
  });
});

describe('projection: when the e-KTP target is reached, and what it takes by a date', () => {
  it('projects every kecamatan and the regency at the current capacity (active e-KTP teams × service days)', async () => {
    const res = await operator.call('GET', '/projection?target=99.4');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ asOf: TODAY, targetPercent: 99.4, method: 'TEAM_DAYS', capacity: { ektpTeams: 2, serviceDaysPerWeek: 2, teamDaysPerWeek: 4 } });
    expect(res.body.districts.map((d: { name: string }) => d.name)).toEqual(['Aesesa', 'Nangaroro', 'Boawae', 'Mauponggo', 'Wolowae', 'Keo Tengah', 'Aesesa Selatan']);
    const aesesa = res.body.districts[0];
    expect(aesesa.start.notRecorded).toBeGreaterThan(0);
    expect(aesesa.target.week).toBeGreaterThan(0);
    expect(res.body.regency).toMatchObject({ code: '5316', name: 'Kabupaten Nagekeo', target: { week: expect.any(Number) } });
    const none = await operator.call('GET', '/projection?teamDaysPerWeek=0');
    expect(none.body.districts[0].target).toBeNull();
  });

  it('estimates the capacity that reaches the target by a date, for the regency and every kecamatan', async () => {
    const res = await operator.call('GET', `/projection/capacity?date=${plusDays(TODAY, 120)}&target=99.4`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ method: 'FLUID_BOUND', targetPercent: 99.4, current: { teamDaysPerWeek: 4 }, regency: { teamDaysPerWeek: expect.any(Number), teams: expect.any(Number) } });
    expect(res.body.everyKecamatan.teamDaysPerWeek).toBeGreaterThanOrEqual(res.body.regency.teamDaysPerWeek);
  });

  it('refuses bad input (400), a date before today (422), and gives a kecamatan its own lines only', async () => {
    expect((await operator.call('GET', '/projection?target=120')).body.code).toBe('VALIDATION_FAILED');
    expect((await operator.call('GET', '/projection/capacity')).body.errors[0].field).toBe('date');
    expect((await operator.call('GET', '/projection/capacity?date=2027-02-30')).body.errors[0].code).toBe('DATE_INVALID');
    const past = await operator.call('GET', `/projection/capacity?date=${plusDays(TODAY, -7)}`);
    expect([past.status, past.body.code, past.body.errors[0].code]).toEqual([422, 'PROJECTION_REFUSED', 'PLAN_TARGET_DATE_INVALID']);
    const boawae = new Caller(t, ['analyst'], ['531603']);
    const own = await boawae.call('GET', '/projection');
    expect([own.body.districts.map((d: { code: string }) => d.code), own.body.regency]).toEqual([['531603'], null]);
    expect((await boawae.call('GET', `/projection/capacity?date=${plusDays(TODAY, 120)}`)).body.code).toBe('REGENCY_SCOPE_REQUIRED');
  });
});

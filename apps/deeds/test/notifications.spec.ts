// Partners' reports (service tier, SQLite): a report opens a case, NOTIFIED; the same event reported again — by
// another partner, or retried — is one case; an Idempotency-Key retry gets the first answer and writes nothing;
// twins are two cases; a report outside the partner's region is refused; the partner can follow its report.
import { MikroORM } from '@mikro-orm/core';
import { OutboxEvent } from '@adminduk/platform';
import { SUBJECTS } from '@adminduk/contracts';
import { TEST_JWT_SECRET, type TestApp } from '@adminduk/platform/testing';
import { SignJWT } from 'jose';
import { DeedNotification } from '../src/cases/deed-notification.entity';
import { DeedRecord } from '../src/cases/deed-record.entity';
import { birthReport, bootDeeds, Caller, deathReport, family, nik, PARTNERS } from './deed-fixtures';

let t: TestApp;
let pustu: Caller;
let puskesmas: Caller;
let rt: Caller;
let operator: Caller;

beforeAll(async () => {
  t = await bootDeeds();
  pustu = Caller.partner(t, PARTNERS.pustuBoawae);
  puskesmas = Caller.partner(t, PARTNERS.puskesmasBoawae);
  rt = Caller.partner(t, PARTNERS.rtLabolewa);
  operator = await Caller.user(t, ['operator'], ['5316']);
});
afterAll(() => t?.close());

const em = () => t.app.get(MikroORM).em.fork();
const casesFor = (deedId: string) => em().count(DeedRecord, { id: deedId });
const statusEvents = async (deedId: string) =>
  (await em().find(OutboxEvent, { subject: SUBJECTS.deeds.deedStatusChanged })).filter((e) => (e.payload as { deedId: string }).deedId === deedId);

describe('a partner reports an event', () => {
  it('opens a NOTIFIED case with the report, and publishes its first status change', async () => {
    const report = birthReport();
    const res = await pustu.post('/notifications', report);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ deedType: 'BIRTH', duplicate: false, status: 'NOTIFIED', ready: false, deedNumber: null });
    const deed = await operator.get(`/deeds/${res.body.deedId}`);
    expect(deed.body).toMatchObject({
      status: 'NOTIFIED',
      channel: 'PARTNER',
      districtCode: '531603',
      eventDate: report.eventDate,
      milestones: { notifiedBy: 'HEALTH_POST' },
      timeliness: { class: 'ON_TIME', deadlineDays: 60, daysLate: 0, headDecisionRequired: false },
      programme: 'BLAS',
      allowedActions: ['SUBMIT', 'ARCHIVE'],
      notifications: [{ partnerId: 'pustu-boawae', partnerKind: 'HEALTH_POST', outcome: 'OPENED' }],
    });
    const events = await statusEvents(res.body.deedId);
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ deedId: res.body.deedId, deedType: 'BIRTH', from: null, to: 'NOTIFIED', channel: 'PARTNER', districtCode: '531603', timeliness: 'ON_TIME' }),
    ]);
    // The event is for reporting: no personal data in it.
    expect(JSON.stringify(events[0]?.payload)).not.toContain(report.particulars.mother.nik);
  });

  it('the same birth reported by the health post and the puskesmas is one case: the second lands on it (200)', async () => {
    const parents = family('531603');
    const first = await pustu.post('/notifications', birthReport(parents));
    const second = await puskesmas.post('/notifications', { ...birthReport(parents), partnerKind: 'HOSPITAL', particulars: { ...birthReport(parents).particulars, place: 'Puskesmas Boawae' } });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ deedId: first.body.deedId, duplicate: true, status: 'NOTIFIED' });
    expect(second.body.id).not.toBe(first.body.id);
    expect(await casesFor(first.body.deedId)).toBe(1);
    expect(await statusEvents(first.body.deedId)).toHaveLength(1);
    const deed = await operator.get(`/deeds/${first.body.deedId}`);
    expect(deed.body.notifications.map((n: { partnerId: string; outcome: string }) => [n.partnerId, n.outcome])).toEqual([
      ['pustu-boawae', 'OPENED'],
      ['puskesmas-boawae', 'DUPLICATE'],
    ]);
    expect(deed.body.version).toBe(1);
  });

  it('knows the mother by name and village when she has no NIK, and a reporter spelling her name otherwise is the same case', async () => {
    const report = birthReport(family('531603'));
    const noNik = { ...report, particulars: { ...report.particulars, mother: { fullName: 'Maria Goreti Wea' } } };
    const first = await pustu.post('/notifications', noNik);
    const second = await puskesmas.post('/notifications', { ...noNik, particulars: { ...noNik.particulars, mother: { fullName: 'MARIA  GORETI  WÉA' } } });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.deedId).toBe(first.body.deedId);
  });

  it('a report of a birth whose application the office is still preparing is that case’s first report', async () => {
    const report = birthReport(family('531603'));
    const draft = await operator.post('/deeds', { deedType: 'BIRTH', eventDate: report.eventDate, districtCode: '531603', villageCode: '5316031001', particulars: report.particulars });
    expect(draft.body).toMatchObject({ status: null, version: 0 });
    const res = await pustu.post('/notifications', report);
    expect(res).toMatchObject({ status: 200, body: { deedId: draft.body.id, duplicate: true, status: 'NOTIFIED' } });
    const deed = (await operator.get(`/deeds/${draft.body.id}`)).body;
    expect(deed).toMatchObject({ status: 'NOTIFIED', version: 1, channel: 'OFFICE', milestones: { notifiedBy: 'HEALTH_POST', notifiedAt: expect.any(String) } });
    expect(await operator.post(`/deeds/${draft.body.id}/submit`, { version: 0 })).toMatchObject({ status: 409, body: { code: 'VERSION_CONFLICT' } });
  });

  it('twins are two cases: the child order tells them apart', async () => {
    const parents = family('531603');
    const first = await pustu.post('/notifications', birthReport(parents, { childOrder: 1 }));
    const second = await pustu.post('/notifications', birthReport(parents, { childOrder: 2 }));
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.deedId).not.toBe(first.body.deedId);
  });

  it('a retry with the same Idempotency-Key gets the first answer again and writes nothing', async () => {
    const report = deathReport();
    const first = await rt.post('/notifications', report, { 'idempotency-key': 'rt-002-2026-11-28-001' });
    const before = { notifications: await em().count(DeedNotification, {}), events: await em().count(OutboxEvent, {}) };
    const retry = await rt.post('/notifications', report, { 'idempotency-key': 'rt-002-2026-11-28-001' });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect({ notifications: await em().count(DeedNotification, {}), events: await em().count(OutboxEvent, {}) }).toEqual(before);
  });

  it('refuses the same Idempotency-Key for another report (422 IDEMPOTENCY_KEY_REUSED), and writes nothing', async () => {
    const key = 'rt-002-reused';
    await rt.post('/notifications', deathReport(), { 'idempotency-key': key });
    const count = await em().count(DeedRecord, {});
    const other = await rt.post('/notifications', deathReport(nik('1941-02-02', 'F')), { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await em().count(DeedRecord, {})).toBe(count);
  });

  it('a death is one case whoever reports it and whatever day they give', async () => {
    const deceased = nik('1944-09-09', 'M');
    const first = await rt.post('/notifications', deathReport(deceased, 1));
    const second = await rt.post('/notifications', deathReport(deceased, 2));
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.deedId).toBe(first.body.deedId);
  });

  it('the reporting partner follows its report until the deed is ready', async () => {
    const report = await rt.post('/notifications', deathReport());
    const followed = await rt.get(`/notifications/${report.body.id}`);
    expect(followed).toMatchObject({ status: 200, body: { id: report.body.id, deedId: report.body.deedId, status: 'NOTIFIED', ready: false } });
  });

  it('refuses a report outside the partner’s region scope (403 OUTSIDE_REGION), and writes nothing', async () => {
    const count = await em().count(DeedRecord, {});
    const res = await rt.post('/notifications', { ...deathReport(), villageCode: '5316012003' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('OUTSIDE_REGION');
    const elsewhere = await pustu.post('/notifications', birthReport(family(), { districtCode: '531601', villageCode: '5316012002' }));
    expect(elsewhere).toMatchObject({ status: 403, body: { code: 'OUTSIDE_REGION' } });
    expect(await em().count(DeedRecord, {})).toBe(count);
  });

  it('refuses types partners do not report (a divorce) and a Muslim marriage (the KUA’s), and writes nothing', async () => {
    const count = await em().count(DeedRecord, {});
    const divorce = await pustu.post('/notifications', { ...birthReport(), deedType: 'DIVORCE' });
    expect(divorce).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const husband = nik('1990-01-01', 'M', '531603');
    const wife = nik('1992-02-02', 'F', '531603');
    const muslim = await pustu.post('/notifications', {
      deedType: 'MARRIAGE',
      partnerKind: 'RELIGIOUS_INSTITUTION',
      eventDate: '2026-11-01',
      districtCode: '531603',
      particulars: { husband: { nik: husband, fullName: 'Ahmad' }, wife: { nik: wife, fullName: 'Siti' }, religion: 'ISLAM' },
    });
    expect(muslim.status).toBe(422);
    expect(muslim.body).toMatchObject({ code: 'DEED_DATA_INVALID', errors: [expect.objectContaining({ code: 'MARRIAGE_ROUTE_KUA', field: 'particulars.religion' })] });
    expect(await em().count(DeedRecord, {})).toBe(count);
  });
});

describe("a partner's own reports", () => {
  /** A midwife of Pustu Boawae signed in as a person: her token names her institution. */
  async function midwife(institution = 'pustu-boawae'): Promise<Caller> {
    const token = await new SignJWT({ roles: ['partner'], regions: ['531603'], institution })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(`bidan-${institution}`)
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    return new Caller(t, { authorization: `Bearer ${token}` });
  }

  it('a midwife signed in for her Pustu sees the reports made with its API key, and hers are the Pustu’s', async () => {
    const bidan = await midwife();
    const byKey = await pustu.post('/notifications', birthReport(family('531603')));
    const byPerson = await bidan.post('/notifications', birthReport(family('531603')));
    expect([byKey.status, byPerson.status]).toEqual([201, 201]);
    const list = await bidan.get('/notifications');
    expect(list.status).toBe(200);
    const ids = list.body.items.map((n: { id: string }) => n.id);
    expect(ids).toEqual(expect.arrayContaining([byKey.body.id, byPerson.body.id]));
    // Newest first.
    expect(ids.indexOf(byPerson.body.id)).toBeLessThan(ids.indexOf(byKey.body.id));
    expect(list.body.items.find((n: { id: string }) => n.id === byPerson.body.id)).toMatchObject({ deedType: 'BIRTH', status: 'NOTIFIED', ready: false, eventDate: expect.any(String) });
    expect((await pustu.get(`/notifications/${byPerson.body.id}`)).status).toBe(200);
    expect((await bidan.get(`/notifications/${byKey.body.id}`)).status).toBe(200);
    const deed = await operator.get(`/deeds/${byPerson.body.deedId}`);
    expect(deed.body.notifications).toEqual([expect.objectContaining({ partnerId: 'pustu-boawae', outcome: 'OPENED' })]);
  });

  it('an Idempotency-Key is the institution’s: the midwife retrying what the Pustu’s system sent gets its answer, nothing twice', async () => {
    const report = birthReport(family('531603'));
    const first = await pustu.post('/notifications', report, { 'idempotency-key': 'pustu-boawae-shared-1' });
    const count = await em().count(DeedNotification, {});
    const retry = await (await midwife()).post('/notifications', report, { 'idempotency-key': 'pustu-boawae-shared-1' });
    expect(retry).toMatchObject({ status: first.status, body: first.body });
    expect(await em().count(DeedNotification, {})).toBe(count);
  });

  it('another institution, in the same kecamatan or elsewhere, neither lists nor reads them (404, as if they did not exist)', async () => {
    const report = await pustu.post('/notifications', birthReport(family('531603')));
    const other = await puskesmas.get(`/notifications/${report.body.id}`);
    expect(other).toMatchObject({ status: 404, body: { code: 'NOTIFICATION_NOT_FOUND' } });
    const otherPerson = await (await midwife('puskesmas-boawae')).get(`/notifications/${report.body.id}`);
    expect(otherPerson.status).toBe(404);
    const list = await puskesmas.get('/notifications');
    expect(list.body.items.map((n: { id: string }) => n.id)).not.toContain(report.body.id);
    // Nor one in another kecamatan: a 403 there would tell it that the report exists.
    expect(await rt.get(`/notifications/${report.body.id}`)).toMatchObject({ status: 404, body: { code: 'NOTIFICATION_NOT_FOUND' } });
  });

  it('pages with `before`, and refuses a malformed cursor or limit (400)', async () => {
    const bidan = await midwife('pustu-paging');
    const made: string[] = [];
    for (let i = 0; i < 3; i++) made.push((await bidan.post('/notifications', birthReport(family('531603')))).body.id);
    const first = await bidan.get('/notifications?limit=2');
    expect(first.body.items.map((n: { id: string }) => n.id)).toEqual([made[2], made[1]]);
    expect(first.body.next).toBe(made[1]);
    const second = await bidan.get(`/notifications?limit=2&before=${first.body.next}`);
    expect(second.body.items.map((n: { id: string }) => n.id)).toEqual([made[0]]);
    expect(second.body.next).toBeUndefined();
    expect(await bidan.get('/notifications?before=not-a-uuid')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await bidan.get('/notifications?limit=1000')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });

  it('a report of a case outside the partner’s region joins it without telling anything of it (no status, number or date) and without acting on it', async () => {
    const deceased = nik('1938-03-03', 'M');
    const here = await rt.post('/notifications', deathReport(deceased));
    expect(here.status).toBe(201);
    const before = await operator.get(`/deeds/${here.body.deedId}`);
    // The Pustu of Boawae reports the same death as in its own kecamatan.
    const elsewhere = await pustu.post('/notifications', { ...deathReport(deceased), partnerKind: 'HEALTH_POST', districtCode: '531603', villageCode: '5316031001' });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body).toMatchObject({ duplicate: true, status: null, ready: false, deedNumber: null, eventDate: null });
    expect(await pustu.get(`/notifications/${elsewhere.body.id}`)).toMatchObject({ status: 200, body: { status: null, deedNumber: null, eventDate: null } });
    const listed = (await pustu.get('/notifications')).body.items.find((n: { id: string }) => n.id === elsewhere.body.id);
    expect(listed).toMatchObject({ duplicate: true, status: null, eventDate: null });
    // The case is unchanged (no action as this partner), and the office sees who else reported it.
    const after = await operator.get(`/deeds/${here.body.deedId}`);
    expect(after.body.version).toBe(before.body.version);
    expect(after.body.notifications).toEqual(expect.arrayContaining([expect.objectContaining({ partnerId: 'pustu-boawae', outcome: 'DUPLICATE' })]));
  });
});

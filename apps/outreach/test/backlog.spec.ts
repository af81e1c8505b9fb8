// The backlog per village on SQLite (service tier): identity and deeds events delivered to the consumers as the
// platform delivers them, and GET /backlog read as an operator would. Wajib KTP from birth date and marital status
// as of today (UU 24/2013 art. 63(1)), KIA for children under 17 never married (Permendagri 2/2016), birth deeds
// for children 0–18 (the Ministry's indicator), deed applications and documents to hand over; events out of
// order, twice, or about the dead and the moved; region scope.
import { SUBJECTS } from '@adminduk/contracts';
import { uuidv7 } from '@adminduk/platform';
import type { TestApp } from '@adminduk/platform/testing';
import {
  birth,
  Caller,
  corrected,
  deedStep,
  deliver,
  deliverResidentGrid,
  dueTally,
  ektp,
  kia,
  marital,
  plusDays,
  registered,
  startOutreach,
  statusChanged,
  TODAY,
  villageBacklog,
  villageResidents,
  yearsAgo,
} from './outreach-fixtures';

let t: TestApp;
let operator: Caller;

beforeAll(async () => {
  t = await startOutreach();
  operator = new Caller(t, ['operator'], ['5316']);
});
afterAll(() => t.close());

const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();
const place = (villageCode: string) => ({ districtCode: villageCode.slice(0, 6), villageCode });

describe('e-KTP recording: wajib-KTP residents whose e-KTP is not recorded', () => {
  const V = '5316011001'; // Dhawe

  it('an adult without an e-KTP step is one recording to make; recorded, printed and issued, it moves to hand-over and out', async () => {
    const adult = registered({ birthDate: yearsAgo(30), ...place(V) });
    await deliver(t, SUBJECTS.identity.residentRegistered, adult);
    expect(await villageBacklog(operator, V)).toMatchObject({ backlog: { EKTP_RECORDING: 1, HANDOVER: 0 }, population: { residents: 1, wajibKtp: 1, ektpRecorded: 0 } });

    await deliver(t, SUBJECTS.identity.ektpStatusChanged, ektp(adult.residentId, 'NOT_RECORDED', 'RECORDED', place(V)));
    expect(await villageBacklog(operator, V)).toMatchObject({ backlog: { EKTP_RECORDING: 0, HANDOVER: 0 }, population: { wajibKtp: 1, ektpRecorded: 1 } });
    await deliver(t, SUBJECTS.identity.ektpStatusChanged, ektp(adult.residentId, 'SENT_FOR_PRINTING', 'PRINTED', place(V)));
    expect((await villageBacklog(operator, V)).backlog).toMatchObject({ EKTP_RECORDING: 0, HANDOVER: 1 });
    await deliver(t, SUBJECTS.identity.ektpStatusChanged, ektp(adult.residentId, 'PRINTED', 'ISSUED', place(V)));
    expect((await villageBacklog(operator, V)).backlog).toMatchObject({ EKTP_RECORDING: 0, HANDOVER: 0 });
  });

  it('a 16-year-old is not wajib KTP yet but counts among those turning 17 within a year; married, she is wajib KTP today', async () => {
    const V2 = '5316011003'; // Mbay I
    const girl = registered({ birthDate: yearsAgo(16, 10), ...place(V2) }); // 17 in about 355 days
    await deliver(t, SUBJECTS.identity.residentRegistered, girl);
    expect(await villageBacklog(operator, V2)).toMatchObject({ backlog: { EKTP_RECORDING: 0 }, population: { wajibKtp: 0, newWajibKtpNextYear: 1, kiaEligible: 1 } });
    await deliver(t, SUBJECTS.identity.residentMaritalStatusChanged, marital(girl.residentId, 'BELUM_KAWIN', 'KAWIN_BELUM_TERCATAT', place(V2)));
    expect(await villageBacklog(operator, V2)).toMatchObject({ backlog: { EKTP_RECORDING: 1, KIA: 0 }, population: { wajibKtp: 1, newWajibKtpNextYear: 0, kiaEligible: 0 } });
  });

  it('turns 17 today: wajib KTP from the birthday itself, not the day after', async () => {
    const V3 = '5316011005'; // Towak
    await deliver(t, SUBJECTS.identity.residentRegistered, registered({ birthDate: yearsAgo(17), ...place(V3) }));
    await deliver(t, SUBJECTS.identity.residentRegistered, registered({ birthDate: yearsAgo(17, -1), ...place(V3) }));
    expect((await villageBacklog(operator, V3)).population).toMatchObject({ wajibKtp: 1, newWajibKtpNextYear: 1 });
  });

  it('a corrected birth date moves a resident into or out of wajib KTP', async () => {
    const V4 = '5316011007'; // Mbay II
    const r = registered({ birthDate: yearsAgo(15), ...place(V4) });
    await deliver(t, SUBJECTS.identity.residentRegistered, r);
    expect((await villageBacklog(operator, V4)).backlog.EKTP_RECORDING).toBe(0);
    await deliver(t, SUBJECTS.identity.residentCorrected, corrected(r.residentId, yearsAgo(18), place(V4)));
    expect((await villageBacklog(operator, V4)).backlog.EKTP_RECORDING).toBe(1);
  });
});

describe('children: birth deeds (0–18) and KIA (under 17, never married)', () => {
  it('a child without a deed or a KIA is in both backlogs; a KIA printed is a hand-over, issued it is done, expired it is due again', async () => {
    const V = '5316011009'; // Danga
    const child = registered({ birthDate: yearsAgo(3), ...place(V) });
    await deliver(t, SUBJECTS.identity.residentRegistered, child);
    expect(await villageBacklog(operator, V)).toMatchObject({ backlog: { BIRTH_DEED: 1, KIA: 1, HANDOVER: 0 }, population: { children: 1, childrenWithBirthDeed: 0, kiaEligible: 1, withKia: 0 } });
    const validUntil = plusDays(yearsAgo(3), 5 * 365);
    await deliver(t, SUBJECTS.identity.kiaStatusChanged, kia(child.residentId, 'NOT_ISSUED', 'PRINTED', { ...place(V), validUntil }));
    expect((await villageBacklog(operator, V)).backlog).toMatchObject({ KIA: 0, HANDOVER: 1 });
    await deliver(t, SUBJECTS.identity.kiaStatusChanged, kia(child.residentId, 'PRINTED', 'ISSUED', { ...place(V), validUntil }));
    expect(await villageBacklog(operator, V)).toMatchObject({ backlog: { KIA: 0, HANDOVER: 0 }, population: { withKia: 1 } });
    await deliver(t, SUBJECTS.identity.kiaStatusChanged, kia(child.residentId, 'ISSUED', 'ISSUED', { ...place(V), validUntil: plusDays(TODAY, -1) }));
    expect((await villageBacklog(operator, V)).backlog.KIA).toBe(1);
  });

  it('a newborn registered from a birth deed has one; so does a child whose deed arrives later (matched by birth date, sex, village)', async () => {
    const V = '5316011011'; // Lape
    const newborn = registered({ birthDate: plusDays(TODAY, -10), origin: 'BIRTH', ...place(V) });
    const older = registered({ birthDate: yearsAgo(6), sex: 'M', ...place(V) });
    await deliver(t, SUBJECTS.identity.residentRegistered, newborn);
    await deliver(t, SUBJECTS.identity.residentRegistered, older);
    expect((await villageBacklog(operator, V)).population).toMatchObject({ children: 2, childrenWithBirthDeed: 1 });
    // A late registration of the older child's birth (same birth date and sex, same village).
    await deliver(t, SUBJECTS.deeds.birthRegistered, birth(older.birthDate, { ...place(V), timeliness: 'LATE_OVER_ONE_YEAR', child: { fullName: 'Anak Uji', sex: 'M', birthPlace: 'Mbay', religion: 'KATOLIK' } }));
    expect((await villageBacklog(operator, V)).population).toMatchObject({ children: 2, childrenWithBirthDeed: 2 });
  });

  it('a deed that arrives before its newborn waits and is matched when the child is registered; the same deed twice changes nothing', async () => {
    const V = '5316012004'; // Tedamude
    const bornOn = plusDays(TODAY, -3);
    const deed = birth(bornOn, place(V));
    await deliver(t, SUBJECTS.deeds.birthRegistered, deed);
    await deliver(t, SUBJECTS.deeds.birthRegistered, deed); // another event of the same deed
    const twin = registered({ birthDate: bornOn, ...place(V) });
    await deliver(t, SUBJECTS.identity.residentRegistered, twin);
    const other = registered({ birthDate: bornOn, ...place(V) });
    await deliver(t, SUBJECTS.identity.residentRegistered, other);
    // One deed for one child: the second child born that day still needs hers.
    expect(await villageBacklog(operator, V)).toMatchObject({ backlog: { BIRTH_DEED: 1 }, population: { children: 2, childrenWithBirthDeed: 1 } });
  });
});

describe('deed applications and documents to hand over', () => {
  it('SUBMITTED and VERIFIED are open, REGISTERED is to hand over, ISSUED is done; an older step arriving late changes nothing', async () => {
    const V = '5316012006'; // Nggolonio
    const deedId = uuidv7();
    const step = (from: string | null, to: string, secondsAgo: number) =>
      deliver(t, SUBJECTS.deeds.deedStatusChanged, deedStep(deedId, from as never, to as never, { ...place(V), at: at(secondsAgo) }));
    await step(null, 'SUBMITTED', 50);
    expect((await villageBacklog(operator, V)).backlog).toMatchObject({ APPLICATION: 1, HANDOVER: 0 });
    await step('SUBMITTED', 'VERIFIED', 40);
    await step('VERIFIED', 'REGISTERED', 30);
    expect((await villageBacklog(operator, V)).backlog).toMatchObject({ APPLICATION: 0, HANDOVER: 1 });
    await step('SUBMITTED', 'VERIFIED', 45); // a retried event, older than what is known
    expect((await villageBacklog(operator, V)).backlog).toMatchObject({ APPLICATION: 0, HANDOVER: 1 });
    await step('REGISTERED', 'ISSUED', 10);
    expect((await villageBacklog(operator, V)).backlog).toMatchObject({ APPLICATION: 0, HANDOVER: 0 });
  });

  it('a record without a village is counted under its kecamatan as unassigned, never lost', async () => {
    await deliver(t, SUBJECTS.deeds.deedStatusChanged, deedStep(uuidv7(), null, 'SUBMITTED', { districtCode: '531607', villageCode: undefined }));
    const res = await operator.call('GET', '/backlog?districtCode=531607');
    expect(res.body.districts[0].unassigned.backlog.APPLICATION).toBe(1);
    expect(res.body.districts[0].backlog.APPLICATION).toBeGreaterThanOrEqual(1);
  });
});

describe('order, duplicates, deaths and moves', () => {
  it('an e-KTP step that arrives before the registration is kept, and the registration does not undo it', async () => {
    const V = '5316012008'; // Olaia
    const r = registered({ birthDate: yearsAgo(40), ...place(V) });
    await deliver(t, SUBJECTS.identity.ektpStatusChanged, ektp(r.residentId, 'NOT_RECORDED', 'RECORDED', place(V)), { occurredAt: at(1) });
    expect((await villageBacklog(operator, V)).population.residents).toBe(0); // no birth date yet: not counted
    await deliver(t, SUBJECTS.identity.residentRegistered, r, { occurredAt: at(5) });
    expect(await villageBacklog(operator, V)).toMatchObject({ backlog: { EKTP_RECORDING: 0 }, population: { wajibKtp: 1, ektpRecorded: 1 } });
  });

  it('an older marital status arriving after a newer one is ignored', async () => {
    const V = '5316012010'; // Aerama
    const r = registered({ birthDate: yearsAgo(16), ...place(V) });
    await deliver(t, SUBJECTS.identity.residentRegistered, r, { occurredAt: at(30) });
    await deliver(t, SUBJECTS.identity.residentMaritalStatusChanged, marital(r.residentId, 'BELUM_KAWIN', 'KAWIN_TERCATAT', place(V)), { occurredAt: at(10) });
    await deliver(t, SUBJECTS.identity.residentMaritalStatusChanged, marital(r.residentId, 'KAWIN_TERCATAT', 'BELUM_KAWIN', place(V)), { occurredAt: at(20) });
    expect((await villageBacklog(operator, V)).population.wajibKtp).toBe(1);
  });

  it('the same event delivered twice is a duplicate with one effect', async () => {
    const V = '5316012012'; // Marapokot
    const id = uuidv7();
    const r = registered({ birthDate: yearsAgo(25), ...place(V) });
    expect(await deliver(t, SUBJECTS.identity.residentRegistered, r, { id })).toBe('processed');
    expect(await deliver(t, SUBJECTS.identity.residentRegistered, r, { id })).toBe('duplicate');
    const deedId = uuidv7();
    const eventId = uuidv7();
    expect(await deliver(t, SUBJECTS.deeds.deedStatusChanged, deedStep(deedId, null, 'SUBMITTED', place(V)), { id: eventId })).toBe('processed');
    expect(await deliver(t, SUBJECTS.deeds.deedStatusChanged, deedStep(deedId, null, 'SUBMITTED', place(V)), { id: eventId })).toBe('duplicate');
    expect((await villageBacklog(operator, V)).backlog).toMatchObject({ EKTP_RECORDING: 1, APPLICATION: 1 });
  });

  it('the dead and those who moved out leave the backlog; a move within the regency takes the count to the new village', async () => {
    const from = '5316012013'; // Tonggurambang
    const to = '5316022005'; // Riti, kecamatan Nangaroro
    const dies = registered({ birthDate: yearsAgo(70), ...place(from) });
    const leaves = registered({ birthDate: yearsAgo(30), ...place(from) });
    const moves = registered({ birthDate: yearsAgo(30), ...place(from) });
    for (const r of [dies, leaves, moves]) await deliver(t, SUBJECTS.identity.residentRegistered, r);
    expect((await villageBacklog(operator, from)).backlog.EKTP_RECORDING).toBe(3);
    await deliver(t, SUBJECTS.identity.residentStatusChanged, statusChanged(dies.residentId, { from: 'ALIVE', to: 'DECEASED', change: 'DEATH', ...place(from) }));
    await deliver(t, SUBJECTS.identity.residentStatusChanged, statusChanged(leaves.residentId, { from: 'ALIVE', to: 'MOVED_OUT', change: 'MOVE_OUT', otherRegionCode: '5371', ...place(from) }));
    await deliver(t, SUBJECTS.identity.residentStatusChanged, statusChanged(moves.residentId, { from: 'ALIVE', to: 'ALIVE', change: 'MOVE_WITHIN', previousDistrictCode: '531601', previousVillageCode: from, ...place(to) }));
    expect((await villageBacklog(operator, from)).backlog.EKTP_RECORDING).toBe(0);
    expect((await villageBacklog(operator, to)).backlog.EKTP_RECORDING).toBe(1);
  });
});

describe('GET /backlog/villages/{code}/residents on SQLite: the residents behind the counts', () => {
  it("tallies kind by kind to the village's counts, for a grid of every age, e-KTP state, KIA state and birth deed", async () => {
    const V = '5316042004'; // Wuliwalo
    await deliverResidentGrid(t, V);
    const counted = (await villageBacklog(operator, V)).backlog;
    const items = await villageResidents(operator, V);
    expect(dueTally(items)).toEqual({ EKTP_RECORDING: counted.EKTP_RECORDING, BIRTH_DEED: counted.BIRTH_DEED, KIA: counted.KIA, HANDOVER: counted.HANDOVER });
    expect(items.map((i) => i.residentId)).toEqual(items.map((i) => i.residentId).sort());
    for (const kind of ['EKTP_RECORDING', 'BIRTH_DEED', 'KIA', 'EKTP_HANDOVER', 'KIA_HANDOVER']) expect(items.some((i) => i.due.includes(kind))).toBe(true);
  });
});

describe('GET /backlog: totals, region scope and refusals', () => {
  it('adds villages up to kecamatan and totals, and names them from the region data', async () => {
    const res = await operator.call('GET', '/backlog');
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe(TODAY);
    expect(res.body.districts.map((d: { name: string }) => d.name)).toEqual(['Aesesa', 'Nangaroro', 'Boawae', 'Mauponggo', 'Wolowae', 'Keo Tengah', 'Aesesa Selatan']);
    expect(res.body.districts.reduce((n: number, d: { villages: unknown[] }) => n + d.villages.length, 0)).toBe(113);
    const sum = (kind: string) => res.body.districts.reduce((n: number, d: { backlog: Record<string, number> }) => n + (d.backlog[kind] as number), 0);
    for (const kind of ['EKTP_RECORDING', 'BIRTH_DEED', 'KIA', 'APPLICATION', 'HANDOVER']) expect(res.body.totals.backlog[kind]).toBe(sum(kind));
    const aesesa = res.body.districts[0];
    const villages = aesesa.villages.reduce((n: number, v: { backlog: Record<string, number> }) => n + (v.backlog.EKTP_RECORDING as number), 0);
    expect(aesesa.backlog.EKTP_RECORDING).toBe(villages + (aesesa.unassigned?.backlog.EKTP_RECORDING ?? 0));
    expect(res.body.totals.backlog.EKTP_RECORDING).toBeGreaterThan(0);
  });

  it('shows an operator of one kecamatan that kecamatan only, and refuses another (403 OUTSIDE_REGION)', async () => {
    const boawae = new Caller(t, ['operator'], ['531603']);
    const own = await boawae.call('GET', '/backlog');
    expect(own.body.districts.map((d: { code: string }) => d.code)).toEqual(['531603']);
    const other = await boawae.call('GET', '/backlog?districtCode=531601');
    expect([other.status, other.body.code, other.contentType]).toEqual([403, 'OUTSIDE_REGION', expect.stringContaining('application/problem+json')]);
  });

  it('answers bad input with 400, no credentials with 401 and a partner with 403, as problem+json', async () => {
    const bad = await operator.call('GET', '/backlog?districtCode=53.16');
    expect([bad.status, bad.body.code, bad.body.errors[0].field]).toEqual([400, 'VALIDATION_FAILED', 'districtCode']);
    const unknown = await operator.call('GET', '/backlog?asOf=2026-01-01');
    expect([unknown.status, unknown.body.errors[0].code]).toEqual([400, 'UNKNOWN_FIELD']);
    const anonymous = await t.app.inject({ method: 'GET', url: '/backlog' });
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, 'UNAUTHENTICATED']);
    const partner = await new Caller(t, ['partner']).call('GET', '/backlog');
    expect([partner.status, partner.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
  });
});

// Marriages (service tier, SQLite): a Muslim marriage is the KUA's — reported to the office, no deed, published
// as deeds.marriage.registered.v1 with route KUA so that identity sets both spouses KAWIN_TERCATAT; the same
// marriage reported twice is one report. A non-Muslim marriage is a deed of the office (route CIVIL_REGISTRY).
import { MikroORM } from '@mikro-orm/core';
import { SUBJECTS } from '@adminduk/contracts';
import { OutboxEvent } from '@adminduk/platform';
import type { TestApp } from '@adminduk/platform/testing';
import { bootDeeds, Caller, completeAndVerify, daysAgo, nik, PARTNERS } from './deed-fixtures';

let t: TestApp;
let kua: Caller;
let operator: Caller;
let registrar: Caller;

beforeAll(async () => {
  t = await bootDeeds();
  kua = Caller.partner(t, PARTNERS.kuaAesesa);
  operator = await Caller.user(t, ['operator'], ['531601']);
  registrar = await Caller.user(t, ['registrar'], ['531601']);
});
afterAll(() => t?.close());

const marriageEvents = async () => (await t.app.get(MikroORM).em.fork().find(OutboxEvent, { subject: SUBJECTS.deeds.marriageRegistered })).map((e) => e.payload as Record<string, unknown>);

function kuaReport() {
  return {
    husband: { nik: nik('1995-06-06', 'M'), fullName: 'Ahmad Kasim' },
    wife: { nik: nik('1997-07-07', 'F'), fullName: 'Siti Aminah' },
    marriageDate: daysAgo(10),
    marriageCertificateNumber: '0123/045/X/2026',
    kuaName: 'KUA Kecamatan Aesesa',
    districtCode: '531601',
    villageCode: '5316012002',
  };
}

describe('a Muslim marriage reported by the KUA', () => {
  it('is recorded without a deed and published with route KUA and the status both spouses take', async () => {
    const report = kuaReport();
    const res = await kua.post('/kua-marriages', report);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ route: 'KUA', deedNumber: null, duplicate: false, maritalStatusAfter: 'KAWIN_TERCATAT', timeliness: 'ON_TIME' });
    const events = (await marriageEvents()).filter((e) => e.deedId === res.body.id);
    expect(events).toEqual([
      expect.objectContaining({
        route: 'KUA',
        husbandNik: report.husband.nik,
        wifeNik: report.wife.nik,
        // the spouses as the KUA names them, for identity to match with the register (issue 19, item 4)
        husband: { fullName: report.husband.fullName },
        wife: { fullName: report.wife.fullName },
        maritalStatusAfter: 'KAWIN_TERCATAT',
        eventDate: report.marriageDate,
        districtCode: '531601',
      }),
    ]);
    expect(events[0]).not.toHaveProperty('deedNumber');
  });

  it('the same marriage reported again is one report, and is not published again', async () => {
    const report = kuaReport();
    const first = await kua.post('/kua-marriages', report);
    const again = await operator.post('/kua-marriages', { ...report, marriageCertificateNumber: '0123/045/X/2026 (salinan)' });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body).toMatchObject({ id: first.body.id, duplicate: true });
    expect((await marriageEvents()).filter((e) => e.deedId === first.body.id)).toHaveLength(1);
  });

  it('a retry with the same Idempotency-Key gets the first answer', async () => {
    const report = kuaReport();
    const first = await kua.post('/kua-marriages', report, { 'idempotency-key': 'kua-aesesa-2026-x-45' });
    const retry = await kua.post('/kua-marriages', report, { 'idempotency-key': 'kua-aesesa-2026-x-45' });
    expect(retry).toMatchObject({ status: 201, body: first.body });
    expect((await marriageEvents()).filter((e) => e.deedId === first.body.id)).toHaveLength(1);
  });

  it('refuses a report of another kecamatan (403 OUTSIDE_REGION)', async () => {
    expect(await kua.post('/kua-marriages', { ...kuaReport(), districtCode: '531603', villageCode: undefined })).toMatchObject({ status: 403, body: { code: 'OUTSIDE_REGION' } });
  });
});

describe('a non-Muslim marriage', () => {
  it('is a deed of the office: registered with its number and published with route CIVIL_REGISTRY', async () => {
    const husband = nik('1993-03-03', 'M');
    const wife = nik('1995-05-05', 'F');
    const report = await Caller.partner(t, PARTNERS.puskesmasMbay).post('/notifications', {
      deedType: 'MARRIAGE',
      partnerKind: 'RELIGIOUS_INSTITUTION',
      eventDate: daysAgo(7),
      districtCode: '531601',
      particulars: { husband: { nik: husband, fullName: 'Paulus Dhae' }, wife: { nik: wife, fullName: 'Theresia Lowa' }, religion: 'KATOLIK', place: 'Gereja Santo Yosef Mbay' },
    });
    expect(report.status).toBe(201);
    const verified = await completeAndVerify(operator, report.body.deedId, ['RELIGIOUS_MARRIAGE_LETTER', 'KTP_SPOUSES', 'KK']);
    const registered = await registrar.ok(`/deeds/${report.body.deedId}/register`, { version: verified.body.version });
    expect(registered.body.deedNumber).toMatch(/^5316-KW-/);
    expect((await marriageEvents()).filter((e) => e.deedId === report.body.deedId)).toEqual([
      expect.objectContaining({
        route: 'CIVIL_REGISTRY',
        deedNumber: registered.body.deedNumber,
        husbandNik: husband,
        wifeNik: wife,
        husband: { fullName: 'Paulus Dhae' },
        wife: { fullName: 'Theresia Lowa' },
        maritalStatusAfter: 'KAWIN_TERCATAT',
      }),
    ]);
  });
});

// Bad input (service tier, SQLite): every malformed or rule-breaking request is answered with problem+json, a
// stable code and the fields at fault (400 for the shape of the request, 422 for the rules of population
// administration), never 500 — and nothing is written: no record, action, document, event or report.
import { MikroORM } from '@mikro-orm/core';
import { OutboxEvent } from '@adminduk/platform';
import type { TestApp } from '@adminduk/platform/testing';
import { DeedActionRecord } from '../src/cases/deed-action.entity';
import { DeedRecord } from '../src/cases/deed-record.entity';
import { DeedDocument } from '../src/documents/deed-document.entity';
import { KuaMarriage } from '../src/kua/kua-marriage.entity';
import { bootDeeds, Caller, daysAgo, deathReport, family, nik, PARTNERS, verifiedDeath, type Reply } from './deed-fixtures';

let t: TestApp;
let operator: Caller;
let registrar: Caller;
let rt: Caller;
let kua: Caller;
let notified: string;
let issued: Reply;

beforeAll(async () => {
  t = await bootDeeds();
  operator = await Caller.user(t, ['operator'], ['531601']);
  registrar = await Caller.user(t, ['registrar'], ['531601']);
  rt = Caller.partner(t, PARTNERS.rtLabolewa);
  kua = Caller.partner(t, PARTNERS.kuaAesesa);
  notified = (await rt.ok('/notifications', deathReport(), 201)).body.deedId;
  const verified = await verifiedDeath(t, operator);
  const registered = await registrar.ok(`/deeds/${verified.body.id}/register`, { version: verified.body.version });
  issued = await operator.ok(`/deeds/${verified.body.id}/issue`, { version: registered.body.version });
});
afterAll(() => t?.close());

async function counts(): Promise<Record<string, number>> {
  const em = t.app.get(MikroORM).em.fork();
  return {
    records: await em.count(DeedRecord, {}),
    actions: await em.count(DeedActionRecord, {}),
    documents: await em.count(DeedDocument, {}),
    events: await em.count(OutboxEvent, {}),
    kua: await em.count(KuaMarriage, {}),
  };
}

const parents = family();
const application = (overrides: Record<string, unknown> = {}, particulars: Record<string, unknown> = {}) => ({
  deedType: 'BIRTH',
  eventDate: daysAgo(3),
  districtCode: '531601',
  villageCode: '5316012002',
  ...overrides,
  particulars: { child: { fullName: 'Yohanes Ngapa', sex: 'M', religion: 'KATOLIK' }, mother: parents.mother, father: parents.father, place: 'Mbay', ...particulars },
});

/** What, the request, the status and code expected, and the field the problem names ('' when none). */
type Case = [string, () => Promise<Reply>, number, string, string];

const cases: Case[] = [
  ['an application without its deed type', () => operator.post('/deeds', { ...application(), deedType: undefined }), 400, 'VALIDATION_FAILED', 'deedType'],
  ['an unknown field', () => operator.post('/deeds', { ...application(), priority: 'high' }), 400, 'VALIDATION_FAILED', 'priority'],
  ['a malformed NIK', () => operator.post('/deeds', application({}, { mother: { nik: '53160141039', fullName: 'Maria' } })), 400, 'VALIDATION_FAILED', 'particulars.mother.nik'],
  ['a date that is not YYYY-MM-DD', () => operator.post('/deeds', application({ eventDate: '28/11/2026' })), 400, 'VALIDATION_FAILED', 'eventDate'],
  ['a particular the deed type does not take', () => operator.post('/deeds', application({}, { deceased: { fullName: 'X' } })), 400, 'FIELD_NOT_FOR_DEED_TYPE', 'particulars.deceased'],
  ['a visit without the OUTREACH channel', () => operator.post('/deeds', application({ visitId: '0190b5b4-0000-7000-8000-000000000001' })), 400, 'VALIDATION_FAILED', 'visitId'],
  ['a NIK whose birth date is not a date', () => operator.post('/deeds', application({}, { mother: { nik: '5316019913900001', fullName: 'Maria' } })), 422, 'DEED_DATA_INVALID', 'particulars.mother.nik'],
  ['a kecamatan of another regency', () => operator.post('/deeds', application({ districtCode: '530101', villageCode: undefined })), 403, 'OUTSIDE_REGION', ''],
  ['a kecamatan code that does not exist', () => registrarEverywhere().then((c) => c.post('/deeds', application({ districtCode: '531699', villageCode: undefined }))), 422, 'DEED_DATA_INVALID', 'districtCode'],
  ['a village of another kecamatan', () => registrarEverywhere().then((c) => c.post('/deeds', application({ villageCode: '5316031001' }))), 422, 'DEED_DATA_INVALID', 'villageCode'],
  ['an event in the future', () => operator.post('/deeds', application({ eventDate: daysAgo(-3) })), 422, 'DEED_DATA_INVALID', 'eventDate'],
  ['a birth without the mother', () => operator.post('/deeds', application({}, { mother: undefined })), 422, 'DEED_DATA_INVALID', ''],
  ['a report without the fields a report needs', () => rt.post('/notifications', { ...deathReport(), particulars: { deceased: { nik: nik('1950-01-01', 'M') } } }), 422, 'DEED_DATA_INVALID', 'particulars.deceased.fullName'],
  ['a malformed Idempotency-Key', () => rt.post('/notifications', deathReport(), { 'idempotency-key': 'with spaces and / slashes' }), 400, 'IDEMPOTENCY_KEY_INVALID', ''],
  ['JSON that does not parse', () => operator.call('POST', '/deeds', '{"deedType": "BIRTH",', { 'content-type': 'application/json' }), 400, 'MALFORMED_BODY', ''],
  ['a record id that is not a UUID', () => operator.post('/deeds/12345/verify', { version: 1 }), 400, 'INVALID_ID', ''],
  ['a record that does not exist', () => operator.post('/deeds/0190b5b4-0000-7000-8000-000000000000/verify', { version: 1 }), 404, 'DEED_NOT_FOUND', ''],
  ['a version that is not a number', () => operator.post(`/deeds/${notified}/verify`, { version: 'one' }), 400, 'VALIDATION_FAILED', 'version'],
  ['an action the status does not allow (verify a notified case)', () => operator.post(`/deeds/${notified}/verify`, { version: 1 }), 422, 'ACTION_NOT_ALLOWED', ''],
  ['a submission without what the deed needs', () => operator.post(`/deeds/${notified}/submit`, { version: 1, particulars: { place: '' } }), 400, 'VALIDATION_FAILED', 'particulars.place'],
  ['a rejection without a reason', () => operator.post(`/deeds/${notified}/reject`, { version: 1 }), 400, 'VALIDATION_FAILED', 'reason'],
  ['a correction of a field the deed has not', () => registrar.post(`/deeds/${issued.body.id}/corrections`, { version: issued.body.version, changes: [{ field: 'child.fullName', to: 'X' }], reason: 'typo' }), 400, 'VALIDATION_FAILED', 'child.fullName'],
  ['a correction to an invalid value', () => registrar.post(`/deeds/${issued.body.id}/corrections`, { version: issued.body.version, changes: [{ field: 'deceased.sex', to: 'X' }], reason: 'typo' }), 400, 'VALIDATION_FAILED', 'deceased.sex'],
  ['a correction that changes nothing', () => registrar.post(`/deeds/${issued.body.id}/corrections`, { version: issued.body.version, changes: [{ field: 'deceased.fullName', to: 'Kornelis Sawu' }], reason: 'typo' }), 422, 'PAYLOAD_FIELD_INVALID', ''],
  ['an annulment without a court decision', () => registrar.post(`/deeds/${issued.body.id}/annulment`, { version: issued.body.version }), 400, 'VALIDATION_FAILED', 'courtDecision'],
  ['a declaration whose witness is the declarant', () => operator.post(`/deeds/${notified}/declarations`, { kind: 'SPTJM_BIRTH', declarant: { nik: parents.mother.nik, fullName: 'Maria' }, statement: 'Saya menyatakan data ini benar.', declaredOn: daysAgo(0), witnesses: [{ nik: parents.mother.nik, fullName: 'Maria' }, { nik: parents.father.nik, fullName: 'Yosef' }] }), 422, 'DECLARATION_INVALID', 'witnesses'],
  ['a declaration with an unknown field', () => operator.post(`/deeds/${notified}/declarations`, { kind: 'SPTJM_BIRTH', declarant: parents.mother, statement: 'Saya menyatakan data ini benar.', declaredOn: daysAgo(0), witnesses: [parents.father, parents.father] }), 400, 'VALIDATION_FAILED', 'declarant.sex'],
  ['a declaration with one witness', () => operator.post(`/deeds/${notified}/declarations`, { kind: 'SPTJM_BIRTH', declarant: { nik: parents.mother.nik, fullName: 'Maria' }, statement: 'Saya menyatakan data ini benar.', declaredOn: daysAgo(0), witnesses: [{ nik: parents.father.nik, fullName: 'Yosef' }] }), 400, 'VALIDATION_FAILED', 'witnesses'],
  ['a declaration the deed type does not ask for', () => operator.post(`/deeds/${notified}/declarations`, { kind: 'SPTJM_BIRTH', declarant: { nik: parents.mother.nik, fullName: 'Maria' }, statement: 'Saya menyatakan data ini benar.', declaredOn: daysAgo(0), witnesses: [{ nik: parents.father.nik, fullName: 'Yosef' }, { nik: nik('1970-01-01', 'M'), fullName: 'Saksi' }] }), 422, 'DOCUMENT_KIND_NOT_ASKED', ''],
  ['a KUA report of a husband who is the wife', () => kua.post('/kua-marriages', { husband: { nik: parents.father.nik, fullName: 'A' }, wife: { nik: parents.father.nik, fullName: 'B' }, marriageDate: daysAgo(5), marriageCertificateNumber: '1/2026', kuaName: 'KUA Aesesa', districtCode: '531601' }), 422, 'KUA_REPORT_INVALID', 'wife.nik'],
  ['a service-time report for a reversed period', () => operator.get('/reports/service-times?programme=BLAS&from=2026-12-31&to=2026-01-01'), 400, 'PERIOD_INVALID', ''],
  ['a service-time report for an unknown programme', () => operator.get('/reports/service-times?programme=KIA&from=2026-01-01&to=2026-12-31'), 400, 'VALIDATION_FAILED', 'programme'],
];

async function registrarEverywhere(): Promise<Caller> {
  return Caller.user(t, ['registrar'], ['*']);
}

describe('bad input', () => {
  it.each(cases)('%s, and nothing written', async (_what, request, status, code, field) => {
    const before = await counts();
    const res = await request();
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(res.contentType).toContain('application/problem+json');
    if (field) {
      const fields = [...(res.body.errors ?? []).map((e: { field?: string }) => e.field)].join(' ');
      expect(fields).toContain(field);
    }
    expect(await counts()).toEqual(before);
  });
});

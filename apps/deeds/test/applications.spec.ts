// Applications at the office (service tier, SQLite): the deed type's document checklist with uploaded files
// (PDF, JPEG, PNG; size and type checked) and SPTJM declarations; submission only when the checklist is complete;
// rejection with its reason and resubmission; a late birth flagged with the rule that applied and registered only
// on the head of the office's decision; a stillbirth recorded with its letter; applications that are not partner
// reports (divorce); the work queue; version conflicts.
import type { TestApp } from '@adminduk/platform/testing';
import { BIRTH_DOCUMENTS, bootDeeds, Caller, completeAndVerify, daysAgo, family, JPEG, nik, PDF, PNG } from './deed-fixtures';

let t: TestApp;
let operator: Caller;
let registrar: Caller;

beforeAll(async () => {
  t = await bootDeeds({}, { DEEDS_UPLOAD_MAX_BYTES: '4096' });
  operator = await Caller.user(t, ['operator'], ['531601']);
  registrar = await Caller.user(t, ['registrar'], ['531601']);
});
afterAll(() => t?.close());

function birthApplication(options: { daysAgoBorn?: number; parentsMarried?: boolean } = {}) {
  const parents = family();
  return {
    deedType: 'BIRTH',
    eventDate: daysAgo(options.daysAgoBorn ?? 3),
    districtCode: '531601',
    villageCode: '5316012002',
    ...(options.parentsMarried === undefined ? {} : { parentsMarried: options.parentsMarried }),
    particulars: {
      child: { fullName: 'Yohanes Ngapa', sex: 'M', religion: 'KATOLIK' },
      mother: parents.mother,
      ...(options.parentsMarried === false ? {} : { father: parents.father }),
      place: 'RSUD Aeramo',
      kkNumber: '5316010501200001',
    },
  };
}

describe('an application at the counter', () => {
  it('starts without an action, shows what the checklist still misses, and is submitted once complete', async () => {
    const opened = await operator.post('/deeds', birthApplication());
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ status: null, version: 0, channel: 'OFFICE', allowedActions: ['SUBMIT'], checklist: { complete: false } });
    expect(opened.body.checklist.missing.map((m: { requirement: string }) => m.requirement)).toEqual(['BIRTH_PROOF', 'FAMILY_CARD', 'PARENTS_KTP', 'PARENTS_MARRIAGE_PROOF']);

    const id = opened.body.id;
    expect((await operator.upload(id, 'BIRTH_LETTER_HEALTH', PDF)).status).toBe(201);
    expect((await operator.upload(id, 'KK', JPEG, 'image/jpeg')).status).toBe(201);
    const incomplete = await operator.post(`/deeds/${id}/submit`, { version: 0 });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.code).toBe('DOCUMENTS_INCOMPLETE');
    expect(incomplete.body.errors[0].message).toContain('PARENTS_KTP');

    const ktp = await operator.call('POST', `/deeds/${id}/documents?kind=KTP_PARENTS`, PNG, { 'content-type': 'image/png', 'content-disposition': 'attachment; filename="ktp orang tua.png"' });
    expect(ktp.body).toMatchObject({ kind: 'KTP_PARENTS', source: 'UPLOAD', contentType: 'image/png', size: PNG.length, fileName: 'ktp orang tua.png' });
    const declaration = await operator.post(`/deeds/${id}/declarations`, {
      kind: 'SPTJM_MARRIED_COUPLE',
      declarant: { nik: opened.body.particulars.mother.nik, fullName: 'Maria Goreti Wea' },
      statement: 'Kami menyatakan bahwa kami adalah pasangan suami istri yang sah.',
      declaredOn: daysAgo(0),
      witnesses: [
        { nik: nik('1970-01-01', 'M'), fullName: 'Saksi Satu' },
        { nik: nik('1972-02-02', 'F'), fullName: 'Saksi Dua' },
      ],
    });
    expect(declaration).toMatchObject({ status: 201, body: { kind: 'SPTJM_MARRIED_COUPLE', source: 'DECLARATION' } });

    const submitted = await operator.post(`/deeds/${id}/submit`, { version: 0 });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'SUBMITTED', version: 1, checklist: { complete: true, missing: [] } });
    expect(submitted.body.checklist.satisfied).toContainEqual({ requirement: 'PARENTS_MARRIAGE_PROOF', by: 'SPTJM_MARRIED_COUPLE', alternative: true });
    expect(submitted.body.milestones.notifiedAt).toBe(submitted.body.milestones.submittedAt);

    const file = await operator.get(`/deeds/${id}/documents/${ktp.body.id}/content`);
    expect(file.status).toBe(200);
    expect(file.contentType).toBe('image/png');
    expect([file.headers['content-disposition'], file.headers['cache-control'], file.headers['x-content-type-options']]).toEqual([`attachment; filename="dokumen-${ktp.body.id}.png"`, 'no-store', 'nosniff']);
    expect(file.raw.equals(PNG)).toBe(true);

    // The application is closed for documents once submitted.
    expect(await operator.upload(id, 'KK')).toMatchObject({ status: 409, body: { code: 'DOCUMENTS_CLOSED' } });
  });

  it('a child of an unmarried mother needs no proof of marriage, and an SPTJM can stand for the birth letter', async () => {
    const opened = await operator.ok('/deeds', birthApplication({ parentsMarried: false }), 201);
    const id = opened.body.id;
    await operator.ok(`/deeds/${id}/declarations`, {
      kind: 'SPTJM_BIRTH',
      declarant: { nik: opened.body.particulars.mother.nik, fullName: 'Maria Goreti Wea' },
      statement: 'Saya menyatakan bahwa data kelahiran anak saya adalah benar.',
      declaredOn: daysAgo(0),
      witnesses: [
        { nik: nik('1970-01-01', 'M'), fullName: 'Saksi Satu' },
        { nik: nik('1972-02-02', 'F'), fullName: 'Saksi Dua' },
      ],
    }, 201);
    await operator.upload(id, 'KK');
    await operator.upload(id, 'KTP_PARENTS');
    const submitted = await operator.ok(`/deeds/${id}/submit`, { version: 0 });
    expect(submitted.body.checklist).toMatchObject({ complete: true, notApplicable: ['PARENTS_MARRIAGE_PROOF'] });
    expect(submitted.body.checklist.satisfied).toContainEqual({ requirement: 'BIRTH_PROOF', by: 'SPTJM_BIRTH', alternative: true });
  });

  it('is rejected with a reason, takes a new document, and is resubmitted', async () => {
    const opened = await operator.ok('/deeds', birthApplication(), 201);
    const id = opened.body.id;
    const submitted = await completeAndVerify(operator, id, BIRTH_DOCUMENTS).then(() => operator.get(`/deeds/${id}`));
    const rejected = await operator.ok(`/deeds/${id}/reject`, { version: submitted.body.version, reason: 'the KK is not legible; bring the original' });
    expect(rejected.body).toMatchObject({ status: 'REJECTED', allowedActions: ['SUBMIT', 'ARCHIVE'], rejections: [{ reason: 'the KK is not legible; bring the original' }] });
    expect((await operator.upload(id, 'KK', PNG, 'image/png')).status).toBe(201);
    const resubmitted = await operator.ok(`/deeds/${id}/submit`, { version: rejected.body.version });
    expect(resubmitted.body.status).toBe('SUBMITTED');
    expect(resubmitted.body.history.map((h: { type: string }) => h.type)).toEqual(['SUBMIT', 'VERIFY', 'REJECT', 'SUBMIT']);
  });

  it('a late birth is flagged with the rule that applied, and is not registered without the head of the office’s decision', async () => {
    const opened = await operator.ok('/deeds', birthApplication({ daysAgoBorn: 75 }), 201);
    const verified = await completeAndVerify(operator, opened.body.id, BIRTH_DOCUMENTS);
    expect(verified.body.timeliness).toMatchObject({
      class: 'LATE_UP_TO_ONE_YEAR',
      deadlineDays: 60,
      daysAfterEvent: 75,
      daysLate: 15,
      headDecisionRequired: true,
      source: expect.stringContaining('art. 32(1)'),
    });
    const refused = await registrar.post(`/deeds/${opened.body.id}/register`, { version: verified.body.version });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'HEAD_DECISION_REQUIRED', errors: [expect.objectContaining({ code: 'HEAD_DECISION_REQUIRED' })] });
    expect((await registrar.get(`/deeds/${opened.body.id}`)).body).toMatchObject({ status: 'VERIFIED', version: verified.body.version, deedNumber: null });
  });

  it('records a stillbirth and issues its letter at once, with no deed number', async () => {
    const parents = family();
    const opened = await operator.ok('/deeds', {
      deedType: 'STILLBIRTH',
      eventDate: daysAgo(2),
      districtCode: '531601',
      villageCode: '5316012002',
      particulars: { mother: parents.mother, father: parents.father, child: { sex: 'M' }, place: 'RSUD Aeramo' },
    }, 201);
    const verified = await completeAndVerify(operator, opened.body.id, ['STILLBIRTH_LETTER_HEALTH', 'KK', 'KTP_PARENTS']);
    const recorded = await registrar.ok(`/deeds/${opened.body.id}/register`, { version: verified.body.version });
    expect(recorded.body).toMatchObject({ status: 'RECORDED', deedNumber: null, documentName: 'Surat Keterangan Lahir Mati', allowedActions: [] });
    expect(recorded.body.copies).toHaveLength(1);
    expect(recorded.body.milestones.issuedAt).toBe(recorded.body.milestones.registeredAt);
    expect((await new Caller(t, {}).get(`/verify/${recorded.body.copies[0].code}`)).body).toMatchObject({ status: 'VALID', documentName: 'Surat Keterangan Lahir Mati', deedNumber: null });
  });

  it('a divorce is an application (never a partner report), keyed by the spouses and the court decision', async () => {
    const husband = nik('1980-04-12', 'M');
    const wife = nik('1984-09-30', 'F');
    const divorce = {
      deedType: 'DIVORCE',
      eventDate: daysAgo(10),
      districtCode: '531601',
      particulars: {
        husband: { nik: husband, fullName: 'Paulus Dhae' },
        wife: { nik: wife, fullName: 'Theresia Lowa' },
        courtDecision: { number: '12/Pdt.G/2026/PN Bjw', court: 'Pengadilan Negeri Bajawa' },
        marriageDeedNumber: '5316-KW-01012010-0007',
      },
    };
    const opened = await operator.ok('/deeds', divorce, 201);
    const again = await operator.post('/deeds', { ...divorce, particulars: { ...divorce.particulars, courtDecision: { number: '12 / PDT.G / 2026 / PN BJW' } } });
    expect(again).toMatchObject({ status: 409, body: { code: 'DUPLICATE_CASE', errors: [{ field: 'deedId', message: opened.body.id }] } });
    const verified = await completeAndVerify(operator, opened.body.id, ['COURT_DECISION', 'MARRIAGE_DEED']);
    const registered = await registrar.ok(`/deeds/${opened.body.id}/register`, { version: verified.body.version });
    expect(registered.body.deedNumber).toMatch(/^5316-CR-/);
  });

  it('lists the work queue of the caller’s region, without particulars', async () => {
    const page = await operator.get('/deeds?status=VERIFIED&deedType=BIRTH');
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeGreaterThan(0);
    expect(page.body.items.every((i: { status: string; districtCode: string }) => i.status === 'VERIFIED' && i.districtCode === '531601')).toBe(true);
    expect(JSON.stringify(page.body)).not.toContain('Maria');
    const drafts = await operator.get('/deeds?status=DRAFT');
    expect(drafts.body.items.every((i: { status: string | null }) => i.status === null)).toBe(true);
    const elsewhere = await Caller.user(t, ['operator'], ['531603']);
    expect((await elsewhere.get('/deeds?deedType=BIRTH')).body.items).toEqual([]);
  });

  it('refuses an action on a stale version with 409 VERSION_CONFLICT', async () => {
    const opened = await operator.ok('/deeds', birthApplication(), 201);
    const verified = await completeAndVerify(operator, opened.body.id, BIRTH_DOCUMENTS);
    const stale = await operator.post(`/deeds/${opened.body.id}/reject`, { version: verified.body.version - 1, reason: 'late' });
    expect(stale).toMatchObject({ status: 409, body: { code: 'VERSION_CONFLICT' } });
  });
});

describe('uploads', () => {
  let id: string;
  beforeAll(async () => {
    id = (await operator.ok('/deeds', birthApplication(), 201)).body.id;
  });

  it.each([
    ['a "PDF" whose first bytes are not a PDF’s: 400 DOCUMENT_CONTENT_MISMATCH', Buffer.from('GIF89a....'), 'application/pdf', 400, 'DOCUMENT_CONTENT_MISMATCH'],
    ['a PNG declared as JPEG: 400 DOCUMENT_CONTENT_MISMATCH', PNG, 'image/jpeg', 400, 'DOCUMENT_CONTENT_MISMATCH'],
    ['an empty file: 400 DOCUMENT_EMPTY', Buffer.alloc(0), 'application/pdf', 400, 'DOCUMENT_EMPTY'],
    ['a GIF: 415 UNSUPPORTED_MEDIA_TYPE', Buffer.from('GIF89a....'), 'image/gif', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['JSON instead of a file: 415 UNSUPPORTED_MEDIA_TYPE', Buffer.from('{"kind":"KK"}'), 'application/json', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a file over the size limit: 413 BODY_TOO_LARGE', Buffer.concat([PDF, Buffer.alloc(5000)]), 'application/pdf', 413, 'BODY_TOO_LARGE'],
  ] as const)('refuses %s, and keeps no document', async (_what, bytes, type, status, code) => {
    const res = await operator.upload(id, 'KK', bytes, type);
    expect(res.status).toBe(status);
    expect(res.contentType).toContain('application/problem+json');
    expect(res.body.code).toBe(code);
    expect((await operator.get(`/deeds/${id}`)).body.documents).toEqual([]);
  });

  it('refuses a document the checklist does not ask for (422) and an unknown kind (400)', async () => {
    expect(await operator.upload(id, 'COURT_DECISION')).toMatchObject({ status: 422, body: { code: 'DOCUMENT_KIND_NOT_ASKED' } });
    expect(await operator.upload(id, 'PASSPORT')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect((await operator.get(`/deeds/${id}`)).body.documents).toEqual([]);
  });
});

import { contentDisposition, uploadProblem } from '../../api/deed-uploads';
import { checkOpening, correctableFields, correctionProblems, offeredActions, officeDate, sortQueue, submitParticulars, urgencyOf, type OpeningDraft, type QueueLine } from './deed-rules';
import { readPlace, placeHref } from './place';

const line = (over: Partial<QueueLine> & { id: string }): QueueLine => ({
  deedType: 'BIRTH',
  status: 'NOTIFIED',
  eventDate: '2026-12-01',
  timeliness: 'ON_TIME',
  waitingFor: null,
  notifiedAt: '2026-12-02T01:00:00.000Z',
  registeredAt: null,
  issuedAt: null,
  ...over,
});

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the desk’s own rules', () => {
  it('counts days on the office’s calendar (WITA, UTC+8)', () => {
    expect(officeDate('2026-12-06T16:30:00.000Z')).toBe('2026-12-07');
    expect(officeDate('2026-12-06T15:59:00.000Z')).toBe('2026-12-06');
    // the form the services write since issue 19 item 9: the date part is the office's day
    expect(officeDate('2026-12-07T00:30:00.000+08:00')).toBe('2026-12-07');
    expect(officeDate('2026-12-06T23:59:00.000+08:00')).toBe('2026-12-06');
  });

  it('the BLAS clock runs from the report; a birth reported after 60 days is late and needs the head’s decision (UU 23/2006 art. 27(1), 32(1))', () => {
    const onTime = urgencyOf(line({ id: 'a' }), '2026-12-07');
    expect(onTime).toMatchObject({ level: 'ok', deadline: '2027-01-30', clockDays: 5, headDecision: false });
    const late = urgencyOf(line({ id: 'b', eventDate: '2026-09-01', notifiedAt: '2026-11-02T00:00:00.000Z', timeliness: 'LATE_UP_TO_ONE_YEAR' }), '2026-12-07');
    expect(late).toMatchObject({ level: 'late', deadline: '2026-10-31', reportedLateBy: 2, headDecision: true });
  });

  it('a death not yet reported is nearly late within 7 days of its 30-day deadline (art. 44(1)), late after it', () => {
    const open = (eventDate: string) => line({ id: eventDate, deedType: 'DEATH', status: null, timeliness: null, notifiedAt: null, eventDate });
    expect(urgencyOf(open('2026-11-10'), '2026-12-07')).toMatchObject({ level: 'near', daysLeft: 3, deadline: '2026-12-10' });
    expect(urgencyOf(open('2026-11-01'), '2026-12-07')).toMatchObject({ level: 'late', daysLeft: -6 });
    expect(urgencyOf(open('2026-12-01'), '2026-12-07')).toMatchObject({ level: 'ok', daysLeft: 24 });
  });

  it('sorts the queue most urgent first, finished cases last', () => {
    const lines = [
      line({ id: 'done', status: 'ISSUED', issuedAt: '2026-12-05T02:00:00.000Z' }),
      line({ id: 'fresh', notifiedAt: '2026-12-06T01:00:00.000Z' }),
      line({ id: 'waiting-long', notifiedAt: '2026-11-20T01:00:00.000Z', eventDate: '2026-11-19' }),
      line({ id: 'late', eventDate: '2026-08-01', notifiedAt: '2026-11-01T00:00:00.000Z', timeliness: 'LATE_UP_TO_ONE_YEAR' }),
      line({ id: 'near', deedType: 'DEATH', status: null, timeliness: null, notifiedAt: null, eventDate: '2026-11-10' }),
    ];
    expect(sortQueue(lines, '2026-12-07').map((l) => l.id)).toEqual(['late', 'near', 'waiting-long', 'fresh', 'done']);
  });

  it('offers only the steps the record allows and the role may take: registration is the registrar’s', () => {
    expect(offeredActions(['REGISTER', 'REJECT', 'ARCHIVE'], ['operator'])).toEqual(['REJECT', 'ARCHIVE']);
    expect(offeredActions(['REGISTER', 'REJECT', 'ARCHIVE'], ['registrar'])).toEqual(['REJECT', 'REGISTER', 'ARCHIVE']);
    expect(offeredActions(['ISSUE', 'CORRECT', 'ANNUL'], ['operator'])).toEqual(['ISSUE']);
    expect(offeredActions(['ISSUE', 'CORRECT', 'ANNUL'], ['registrar'])).toEqual(['ISSUE', 'CORRECT', 'ANNUL']);
    expect(offeredActions(['SUBMIT', 'ARCHIVE'], ['partner'])).toEqual([]);
  });

  it('sends whole groups at SUBMIT: the stored group with the edits over it', () => {
    const stored = { child: { sex: 'F', childOrder: 1 }, mother: { nik: '5316034103900001', fullName: 'Maria' }, place: 'Pustu' };
    expect(submitParticulars(stored, { 'child.fullName': ' Yasinta ', 'child.religion': 'KATOLIK', 'mother.fullName': 'Maria', place: 'Pustu Boawae' })).toEqual({
      child: { sex: 'F', childOrder: 1, fullName: 'Yasinta', religion: 'KATOLIK' },
      mother: { nik: '5316034103900001', fullName: 'Maria' },
      place: 'Pustu Boawae',
    });
  });

  it('refuses a file the service would refuse, with its code', () => {
    expect(uploadProblem({ name: 'kk.pdf', type: 'application/pdf', size: 2000 }, PDF)).toBeUndefined();
    expect(uploadProblem({ name: 'ktp.png', type: '', size: 2000 }, PNG)).toBeUndefined();
    expect(uploadProblem({ name: 'surat.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 2000 }, PDF)).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(uploadProblem({ name: 'kk.txt', type: 'text/plain', size: 20 }, PDF)).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(uploadProblem({ name: 'kk.pdf', type: 'application/pdf', size: 0 }, new Uint8Array())).toBe('DOCUMENT_EMPTY');
    expect(uploadProblem({ name: 'kk.pdf', type: 'application/pdf', size: 2 * 1024 * 1024 + 1 }, PDF)).toBe('BODY_TOO_LARGE');
    expect(uploadProblem({ name: 'kk.pdf', type: 'application/pdf', size: 2000 }, PNG)).toBe('DOCUMENT_CONTENT_MISMATCH');
    expect(contentDisposition('KTP ibu é.pdf')).toBe("attachment; filename*=UTF-8''KTP%20ibu%20%C3%A9.pdf");
  });

  it('keeps the place inside the desk in the address', () => {
    const id = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect(readPlace(`?kasus=${id}`)).toEqual({ section: 'akta', caseId: id });
    expect(readPlace('?kasus=../../etc')).toEqual({ section: 'akta' });
    expect(readPlace('?bagian=penduduk')).toEqual({ section: 'penduduk' });
    expect(placeHref({ section: 'akta', caseId: id })).toBe(`/meja?kasus=${id}`);
  });
});

describe('opening at the counter and corrections', () => {
  const known = (d: string, v: string) => v === '5316031001' && d === '531603';
  const draft = (over: Partial<OpeningDraft> = {}): OpeningDraft => ({ deedType: 'DEATH', eventDate: '2026-12-01', districtCode: '531603', villageCode: '', values: {}, ...over });

  it('refuses what the service would, with its codes', () => {
    const check = checkOpening(draft({ eventDate: '2026-12-09', districtCode: '531699', values: { 'deceased.nik': '123' } }), '2026-12-07', '5316', known);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems['eventDate']).toEqual(['REPORT_BEFORE_EVENT']);
    expect(check.problems['districtCode']).toEqual(['DISTRICT_UNKNOWN']);
    expect(check.problems['deceased.fullName']).toEqual(['FIELD_REQUIRED']);
    expect(check.problems['deceased.nik']?.length).toBeGreaterThan(0);
    expect(checkOpening(draft({ deedType: '' }), '2026-12-07', '5316', known)).toEqual({ ok: false, problems: { deedType: ['FIELD_REQUIRED'] } });
  });

  it('a birth without the mother’s NIK needs the desa; a good application gives the body', () => {
    const birth = checkOpening(draft({ deedType: 'BIRTH', values: { 'mother.fullName': 'Maria' } }), '2026-12-07', '5316', known);
    expect(birth.ok ? undefined : birth.problems['villageCode']).toEqual(['CASE_KEY_FACT_MISSING']);
    const good = checkOpening(draft({ deedType: 'BIRTH', villageCode: '5316031001', values: { 'mother.fullName': ' Maria ', place: 'Pustu' } }), '2026-12-07', '5316', known);
    expect(good).toEqual({
      ok: true,
      body: { deedType: 'BIRTH', eventDate: '2026-12-01', districtCode: '531603', villageCode: '5316031001', channel: 'OFFICE', particulars: { mother: { fullName: 'Maria' }, place: 'Pustu' } },
    });
  });

  it('knows the correctable fields and checks a new value', () => {
    expect(correctableFields('DEATH')).toEqual(['eventDate', 'deceased.nik', 'deceased.fullName', 'deceased.sex', 'deceased.birthDate', 'place', 'kkNumber', 'address']);
    expect(correctionProblems('eventDate', '2026-02-30', '2026-12-07')).toEqual(['EVENT_DATE_INVALID']);
    expect(correctionProblems('eventDate', '2026-12-08', '2026-12-07')).toEqual(['EVENT_DATE_IN_FUTURE']);
    expect(correctionProblems('eventDate', '1899-12-31', '2026-12-07')).toEqual(['EVENT_DATE_TOO_EARLY']);
    expect(correctionProblems('eventDate', '2026-11-30', '2026-12-07')).toEqual([]);
    expect(correctionProblems('', 'x', '2026-12-07')).toEqual(['FIELD_REQUIRED']);
    expect(correctionProblems('deceased.fullName', ' ', '2026-12-07')).toEqual(['FIELD_REQUIRED']);
    expect(correctionProblems('deceased.fullName', 'x'.repeat(201), '2026-12-07')).toEqual(['IS_LENGTH']);
    expect(correctionProblems('deceased.birthDate', '2026-02-30', '2026-12-07')).toEqual(['DATE_INVALID']);
    expect(correctionProblems('deceased.fullName', 'Yohanes Bupu', '2026-12-07')).toEqual([]);
  });
});

import {
  checkReport,
  districtChoices,
  emptyDraft,
  fieldOfPath,
  fixedVillage,
  institutionName,
  keyForSending,
  newIdempotencyKey,
  officeToday,
  partnerKindOf,
  readNik,
  stageOf,
  stepOf,
  type ReportDraft,
} from './report-rules';

const AS_OF = '2026-12-07';
// 41 + 12 = day 53 → a woman born 13 December 1990; day 12 → a man born 12 December 1988.
const WOMAN = '5316035312900001';
const MAN = '5316031212880002';

const birth = (over: Partial<ReportDraft> = {}): ReportDraft => ({
  ...emptyDraft('BIRTH', { partnerKind: 'HEALTH_POST', districtCode: '531603', place: 'Pustu Boawae' }),
  motherNik: WOMAN,
  motherName: 'Maria Goreti Wea',
  childSex: 'F',
  eventDate: '2026-12-05',
  ...over,
});
const death = (over: Partial<ReportDraft> = {}): ReportDraft => ({
  ...emptyDraft('DEATH', { partnerKind: 'RELIGIOUS_INSTITUTION', districtCode: '531601' }),
  deceasedNik: MAN,
  deceasedName: 'Yosef Dhey Nuwa',
  eventDate: '2026-12-06',
  ...over,
});
const codes = (draft: ReportDraft) => {
  const result = checkReport(draft, AS_OF);
  return result.ok ? [] : result.problems.map((p) => `${p.field}:${p.code}`);
};

describe('a birth report (BLAS), checked as the deeds service checks POST /notifications', () => {
  it('becomes the body the service takes', () => {
    const result = checkReport(birth({ fatherNik: MAN, fatherName: ' Yosef ', birthTime: '07:45', villageCode: '5316031001' }), AS_OF);
    expect(result).toEqual({
      ok: true,
      body: {
        deedType: 'BIRTH',
        partnerKind: 'HEALTH_POST',
        eventDate: '2026-12-05',
        districtCode: '531603',
        villageCode: '5316031001',
        particulars: {
          child: { sex: 'F', childOrder: 1, birthTime: '07:45' },
          mother: { nik: WOMAN, fullName: 'Maria Goreti Wea' },
          father: { nik: MAN, fullName: 'Yosef' },
          place: 'Pustu Boawae',
        },
      },
    });
  });

  it('takes a NIK typed with spaces or dots as its digits', () => {
    const result = checkReport(birth({ motherNik: '53.16.03.531290.0001' }), AS_OF);
    expect(result.ok && result.body.particulars.mother).toEqual({ nik: WOMAN, fullName: 'Maria Goreti Wea' });
  });

  it('names a mother without a NIK by her name and village (the service’s natural key)', () => {
    expect(codes(birth({ motherNik: '' }))).toEqual(['villageCode:CASE_KEY_FACT_MISSING']);
    const result = checkReport(birth({ motherNik: '', villageCode: '5316032002' }), AS_OF);
    expect(result.ok && result.body.particulars.mother).toEqual({ fullName: 'Maria Goreti Wea' });
  });

  it('refuses what the service refuses, with the same codes, every problem at once', () => {
    expect(codes(emptyDraft('BIRTH'))).toEqual([
      'partnerKind:FIELD_REQUIRED',
      'motherName:FIELD_REQUIRED',
      'childSex:FIELD_REQUIRED',
      'eventDate:FIELD_REQUIRED',
      'districtCode:FIELD_REQUIRED',
      'villageCode:CASE_KEY_FACT_MISSING',
    ]);
    // A NIK whose birth date does not exist (day 32), its serial 0000.
    expect(codes(birth({ motherNik: '5316033212900000' }))).toEqual(['motherNik:NIK_BIRTH_DATE_INVALID', 'motherNik:NIK_SERIAL_INVALID']);
    expect(codes(birth({ motherNik: '53160353129' }))).toEqual(['motherNik:NIK_FORMAT']);
    // A future day: the report would come before the event.
    expect(codes(birth({ eventDate: '2026-12-08' }))).toEqual(['eventDate:REPORT_BEFORE_EVENT']);
    expect(codes(birth({ eventDate: '2026-02-30' }))).toEqual(['eventDate:EVENT_DATE_INVALID']);
    expect(codes(birth({ motherName: 'x'.repeat(201), place: 'y'.repeat(101) }))).toEqual(['motherName:IS_LENGTH', 'place:IS_LENGTH']);
    expect(codes(birth({ birthTime: '24:00' }))).toEqual(['birthTime:MATCHES']);
    expect(codes(birth({ childOrder: '21' }))).toEqual(['childOrder:MAX']);
    expect(codes(birth({ districtCode: '531699' }))).toEqual(['districtCode:DISTRICT_UNKNOWN']);
    expect(codes(birth({ villageCode: '5316011001' }))).toEqual(['villageCode:VILLAGE_UNKNOWN']);
  });

  it("refuses a man's NIK as the mother's, and a woman's as the father's", () => {
    expect(codes(birth({ motherNik: MAN }))).toEqual(['motherNik:NIK_SEX_MISMATCH']);
    expect(codes(birth({ fatherNik: WOMAN }))).toEqual(['fatherNik:NIK_SEX_MISMATCH']);
  });

  it('keeps the order of a twin (the second twin is another case)', () => {
    const result = checkReport(birth({ childOrder: '2' }), AS_OF);
    expect(result.ok && result.body.particulars.child).toEqual({ sex: 'F', childOrder: 2 });
  });
});

describe('a death report (OMAS)', () => {
  it('becomes the body the service takes', () => {
    expect(checkReport(death({ place: 'Rumah', villageCode: '5316012002' }), AS_OF)).toEqual({
      ok: true,
      body: {
        deedType: 'DEATH',
        partnerKind: 'RELIGIOUS_INSTITUTION',
        eventDate: '2026-12-06',
        districtCode: '531601',
        villageCode: '5316012002',
        particulars: { deceased: { nik: MAN, fullName: 'Yosef Dhey Nuwa' }, place: 'Rumah' },
      },
    });
  });

  it("needs the deceased's NIK and name", () => {
    expect(codes(death({ deceasedNik: '', deceasedName: ' ' }))).toEqual(['deceasedNik:FIELD_REQUIRED', 'deceasedName:FIELD_REQUIRED']);
    expect(codes(death({ deceasedNik: '5316031313880001' }))).toEqual(['deceasedNik:NIK_BIRTH_DATE_INVALID']);
  });
});

describe('what a NIK says', () => {
  it('reads sex and birth date, or the codes of what is wrong', () => {
    expect(readNik(WOMAN, AS_OF)).toEqual({ ok: true, sex: 'F', birthDate: '1990-12-13' });
    expect(readNik('5316 0312 1288 0002', AS_OF)).toEqual({ ok: true, sex: 'M', birthDate: '1988-12-12' });
    expect(readNik('1234', AS_OF)).toEqual({ ok: false, codes: ['NIK_FORMAT'] });
  });
});

describe('the Idempotency-Key of a report', () => {
  const body = (checkReport(birth(), AS_OF) as { body: Parameters<typeof keyForSending>[1] }).body;
  let n = 0;
  const newKey = () => `key-${++n}`;

  it('stays while the same report is sent again, and changes with the report', () => {
    const first = keyForSending(undefined, body, newKey);
    expect(keyForSending(first, body, newKey)).toBe(first);
    const changed = keyForSending(first, { ...body, eventDate: '2026-12-04' }, newKey);
    expect(changed.key).not.toBe(first.key);
  });

  it('is random, and fits what the service accepts (1–100 letters, digits, . _ : -)', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(50);
    const withoutUuid = { getRandomValues: (a: Uint8Array) => a.fill(171) } as unknown as Crypto;
    expect(newIdempotencyKey(withoutUuid)).toBe('ab'.repeat(16));
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9._:-]{1,100}$/);
  });
});

describe('the partner and its region', () => {
  it('knows what an institution is from its id, or asks', () => {
    expect(partnerKindOf('pustu-boawae')).toBe('HEALTH_POST');
    expect(partnerKindOf('paroki-mbay')).toBe('RELIGIOUS_INSTITUTION');
    expect(partnerKindOf('rsud-aeramo')).toBe('HOSPITAL');
    expect(partnerKindOf('rt-003-labolewa')).toBe('RT_HEAD');
    expect(partnerKindOf('desa-rowa')).toBe('VILLAGE_OFFICE');
    expect(partnerKindOf('yayasan-x')).toBe('');
    expect(partnerKindOf(undefined)).toBe('');
    expect(institutionName('pustu-boawae')).toBe('Pustu Boawae');
    expect(institutionName('rsud-aeramo')).toBe('RSUD Aeramo');
  });

  it('offers the kecamatan of the scope: one, those of a regency, that of a desa', () => {
    expect(districtChoices(['531603'])).toEqual([{ code: '531603', name: 'Boawae' }]);
    expect(districtChoices(['5316']).map((d) => d.code)).toEqual(['531601', '531602', '531603', '531604', '531605', '531606', '531607']);
    expect(districtChoices(['5316032002'])).toEqual([{ code: '531603', name: 'Boawae' }]);
    expect(fixedVillage(['5316032002'])).toBe('5316032002');
    expect(fixedVillage(['531603'])).toBeUndefined();
  });
});

describe('where a report stands', () => {
  it('in the partner’s words, on the road Dilaporkan → Diverifikasi → Tercatat → Akta siap', () => {
    expect(stageOf({ status: 'NOTIFIED', ready: false })).toBe('REPORTED');
    expect(stageOf({ status: 'VERIFIED', ready: false })).toBe('VERIFIED');
    expect(stageOf({ status: 'REGISTERED', ready: false })).toBe('REGISTERED');
    expect(stageOf({ status: 'ISSUED', ready: true })).toBe('READY');
    expect(stageOf({ status: 'RECORDED', ready: true })).toBe('READY');
    expect(stageOf({ status: 'REJECTED', ready: false })).toBe('RETURNED');
    expect(stepOf('REPORTED')).toBe(0);
    expect(stepOf('READY')).toBe(3);
    expect(stepOf('ANNULLED')).toBe(-1);
  });

  it('maps the service’s field paths to the form’s fields', () => {
    expect(fieldOfPath('particulars.mother.nik')).toBe('motherNik');
    expect(fieldOfPath('particulars.kkNumber')).toBeUndefined();
    expect(fieldOfPath(undefined)).toBeUndefined();
  });
});

describe("the office's day", () => {
  it('is the day in WITA (UTC+8)', () => {
    expect(officeToday(new Date('2026-12-06T16:30:00Z'))).toBe('2026-12-07');
    expect(officeToday(new Date('2026-12-06T15:59:00Z'))).toBe('2026-12-06');
  });
});

import { burialFieldOf, checkBurial, emptyBurialDraft, reporterKindOf, type BurialDraft } from './burial-rules';

const AS_OF = '2026-12-07';
// Day 12 → a man born 12 December 1988; 40 + 13 = day 53 → a woman born 13 December 1990.
const MAN = '5316031212880002';
const WOMAN = '5316035312900001';

const draft = (over: Partial<BurialDraft> = {}): BurialDraft => ({
  ...emptyBurialDraft({ reporterKind: 'CEMETERY', districtCode: '531601', villageCode: '5316012002' }),
  fullName: ' Kornelis Sawu ',
  sex: 'M',
  burialDate: '2026-12-06',
  cemeteryName: 'Pemakaman Umum Labolewa',
  ...over,
});
const codes = (d: BurialDraft) => {
  const check = checkBurial(d, AS_OF);
  return check.ok ? [] : check.problems.map((p) => `${p.field}:${p.code}`);
};

describe('a burial report before it is sent', () => {
  it('sends what the service takes: trimmed, optional fields only when given', () => {
    expect(checkBurial(draft(), AS_OF)).toEqual({
      ok: true,
      body: { reporterKind: 'CEMETERY', fullName: 'Kornelis Sawu', sex: 'M', burialDate: '2026-12-06', cemeteryName: 'Pemakaman Umum Labolewa', villageCode: '5316012002' },
    });
    const full = checkBurial(draft({ nik: MAN, dateOfDeath: '2026-12-04', registerEntryNumber: ' 12/2026 ' }), AS_OF);
    expect(full.ok && full.body).toMatchObject({ nik: MAN, dateOfDeath: '2026-12-04', registerEntryNumber: '12/2026' });
  });

  it('says every problem at once, with the service’s codes', () => {
    expect(codes(emptyBurialDraft())).toEqual(['reporterKind:FIELD_REQUIRED', 'fullName:FIELD_REQUIRED', 'sex:FIELD_REQUIRED', 'burialDate:FIELD_REQUIRED', 'cemeteryName:FIELD_REQUIRED', 'villageCode:FIELD_REQUIRED']);
    expect(codes(draft({ burialDate: '2026-12-08' }))).toEqual(['burialDate:BURIAL_AFTER_AS_OF']);
    expect(codes(draft({ burialDate: '2026-02-30' }))).toEqual(['burialDate:BURIAL_DATE_INVALID']);
    expect(codes(draft({ dateOfDeath: '2026-12-06', burialDate: '2026-12-05' }))).toEqual(['burialDate:BURIAL_BEFORE_DEATH']);
    expect(codes(draft({ dateOfDeath: '2026-12-09', burialDate: '2026-12-06' }))).toContain('dateOfDeath:DEATH_AFTER_AS_OF');
    expect(codes(draft({ nik: WOMAN }))).toEqual(['nik:NIK_SEX_MISMATCH']);
    expect(codes(draft({ nik: '123' }))).toContain('nik:NIK_FORMAT');
    expect(codes(draft({ villageCode: '5316031001' }))).toEqual(['villageCode:VILLAGE_UNKNOWN']);
  });

  it('reads the register keeper from the institution, and the service’s fields back to the form', () => {
    expect(reporterKindOf('tpu-labolewa')).toBe('CEMETERY');
    expect(reporterKindOf('paroki-boawae')).toBe('PARISH');
    expect(reporterKindOf('masjid-mbay')).toBe('MOSQUE');
    expect(reporterKindOf('pustu-boawae')).toBe('');
    expect(burialFieldOf('burialDate')).toBe('burialDate');
    expect(burialFieldOf('particulars.place')).toBeUndefined();
  });
});

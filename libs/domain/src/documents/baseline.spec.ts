import { documentBaseline } from './baseline';
import { applyEktpAction, foldEktp, type EktpAction } from './ektp';
import { applyKiaAction, foldKia, type KiaAction } from './kia';
import type { DocumentHolder } from './action-log';

// Imported on 28 November 2026 (the import day is asOf); ages by UU 24/2013 art. 63(1) and Permendagri 2/2016.
const options = { asOf: '2026-11-28', at: '2026-11-28T09:00:00+08:00', by: 'import-job', source: 'job-1' };
const adult: DocumentHolder = { birthDate: '1996-03-14', maritalStatus: 'KAWIN_TERCATAT' };
const nineYearOld: DocumentHolder = { birthDate: '2017-05-01', maritalStatus: 'BELUM_KAWIN' };
const toddler: DocumentHolder = { birthDate: '2024-02-10', maritalStatus: 'BELUM_KAWIN' };
const sixteen: DocumentHolder = { birthDate: '2010-01-15', maritalStatus: 'BELUM_KAWIN' };
const marriedSixteen: DocumentHolder = { birthDate: '2010-01-15', maritalStatus: 'KAWIN_BELUM_TERCATAT' };
const eighteen: DocumentHolder = { birthDate: '2008-07-20', maritalStatus: 'BELUM_KAWIN' };

const codes = (r: ReturnType<typeof documentBaseline>) => (r.ok ? [] : r.errors.map((e) => e.code));

describe('documentBaseline: an older register’s e-KTP state against the age rules (UU 24/2013 art. 63(1))', () => {
  it.each([
    ['an adult, ISSUED', adult, 'ISSUED', []],
    ['an adult, RECORDED', adult, 'RECORDED', []],
    ['an adult, NOT_RECORDED', adult, 'NOT_RECORDED', []],
    ['an adult, NOT_YET_COMPULSORY', adult, 'NOT_YET_COMPULSORY', ['EKTP_STATE_WAJIB_KTP']],
    ['an unmarried 9-year-old, RECORDED', nineYearOld, 'RECORDED', ['EKTP_STATE_NOT_WAJIB_KTP']],
    ['an unmarried 9-year-old, NOT_RECORDED', nineYearOld, 'NOT_RECORDED', ['EKTP_STATE_NOT_WAJIB_KTP']],
    ['an unmarried 9-year-old, NOT_YET_COMPULSORY', nineYearOld, 'NOT_YET_COMPULSORY', []],
    ['a married 16-year-old, PRINTED', marriedSixteen, 'PRINTED', []],
    ['anything else', adult, 'LOST', ['EKTP_STATE_INVALID']],
  ] as const)('%s', (_who, holder, ektpState, expected) => {
    expect(codes(documentBaseline({ ektpState: ektpState as never }, holder, options))).toEqual(expected);
  });

  it('a recorded state becomes the first action; the fold shows it and a later action continues from it', () => {
    const r = documentBaseline({ ektpState: 'PRINTED' }, adult, options);
    if (!r.ok) throw new Error('expected ok');
    const state = foldEktp([r.value.ektp as EktpAction], adult, { asOf: '2026-12-01' });
    expect(state.ok && [state.value.status, state.value.imported?.source, state.value.allowedActions]).toEqual(['PRINTED', 'job-1', ['ISSUE']]);
    if (!state.ok) return;
    const issued = applyEktpAction(state.value, { type: 'ISSUE', at: '2026-12-02T10:00:00+08:00', by: 'op-mbay', payload: { channel: 'OUTREACH', visitId: 'v-1' } }, adult, { asOf: '2026-12-02' });
    expect(issued.ok && [issued.value.status, issued.value.issueCount, issued.value.version]).toEqual(['ISSUED', 1, 2]);
  });

  it('derived states need no action: a 16-year-old imported as not yet compulsory is NOT_RECORDED at 17', () => {
    const r = documentBaseline({ ektpState: 'NOT_YET_COMPULSORY' }, sixteen, options);
    expect(r.ok && r.value.ektp).toBeNull();
    const at17 = foldEktp([], sixteen, { asOf: '2027-01-15' });
    expect(at17.ok && at17.value.status).toBe('NOT_RECORDED');
  });

  it('IMPORT_STATE is refused after another action, and a counter cannot use it twice', () => {
    const recorded = { type: 'RECORD_BIOMETRICS', at: '2026-11-01', by: 'op', payload: { place: 'Mbay', channel: 'OFFICE' } } as EktpAction;
    const late = { type: 'IMPORT_STATE', at: '2026-11-28', by: 'import', payload: { status: 'ISSUED' } } as EktpAction;
    const r = foldEktp([recorded, late], adult, { asOf: '2026-11-28' });
    expect(!r.ok && r.errors.map((e) => [e.code, e.actionIndex])).toEqual([['ACTION_NOT_ALLOWED', 1]]);
    const badStatus = foldEktp([{ ...late, payload: { status: 'NOT_RECORDED' } } as unknown as EktpAction], adult, { asOf: '2026-11-28' });
    expect(!badStatus.ok && badStatus.errors.map((e) => e.code)).toEqual(['PAYLOAD_FIELD_INVALID']);
  });
});

describe('documentBaseline: an older register’s KIA state (Permendagri 2/2016)', () => {
  it.each([
    ['a 9-year-old, ISSUED', nineYearOld, 'ISSUED', []],
    ['a toddler, PRINTED', toddler, 'PRINTED', []],
    ['a 30-year-old, ISSUED', adult, 'ISSUED', ['KIA_STATE_NOT_ELIGIBLE']],
    ['a married 16-year-old, ISSUED', marriedSixteen, 'ISSUED', ['KIA_STATE_NOT_ELIGIBLE']],
    ['a 30-year-old, EXPIRED (turned 17 before the KIA existed)', adult, 'EXPIRED', ['KIA_STATE_NOT_ELIGIBLE']],
    ['an 18-year-old, EXPIRED', eighteen, 'EXPIRED', []],
    ['a married 16-year-old, EXPIRED', marriedSixteen, 'EXPIRED', []],
    ['a 9-year-old, EXPIRED (the UNDER_5 card ended)', nineYearOld, 'EXPIRED', []],
    ['a toddler, EXPIRED', toddler, 'EXPIRED', ['KIA_STATE_NOT_ELIGIBLE']],
    ['a 30-year-old, NOT_ISSUED', adult, 'NOT_ISSUED', []],
    ['anything else', nineYearOld, 'VALID', ['KIA_STATE_INVALID']],
  ] as const)('%s', (_who, holder, kiaState, expected) => {
    expect(codes(documentBaseline({ kiaState: kiaState as never }, holder, options))).toEqual(expected);
  });

  it('reports every problem of the row at once', () => {
    expect(codes(documentBaseline({ ektpState: 'RECORDED', kiaState: 'ISSUED' }, adult, options))).toEqual(['KIA_STATE_NOT_ELIGIBLE']);
    expect(codes(documentBaseline({ ektpState: 'RECORDED', kiaState: 'EXPIRED' }, toddler, options))).toEqual(['EKTP_STATE_NOT_WAJIB_KTP', 'KIA_STATE_NOT_ELIGIBLE']);
  });

  it('an imported card expires as the child ages, and the next card is printed after it', () => {
    const r = documentBaseline({ kiaState: 'ISSUED' }, toddler, options);
    if (!r.ok) throw new Error('expected ok');
    const kia = r.value.kia as KiaAction;
    const now = foldKia([kia], toddler, { asOf: '2026-11-28' });
    expect(now.ok && [now.value.status, now.value.card?.kiaType, now.value.card?.validUntil, now.value.card?.imported]).toEqual(['ISSUED', 'UNDER_5', '2029-02-09', true]);
    const later = foldKia([kia], toddler, { asOf: '2029-03-01' });
    expect(later.ok && [later.value.status, later.value.expiry, later.value.allowedActions]).toEqual(['EXPIRED', 'TYPE_ENDED', ['PRINT']]);
    if (!later.ok) return;
    const next = applyKiaAction(later.value, { type: 'PRINT', at: '2029-03-01', by: 'op', payload: { kiaType: 'FROM_5_TO_UNDER_17' } }, toddler, { asOf: '2029-03-01' });
    expect(next.ok && [next.value.status, next.value.cards.length]).toEqual(['PRINTED', 2]);
  });

  it('a child imported with an expired card (married) may not get another', () => {
    const r = documentBaseline({ kiaState: 'EXPIRED' }, marriedSixteen, options);
    if (!r.ok) throw new Error('expected ok');
    const s = foldKia([r.value.kia as KiaAction], marriedSixteen, { asOf: '2026-12-01' });
    expect(s.ok && [s.value.status, s.value.expiry, s.value.allowedActions]).toEqual(['EXPIRED', 'MARRIED', []]);
  });

  it('reads a bad person as HOLDER_INVALID', () => {
    expect(codes(documentBaseline({ ektpState: 'RECORDED' }, { birthDate: 'x', maritalStatus: 'BELUM_KAWIN' } as DocumentHolder, options))).toEqual(['HOLDER_INVALID']);
  });
});

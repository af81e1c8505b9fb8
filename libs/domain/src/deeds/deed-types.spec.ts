import { RELIGIONS } from '../codes/religion';
import { DEED_TYPE_RULES, DEED_TYPES, isDeedType, marriageRoute, type DeedType } from './deed-types';
import { DOCUMENT_REQUIREMENTS } from './documents';

describe('deed types (UU 23/2006 as amended by UU 24/2013)', () => {
  it.each([
    ['BIRTH', 60, 'EVENT', 'UU 23/2006 art. 27(1)'],
    ['STILLBIRTH', 30, 'EVENT', 'UU 23/2006 art. 33(1)'],
    ['DEATH', 30, 'EVENT', 'UU 23/2006 art. 44(1)'],
    ['MARRIAGE', 60, 'EVENT', 'UU 23/2006 art. 34(1)'],
    ['DIVORCE', 60, 'COURT_DECISION_FINAL', 'UU 23/2006 art. 40(1)'],
    ['RECOGNITION', 30, 'RECOGNITION_LETTER', 'UU 23/2006 art. 49(1)'],
    ['LEGITIMATION', 30, 'PARENTS_MARRIAGE_REGISTERED', 'UU 23/2006 art. 50(1)'],
    ['ADOPTION', 30, 'COURT_DECISION_RECEIVED', 'UU 23/2006 art. 47(2)'],
  ] as const)('%s: reported within %i days of %s (%s)', (type, days, from, source) => {
    const rule = DEED_TYPE_RULES[type];
    expect([rule.type, rule.deadlineDays, rule.deadlineFrom]).toEqual([type, days, from]);
    expect(rule.deadlineSource).toContain(source);
    expect(rule.requirements).toBe(DOCUMENT_REQUIREMENTS[type]);
  });

  it('a stillbirth is recorded with a Surat Keterangan Lahir Mati, not a numbered deed (UU 23/2006 art. 33(2))', () => {
    expect(DEED_TYPE_RULES.STILLBIRTH).toMatchObject({ issues: 'SURAT_KETERANGAN', numbered: false, documentName: 'Surat Keterangan Lahir Mati' });
    expect(DEED_TYPES.filter((t) => DEED_TYPE_RULES[t].issues === 'KUTIPAN_AKTA')).toEqual(DEED_TYPES.filter((t) => t !== 'STILLBIRTH'));
  });

  it('only a late birth needs the head of the office (UU 23/2006 art. 32(1) as amended by UU 24/2013)', () => {
    expect(DEED_TYPES.filter((t) => DEED_TYPE_RULES[t].lateNeedsHeadDecision)).toEqual(['BIRTH']);
  });

  it('BLAS measures births and OMAS deaths', () => {
    expect(DEED_TYPES.map((t) => DEED_TYPE_RULES[t].programme).filter((p) => p !== null)).toEqual(['BLAS', 'OMAS']);
    expect(DEED_TYPE_RULES.BIRTH.programme).toBe('BLAS');
    expect(DEED_TYPE_RULES.DEATH.programme).toBe('OMAS');
  });

  it('partners notify births, stillbirths, deaths and marriages; the others start from a court decision or the parents', () => {
    expect(DEED_TYPES.filter((t) => DEED_TYPE_RULES[t].partnerNotification)).toEqual(['BIRTH', 'STILLBIRTH', 'DEATH', 'MARRIAGE']);
  });

  it.each([
    ['BIRTH', true],
    ['ADOPTION', true],
    ['birth', false],
    ['MUSLIM_MARRIAGE', false],
    [42, false],
    [null, false],
  ])('isDeedType(%p) is %p', (value, expected) => {
    expect(isDeedType(value)).toBe(expected);
  });
});

describe('marriageRoute: Muslim marriages are recorded by the KUA, others by the office (UU 23/2006 art. 1(23), 8(2), 34)', () => {
  it.each(RELIGIONS.map((r) => [r.code, r.code === 'ISLAM' ? 'KUA' : 'DUKCAPIL', r.code === 'ISLAM' ? null : 'MARRIAGE'] as const))(
    '%s: registered by %s, deed type %p',
    (religion, registeredBy, deedType) => {
      expect(marriageRoute(religion)).toEqual({ ok: true, value: { registeredBy, deedType, maritalStatusAfter: 'KAWIN_TERCATAT' }, warnings: [] });
    },
  );

  it('rejects an unknown religion', () => {
    expect(marriageRoute('Islam' as 'ISLAM')).toMatchObject({ ok: false, errors: [{ code: 'RELIGION_INVALID' }] });
  });

  it('the deed type of a KUA report is no deed type at all', () => {
    const route = marriageRoute('ISLAM');
    expect(route.ok && isDeedType(route.value.deedType as DeedType)).toBe(false);
  });
});

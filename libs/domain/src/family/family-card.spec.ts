import { card, household, member, KK } from '../../test/family-builders';
import { checkFamilyCard, MINIMUM_GENERATION_GAP, type FamilyCard } from './family-card';

const asOf = '2026-11-27';
const codes = (c: FamilyCard, opts: { minimumGenerationGap?: number } = {}) => {
  const r = checkFamilyCard(c, { asOf, ...opts });
  return r.ok ? [] : r.errors.map((e) => e.code);
};
const warningCodes = (c: FamilyCard) => {
  const r = checkFamilyCard(c, { asOf });
  return r.ok ? r.warnings.map((w) => w.code) : ['(invalid)'];
};

describe('checkFamilyCard', () => {
  it('accepts a typical household', () => {
    const c = household();
    expect(checkFamilyCard(c, { asOf })).toEqual({ ok: true, value: c, warnings: [] });
  });

  describe('the head (UU 24/2013 art. 63: the head must be of an age to hold an e-KTP)', () => {
    it('exactly one Kepala Keluarga', () => {
      expect(codes(card([member(4, '2010-01-01', 'M')]))).toEqual(['HEAD_MISSING']);
      expect(codes(card([member(1, '1980-01-01', 'M'), member(1, '1982-01-01', 'M')]))).toEqual(['HEAD_MULTIPLE']);
    });
    it.each([
      ['2009-11-27', 'BELUM_KAWIN', []],
      ['2009-11-28', 'BELUM_KAWIN', ['HEAD_NOT_WAJIB_KTP']],
      ['2010-06-01', 'CERAI_MATI', []],
    ] as const)('a head born %s, %s: %p', (birthDate, status, expected) => {
      expect(codes(card([member(1, birthDate, 'F', status)]))).toEqual(expected);
    });
  });

  describe('spouses (UU 1/1974 art. 3–5; Kompilasi Hukum Islam art. 55(1))', () => {
    it('a Suami beside a woman head', () => {
      expect(codes(card([member(1, '1985-01-01', 'F', 'KAWIN_TERCATAT'), member(2, '1983-01-01', 'M', 'KAWIN_TERCATAT')]))).toEqual([]);
    });
    it('no Suami beside a man head, no Istri beside a woman head', () => {
      expect(codes(card([member(1, '1985-01-01', 'M', 'KAWIN_TERCATAT'), member(2, '1983-01-01', 'M', 'KAWIN_TERCATAT')]))).toEqual([
        'SPOUSE_SEX_INCONSISTENT',
      ]);
      expect(codes(card([member(1, '1985-01-01', 'F', 'KAWIN_TERCATAT'), member(3, '1983-01-01', 'F', 'KAWIN_TERCATAT')]))).toEqual([
        'SPOUSE_SEX_INCONSISTENT',
      ]);
    });
    it('never more than one Suami', () => {
      const c = card([member(1, '1985-01-01', 'F', 'KAWIN_TERCATAT'), member(2, '1983-01-01', 'M', 'KAWIN_TERCATAT'), member(2, '1984-01-01', 'M', 'KAWIN_TERCATAT')]);
      expect(codes(c)).toEqual(['HUSBAND_MULTIPLE']);
    });
    const wives = (n: number) => Array.from({ length: n }, (_, i) => member(3, `198${i}-02-01`, 'F', 'KAWIN_TERCATAT'));
    it('two Istri only with a recorded permission', () => {
      expect(codes(card([member(1, '1970-01-01', 'M', 'KAWIN_TERCATAT'), ...wives(2)]))).toEqual(['WIVES_NOT_PERMITTED']);
      expect(codes(card([member(1, '1970-01-01', 'M', 'KAWIN_TERCATAT'), ...wives(2)], { polygamyPermitted: true }))).toEqual([]);
    });
    it('never more than four Istri', () => {
      expect(codes(card([member(1, '1970-01-01', 'M', 'KAWIN_TERCATAT'), ...wives(4)], { polygamyPermitted: true }))).toEqual([]);
      expect(codes(card([member(1, '1970-01-01', 'M', 'KAWIN_TERCATAT'), ...wives(5)], { polygamyPermitted: true }))).toEqual(['WIVES_OVER_LIMIT']);
    });
    it('head and spouse married, and to each other (the same registration state)', () => {
      expect(codes(card([member(1, '1980-01-01', 'M', 'BELUM_KAWIN'), member(3, '1982-01-01', 'F', 'KAWIN_TERCATAT')]))).toEqual(['SPOUSE_NOT_MARRIED']);
      expect(codes(card([member(1, '1980-01-01', 'M', 'KAWIN_TERCATAT'), member(3, '1982-01-01', 'F', 'CERAI_MATI')]))).toEqual(['SPOUSE_NOT_MARRIED']);
      expect(codes(card([member(1, '1980-01-01', 'M', 'KAWIN_TERCATAT'), member(3, '1982-01-01', 'F', 'KAWIN_BELUM_TERCATAT')]))).toEqual([
        'SPOUSE_REGISTRATION_MISMATCH',
      ]);
      expect(codes(card([member(1, '1980-01-01', 'M', 'KAWIN_BELUM_TERCATAT'), member(3, '1982-01-01', 'F', 'KAWIN_BELUM_TERCATAT')]))).toEqual([]);
    });
  });

  describe(`generations (minimum gap ${MINIMUM_GENERATION_GAP} years, our documented choice)`, () => {
    const head = () => member(1, '1980-06-01', 'M', 'CERAI_MATI');
    it.each([
      ['1992-06-01', []],
      ['1992-06-02', []],
      ['1992-05-31', ['CHILD_AGE_GAP']],
      ['1979-01-01', ['CHILD_AGE_GAP']],
    ] as const)('an Anak born %s beside a head born 1980-06-01: %p', (birthDate, expected) => {
      expect(codes(card([head(), member(4, birthDate, 'F')]))).toEqual(expected);
    });
    it('a Cucu two generations (24 years) below the head', () => {
      expect(codes(card([head(), member(6, '2004-06-01', 'M')]))).toEqual([]);
      expect(codes(card([head(), member(6, '2004-05-31', 'M')]))).toEqual(['GRANDCHILD_AGE_GAP']);
    });
    it('an Orang Tua above the head', () => {
      expect(codes(card([head(), member(7, '1968-06-01', 'F', 'CERAI_MATI')]))).toEqual([]);
      expect(codes(card([head(), member(7, '1970-01-01', 'F', 'CERAI_MATI')]))).toEqual(['PARENT_OF_HEAD_AGE_GAP']);
    });
    it('a Mertua above a spouse; younger than the head is only a warning', () => {
      const h = member(1, '1960-01-01', 'M', 'KAWIN_TERCATAT');
      const wife = member(3, '1990-01-01', 'F', 'KAWIN_TERCATAT');
      expect(codes(card([h, wife, member(8, '1965-01-01', 'F', 'CERAI_MATI')]))).toEqual([]);
      expect(warningCodes(card([h, wife, member(8, '1965-01-01', 'F', 'CERAI_MATI')]))).toEqual(['PARENT_IN_LAW_YOUNGER_THAN_HEAD']);
      expect(codes(card([h, wife, member(8, '1985-01-01', 'F', 'CERAI_MATI')]))).toEqual(['PARENT_IN_LAW_AGE_GAP']);
    });
    it('an Anak close in age to a younger second spouse is a warning (a stepchild), not an error', () => {
      const c = card([member(1, '1960-01-01', 'M', 'KAWIN_TERCATAT'), member(3, '1985-01-01', 'F', 'KAWIN_TERCATAT'), member(4, '1990-01-01', 'M')]);
      expect(codes(c)).toEqual([]);
      expect(warningCodes(c)).toEqual(['CHILD_OLDER_THAN_SPOUSE_GAP']);
    });
    it('a parent recorded by NIK on the card is checked whatever the SHDK', () => {
      const h = head();
      const c = card([h, member(9, '1985-01-01', 'M', 'BELUM_KAWIN', { fatherNik: h.nik })]);
      expect(codes(c)).toEqual(['PARENT_AGE_GAP']);
    });
    it('the gap is an option', () => {
      expect(codes(card([head(), member(4, '1990-06-01', 'F')]), { minimumGenerationGap: 10 })).toEqual([]);
    });
  });

  describe('NIKs (PP 37/2007 art. 37)', () => {
    it('every NIK valid and consistent with the record', () => {
      const h = member(1, '1980-06-01', 'M', 'CERAI_MATI');
      expect(codes(card([{ ...h, nik: '5316010106800000' }]))).toEqual(['MEMBER_NIK_INVALID']);
      expect(codes(card([{ ...h, sex: 'F' }]))).toEqual(['MEMBER_NIK_MISMATCH']);
      expect(codes(card([{ ...h, birthDate: '1980-06-02' }]))).toEqual(['MEMBER_NIK_MISMATCH']);
    });
    it('no NIK twice on a card', () => {
      const c = household();
      const r = checkFamilyCard({ ...c, members: [...c.members, c.members[3] as (typeof c.members)[number]] }, { asOf });
      expect(!r.ok && r.errors.map((e) => [e.code, e.members])).toEqual([['NIK_DUPLICATE', [3, 4]]]);
    });
  });

  describe('every violation of every member, whatever else is wrong with the card', () => {
    // Each rule is judged on every member with the fields that can be read; an unreadable field only skips the
    // rules that need that field (README: "report every problem, not only the first").
    const pairs = (c: FamilyCard) => {
      const r = checkFamilyCard(c, { asOf });
      return r.ok ? [] : r.errors.map((e) => [e.code, e.members]);
    };
    it('a 3-year-old head with a bad religion code: also HEAD_NOT_WAJIB_KTP and the Anak older than the head', () => {
      const h = { ...member(1, '2023-06-01', 'M'), religion: 'XX' } as never;
      expect(pairs(card([h, member(4, '2010-01-01', 'F')]))).toEqual([
        ['MEMBER_INVALID', [0]],
        ['HEAD_NOT_WAJIB_KTP', [0]],
        ['CHILD_AGE_GAP', [0, 1]],
      ]);
    });
    it('a Suami beside a man head, with a NIK that is not even a string, a bad religion or a malformed NIK', () => {
      const h = member(1, '1980-01-01', 'M', 'KAWIN_TERCATAT');
      const suami = member(2, '1982-01-01', 'M', 'KAWIN_TERCATAT');
      expect(pairs(card([h, { ...suami, nik: 5316010101820001 } as never]))).toEqual([
        ['MEMBER_INVALID', [1]],
        ['SPOUSE_SEX_INCONSISTENT', [0, 1]],
      ]);
      expect(pairs(card([h, { ...suami, religion: 'XX' } as never]))).toEqual([
        ['MEMBER_INVALID', [1]],
        ['SPOUSE_SEX_INCONSISTENT', [0, 1]],
      ]);
      expect(pairs(card([h, { ...suami, nik: '53160101018200AB' }]))).toEqual([
        ['MEMBER_NIK_INVALID', [1]],
        ['SPOUSE_SEX_INCONSISTENT', [0, 1]],
      ]);
    });
    it('an unreadable sex skips only the rules that need it: the head side of a Suami is still judged', () => {
      const h = member(1, '1980-01-01', 'M', 'KAWIN_TERCATAT');
      const suami = { ...member(2, '1982-01-01', 'M', 'KAWIN_TERCATAT'), sex: 'X' } as never;
      expect(pairs(card([h, suami]))).toEqual([
        ['MEMBER_INVALID', [1]],
        ['SPOUSE_SEX_INCONSISTENT', [0, 1]],
      ]);
      // Beside a woman head, nothing is known against the Suami but his unreadable sex.
      expect(pairs(card([member(1, '1980-01-01', 'F', 'KAWIN_TERCATAT'), suami]))).toEqual([['MEMBER_INVALID', [1]]]);
    });
    it('several members, each with a field defect and another violation', () => {
      const h = { ...member(1, '1980-06-01', 'M', 'KAWIN_TERCATAT'), religion: 'XX' } as never as ReturnType<typeof member>;
      const wife = { ...member(3, '1982-01-01', 'F', 'BELUM_KAWIN'), religion: '' } as never; // not married
      const oldChild = { ...member(4, '1975-01-01', 'F'), maritalStatus: 'KAWIN' } as never; // older than the head
      const grandchild = { ...member(6, '1990-01-01', 'M'), sex: 'X' } as never; // 24-year gap not met
      const parent = { ...member(7, '1975-01-01', 'F', 'CERAI_MATI'), birthDate: '1975-01-01', nik: 'ABC' } as never; // too young
      const son = { ...member(9, '1985-01-01', 'M', 'BELUM_KAWIN', { fatherNik: h.nik }), religion: 'XX' } as never; // 5 years after his father
      const twin = { ...member(11, '2000-01-01', 'M'), religion: 'XX' } as never;
      const twinCopy = { ...(twin as object), nik: (twin as { nik: string }).nik, relationship: 11 } as never;
      expect(pairs(card([h, wife, oldChild, grandchild, parent, son, twin, twinCopy]))).toEqual([
        ['MEMBER_INVALID', [0]],
        ['MEMBER_INVALID', [1]],
        ['MEMBER_INVALID', [2]],
        ['MEMBER_INVALID', [3]],
        ['MEMBER_NIK_INVALID', [4]],
        ['MEMBER_INVALID', [5]],
        ['MEMBER_INVALID', [6]],
        ['MEMBER_INVALID', [7]],
        ['NIK_DUPLICATE', [6, 7]],
        ['SPOUSE_NOT_MARRIED', [1]],
        ['CHILD_AGE_GAP', [0, 2]],
        ['GRANDCHILD_AGE_GAP', [0, 3]],
        ['PARENT_OF_HEAD_AGE_GAP', [4, 0]],
        ['PARENT_AGE_GAP', [0, 5]],
      ]);
    });
    it('a NIK is still compared with the readable birth date when the sex is unreadable, and with the sex when the date is', () => {
      const h = member(1, '1980-06-01', 'M', 'CERAI_MATI');
      expect(pairs(card([{ ...h, sex: 'X', birthDate: '1980-06-02' } as never]))).toEqual([
        ['MEMBER_INVALID', [0]],
        ['MEMBER_NIK_MISMATCH', [0]],
      ]);
      expect(pairs(card([{ ...h, sex: 'F', birthDate: '1980-02-31' } as never]))).toEqual([
        ['MEMBER_INVALID', [0]],
        ['MEMBER_NIK_MISMATCH', [0]],
      ]);
    });
    it('a member without a readable SHDK is still checked for its NIK and counted for duplicates', () => {
      const h = member(1, '1980-06-01', 'M', 'CERAI_MATI');
      const other = { ...member(4, '2010-01-01', 'F'), relationship: 0, sex: 'M', nik: h.nik } as never;
      expect(pairs(card([h, other]))).toEqual([
        ['MEMBER_INVALID', [1]],
        ['MEMBER_NIK_MISMATCH', [1]],
        ['NIK_DUPLICATE', [0, 1]],
      ]);
    });
  });

  describe('input of any shape: violations, never exceptions', () => {
    it.each([null, undefined, 42, 'card', {}, { kkNumber: KK }, { kkNumber: KK, members: 'x' }])('%p is CARD_INVALID', (bad) => {
      expect(codes(bad as unknown as FamilyCard)).toEqual(['CARD_INVALID']);
    });
    it('reports bad member fields, a bad No. KK and a bad asOf', () => {
      const c = card([{ nik: 5, relationship: 12, birthDate: '2027-01-01', sex: 'X', maritalStatus: 'KAWIN', religion: 'ISLAM' } as never], { kkNumber: '123' });
      expect(codes(c)).toEqual(['KK_NUMBER_INVALID', 'MEMBER_INVALID', 'HEAD_MISSING']);
      expect(checkFamilyCard(household(), { asOf: 'soon' })).toMatchObject({ ok: false, errors: [{ code: 'AS_OF_INVALID' }] });
    });
    it('reports every violation at once, with the members involved and NIKs masked in messages', () => {
      const h = member(1, '1980-06-01', 'M', 'KAWIN_TERCATAT');
      const child = member(4, '1975-01-01', 'F');
      const r = checkFamilyCard(card([h, member(2, '1982-01-01', 'M', 'KAWIN_TERCATAT'), child, { ...child }]), { asOf });
      expect(!r.ok && r.errors.map((e) => [e.code, e.members])).toEqual([
        ['NIK_DUPLICATE', [2, 3]],
        ['SPOUSE_SEX_INCONSISTENT', [0, 1]],
        ['CHILD_AGE_GAP', [0, 2]],
        ['CHILD_AGE_GAP', [0, 3]],
      ]);
      expect(!r.ok && r.errors[0]?.message).toMatch(/531601\*{6}\d{4}/);
      expect(!r.ok && r.errors[0]?.message).not.toContain(child.nik);
    });
  });
});

// Test data builders for family cards: members with NIKs that agree with their birth date and sex.
import type { FamilyCard, FamilyMember } from '../src/family/family-card';
import type { MaritalStatus } from '../src/codes/marital-status';
import type { ShdkCode } from '../src/codes/shdk';

let serial = 0;

/** A valid NIK of Aesesa (53.16.01) for this birth date and sex, with a fresh serial. */
export function nikFor(birthDate: string, sex: 'M' | 'F', district = '531601'): string {
  serial = (serial % 9999) + 1;
  const [y, m, d] = birthDate.split('-') as [string, string, string];
  const day = String(+d + (sex === 'F' ? 40 : 0)).padStart(2, '0');
  return `${district}${day}${m}${y.slice(2)}${String(serial).padStart(4, '0')}`;
}

export function member(
  relationship: ShdkCode,
  birthDate: string,
  sex: 'M' | 'F',
  maritalStatus: MaritalStatus = 'BELUM_KAWIN',
  extra: Partial<FamilyMember> = {},
): FamilyMember {
  return { nik: nikFor(birthDate, sex), relationship, birthDate, sex, maritalStatus, religion: 'KATOLIK', ...extra };
}

export const KK = '5316010501200001';

export function card(members: FamilyMember[], extra: Partial<FamilyCard> = {}): FamilyCard {
  return { kkNumber: KK, members, version: 1, ...extra };
}

/** A typical Nagekeo household: father (head), mother, two children. */
export function household(): FamilyCard {
  const father = member(1, '1980-04-12', 'M', 'KAWIN_TERCATAT');
  const mother = member(3, '1984-09-30', 'F', 'KAWIN_TERCATAT');
  return card([
    father,
    mother,
    member(4, '2008-01-15', 'F', 'BELUM_KAWIN', { fatherNik: father.nik, motherNik: mother.nik }),
    member(4, '2015-07-02', 'M', 'BELUM_KAWIN', { fatherNik: father.nik, motherNik: mother.nik }),
  ]);
}

/** Three generations: grandparents (head and wife), a married son with his wife and child, a younger daughter. */
export function threeGenerations(): FamilyCard {
  const head = member(1, '1950-01-01', 'M', 'KAWIN_TERCATAT');
  const wife = member(3, '1952-01-01', 'F', 'KAWIN_TERCATAT');
  const son = member(4, '1978-01-01', 'M', 'KAWIN_TERCATAT', { fatherNik: head.nik, motherNik: wife.nik });
  const daughterInLaw = member(5, '1980-01-01', 'F', 'KAWIN_TERCATAT');
  const grandchild = member(6, '2006-01-01', 'F', 'BELUM_KAWIN', { fatherNik: son.nik, motherNik: daughterInLaw.nik });
  const youngest = member(4, '1990-01-01', 'F', 'BELUM_KAWIN', { fatherNik: head.nik, motherNik: wife.nik });
  return card([head, wife, son, daughterInLaw, grandchild, youngest]);
}

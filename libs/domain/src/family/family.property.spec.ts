// Properties of the family card operations (fast-check): any random sequence of operations, applied to a
// valid card, yields only cards that checkFamilyCard accepts; a refused operation returns violations and
// leaves the card as it was; inputs are never mutated; nothing throws. And checkFamilyCard judges every rule on
// every member whatever else is wrong.
import fc from 'fast-check';
import { card, household, member, nikFor, threeGenerations } from '../../test/family-builders';
import { checkFamilyCard, type FamilyCard, type FamilyMember } from './family-card';
import { addMovedInMember, addNewborn, changeHead, removeMember, splitFamilyCard, type FamilyOperationResult } from './family-operations';
import type { ShdkCode } from '../codes/shdk';
import type { MaritalStatus } from '../codes/marital-status';

const asOf = '2026-11-27';

type Step =
  | { kind: 'newborn'; parent: number; sex: 'M' | 'F'; daysAgo: number }
  | { kind: 'moveIn'; relationship: ShdkCode; year: number; sex: 'M' | 'F'; status: MaritalStatus }
  | { kind: 'remove'; who: number; death: boolean; pickHead: number | null }
  | { kind: 'changeHead'; who: number }
  | { kind: 'split'; who: number; takeAll: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('newborn' as const), parent: fc.nat(20), sex: fc.constantFrom('M' as const, 'F' as const), daysAgo: fc.integer({ min: 0, max: 300 }) }),
  fc.record({
    kind: fc.constant('moveIn' as const),
    relationship: fc.constantFrom<ShdkCode>(4, 5, 6, 7, 8, 9, 10, 11),
    year: fc.integer({ min: 1940, max: 2024 }),
    sex: fc.constantFrom('M' as const, 'F' as const),
    status: fc.constantFrom<MaritalStatus>('BELUM_KAWIN', 'KAWIN_TERCATAT', 'CERAI_MATI'),
  }),
  fc.record({ kind: fc.constant('remove' as const), who: fc.nat(20), death: fc.boolean(), pickHead: fc.option(fc.nat(20)) }),
  fc.record({ kind: fc.constant('changeHead' as const), who: fc.nat(20) }),
  fc.record({ kind: fc.constant('split' as const), who: fc.nat(20), takeAll: fc.boolean() }),
);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function isoDaysBefore(days: number): string {
  return new Date(Date.UTC(2026, 10, 27) - days * 86_400_000).toISOString().slice(0, 10);
}

describe('family card operations: properties', () => {
  it('a random sequence of operations never yields a card that checkFamilyCard rejects', () => {
    let cards = 0;
    let splits = 0;
    let headChanges = 0;
    fc.assert(
      fc.property(fc.boolean(), fc.array(step, { maxLength: 25 }), (big, steps) => {
        let current: FamilyCard = deepFreeze(big ? threeGenerations() : household());
        const used: number[] = [1];
        for (const s of steps) {
          if (current.members.length === 0) break;
          const at = (i: number) => current.members[i % current.members.length];
          const options = { asOf, kkIssue: { districtCode: '531601', usedSerials: [...used] } };
          const before = JSON.stringify(current);
          let result: FamilyOperationResult;
          switch (s.kind) {
            case 'newborn': {
              const parent = at(s.parent);
              const birthDate = isoDaysBefore(s.daysAgo);
              const key = parent?.sex === 'F' ? 'motherNik' : 'fatherNik';
              result = addNewborn(current, { nik: nikFor(birthDate, s.sex), birthDate, sex: s.sex, religion: 'KATOLIK', [key]: parent?.nik }, options);
              break;
            }
            case 'moveIn':
              result = addMovedInMember(current, member(s.relationship, `${s.year}-03-15`, s.sex, s.status), options);
              break;
            case 'remove':
              result = removeMember(
                current,
                { nik: at(s.who)?.nik as string, reason: s.death ? 'DEATH' : 'MOVE_OUT', ...(s.pickHead === null ? {} : { newHeadNik: at(s.pickHead)?.nik }) },
                options,
              );
              break;
            case 'changeHead':
              result = changeHead(current, { newHeadNik: at(s.who)?.nik as string }, options);
              break;
            case 'split': {
              // Mostly a married Anak (the split's precondition), sometimes anyone.
              const married = current.members.filter((m) => m.relationship === 4 && m.maritalStatus !== 'BELUM_KAWIN');
              const head = married.length > 0 && s.who % 4 !== 0 ? married[s.who % married.length] : at(s.who);
              const others = current.members.filter((m) => m !== head && (m.relationship === 5 || m.relationship === 6)).map((m) => m.nik);
              result = splitFamilyCard(current, { newHeadNik: head?.nik as string, memberNiks: s.takeAll ? others : others.slice(0, 1) }, options);
              break;
            }
          }
          expect(JSON.stringify(current)).toBe(before);
          if (!result.ok) {
            expect(result.errors.length).toBeGreaterThan(0);
            continue;
          }
          for (const next of [result.value.card, result.value.newCard]) {
            if (!next || next.members.length === 0) continue;
            const checked = checkFamilyCard(next, { asOf });
            expect(checked.ok ? [] : checked.errors.map((e) => e.code)).toEqual([]);
            cards++;
          }
          for (const f of result.value.facts) if (f.type === 'KK_NUMBER_REISSUED') used.push(+f.kkNumber.slice(12));
          if (result.value.newCard) used.push(+result.value.newCard.kkNumber.slice(12));
          if (result.value.newCard) splits++;
          if (result.value.facts.some((f) => f.type === 'HEAD_CHANGED')) headChanges++;
          current = deepFreeze(result.value.card);
        }
      }),
      { numRuns: 300 },
    );
    // The generator must actually reach new cards, or the property says nothing.
    expect(cards).toBeGreaterThan(300);
    expect(splits).toBeGreaterThan(20);
    expect(headChanges).toBeGreaterThan(50);
  });
});

// checkFamilyCard reports every violation of every member, whatever else is wrong with the card: a defect in
// one member's field can only take away the violations of the rules that read that field.
describe('checkFamilyCard: a field defect never hides another rule', () => {
  type Field = 'religion' | 'nik' | 'sex' | 'maritalStatus' | 'birthDate' | 'relationship';
  const ROLE_CODES = [
    'HEAD_MISSING',
    'HEAD_MULTIPLE',
    'HEAD_NOT_WAJIB_KTP',
    'SPOUSE_SEX_INCONSISTENT',
    'HUSBAND_MULTIPLE',
    'WIVES_NOT_PERMITTED',
    'WIVES_OVER_LIMIT',
    'SPOUSE_NOT_MARRIED',
    'SPOUSE_REGISTRATION_MISMATCH',
    'CHILD_AGE_GAP',
    'GRANDCHILD_AGE_GAP',
    'PARENT_OF_HEAD_AGE_GAP',
    'PARENT_IN_LAW_AGE_GAP',
  ];
  /** The rules that read each field: only their violations may go when the field becomes unreadable. */
  const READS: Record<Field, readonly string[]> = {
    religion: [],
    nik: ['MEMBER_NIK_INVALID', 'MEMBER_NIK_MISMATCH', 'NIK_DUPLICATE', 'PARENT_AGE_GAP'],
    sex: ['SPOUSE_SEX_INCONSISTENT', 'MEMBER_NIK_MISMATCH'],
    maritalStatus: ['HEAD_NOT_WAJIB_KTP', 'SPOUSE_NOT_MARRIED', 'SPOUSE_REGISTRATION_MISMATCH'],
    birthDate: ['HEAD_NOT_WAJIB_KTP', 'MEMBER_NIK_MISMATCH', 'CHILD_AGE_GAP', 'GRANDCHILD_AGE_GAP', 'PARENT_OF_HEAD_AGE_GAP', 'PARENT_IN_LAW_AGE_GAP', 'PARENT_AGE_GAP'],
    relationship: ROLE_CODES,
  };
  const DEFECTS: Record<Field, readonly unknown[]> = {
    religion: ['XX', '', null],
    nik: [5316010101800001, 'ABC', '', undefined],
    sex: ['X', 'L', null],
    maritalStatus: ['KAWIN', 1, undefined],
    birthDate: ['1990-02-31', '2030-01-01', 19900101],
    relationship: [0, 12, '1'],
  };

  const memberArb = fc.record({
    relationship: fc.constantFrom<ShdkCode>(1, 1, 1, 2, 3, 3, 4, 4, 5, 6, 7, 8, 9, 11),
    year: fc.integer({ min: 1935, max: 2025 }),
    sex: fc.constantFrom('M' as const, 'F' as const),
    status: fc.constantFrom<MaritalStatus>('BELUM_KAWIN', 'KAWIN_TERCATAT', 'KAWIN_BELUM_TERCATAT', 'CERAI_HIDUP_TERCATAT', 'CERAI_MATI'),
    father: fc.option(fc.nat(7), { nil: undefined }),
    nikOff: fc.constantFrom(false, false, false, true),
  });
  const field = fc.constantFrom<Field>('religion', 'nik', 'sex', 'maritalStatus', 'birthDate', 'relationship');

  it('the violations of the rules that do not read the damaged field all remain', () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.array(memberArb, { minLength: 1, maxLength: 8 }), fc.nat(7), field, fc.nat(3), (specs, who, f, which) => {
        const members: FamilyMember[] = specs.map((s) =>
          member(s.relationship, `${s.year}-05-10`, s.sex, s.status, s.nikOff ? { birthDate: `${s.year}-05-11` } : {}),
        );
        specs.forEach((s, i) => {
          const father = s.father === undefined ? undefined : members[s.father % members.length];
          if (father && father !== members[i]) members[i] = { ...(members[i] as FamilyMember), fatherNik: father.nik };
        });
        const before = checkFamilyCard(card(members), { asOf });
        const index = who % members.length;
        const defects = DEFECTS[f];
        const damaged = members.map((m, i) => (i === index ? ({ ...m, [f]: defects[which % defects.length] } as unknown as FamilyMember) : m));
        const after = checkFamilyCard(card(damaged), { asOf });
        const key = (e: { code: string; members: readonly number[] }) => `${e.code} ${e.members.join(',')}`;
        const kept = new Set(after.ok ? [] : after.errors.map(key));
        const expected = (before.ok ? [] : before.errors).filter((e) => !READS[f].includes(e.code));
        compared += expected.length;
        expect(expected.map(key).filter((k) => !kept.has(k))).toEqual([]);
        // The damage itself is reported.
        expect(after.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
    expect(compared).toBeGreaterThan(500);
  });
});

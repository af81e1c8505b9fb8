import { card, household, member, nikFor, KK } from '../../test/family-builders';
import { checkFamilyCard, type FamilyCard } from './family-card';
import { addMovedInMember, addNewborn, changeHead, KK_NUMBER_POLICY, moveFamily, removeMember, splitFamilyCard } from './family-operations';

const asOf = '2026-11-27';
const kkIssue = { districtCode: '531601', usedSerials: [1, 2] };
const options = { asOf, kkIssue };
const roles = (c: FamilyCard) => c.members.map((m) => m.relationship);
const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};

describe('addNewborn (from a birth deed)', () => {
  it('adds a child of the head and spouse as Anak, reprinting the card under its number', () => {
    const c = deepFreeze(household());
    const [father, mother] = c.members;
    const nik = nikFor('2026-11-20', 'F');
    const r = addNewborn(c, { nik, birthDate: '2026-11-20', sex: 'F', religion: 'KATOLIK', fatherNik: father?.nik, motherNik: mother?.nik }, options);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.card.members.at(-1)).toMatchObject({ nik, relationship: 4, maritalStatus: 'BELUM_KAWIN' });
    expect(r.value.card.kkNumber).toBe(KK);
    expect(r.value.card.version).toBe(2);
    expect(r.value.facts).toEqual([
      { type: 'MEMBER_ADDED', nik, reason: 'BIRTH', relationship: 4 },
      { type: 'CARD_REPRINTED', kkNumber: KK, operation: 'ADD_NEWBORN' },
    ]);
    expect(c.members).toHaveLength(4);
  });

  it("adds a child of an Anak as Cucu", () => {
    const head = member(1, '1960-01-01', 'F', 'CERAI_MATI');
    const daughter = member(4, '1990-01-01', 'F', 'KAWIN_TERCATAT');
    const r = addNewborn(card([head, daughter]), { nik: nikFor('2026-11-01', 'M'), birthDate: '2026-11-01', sex: 'M', religion: 'ISLAM', motherNik: daughter.nik }, options);
    expect(r.ok && roles(r.value.card)).toEqual([1, 4, 6]);
  });

  it('refuses a newborn whose parents are not on the card, or who is already on it', () => {
    const c = household();
    const orphan = addNewborn(c, { nik: nikFor('2026-11-01', 'M'), birthDate: '2026-11-01', sex: 'M', religion: 'ISLAM', motherNik: '5316014101900001' }, options);
    expect(!orphan.ok && orphan.errors.map((e) => e.code)).toEqual(['NEWBORN_PARENT_NOT_ON_CARD']);
    const twice = addNewborn(c, { nik: c.members[3]?.nik as string, birthDate: '2015-07-02', sex: 'M', religion: 'ISLAM', fatherNik: c.members[0]?.nik }, options);
    expect(!twice.ok && twice.errors.map((e) => e.code)).toEqual(['MEMBER_ALREADY_ON_CARD']);
  });

  it('refuses a newborn whose NIK disagrees with the birth deed', () => {
    const c = household();
    const r = addNewborn(c, { nik: nikFor('2026-11-20', 'M'), birthDate: '2026-11-20', sex: 'F', religion: 'KATOLIK', fatherNik: c.members[0]?.nik }, options);
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['MEMBER_NIK_MISMATCH']);
  });
});

describe('addMovedInMember', () => {
  it('adds the member with the declared SHDK and gives the card a new No. KK', () => {
    const c = household();
    const grandmother = member(7, '1950-03-03', 'F', 'CERAI_MATI');
    const r = addMovedInMember(c, grandmother, options);
    expect(r.ok && r.value.card.kkNumber).toBe('5316012711260003');
    expect(r.ok && r.value.facts.at(-1)).toEqual({ type: 'KK_NUMBER_REISSUED', previousKkNumber: KK, kkNumber: '5316012711260003', operation: 'ADD_MOVE_IN' });
  });
  it('refuses a member who would make the card invalid, and needs kkIssue', () => {
    const c = household();
    const r = addMovedInMember(c, member(1, '1970-01-01', 'M', 'CERAI_MATI'), options);
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['HEAD_MULTIPLE']);
    const noIssue = addMovedInMember(c, member(9, '1999-01-01', 'M'), { asOf });
    expect(!noIssue.ok && noIssue.errors.map((e) => e.code)).toEqual(['KK_ISSUE_REQUIRED']);
  });
});

describe('removeMember (death, move-out)', () => {
  it('a child moves out: the card gets a new number', () => {
    const c = household();
    const r = removeMember(c, { nik: c.members[2]?.nik as string, reason: 'MOVE_OUT' }, options);
    expect(r.ok && roles(r.value.card)).toEqual([1, 3, 4]);
    expect(r.ok && r.value.facts.map((f) => f.type)).toEqual(['MEMBER_REMOVED', 'KK_NUMBER_REISSUED']);
  });

  it('the wife dies: the head becomes Cerai Mati, the card is reprinted', () => {
    const c = household();
    const r = removeMember(c, { nik: c.members[1]?.nik as string, reason: 'DEATH' }, options);
    expect(r.ok && r.value.card.members[0]?.maritalStatus).toBe('CERAI_MATI');
    expect(r.ok && r.value.facts.map((f) => f.type)).toEqual(['MEMBER_REMOVED', 'MARITAL_STATUS_CHANGED', 'CARD_REPRINTED']);
  });

  it('the head dies: the surviving spouse becomes head (Cerai Mati), children stay Anak, new No. KK', () => {
    const c = household();
    const [father, mother] = c.members;
    const r = removeMember(c, { nik: father?.nik as string, reason: 'DEATH' }, options);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.card.members.map((m) => [m.relationship, m.maritalStatus])).toEqual([
      [1, 'CERAI_MATI'],
      [4, 'BELUM_KAWIN'],
      [4, 'BELUM_KAWIN'],
    ]);
    expect(r.value.facts).toContainEqual({ type: 'HEAD_CHANGED', previousHeadNik: father?.nik, newHeadNik: mother?.nik, rule: 'SPOUSE' });
    expect(r.value.card.kkNumber).not.toBe(KK);
  });

  it('the widowed head dies: the eldest adult child becomes head; siblings become Famili Lain, own spouse and children re-mapped', () => {
    const head = member(1, '1950-01-01', 'F', 'CERAI_MATI');
    const son = member(4, '1975-01-01', 'M', 'KAWIN_TERCATAT');
    const daughterInLaw = member(5, '1978-01-01', 'F', 'KAWIN_TERCATAT');
    const grandchild = member(6, '2005-01-01', 'F', 'BELUM_KAWIN', { fatherNik: son.nik, motherNik: daughterInLaw.nik });
    const youngerDaughter = member(4, '1985-01-01', 'F', 'BELUM_KAWIN');
    const r = removeMember(card([head, son, daughterInLaw, grandchild, youngerDaughter]), { nik: head.nik, reason: 'DEATH' }, options);
    expect(r.ok && roles(r.value.card)).toEqual([1, 3, 4, 9]);
    expect(r.ok && r.value.facts.find((f) => f.type === 'HEAD_CHANGED')).toMatchObject({ rule: 'ELDEST_ADULT_CHILD', newHeadNik: son.nik });
  });

  it('asks for a choice when no rule finds one successor, and for SHDK codes it cannot derive', () => {
    const head = member(1, '1950-01-01', 'M', 'KAWIN_TERCATAT');
    const wives = [member(3, '1955-01-01', 'F', 'KAWIN_TERCATAT'), member(3, '1960-01-01', 'F', 'KAWIN_TERCATAT')];
    const r = removeMember(card([head, ...wives], { polygamyPermitted: true }), { nik: head.nik, reason: 'DEATH' }, options);
    expect(!r.ok && r.errors.map((e) => [e.code, e.members])).toEqual([['HEAD_CHOICE_REQUIRED', [1, 2]]]);
    const chosen = removeMember(card([head, ...wives], { polygamyPermitted: true }), { nik: head.nik, reason: 'DEATH', newHeadNik: wives[1]?.nik }, options);
    expect(chosen.ok && roles(chosen.value.card)).toEqual([9, 1]);

    const widow = member(1, '1950-01-01', 'F', 'CERAI_MATI');
    const son = member(4, '1975-01-01', 'M', 'KAWIN_TERCATAT');
    const cucu = member(6, '2004-01-01', 'M');
    const ambiguous = removeMember(card([widow, son, cucu]), { nik: widow.nik, reason: 'DEATH' }, options);
    expect(!ambiguous.ok && ambiguous.errors.map((e) => [e.code, e.members])).toEqual([['RELATIONSHIP_CHOICE_REQUIRED', [2]]]);
    const given = removeMember(card([widow, son, cucu]), { nik: widow.nik, reason: 'DEATH', relationships: { [cucu.nik]: 4 } }, options);
    expect(given.ok && roles(given.value.card)).toEqual([1, 4]);
  });

  it('removing the last member closes the card', () => {
    const only = member(1, '1950-01-01', 'M', 'CERAI_MATI');
    const r = removeMember(card([only]), { nik: only.nik, reason: 'DEATH' }, options);
    expect(r.ok && r.value.card.members).toEqual([]);
    expect(r.ok && r.value.facts.at(-1)).toEqual({ type: 'CARD_CLOSED', kkNumber: KK });
  });

  it('refuses a NIK that is not on the card', () => {
    const r = removeMember(household(), { nik: '5316010101800001', reason: 'DEATH' }, options);
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['MEMBER_NOT_ON_CARD']);
  });
});

describe('changeHead', () => {
  it('the wife becomes head while the husband stays: he becomes Suami', () => {
    const c = household();
    const r = changeHead(c, { newHeadNik: c.members[1]?.nik as string }, options);
    expect(r.ok && roles(r.value.card)).toEqual([2, 1, 4, 4]);
  });
  it('refuses a child under 17 as head', () => {
    const c = household();
    const r = changeHead(c, { newHeadNik: c.members[3]?.nik as string }, options);
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['NEW_HEAD_NOT_ELIGIBLE']);
  });
});

describe('splitFamilyCard (pecah KK)', () => {
  const head = member(1, '1950-01-01', 'M', 'KAWIN_TERCATAT');
  const wife = member(3, '1952-01-01', 'F', 'KAWIN_TERCATAT');
  const son = member(4, '1978-01-01', 'M', 'KAWIN_TERCATAT');
  const daughterInLaw = member(5, '1980-01-01', 'F', 'KAWIN_TERCATAT');
  const grandchild = member(6, '2006-01-01', 'F', 'BELUM_KAWIN', { fatherNik: son.nik });
  const youngest = member(4, '1990-01-01', 'F');
  const big = () => card([head, wife, son, daughterInLaw, grandchild, youngest]);

  it('a married child leaves with spouse and children to a new card; both cards get new numbers', () => {
    const r = splitFamilyCard(big(), { newHeadNik: son.nik, memberNiks: [daughterInLaw.nik, grandchild.nik] }, options);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(roles(r.value.card)).toEqual([1, 3, 4]);
    expect(r.value.newCard && roles(r.value.newCard)).toEqual([1, 3, 4]);
    expect(r.value.newCard?.kkNumber).toBe('5316012711260003');
    expect(r.value.card.kkNumber).toBe('5316012711260004');
    expect(checkFamilyCard(r.value.newCard as FamilyCard, { asOf }).ok).toBe(true);
    expect(r.value.facts[0]).toEqual({ type: 'CARD_SPLIT', fromKkNumber: KK, newKkNumber: '5316012711260003', niks: [son.nik, daughterInLaw.nik, grandchild.nik] });
  });

  it('only for a married Anak, and only with their spouse and children', () => {
    expect(splitFamilyCard(big(), { newHeadNik: youngest.nik, memberNiks: [] }, options)).toMatchObject({ ok: false, errors: [{ code: 'SPLIT_NEW_HEAD_NOT_MARRIED_CHILD' }] });
    const r = splitFamilyCard(big(), { newHeadNik: son.nik, memberNiks: [youngest.nik, wife.nik] }, options);
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['SPLIT_MEMBER_NOT_ELIGIBLE', 'SPLIT_MEMBER_NOT_ELIGIBLE']);
  });
});

describe('KK_NUMBER_POLICY', () => {
  it('reissues the number on a move, a change of head and a split; reprints on a birth or a death', () => {
    expect(KK_NUMBER_POLICY).toEqual({
      ADD_NEWBORN: 'REPRINT',
      ADD_MOVE_IN: 'NEW_NUMBER',
      REMOVE_DEATH: 'REPRINT',
      REMOVE_MOVE_OUT: 'NEW_NUMBER',
      CHANGE_HEAD: 'NEW_NUMBER',
      SPLIT: 'NEW_NUMBER',
      MOVE_FAMILY: 'NEW_NUMBER',
    });
  });
});

describe('moveFamily (pindah satu keluarga)', () => {
  it('within the regency: the same members, in order, under a new number of the destination kecamatan', () => {
    const c = deepFreeze(household());
    const r = moveFamily(c, { leavesRegency: false }, { asOf, kkIssue: { districtCode: '531603', usedSerials: [] } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.card.members).toEqual(c.members);
    expect(r.value.card.kkNumber).toBe('5316032711260001');
    expect(r.value.facts).toEqual([{ type: 'KK_NUMBER_REISSUED', previousKkNumber: c.kkNumber, kkNumber: '5316032711260001', operation: 'MOVE_FAMILY' }]);
  });

  it('needs where to issue the new number', () => {
    expect(moveFamily(household(), { leavesRegency: false }, { asOf })).toMatchObject({ ok: false, errors: [{ code: 'KK_ISSUE_REQUIRED' }] });
  });

  it('out of the regency: every member leaves and the card is closed', () => {
    const c = household();
    const r = moveFamily(c, { leavesRegency: true }, { asOf });
    expect(r.ok && r.value.card.members).toEqual([]);
    expect(r.ok && r.value.facts).toEqual([...c.members.map((m) => ({ type: 'MEMBER_REMOVED', nik: m.nik, reason: 'MOVE_OUT' })), { type: 'CARD_CLOSED', kkNumber: c.kkNumber }]);
  });
});

describe('operations on an invalid card', () => {
  it('return the card violations and change nothing', () => {
    const bad = card([member(4, '2010-01-01', 'M')]);
    expect(addMovedInMember(bad, member(9, '1990-01-01', 'F'), options)).toMatchObject({ ok: false, errors: [{ code: 'HEAD_MISSING' }] });
  });
});

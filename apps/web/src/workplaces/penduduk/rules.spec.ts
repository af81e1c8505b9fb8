// The live rules of "Penduduk & KK" (rules.ts) on a Nagekeo family, as the clerk would check them: a pecah KK that
// breaks several rules lists every one (the operation's and each resulting card's), a correct one lists none and
// shows the new card as the domain makes it (Kepala Keluarga, Istri, Anak); a change of head asks for the
// relationships the rules cannot derive. And the address of each screen reads back to the same place.
import { officeToday, previewChangeHead, previewMoveIn, previewMoveOut, previewSplit, problemViolations, toDomainCard, type CardMemberView, type CardView, type ResidentView } from './rules';
import { placeHref, readPlace, type PendudukPlace } from './place';

const ASOF = '2026-12-07';

function member(residentId: string, relationship: number, nik: string, birthDate: string, sex: 'M' | 'F', maritalStatus: CardMemberView['maritalStatus'], parents: Partial<CardMemberView> = {}): CardMemberView {
  return { residentId, relationship, relationshipLabel: '', nik, fullName: residentId, birthDate, sex, maritalStatus, religion: 'KATOLIK', ...parents };
}

// NIKs: kecamatan Boawae (531603), DDMMYY with 40 added to the day for women (PP 37/2007 art. 37).
const card: CardView = {
  id: 'card',
  kkNumber: '5316030101200001',
  districtCode: '531603',
  villageCode: '5316031001',
  address: 'RT 001 / RW 001, Natanage',
  polygamyPermitted: false,
  status: 'ACTIVE',
  version: 1,
  createdAt: '2020-01-01T00:00:00Z',
  updatedAt: '2020-01-01T00:00:00Z',
  members: [
    member('bapa', 1, '5316031204600001', '1960-04-12', 'M', 'KAWIN_TERCATAT'),
    member('mama', 3, '5316037009620001', '1962-09-30', 'F', 'KAWIN_TERCATAT'),
    member('anak-kawin', 4, '5316031501900001', '1990-01-15', 'M', 'KAWIN_TERCATAT', { fatherResidentId: 'bapa', motherResidentId: 'mama' }),
    member('menantu', 5, '5316034503920001', '1992-03-05', 'F', 'KAWIN_TERCATAT'),
    member('cucu', 6, '5316030106150001', '2015-06-01', 'M', 'BELUM_KAWIN', { fatherResidentId: 'anak-kawin', motherResidentId: 'menantu' }),
    member('anak-kecil', 4, '5316036008120001', '2012-08-20', 'F', 'BELUM_KAWIN', { fatherResidentId: 'bapa', motherResidentId: 'mama' }),
  ],
};

describe('the card for the rules', () => {
  it('names parents by NIK when they are on the card', () => {
    const domain = toDomainCard(card);
    expect(domain.members[4]).toMatchObject({ fatherNik: '5316031501900001', motherNik: '5316034503920001' });
    expect(domain.members[0]).not.toHaveProperty('fatherNik');
  });

  it('takes today in WITA (UTC+8): 7 December 2026 16.30 UTC is already the 8th in Mbay', () => {
    expect(officeToday(new Date('2026-12-07T16:30:00Z'))).toBe('2026-12-08');
    expect(officeToday(new Date('2026-12-07T15:59:00Z'))).toBe('2026-12-07');
  });
});

describe('pecah KK, live', () => {
  it('lists every broken rule: the 14-year-old is no married Anak, cannot head a card, and the grandchild is not 12 years younger', () => {
    const preview = previewSplit(card, 'anak-kecil', ['cucu'], ASOF);
    const codes = preview.violations.map((v) => v.code);
    expect(codes).toEqual(expect.arrayContaining(['SPLIT_NEW_HEAD_NOT_MARRIED_CHILD', 'HEAD_NOT_WAJIB_KTP', 'CHILD_AGE_GAP']));
    expect(new Set(codes).size).toBe(codes.length);
    expect(preview.violations.find((v) => v.code === 'CHILD_AGE_GAP')?.residentIds).toEqual(['anak-kecil', 'cucu']);
    // The cards as they would be, for the person to see.
    expect(preview.newCard.map((m) => [m.residentId, m.relationship])).toEqual([
      ['anak-kecil', 1],
      ['cucu', 4],
    ]);
    expect(preview.rest.map((m) => m.residentId)).toEqual(['bapa', 'mama', 'anak-kawin', 'menantu']);
  });

  it('a married Anak with his wife and child: no violation, and the new card as the domain makes it', () => {
    const preview = previewSplit(card, 'anak-kawin', ['menantu', 'cucu'], ASOF);
    expect(preview.violations).toEqual([]);
    expect(preview.newCard.map((m) => [m.residentId, m.relationship])).toEqual([
      ['anak-kawin', 1],
      ['menantu', 3],
      ['cucu', 4],
    ]);
    expect(preview.rest.map((m) => [m.residentId, m.relationship])).toEqual([
      ['bapa', 1],
      ['mama', 3],
      ['anak-kecil', 4],
    ]);
  });

  it('someone who is not his spouse or child may not leave with him', () => {
    const preview = previewSplit(card, 'anak-kawin', ['anak-kecil'], ASOF);
    expect(preview.violations.map((v) => [v.code, v.residentIds])).toContainEqual(['SPLIT_MEMBER_NOT_ELIGIBLE', ['anak-kecil']]);
  });
});

describe('ganti Kepala Keluarga, live', () => {
  it('the wife takes over: the husband becomes Suami, the rest follow', () => {
    const preview = previewChangeHead(card, 'mama', {}, ASOF);
    expect(preview.violations).toEqual([]);
    expect(preview.members.map((m) => m.relationship)).toEqual([2, 1, 4, 5, 6, 4]);
  });

  it('a child under 17 cannot head the card', () => {
    expect(previewChangeHead(card, 'anak-kecil', {}, ASOF).violations.map((v) => v.code)).toEqual(['NEW_HEAD_NOT_ELIGIBLE']);
  });

  it('asks for what cannot be derived, and accepts the choice', () => {
    const orphan: CardView = { ...card, members: card.members.map((m) => (m.residentId === 'cucu' ? { ...m, fatherResidentId: undefined, motherResidentId: undefined } as CardMemberView : m)) };
    const asked = previewChangeHead(orphan, 'anak-kawin', {}, ASOF);
    expect(asked.undecided).toEqual(['cucu']);
    expect(asked.violations.map((v) => v.code)).toEqual(['RELATIONSHIP_CHOICE_REQUIRED']);
    const chosen = previewChangeHead(orphan, 'anak-kawin', { cucu: 4 }, ASOF);
    expect(chosen.violations).toEqual([]);
    expect(chosen.members.map((m) => [m.residentId, m.relationship])).toEqual([
      ['bapa', 7],
      ['mama', 7],
      ['anak-kawin', 1],
      ['menantu', 3],
      ['cucu', 4],
      ['anak-kecil', 9],
    ]);
  });
});

describe('pindah keluar and pindah datang, live', () => {
  it('the head moves out: his wife takes over (the one spouse), the children stay Anak', () => {
    const preview = previewMoveOut(card, 'bapa', undefined, {}, ASOF);
    expect(preview.violations).toEqual([]);
    expect(preview.members.map((m) => [m.residentId, m.relationship])).toEqual([
      ['mama', 1],
      ['anak-kawin', 4],
      ['menantu', 5],
      ['cucu', 6],
      ['anak-kecil', 4],
    ]);
  });

  it('a widowed head with two adult children of one birth date: the family chooses, then the rules follow', () => {
    const twins: CardView = {
      ...card,
      members: [
        member('janda', 1, '5316034101500001', '1950-01-01', 'F', 'CERAI_MATI'),
        member('kembar-1', 4, '5316030101800001', '1980-01-01', 'M', 'BELUM_KAWIN'),
        member('kembar-2', 4, '5316030101800002', '1980-01-01', 'M', 'BELUM_KAWIN'),
      ],
    };
    const asked = previewMoveOut(twins, 'janda', undefined, {}, ASOF);
    expect(asked.violations.map((v) => v.code)).toEqual(['HEAD_CHOICE_REQUIRED']);
    expect(asked.headChoice).toEqual(['kembar-1', 'kembar-2']);
    const chosen = previewMoveOut(twins, 'janda', 'kembar-2', { 'kembar-1': 9 }, ASOF);
    expect(chosen.violations).toEqual([]);
    expect(chosen.members.map((m) => [m.residentId, m.relationship])).toEqual([
      ['kembar-1', 9],
      ['kembar-2', 1],
    ]);
  });

  const nenek: ResidentView = {
    id: 'nenek',
    nik: '5316034303350001',
    fullName: 'nenek',
    birthPlace: 'Boawae',
    birthDate: '1935-03-03',
    sex: 'F',
    religion: 'KATOLIK',
    maritalStatus: 'CERAI_MATI',
    motherName: 'Ibu',
    districtCode: '531603',
    villageCode: '5316031001',
    address: 'RT 001 / RW 001, Natanage',
    status: 'ALIVE',
    version: 1,
    createdAt: '2026-12-01T00:00:00Z',
    updatedAt: '2026-12-01T00:00:00Z',
  };

  it('a grandmother who moves in: as Anak the ages do not fit; as Orang Tua of the head they do', () => {
    expect(previewMoveIn(card, nenek, 4, ASOF).violations.map((v) => [v.code, v.residentIds])).toEqual([['CHILD_AGE_GAP', ['bapa', 'nenek']]]);
    const fits = previewMoveIn(card, nenek, 7, ASOF);
    expect(fits.violations).toEqual([]);
    expect(fits.members.at(-1)).toEqual({ residentId: 'nenek', relationship: 7 });
  });

  it('someone already on another card, or no longer in the register, is refused before sending', () => {
    const codes = previewMoveIn(card, { ...nenek, familyCardId: 'other', status: 'MOVED_OUT' }, 7, ASOF).violations.map((v) => v.code);
    expect(codes).toEqual(['RESIDENT_ALREADY_ON_CARD', 'RESIDENT_NOT_ALIVE']);
  });
});

describe("the service's refusal", () => {
  it('reads the items of a 422 as violations', () => {
    expect(problemViolations({ code: 'FAMILY_CARD_RULES', errors: [{ code: 'HEAD_NOT_WAJIB_KTP', message: '…', residentIds: ['a'] }, { message: 'no code' }] })).toEqual([
      { code: 'HEAD_NOT_WAJIB_KTP', residentIds: ['a'] },
      { code: 'VALIDATION_FAILED', residentIds: [] },
    ]);
    expect(problemViolations(undefined)).toEqual([]);
  });
});

describe('the address of each screen', () => {
  const places: PendudukPlace[] = [
    { screen: 'search' },
    { screen: 'search', query: { mode: 'nik', nik: '5316031204600001' } },
    { screen: 'search', query: { mode: 'nama', name: 'Yohanes Dhae', district: '531603', village: '5316031001', birthDate: '1960-04-12' } },
    { screen: 'resident', id: '0b6b2e1c-3a4f-4c55-9d2a-1f2e3d4c5b6a' },
    { screen: 'card', id: '0b6b2e1c-3a4f-4c55-9d2a-1f2e3d4c5b6a' },
    { screen: 'card', id: '0b6b2e1c-3a4f-4c55-9d2a-1f2e3d4c5b6a', change: 'pecah' },
    { screen: 'card', id: '0b6b2e1c-3a4f-4c55-9d2a-1f2e3d4c5b6a', change: 'masuk' },
  ];
  it.each(places.map((p) => [placeHref(p), p] as const))('%s', (href, place) => {
    expect(href.startsWith('/meja?bagian=penduduk')).toBe(true);
    expect(readPlace(href.slice('/meja'.length))).toEqual(place);
  });

  it('ignores what is not an id', () => {
    expect(readPlace('?bagian=penduduk&penduduk=../../etc')).toEqual({ screen: 'search' });
  });
});

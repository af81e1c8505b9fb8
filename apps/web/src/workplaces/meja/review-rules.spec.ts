import { readPlace, placeHref } from './place';
import {
  deedTypeOfSubject,
  differenceRows,
  eventKindOfSubject,
  mayCloseReview,
  mayDecide,
  mayReadReviews,
  reasonProblem,
  reasonToSend,
  reviewFieldPath,
  sortReviews,
  type RegisterRecord,
  type ReviewItem,
} from './review-rules';

const RESIDENT = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const MOTHER = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';

describe('the reviews of the deeds events: the rules of the screen', () => {
  it('reads the deed type and the kind of event from the subject', () => {
    expect(deedTypeOfSubject('deeds.death.registered.v1')).toBe('DEATH');
    expect(deedTypeOfSubject('deeds.birth.registered.v1')).toBe('BIRTH');
    expect(deedTypeOfSubject('deeds.adoption.registered.v1')).toBe('ADOPTION');
    expect(deedTypeOfSubject('deeds.deed.corrected.v1')).toBeUndefined();
    expect(deedTypeOfSubject('identity.resident.registered.v1')).toBeUndefined();
    expect(eventKindOfSubject('deeds.death.registered.v1')).toBe('REGISTERED');
    expect(eventKindOfSubject('deeds.deed.corrected.v1')).toBe('CORRECTED');
    expect(eventKindOfSubject('deeds.deed.annulled.v1')).toBe('ANNULLED');
  });

  it('puts what waits for a registrar first, then the longest waiting', () => {
    const r = (id: string, held: boolean, createdAt: string) => ({ id, held, createdAt });
    const sorted = sortReviews([
      r('a', false, '2026-12-01T08:00:00.000+08:00'),
      r('b', true, '2026-12-05T08:00:00.000+08:00'),
      r('c', true, '2026-12-02T08:00:00.000+08:00'),
      r('d', false, '2026-11-30T08:00:00.000+08:00'),
      // The same instant written with another offset: the id decides.
      r('e', true, '2026-12-02T00:00:00.000Z'),
    ]);
    expect(sorted.map((x) => x.id)).toEqual(['c', 'e', 'b', 'd', 'a']);
  });

  it('sets each difference beside what the deed reports and what the register holds', () => {
    const items: ReviewItem[] = [
      { code: 'FAMILY_NAME_DIFFERS', field: 'deceased.fullName', message: 'deceased: family name', residentIds: [RESIDENT] },
      { code: 'GIVEN_NAME_DIFFERS', field: 'deceased.fullName', message: 'deceased: given name', residentIds: [RESIDENT] },
      { code: 'BIRTH_DATE_DIFFERS', field: 'deceased.birthDate', message: 'deceased: birth date', residentIds: [RESIDENT] },
      { code: 'SEX_DIFFERS', field: 'mother.sex', message: 'mother: sex', residentIds: [MOTHER] },
      { code: 'ALREADY_MARRIED', field: 'husbandNik', message: 'married', residentIds: [RESIDENT] },
      { code: 'CHILD_WITHOUT_CARD', field: 'child.nik', message: 'no card' },
    ];
    const particulars = { deceased: { nik: '5316010404410001', fullName: 'Kornelis Dhey Bhoga', birthDate: '1941-04-05' }, mother: { fullName: 'Maria Wea' } };
    const residents = new Map<string, RegisterRecord>([[RESIDENT, { fullName: 'Kornelis Dhey Wea', birthDate: '1941-04-04', sex: 'M' }]]);
    const { rows, others } = differenceRows(items, particulars, residents);
    expect(rows).toEqual([
      { field: 'deceased.fullName', role: 'deceased', leaf: 'fullName', codes: ['FAMILY_NAME_DIFFERS', 'GIVEN_NAME_DIFFERS'], residentId: RESIDENT, reported: 'Kornelis Dhey Bhoga', registered: 'Kornelis Dhey Wea' },
      { field: 'deceased.birthDate', role: 'deceased', leaf: 'birthDate', codes: ['BIRTH_DATE_DIFFERS'], residentId: RESIDENT, reported: '1941-04-05', registered: '1941-04-04' },
      // The deed does not give the mother's sex, and her record was not read: both said as missing.
      { field: 'mother.sex', role: 'mother', leaf: 'sex', codes: ['SEX_DIFFERS'], residentId: MOTHER },
    ]);
    expect(others.map((o) => o.code)).toEqual(['ALREADY_MARRIED', 'CHILD_WITHOUT_CARD']);
  });

  it('shows the differences without the deed (a KUA report, deeds not answering)', () => {
    const { rows } = differenceRows([{ code: 'NAME_DIFFERS', field: 'wife.fullName', message: 'wife: name', residentIds: [RESIDENT] }], undefined, new Map([[RESIDENT, { fullName: 'Yuliana Ngole', birthDate: '1990-01-01', sex: 'F' as const }]]));
    expect(rows).toEqual([{ field: 'wife.fullName', role: 'wife', leaf: 'fullName', codes: ['NAME_DIFFERS'], residentId: RESIDENT, registered: 'Yuliana Ngole' }]);
  });

  it('names the register’s refusals by the particulars they are about', () => {
    expect(reviewFieldPath('husbandNik')).toBe('husband.nik');
    expect(reviewFieldPath('adopterNik')).toBe('adopter.nik');
    expect(reviewFieldPath('familyCard')).toBe('familyCard');
    expect(reviewFieldPath('strangerNik')).toBe('strangerNik');
    expect(reviewFieldPath(undefined)).toBeUndefined();
  });

  it('checks the reason as identity does (1–500 characters, not blank, no control characters)', () => {
    expect(reasonProblem('')).toBe('REQUIRED');
    expect(reasonProblem('   ')).toBe('REQUIRED');
    expect(reasonProblem('x'.repeat(501))).toBe('TOO_LONG');
    expect(reasonProblem('x'.repeat(500))).toBeUndefined();
    expect(reasonProblem('dari\tsalinan')).toBe('CONTROL_CHARACTER');
    expect(reasonProblem('nama\u0085baptis')).toBe('CONTROL_CHARACTER');
    expect(reasonProblem('Keluarga menunjukkan surat baptis: orang yang sama.')).toBeUndefined();
    // A line break typed in the box is sent as a space, not refused.
    expect(reasonToSend('  Surat baptis\r\n  ditunjukkan keluarga \n')).toBe('Surat baptis ditunjukkan keluarga');
    expect(reasonProblem(reasonToSend('baris satu\nbaris dua'))).toBeUndefined();
  });

  it('lets the registrar decide and the operator read', () => {
    expect(mayDecide(['registrar'])).toBe(true);
    expect(mayDecide(['admin'])).toBe(true);
    expect(mayDecide(['operator'])).toBe(false);
    expect(mayReadReviews(['operator'])).toBe(true);
    expect(mayReadReviews(['analyst'])).toBe(false);
    expect(mayReadReviews(['partner'])).toBe(false);
  });

  it('lets the operator and the registrar close a review that holds nothing, as identity does', () => {
    expect(mayCloseReview(['operator'])).toBe(true);
    expect(mayCloseReview(['registrar'])).toBe(true);
    expect(mayCloseReview(['analyst'])).toBe(false);
    expect(mayCloseReview(['partner'])).toBe(false);
  });

  it('keeps the review in the address', () => {
    const id = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect(readPlace('?bagian=pemeriksaan')).toEqual({ section: 'pemeriksaan' });
    expect(readPlace(`?bagian=pemeriksaan&periksa=${id}`)).toEqual({ section: 'pemeriksaan', reviewId: id });
    expect(readPlace('?bagian=pemeriksaan&periksa=../x')).toEqual({ section: 'pemeriksaan' });
    expect(placeHref({ section: 'pemeriksaan', reviewId: id })).toBe(`/meja?bagian=pemeriksaan&periksa=${id}`);
    expect(placeHref({ section: 'pemeriksaan' })).toBe('/meja?bagian=pemeriksaan');
  });
});

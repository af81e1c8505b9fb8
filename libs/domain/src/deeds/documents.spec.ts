import fc from 'fast-check';
import { DEED_TYPES } from './deed-types';
import { checkDocuments, DOCUMENT_KINDS, DOCUMENT_REQUIREMENTS, type DocumentKind } from './documents';

describe('birth deed documents (Permendagri 9/2016)', () => {
  it.each([
    [['BIRTH_LETTER_HEALTH', 'KK', 'KTP_PARENTS', 'MARRIAGE_DEED'], 'BIRTH_LETTER_HEALTH', false, 'MARRIAGE_DEED', true],
    [['BIRTH_LETTER_VILLAGE', 'KK', 'KTP_PARENTS', 'MARRIAGE_BOOK'], 'BIRTH_LETTER_VILLAGE', true, 'MARRIAGE_BOOK', false],
    [['SPTJM_BIRTH', 'KK', 'KTP_PARENTS', 'SPTJM_MARRIED_COUPLE'], 'SPTJM_BIRTH', true, 'SPTJM_MARRIED_COUPLE', true],
  ] as const)('%j: birth proof met by %s (alternative: %p), marriage proof by %s (alternative: %p)', (docs, birthBy, birthAlt, marriageBy, marriageAlt) => {
    const r = checkDocuments('BIRTH', docs);
    expect(r.ok && r.value.complete).toBe(true);
    expect(r.ok && r.value.satisfied).toEqual([
      { requirement: 'BIRTH_PROOF', by: birthBy, alternative: birthAlt },
      { requirement: 'FAMILY_CARD', by: 'KK', alternative: false },
      { requirement: 'PARENTS_KTP', by: 'KTP_PARENTS', alternative: false },
      { requirement: 'PARENTS_MARRIAGE_PROOF', by: marriageBy, alternative: marriageAlt },
    ]);
  });

  it('names what is missing, with the documents that would satisfy it', () => {
    expect(checkDocuments('BIRTH', ['KK', 'KTP_PARENTS'])).toEqual({
      ok: true,
      value: {
        complete: false,
        satisfied: [
          { requirement: 'FAMILY_CARD', by: 'KK', alternative: false },
          { requirement: 'PARENTS_KTP', by: 'KTP_PARENTS', alternative: false },
        ],
        missing: [
          { requirement: 'BIRTH_PROOF', anyOf: ['BIRTH_LETTER_HEALTH', 'BIRTH_LETTER_VILLAGE', 'SPTJM_BIRTH'], needed: 1, provided: 0 },
          { requirement: 'PARENTS_MARRIAGE_PROOF', anyOf: ['MARRIAGE_BOOK', 'MARRIAGE_DEED', 'SPTJM_MARRIED_COUPLE'], needed: 1, provided: 0 },
        ],
        notApplicable: [],
        unused: [],
      },
      warnings: [],
    });
  });

  it('a child of an unmarried mother needs no proof of marriage', () => {
    const r = checkDocuments('BIRTH', ['BIRTH_LETTER_HEALTH', 'KK', 'KTP_PARENTS'], { parentsMarried: false });
    expect(r.ok && [r.value.complete, r.value.notApplicable]).toEqual([true, ['PARENTS_MARRIAGE_PROOF']]);
  });

  it('lists documents no requirement asks for', () => {
    const r = checkDocuments('BIRTH', ['BIRTH_LETTER_HEALTH', 'KK', 'KTP_PARENTS', 'MARRIAGE_BOOK', 'KTP_WITNESS', 'KTP_WITNESS']);
    expect(r.ok && r.value.unused).toEqual(['KTP_WITNESS']);
  });
});

describe('death deed documents: death letter (hospital, puskesmas or village), KK and KTP of the deceased, KTPs of the reporter and two witnesses', () => {
  const all: DocumentKind[] = ['DEATH_LETTER_HEALTH', 'KK', 'KTP_DECEASED', 'KTP_REPORTER', 'KTP_WITNESS', 'KTP_WITNESS'];

  it('is complete with all of them', () => {
    expect(checkDocuments('DEATH', all)).toMatchObject({ ok: true, value: { complete: true, missing: [] } });
  });

  it('counts the witnesses: one is not enough', () => {
    const r = checkDocuments('DEATH', all.slice(0, -1));
    expect(r.ok && r.value.missing).toEqual([{ requirement: 'WITNESSES_KTP', anyOf: ['KTP_WITNESS'], needed: 2, provided: 1 }]);
  });

  it('accepts the village letter as an alternative', () => {
    const r = checkDocuments('DEATH', ['DEATH_LETTER_VILLAGE', ...all.slice(1)]);
    expect(r.ok && r.value.satisfied[0]).toEqual({ requirement: 'DEATH_PROOF', by: 'DEATH_LETTER_VILLAGE', alternative: true });
  });
});

describe('the other checklists (UU 23/2006 art. 33, 34, 40, 47, 49, 50)', () => {
  it.each([
    ['STILLBIRTH', ['STILLBIRTH_LETTER_VILLAGE', 'KK', 'KTP_PARENTS']],
    ['MARRIAGE', ['RELIGIOUS_MARRIAGE_LETTER', 'KTP_SPOUSES', 'KK']],
    ['DIVORCE', ['COURT_DECISION', 'MARRIAGE_DEED']],
    ['RECOGNITION', ['RECOGNITION_LETTER', 'BIRTH_DEED', 'KK']],
    ['LEGITIMATION', ['BIRTH_DEED', 'MARRIAGE_BOOK', 'KK']],
    ['ADOPTION', ['COURT_DECISION', 'BIRTH_DEED', 'KK']],
  ] as const)('%s is complete with %j and incomplete without any one of them', (type, docs) => {
    expect(checkDocuments(type, docs)).toMatchObject({ ok: true, value: { complete: true } });
    docs.forEach((_, i) => {
      expect(checkDocuments(type, docs.filter((__, j) => j !== i))).toMatchObject({ ok: true, value: { complete: false } });
    });
  });

  it('every requirement cites its source and lists known documents', () => {
    for (const type of DEED_TYPES) {
      for (const req of DOCUMENT_REQUIREMENTS[type]) {
        expect(req.source).toMatch(/(UU|Permendagri) \d+\/\d{4}/);
        expect(req.anyOf.every((k) => DOCUMENT_KINDS.includes(k))).toBe(true);
      }
    }
  });
});

describe('checkDocuments: bad input is reported, never thrown', () => {
  it('reports every problem at once', () => {
    const r = checkDocuments('BAPTISM' as 'BIRTH', ['KK', 'PHOTO' as DocumentKind, 7 as unknown as DocumentKind], { parentsMarried: 'yes' as unknown as boolean });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['DEED_TYPE_INVALID', 'DOCUMENT_KIND_UNKNOWN', 'DOCUMENT_KIND_UNKNOWN', 'FACTS_INVALID']);
  });

  it('refuses documents that are not a list', () => {
    expect(checkDocuments('BIRTH', 'KK' as unknown as DocumentKind[])).toMatchObject({ ok: false, errors: [{ code: 'DOCUMENTS_INVALID' }] });
  });

  it('never throws, and is complete exactly when nothing is missing', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...DEED_TYPES), fc.anything()),
        fc.oneof(fc.array(fc.constantFrom(...DOCUMENT_KINDS), { maxLength: 10 }), fc.anything()),
        fc.oneof(fc.record({ parentsMarried: fc.boolean() }), fc.anything()),
        (type, docs, facts) => {
          const r = checkDocuments(type as 'BIRTH', docs as DocumentKind[], facts as { parentsMarried: boolean });
          if (r.ok) expect(r.value.complete).toBe(r.value.missing.length === 0);
          else expect(r.errors.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

import fc from 'fast-check';
import { checkKiaDocuments, KIA_DOCUMENT_KINDS, KIA_DOCUMENT_REQUIREMENTS, kiaDocumentsAsked, type KiaApplication, type KiaDocumentKind } from './kia-documents';
import { KIA_REISSUE_REASONS, KIA_TYPES } from './kia';

describe('kiaDocumentsAsked: Permendagri 2/2016 for a new card, the office list for a reissue', () => {
  it.each([
    [{ kiaType: 'UNDER_5' }, ['BIRTH_DEED', 'KK', 'KTP_PARENTS']],
    [{ kiaType: 'FROM_5_TO_UNDER_17' }, ['BIRTH_DEED', 'KK', 'KTP_PARENTS', 'CHILD_PHOTO']],
    [{ kiaType: 'UNDER_5', reissueReason: 'LOST' }, ['POLICE_LOSS_LETTER', 'KK']],
    [{ kiaType: 'FROM_5_TO_UNDER_17', reissueReason: 'DAMAGED' }, ['DAMAGED_KIA', 'KK', 'CHILD_PHOTO']],
  ] as [KiaApplication, KiaDocumentKind[]][])('%j asks for %j', (application, kinds) => {
    expect(kiaDocumentsAsked(application)).toEqual(kinds);
  });

  it('only the older child’s card asks for a photo', () => {
    const photo = KIA_DOCUMENT_REQUIREMENTS.filter((r) => r.kind === 'CHILD_PHOTO');
    expect(photo.every((r) => r.kiaTypes.length === 1 && r.kiaTypes[0] === 'FROM_5_TO_UNDER_17')).toBe(true);
  });

  it('asks for nothing for an application that is not valid', () => {
    expect(kiaDocumentsAsked({ kiaType: 'ADULT' } as unknown as KiaApplication)).toEqual([]);
  });
});

describe('checkKiaDocuments', () => {
  it('a complete application; a repeat counts once; an extra document is unused', () => {
    expect(checkKiaDocuments(['KK', 'KK', 'BIRTH_DEED', 'KTP_PARENTS', 'CHILD_PHOTO'], { kiaType: 'UNDER_5' })).toEqual({
      ok: true,
      warnings: [],
      value: { complete: true, asked: ['BIRTH_DEED', 'KK', 'KTP_PARENTS'], provided: ['KK', 'BIRTH_DEED', 'KTP_PARENTS', 'CHILD_PHOTO'], missing: [], unused: ['CHILD_PHOTO'] },
    });
  });

  it('names what is missing, in the checklist’s order', () => {
    const check = checkKiaDocuments(['KTP_PARENTS'], { kiaType: 'FROM_5_TO_UNDER_17' });
    expect(check.ok && check.value).toMatchObject({ complete: false, missing: ['BIRTH_DEED', 'KK', 'CHILD_PHOTO'] });
  });

  it('reports every bad input at once', () => {
    const check = checkKiaDocuments(['KK', 'PASSPORT' as KiaDocumentKind, 7 as unknown as KiaDocumentKind], { kiaType: 'UNDER_5', reissueReason: 'STOLEN' } as unknown as KiaApplication);
    expect(check.ok ? [] : check.errors.map((e) => e.code)).toEqual(['KIA_APPLICATION_INVALID', 'KIA_DOCUMENT_KIND_UNKNOWN', 'KIA_DOCUMENT_KIND_UNKNOWN']);
    expect(checkKiaDocuments('KK' as unknown as KiaDocumentKind[], { kiaType: 'UNDER_5' })).toMatchObject({ ok: false, errors: [{ code: 'DOCUMENTS_INVALID' }] });
    expect(checkKiaDocuments([], null as unknown as KiaApplication)).toMatchObject({ ok: false, errors: [{ code: 'KIA_APPLICATION_INVALID' }] });
  });

  it('property: complete exactly when nothing asked is missing, and adding documents never makes it less complete', () => {
    const application = fc.record({ kiaType: fc.constantFrom(...KIA_TYPES), reissueReason: fc.option(fc.constantFrom(...KIA_REISSUE_REASONS), { nil: undefined }) });
    const kinds = fc.array(fc.constantFrom(...KIA_DOCUMENT_KINDS), { maxLength: 8 });
    fc.assert(
      fc.property(application, kinds, kinds, (app, some, more) => {
        const before = checkKiaDocuments(some, app);
        const after = checkKiaDocuments([...some, ...more], app);
        if (!before.ok || !after.ok) return false;
        const asked = kiaDocumentsAsked(app);
        return (
          before.value.complete === asked.every((k) => some.includes(k)) &&
          before.value.missing.every((k) => asked.includes(k) && !some.includes(k)) &&
          (!before.value.complete || after.value.complete) &&
          after.value.missing.length <= before.value.missing.length
        );
      }),
    );
  });
});

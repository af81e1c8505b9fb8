// The narrowing of answers and searches to an API key's `fields` (issue 16): what a key is not granted is left out
// of the answer at every level (absent, not null), what is not classified is left out too (fail closed), and a
// search by a field not granted is 403 FIELD_NOT_GRANTED.
import { ProblemException } from '../errors/problem';
import { isClassifiedProperty, isPersonalField, PERSONAL_FIELD_NAMES, PERSONAL_FIELDS, projectFields, PROPERTY_NEEDS, requireQueryFields } from './fields';

const NIK_CHECK = ['nik', 'fullName', 'birthDate', 'sex'];

const resident = {
  id: 'r1',
  nik: '5316014103900001',
  fullName: 'Maria Goreti Wea',
  birthPlace: 'Mbay',
  birthDate: '1990-03-01',
  sex: 'F',
  religion: 'KATOLIK',
  maritalStatus: 'KAWIN_TERCATAT',
  occupation: 'Petani',
  fatherName: undefined,
  motherName: 'Yohana Bhoki',
  districtCode: '531601',
  villageCode: '5316012002',
  address: 'RT 002 / RW 001',
  status: 'ALIVE',
  familyCardId: 'c1',
  version: 3,
  createdAt: '2026-11-27T09:30:00.000+08:00',
  updatedAt: '2026-11-27T09:30:00.000+08:00',
};

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    if (error instanceof ProblemException) return `${error.status} ${error.code}`;
    throw error;
  }
  return 'allowed';
}

describe('PERSONAL_FIELDS', () => {
  it('names every field once, with what it means; every field is needed by some property of an answer', () => {
    expect(new Set(PERSONAL_FIELD_NAMES).size).toBe(PERSONAL_FIELD_NAMES.length);
    for (const name of PERSONAL_FIELD_NAMES) expect(PERSONAL_FIELDS[name].length).toBeGreaterThan(5);
    const needed = new Set(Object.values(PROPERTY_NEEDS).flatMap((need) => (Array.isArray(need) ? need : typeof need === 'function' ? [...(need({ type: 'MARITAL_STATUS_CHANGED' }) ?? []), ...(need({ type: 'RELATIONSHIP_CHANGED' }) ?? []), ...(need({}) ?? [])] : [])));
    expect(PERSONAL_FIELD_NAMES.filter((f) => !needed.has(f))).toEqual([]);
    expect(isPersonalField('address')).toBe(true);
    expect(isPersonalField('toString')).toBe(false);
    expect(isClassifiedProperty('hasOwnProperty')).toBe(false);
  });
});

describe('projectFields', () => {
  it('keeps the granted fields and the bookkeeping; the rest is absent, not null', () => {
    expect(projectFields(resident, NIK_CHECK)).toEqual({
      id: 'r1',
      nik: '5316014103900001',
      fullName: 'Maria Goreti Wea',
      birthDate: '1990-03-01',
      sex: 'F',
      status: 'ALIVE',
      familyCardId: 'c1',
      version: 3,
      createdAt: resident.createdAt,
      updatedAt: resident.updatedAt,
    });
    const narrowed = projectFields(resident, NIK_CHECK) as Record<string, unknown>;
    expect('address' in narrowed).toBe(false);
    expect('motherName' in narrowed).toBe(false);
  });

  it('narrows every level: pages, members, nested lists', () => {
    const page = { items: [resident, { ...resident, id: 'r2' }], next: 'r2' };
    const narrowed = projectFields(page, ['nik']) as { items: Record<string, unknown>[]; next: string };
    expect(narrowed.next).toBe('r2');
    expect(narrowed.items.map((i) => Object.keys(i).sort())).toEqual([
      ['createdAt', 'familyCardId', 'id', 'nik', 'status', 'updatedAt', 'version'],
      ['createdAt', 'familyCardId', 'id', 'nik', 'status', 'updatedAt', 'version'],
    ]);
    const card = {
      id: 'c1',
      kkNumber: '5316011511260001',
      address: 'RT 002',
      polygamyPermitted: false,
      members: [{ residentId: 'r1', relationship: 1, relationshipLabel: 'Kepala Keluarga', nik: '1', fullName: 'A', birthDate: '1970-01-01', sex: 'M', maritalStatus: 'KAWIN_TERCATAT', religion: 'KATOLIK', fatherResidentId: 'r9' }],
    };
    expect(projectFields(card, NIK_CHECK)).toEqual({ id: 'c1', members: [{ residentId: 'r1', nik: '1', fullName: 'A', birthDate: '1970-01-01', sex: 'M' }] });
    expect(projectFields(card, [...NIK_CHECK, 'relationship', 'kkNumber'])).toMatchObject({ kkNumber: '5316011511260001', polygamyPermitted: false, members: [{ relationship: 1, relationshipLabel: 'Kepala Keluarga', fatherResidentId: 'r9' }] });
  });

  it("a fact's from and to need the field of its type; a move's, the moves", () => {
    const version = {
      facts: [
        { type: 'MARITAL_STATUS_CHANGED', residentId: 'r1', from: 'KAWIN_TERCATAT', to: 'CERAI_MATI' },
        { type: 'RELATIONSHIP_CHANGED', residentId: 'r2', from: 3, to: 1 },
        { type: 'KK_NUMBER_REISSUED', previousKkNumber: '1', kkNumber: '2', operation: 'REMOVE_DEATH' },
      ],
      recordedBy: 'op-mbay',
    };
    expect(projectFields(version, ['maritalStatus'])).toEqual({
      facts: [{ type: 'MARITAL_STATUS_CHANGED', residentId: 'r1', from: 'KAWIN_TERCATAT', to: 'CERAI_MATI' }, { type: 'RELATIONSHIP_CHANGED', residentId: 'r2' }, { type: 'KK_NUMBER_REISSUED', operation: 'REMOVE_DEATH' }],
    });
    expect(projectFields(version, ['relationship', 'kkNumber', 'actors'])).toEqual({
      facts: [{ type: 'MARITAL_STATUS_CHANGED', residentId: 'r1' }, { type: 'RELATIONSHIP_CHANGED', residentId: 'r2', from: 3, to: 1 }, { type: 'KK_NUMBER_REISSUED', previousKkNumber: '1', kkNumber: '2', operation: 'REMOVE_DEATH' }],
      recordedBy: 'op-mbay',
    });
    const status = { status: 'DECEASED', dateOfDeath: '2026-11-01', effectiveDate: '2026-11-01', moves: [{ type: 'MOVE_WITHIN', from: '5316012002', to: '5316022005', by: 'op' }], history: [{ index: 0, type: 'DEATH', at: 'x', by: 'op', status: 'DECEASED' }] };
    expect(projectFields(status, ['dateOfDeath'])).toEqual({ status: 'DECEASED', dateOfDeath: '2026-11-01', history: [{ index: 0, type: 'DEATH', at: 'x', status: 'DECEASED' }] });
    // The day the latest change took effect is a death's or a move's: it needs both.
    expect(projectFields(status, ['dateOfDeath', 'moves', 'region'])).toMatchObject({ effectiveDate: '2026-11-01', moves: [{ type: 'MOVE_WITHIN', from: '5316012002', to: '5316022005' }] });
  });

  it('leaves out a property it does not classify (fail closed)', () => {
    expect(projectFields({ id: 'r1', phoneNumber: '0812' }, PERSONAL_FIELD_NAMES)).toEqual({ id: 'r1' });
  });

  it('writes the value as JSON does (class instances, dates), and refuses a file', () => {
    class View {
      id = 'r1';
      nik = '1';
      address = 'RT 1';
      createdAt = new Date('2026-01-01T00:00:00Z');
    }
    expect(projectFields(new View(), ['nik'])).toEqual({ id: 'r1', nik: '1', createdAt: '2026-01-01T00:00:00.000Z' });
    expect(projectFields(undefined, ['nik'])).toBeUndefined();
    expect(refusal(() => projectFields(Buffer.from('%PDF'), ['nik']))).toBe('403 FIELD_NOT_GRANTED');
  });
});

describe('requireQueryFields', () => {
  const key = { fields: NIK_CHECK };

  it('lets a key search by the fields it is granted, and page', () => {
    expect(refusal(() => requireQueryFields(key, { nik: '5316014103900001', limit: '10', after: 'x' }))).toBe('allowed');
    expect(refusal(() => requireQueryFields(key, { name: 'Maria', birthDate: '1990-03-01' }))).toBe('allowed');
    expect(refusal(() => requireQueryFields(key, { familyCardId: 'c1' }))).toBe('allowed');
  });

  it('refuses a search by a field not granted, or by a parameter it does not know: 403 FIELD_NOT_GRANTED', () => {
    expect(refusal(() => requireQueryFields({ fields: ['nik'] }, { name: 'Maria', birthDate: '1990-03-01' }))).toBe('403 FIELD_NOT_GRANTED');
    expect(refusal(() => requireQueryFields(key, { villageCode: '5316012002' }))).toBe('403 FIELD_NOT_GRANTED');
    expect(refusal(() => requireQueryFields(key, { kkNumber: '5316011511260001' }))).toBe('403 FIELD_NOT_GRANTED');
    expect(refusal(() => requireQueryFields(key, { address: 'Labolewa' }))).toBe('403 FIELD_NOT_GRANTED');
    expect(refusal(() => requireQueryFields(key, { nickname: 'x' }))).toBe('403 FIELD_NOT_GRANTED');
    expect(() => requireQueryFields({ fields: ['nik'] }, { name: 'Maria' })).toThrow(/may not search by name \(needs fullName\)/);
  });

  it('does not concern people and keys without fields', () => {
    expect(refusal(() => requireQueryFields({}, { address: 'Labolewa', villageCode: '1' }))).toBe('allowed');
  });
});

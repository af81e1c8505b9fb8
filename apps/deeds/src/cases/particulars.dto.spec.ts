import { fieldPaths, foreignGroups, mergeParticulars, missingPaths, PARTICULAR_RULES, valueAt, withValue } from './particulars.dto';
import { DEED_TYPES } from '@adminduk/domain';

describe('particulars', () => {
  it('names every field of a deed type by its path', () => {
    expect(fieldPaths('DEATH')).toEqual(['deceased.nik', 'deceased.fullName', 'deceased.sex', 'deceased.birthDate', 'place', 'kkNumber', 'address']);
  });

  it('asks, for every type, only for fields of its own groups', () => {
    for (const type of DEED_TYPES) {
      const paths = fieldPaths(type);
      for (const required of [...PARTICULAR_RULES[type].toNotify, ...PARTICULAR_RULES[type].toSubmit]) expect({ type, required, known: paths.includes(required) }).toEqual({ type, required, known: true });
    }
  });

  it('reads, sets and checks fields by path, without changing the original', () => {
    const p = { mother: { fullName: 'Maria' } };
    const changed = withValue(p, 'child.fullName', 'Yohanes');
    expect(valueAt(changed, 'child.fullName')).toBe('Yohanes');
    expect(valueAt(p, 'child.fullName')).toBeUndefined();
    expect(missingPaths(changed, ['child.fullName', 'child.sex', 'mother.fullName'])).toEqual(['child.sex']);
  });

  it('finds groups a type does not take, and merges updates group by group', () => {
    expect(foreignGroups('BIRTH', { deceased: { fullName: 'X' }, place: 'Mbay' })).toEqual(['deceased']);
    expect(mergeParticulars({ child: { sex: 'F' }, place: 'Mbay' }, { child: { fullName: 'Y', sex: 'F' } })).toEqual({ child: { fullName: 'Y', sex: 'F' }, place: 'Mbay' });
  });
});

import { foreignGroups, mergeParticulars, missingPaths, valueAt, withValue } from './particulars.dto';

describe('particulars', () => {
  // The table itself (groups, fields, what to report and submit) is the domain's: libs/domain/src/deeds/particulars.spec.ts.
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

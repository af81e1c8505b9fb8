import { DEED_TYPES } from './deed-types';
import { missingParticulars, particularAt, particularPaths, PARTICULAR_RULES } from './particulars';

describe('the particulars of a deed application', () => {
  it('lists every field path of a deed type, groups with their fields and single values', () => {
    expect(particularPaths('DEATH')).toEqual(['deceased.nik', 'deceased.fullName', 'deceased.sex', 'deceased.birthDate', 'place', 'kkNumber', 'address']);
  });

  it('requires only fields the deed type has, to report and to submit', () => {
    for (const type of DEED_TYPES) {
      const paths = particularPaths(type);
      const unknown = [...PARTICULAR_RULES[type].toNotify, ...PARTICULAR_RULES[type].toSubmit].filter((p) => !paths.includes(p));
      expect({ type, unknown }).toEqual({ type, unknown: [] });
    }
  });

  it('a birth application is submitted with the child’s name, sex and religion, the mother’s name and the place', () => {
    const particulars = { child: { fullName: 'Yohanes Bupu', sex: 'M' }, mother: { fullName: '  ' }, place: 'Labolewa' };
    expect(missingParticulars(particulars, PARTICULAR_RULES.BIRTH.toSubmit)).toEqual(['child.religion', 'mother.fullName']);
    expect(particularAt(particulars, 'child.fullName')).toBe('Yohanes Bupu');
    expect(particularAt(particulars, 'father.nik')).toBeUndefined();
    expect(particularAt(null, 'place')).toBeUndefined();
  });

  // Issue 19 item 7: the register applies these deeds to a child it already holds, so the child is named by NIK.
  it("a recognition, legitimation or adoption names the child by NIK (UU 23/2006 art. 47–50: the deed is noted on the child's record)", () => {
    for (const type of ['RECOGNITION', 'LEGITIMATION', 'ADOPTION'] as const) {
      expect({ type, childNik: PARTICULAR_RULES[type].toSubmit.includes('child.nik') }).toEqual({ type, childNik: true });
    }
    expect(missingParticulars({ child: { fullName: 'Maria Wea' } }, PARTICULAR_RULES.RECOGNITION.toSubmit)).toContain('child.nik');
  });

  it('a birth deed may name the NIK of a child already on the register (a late birth deed), and need not', () => {
    expect(particularPaths('BIRTH')).toContain('child.nik');
    expect(PARTICULAR_RULES.BIRTH.toSubmit).not.toContain('child.nik');
    expect(PARTICULAR_RULES.STILLBIRTH.toSubmit).not.toContain('child.nik');
  });
});

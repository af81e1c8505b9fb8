import { BLOOD_TYPES } from './blood-type';
import { findCode, findCodeByLabel } from './code-list';
import { EDUCATION_LEVELS } from './education';
import { isEverMarried, isMarried, MARITAL_STATUSES } from './marital-status';
import { RELIGIONS } from './religion';
import { SHDK, Shdk } from './shdk';

describe('code lists', () => {
  it('SHDK has the eleven relationship codes of the KK, 1 Kepala Keluarga to 11 Lainnya', () => {
    expect(SHDK.map((s) => s.code)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(findCode(SHDK, Shdk.KEPALA_KELUARGA)?.label).toBe('Kepala Keluarga');
    expect(findCode(SHDK, 9)?.label).toBe('Famili Lain');
    expect(findCodeByLabel(SHDK, ' orang tua ')?.code).toBe(Shdk.ORANG_TUA);
    expect(findCode(SHDK, 12)).toBeUndefined();
  });

  it('has seven religions including Kepercayaan terhadap Tuhan YME', () => {
    expect(RELIGIONS.map((r) => r.label)).toEqual(['Islam', 'Kristen', 'Katolik', 'Hindu', 'Buddha', 'Khonghucu', 'Kepercayaan terhadap Tuhan YME']);
  });

  it('marital status separates registered (tercatat) from unregistered', () => {
    expect(MARITAL_STATUSES.map((m) => m.label)).toEqual([
      'Belum Kawin',
      'Kawin Tercatat',
      'Kawin Belum Tercatat',
      'Cerai Hidup Tercatat',
      'Cerai Hidup Belum Tercatat',
      'Cerai Mati',
    ]);
    expect(MARITAL_STATUSES.filter((m) => isMarried(m.code)).map((m) => m.code)).toEqual(['KAWIN_TERCATAT', 'KAWIN_BELUM_TERCATAT']);
    expect(MARITAL_STATUSES.filter((m) => !isEverMarried(m.code)).map((m) => m.code)).toEqual(['BELUM_KAWIN']);
  });

  it('education and blood type lists have unique codes and both labels', () => {
    for (const list of [EDUCATION_LEVELS, BLOOD_TYPES, RELIGIONS, SHDK, MARITAL_STATUSES]) {
      const codes = list.map((e) => e.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const entry of list) {
        expect(entry.label.length).toBeGreaterThan(0);
        expect(entry.name.length).toBeGreaterThan(0);
      }
    }
    expect(EDUCATION_LEVELS).toHaveLength(10);
    expect(BLOOD_TYPES).toHaveLength(13);
  });
});

import { listDistricts } from '@adminduk/domain';
import { listVillages } from '@adminduk/domain/villages';
import { VILLAGES_REGENCY, villagesOf } from './villages';

describe("the regency's villages carried by Laporan Mitra", () => {
  it('are exactly the current villages of the domain library, kecamatan by kecamatan', () => {
    const districts = listDistricts(VILLAGES_REGENCY);
    expect(districts).toHaveLength(7);
    for (const d of districts) {
      const expected = listVillages(d.code).map((v) => ({ code: v.code, name: v.name, kind: v.kind }));
      expect(villagesOf(d.code)).toEqual(expected);
    }
    expect(districts.reduce((n, d) => n + villagesOf(d.code).length, 0)).toBe(113);
  });

  it('knows none elsewhere', () => {
    expect(villagesOf('537101')).toEqual([]);
    expect(villagesOf('')).toEqual([]);
  });
});

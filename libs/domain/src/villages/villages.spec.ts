import { findVillage, findVillagesByName, listVillages } from '../villages';
import { listDistricts } from '../regions/regions';

describe('villages (desa / kelurahan)', () => {
  it('finds a village by code with or without dots', () => {
    expect(findVillage('53.16.01.2002')).toEqual({
      code: '5316012002',
      dottedCode: '53.16.01.2002',
      kind: 'desa',
      name: 'Labolewa',
      districtCode: '531601',
      historical: false,
    });
    expect(findVillage('5316012002')?.name).toBe('Labolewa');
    expect(findVillage('53.16.01')).toBeUndefined();
  });

  it('counts Nagekeo: 113 desa and kelurahan, of which 16 kelurahan', () => {
    const villages = listDistricts('5316').flatMap((d) => listVillages(d.code));
    expect(villages).toHaveLength(113);
    expect(villages.filter((v) => v.kind === 'kelurahan')).toHaveLength(16);
    expect(listVillages('53.16.03')).toHaveLength(27);
  });

  it('keeps renumbered village codes as historical (Bitefa: kelurahan code until 2022, now a desa)', () => {
    expect(findVillage('53.03.01.1006')).toMatchObject({ name: 'Bitefa', historical: true, kind: 'kelurahan', editions: { first: 2016, last: 2022 } });
    expect(findVillage('53.03.01.2006')).toMatchObject({ name: 'Bitefa', historical: false, kind: 'desa' });
    expect(listVillages('530301').some((v) => v.code === '5303011006')).toBe(false);
    expect(listVillages('530301', { includeHistorical: true }).some((v) => v.code === '5303011006')).toBe(true);
  });

  it('finds villages by name within a region', () => {
    expect(findVillagesByName('labolewa', { within: '53.16' }).map((v) => v.code)).toEqual(['5316012002']);
    expect(findVillagesByName('')).toEqual([]);
  });
});

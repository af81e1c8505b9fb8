import { dotRegionCode, findRegion, findRegionsByName, listDistricts, listProvinces, listRegencies } from './regions';

describe('regions (Kepmendagri 300.2.2-2430/2025)', () => {
  it('finds a regency by code with or without dots', () => {
    expect(findRegion('53.16')).toEqual({
      code: '5316',
      dottedCode: '53.16',
      level: 'regency',
      regencyKind: 'kabupaten',
      name: 'Kabupaten Nagekeo',
      parentCode: '53',
      historical: false,
    });
    expect(findRegion('5316')?.name).toBe('Kabupaten Nagekeo');
    expect(findRegion(' 53.16.01 ')?.name).toBe('Aesesa');
  });

  it('tells kabupaten (01–69) from kota (71–99)', () => {
    expect(findRegion('5301')?.regencyKind).toBe('kabupaten');
    expect(findRegion('5371')?.regencyKind).toBe('kota');
  });

  it.each(['5316.01', '53-16', '531', '5316010', '', 'Nagekeo'])('does not find malformed code %p', (code) => {
    expect(findRegion(code)).toBeUndefined();
  });

  it('lists the 2025 edition: 38 provinces, 514 regencies (416 kabupaten, 98 kota), 7,285 kecamatan', () => {
    const provinces = listProvinces();
    const regencies = provinces.flatMap((p) => listRegencies(p.code));
    const districts = regencies.flatMap((r) => listDistricts(r.code));
    expect(provinces).toHaveLength(38);
    expect(regencies).toHaveLength(514);
    expect(regencies.filter((r) => r.regencyKind === 'kabupaten')).toHaveLength(416);
    expect(districts).toHaveLength(7285);
  });

  it("lists Nagekeo's seven kecamatan", () => {
    expect(listDistricts('53.16').map((d) => `${d.dottedCode} ${d.name}`)).toEqual([
      '53.16.01 Aesesa',
      '53.16.02 Nangaroro',
      '53.16.03 Boawae',
      '53.16.04 Mauponggo',
      '53.16.05 Wolowae',
      '53.16.06 Keo Tengah',
      '53.16.07 Aesesa Selatan',
    ]);
  });

  it('keeps retired codes, flagged historical with their editions (Merauke before the 2022 Papua split)', () => {
    const merauke = findRegion('91.01');
    expect(merauke).toMatchObject({ historical: true, editions: { first: 2016, last: 2022 }, level: 'regency' });
    expect(listRegencies('91').some((r) => r.code === '9101')).toBe(false);
    expect(listRegencies('91', { includeHistorical: true }).some((r) => r.code === '9101')).toBe(true);
  });

  it('finds regions by name, ignoring case, punctuation and prefixes', () => {
    expect(findRegionsByName('nagekeo').map((r) => r.code)).toEqual(['5316']);
    expect(findRegionsByName('Kab. Nagekeo').map((r) => r.code)).toEqual(['5316']);
    expect(findRegionsByName('Kota Kupang').map((r) => r.code)).toEqual(['5371']);
    expect(findRegionsByName('Kupang', { level: 'regency' }).map((r) => r.code)).toEqual(['5301', '5371']);
    expect(findRegionsByName('aesesa', { level: 'district' }).map((r) => r.name)).toEqual(['Aesesa', 'Aesesa Selatan']);
    expect(findRegionsByName('   ')).toEqual([]);
  });

  it('writes codes in dotted form', () => {
    expect(dotRegionCode('5316012002')).toBe('53.16.01.2002');
    expect(dotRegionCode('53')).toBe('53');
  });
});

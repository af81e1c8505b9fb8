import { IMPORT_MAX_BYTES, importFileProblem, importType, importVillages, mayImportWithoutVillage, villagesIn, XLSX_TYPE } from './import-rules';

describe('the register file the desk sends to POST /imports', () => {
  it.each([
    [{ name: 'penduduk.xlsx', type: '' }, XLSX_TYPE],
    [{ name: 'PENDUDUK.XLSX', type: 'application/octet-stream' }, XLSX_TYPE],
    // Excel on Windows announces a .csv as an Excel file: the name decides.
    [{ name: 'penduduk.csv', type: 'application/vnd.ms-excel' }, 'text/csv'],
    [{ name: 'penduduk', type: 'text/csv' }, 'text/csv'],
    [{ name: 'penduduk.xls', type: 'application/vnd.ms-excel' }, undefined],
    [{ name: 'ktp.pdf', type: 'application/pdf' }, undefined],
  ])('%j is sent as %j', (file, expected) => {
    expect(importType(file)).toBe(expected);
  });

  it.each([
    [{ name: 'a.xlsx', type: '', size: 10 }, undefined],
    [{ name: 'a.ods', type: '', size: 10 }, 'UNSUPPORTED_MEDIA_TYPE'],
    [{ name: 'a.csv', type: 'text/csv', size: 0 }, 'IMPORT_FILE_EMPTY'],
    [{ name: 'a.csv', type: 'text/csv', size: IMPORT_MAX_BYTES + 1 }, 'BODY_TOO_LARGE'],
    [{ name: 'a.csv', type: 'text/csv', size: IMPORT_MAX_BYTES }, undefined],
  ])('%j: %s', (file, expected) => {
    expect(importFileProblem(file)).toBe(expected);
  });
});

describe('the villages a person may import for', () => {
  it('a kecamatan operator: the villages of that kecamatan only, and no file without a village', () => {
    const choices = importVillages(['531601']);
    expect(choices.map((d) => d.districtCode)).toEqual(['531601']);
    expect(choices[0]?.villages.map((v) => v.name)).toContain('Labolewa');
    expect(mayImportWithoutVillage(['531601'])).toBe(false);
  });

  it('a village-scoped operator: that village', () => {
    expect(importVillages(['5316012002']).flatMap((d) => d.villages.map((v) => v.code))).toEqual(['5316012002']);
  });

  it('the regency or everything: all 7 kecamatan, and a file without a village', () => {
    for (const regions of [['5316'], ['*'], ['53']]) {
      expect(importVillages(regions)).toHaveLength(7);
      expect(mayImportWithoutVillage(regions)).toBe(true);
    }
  });

  it('a whole kecamatan is offered where the scope covers all its villages', () => {
    expect(villagesIn('531601')).toBe(18);
    expect(importVillages(['531601'])[0]?.villages).toHaveLength(villagesIn('531601'));
    expect(importVillages(['5316012002'])[0]?.villages.length).toBeLessThan(villagesIn('531601'));
  });

  it('nothing for a scope elsewhere', () => {
    expect(importVillages(['5301'])).toEqual([]);
    expect(mayImportWithoutVillage(['531601', '531602'])).toBe(false);
  });
});

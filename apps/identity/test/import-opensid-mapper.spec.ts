// OpenSID's "format impor penduduk" mapped onto the register import's row, without a database: the code lists
// (numbers and labels, as OpenSID's Import_model.php and app/Enums define them), the marital status decided on
// evidence, the values refused with their codes, dates, invisible characters, the end marker and the village.
import { IMPORT_COLUMNS, type ImportColumn } from '../src/import/import-row.mapper';
import { checkImportVillage, cleanIdentifier, isBlankRecord, isOpenSidEnd, mapOpenSidHeader, openSidDay, OPENSID_COLUMNS, readOpenSidRecord, type OpenSidColumn } from '../src/import/opensid-row.mapper';

const indexes = OPENSID_COLUMNS.map((_, i) => i);
const village = { districtCode: '531601', villageCode: '5316012002' };

const BASE: Partial<Record<OpenSidColumn, string>> = {
  alamat: 'Jl. Trans Flores',
  dusun: 'Kotakeo',
  rw: '002',
  rt: '001',
  nama: 'Yohanes Dhae',
  no_kk: '5316011503150901',
  nik: '5316011205800901',
  sex: 'L',
  tempatlahir: 'Mbay',
  tanggallahir: '12-05-1980',
  agama_id: '3',
  status_kawin: 'BK',
  kk_level: '1',
  nama_ibu: 'Maria Wea',
  status_dasar: '1',
};

function read(change: Partial<Record<OpenSidColumn, string>> = {}) {
  const row = { ...BASE, ...change };
  const cells = OPENSID_COLUMNS.map((c) => row[c] ?? '-');
  const result = readOpenSidRecord({ line: 2, cells }, indexes, OPENSID_COLUMNS.length, village);
  const value = (column: ImportColumn) => result.values?.[IMPORT_COLUMNS.indexOf(column)];
  return { result, value, codes: (result.problems ?? []).map((p) => p.code) };
}

describe('the OpenSID code lists', () => {
  it.each([
    ['sex', '1', 'sex', 'M'],
    ['sex', 'Pr', 'sex', 'F'],
    ['sex', 'perempuan', 'sex', 'F'],
    ['agama_id', '7', 'religion', 'KEPERCAYAAN'],
    ['agama_id', 'Kepercayaan Terhadap Tuhan YME / Lainnya', 'religion', 'KEPERCAYAAN'],
    ['agama_id', 'katholik', 'religion', 'KATOLIK'],
    ['agama_id', 'BUDHA', 'religion', 'BUDDHA'],
    ['pendidikan_kk_id', 'AKADEMI/ DIPLOMA III/S. MUDA', 'education', '7'],
    ['pendidikan_kk_id', 'Tidak/Blm Sekolah', 'education', '1'],
    ['pendidikan_kk_id', 'Strata-II', 'education', '9'],
    ['kk_level', 'ORANG TUA', 'shdk', '7'],
    ['kk_level', '11', 'shdk', '11'],
    ['golongan_darah_id', 'TIDAK_TAHU', 'blood_type', '13'],
    ['golongan_darah_id', 'ab+', 'blood_type', '9'],
    ['pekerjaan_id', '88', 'occupation', 'WIRASWASTA'],
    ['pekerjaan_id', 'Nelayan', 'occupation', 'Nelayan'],
    ['status_rekam', '5', 'ektp_state', 'PRINT_READY'],
    ['status_rekam', 'card shipped', 'ektp_state', ''],
    ['akta_lahir', '5316-LU-01012000-0001', 'birth_deed', 'Y'],
  ] as const)('%s %j → %s %j', (column, text, target, expected) => {
    const { value, codes } = read({ [column]: text });
    expect(codes).toEqual([]);
    expect(value(target)).toBe(expected);
  });

  it.each([
    ['sex', 'X', 'SEX_INVALID'],
    ['agama_id', 'Lainnya', 'RELIGION_INVALID'],
    ['agama_id', '8', 'RELIGION_INVALID'],
    ['pendidikan_kk_id', '11', 'EDUCATION_INVALID'],
    ['kk_level', 'KEPONAKAN', 'SHDK_INVALID'],
    ['golongan_darah_id', 'C', 'BLOOD_TYPE_INVALID'],
    ['pekerjaan_id', '90', 'OCCUPATION_INVALID'],
    ['status_kawin', 'DUDA', 'MARITAL_STATUS_INVALID'],
    ['status_rekam', '9', 'EKTP_STATE_INVALID'],
    ['status_dasar', 'MATI', 'STATUS_DASAR_NOT_ALIVE'],
    ['status_dasar', '3', 'STATUS_DASAR_NOT_ALIVE'],
    ['nik', '0', 'NIK_UNKNOWN'],
  ] as const)('%s %j is refused with %s', (column, text, code) => {
    const { result, codes } = read({ [column]: text });
    expect(codes).toEqual([code]);
    // The column left empty by the refusal is not also reported missing.
    expect(result.unmapped?.size ?? 0).toBeLessThanOrEqual(1);
  });
});

describe('the marital status, decided on evidence', () => {
  it.each([
    [{ status_kawin: '1' }, 'BELUM_KAWIN'],
    [{ status_kawin: 'K', akta_perkawinan: '5316-KW-01' }, 'KAWIN_TERCATAT'],
    [{ status_kawin: '2', akta_perkawinan: '5316-KW-01' }, 'KAWIN_TERCATAT'],
    [{ status_kawin: 'Kawin Belum Tercatat' }, 'KAWIN_BELUM_TERCATAT'],
    [{ status_kawin: 'CH', akta_perceraian: '5316-CR-07' }, 'CERAI_HIDUP_TERCATAT'],
    [{ status_kawin: 'cerai hidup belum tercatat' }, 'CERAI_HIDUP_BELUM_TERCATAT'],
    [{ status_kawin: 'CM' }, 'CERAI_MATI'],
    [{ status_kawin: '4' }, 'CERAI_MATI'],
  ] as const)('%j → %s', (change, expected) => {
    const { value, codes } = read(change);
    expect(codes).toEqual([]);
    expect(value('marital_status')).toBe(expected);
  });

  it.each([[{ status_kawin: 'KAWIN' }], [{ status_kawin: '2', akta_perkawinan: '-' }], [{ status_kawin: 'CERAI HIDUP' }], [{ status_kawin: '3' }]])('%j without the deed is ambiguous', (change) => {
    const { codes, result } = read(change);
    expect(codes).toEqual(['MARITAL_STATUS_AMBIGUOUS']);
    expect(result.unmapped?.has('marital_status')).toBe(true);
  });
});

describe("the register's own export: status_kawin_kk after OpenSID's 37 columns decides", () => {
  /** A row with the extra column at position 37, as src/export writes it. */
  function readWithKk(status: string, kk: string) {
    const row = { ...BASE, status_kawin: status };
    const cells = [...OPENSID_COLUMNS.map((c) => row[c] ?? '-'), kk];
    const header = mapOpenSidHeader([...OPENSID_COLUMNS, 'status_kawin_kk'], false);
    if (!header.ok) throw new Error(header.problems.join('; '));
    const result = readOpenSidRecord({ line: 2, cells }, header.columnIndexes, cells.length, village);
    return { marital: result.values?.[IMPORT_COLUMNS.indexOf('marital_status')], codes: (result.problems ?? []).map((p) => p.code) };
  }

  it.each([
    ['2', 'KAWIN TERCATAT', 'KAWIN_TERCATAT'],
    ['2', 'Kawin Belum Tercatat', 'KAWIN_BELUM_TERCATAT'],
    ['3', 'CERAI HIDUP TERCATAT', 'CERAI_HIDUP_TERCATAT'],
    ['3', 'CERAI HIDUP BELUM TERCATAT', 'CERAI_HIDUP_BELUM_TERCATAT'],
    ['1', 'BELUM KAWIN', 'BELUM_KAWIN'],
    ['4', 'CERAI MATI', 'CERAI_MATI'],
  ])('status_kawin %s with %j → %s, no deed number needed', (status, kk, expected) => {
    expect(readWithKk(status, kk)).toEqual({ marital: expected, codes: [] });
  });

  it.each([
    ['1', 'KAWIN TERCATAT'],
    ['2', 'CERAI MATI'],
    ['2', 'KAWIN'],
    ['2', 'entah'],
  ])('status_kawin %s with %j is refused: MARITAL_STATUS_INVALID', (status, kk) => {
    expect(readWithKk(status, kk).codes).toEqual(['MARITAL_STATUS_INVALID']);
  });

  it('an empty status_kawin_kk leaves the evidence rule as it is', () => {
    expect(readWithKk('2', '').codes).toEqual(['MARITAL_STATUS_AMBIGUOUS']);
  });

  it('is a known column of the layout, not an extra one', () => {
    expect(mapOpenSidHeader([...OPENSID_COLUMNS, 'status_kawin_kk'], false).ok).toBe(true);
  });
});

describe('values', () => {
  it('takes dd-mm-yyyy, dd/mm/yyyy and ISO days; passes anything else on for the particulars rule', () => {
    expect(openSidDay('05-01-2000')).toBe('2000-01-05');
    expect(openSidDay('5/1/2000')).toBe('2000-01-05');
    expect(openSidDay('2000-01-05')).toBe('2000-01-05');
    expect(openSidDay('Januari 2000')).toBe('Januari 2000');
  });

  it('strips invisible characters and a leading apostrophe from NIK and No. KK, nothing else', () => {
    expect(cleanIdentifier('\u200B5316\u00AD011205\u2060800901\u00A0')).toBe('5316011205800901');
    expect(cleanIdentifier("\uFEFF'5316011503150901\u200D")).toBe('5316011503150901');
    expect(cleanIdentifier('5316-0112-0580-0901')).toBe('5316-0112-0580-0901');
    expect(read({ nik: '\u200B5316011205800901\u200C', no_kk: '5316011503150901\u00A0' }).result).toMatchObject({ nik: '5316011205800901', kkNumber: '5316011503150901' });
  });

  it('composes the address and puts every row in the village given', () => {
    const { value } = read({ alamat: '-', dusun: 'DUSUN_NGGOLONIO', rt: '3', rw: '' });
    expect(value('address')).toBe('DUSUN NGGOLONIO, RT 3/RW -');
    expect([value('district_code'), value('village_code')]).toEqual(['531601', '5316012002']);
  });

  it('knows the end marker and blank rows', () => {
    expect(isOpenSidEnd({ line: 9, cells: ['-', ' ### '] }, indexes)).toBe(true);
    expect(isOpenSidEnd({ line: 9, cells: ['-', 'Kotakeo'] }, indexes)).toBe(false);
    expect(isBlankRecord({ line: 9, cells: ['', '-', ' '] })).toBe(true);
  });
});

describe('the header and the village', () => {
  it('needs all 37 OpenSID columns, in any order; others only when allowed', () => {
    expect(mapOpenSidHeader([...OPENSID_COLUMNS].reverse(), false).ok).toBe(true);
    expect(mapOpenSidHeader(OPENSID_COLUMNS.filter((c) => c !== 'nik'), false)).toEqual({ ok: false, problems: ['OpenSID column(s) nik missing'] });
    expect(mapOpenSidHeader([...OPENSID_COLUMNS, 'suku'], false).ok).toBe(false);
    expect(mapOpenSidHeader([...OPENSID_COLUMNS, 'suku'], true).ok).toBe(true);
  });

  it('takes a current village of the regency only', () => {
    expect(checkImportVillage('53.16.01.2002', '5316')).toEqual({ ok: true, village });
    expect(checkImportVillage('5316019999', '5316').ok).toBe(false);
    expect(checkImportVillage('5316012002', '5301').ok).toBe(false);
    expect(checkImportVillage('531601', '5316').ok).toBe(false);
  });
});

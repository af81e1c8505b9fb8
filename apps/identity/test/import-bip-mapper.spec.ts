// SIAK's Buku Induk Penduduk (2016 layout) read row by row, without a database: which BIP a first row says the file
// is, the family block's No. KK and address, the column titles, SIAK's label spellings against the code lists, the
// reader's decisions row by row (titles, blocks, members, notes, the Keterangan row and what follows), the village
// check against the title rows, and the lines of a workbook of several sheets.
import { ProblemException } from '@adminduk/platform';
import { IMPORT_COLUMNS, type ImportColumn } from '../src/import/import-row.mapper';
import { BIP_2016_COLUMNS, BipReader, type BipColumns, bipVariant, mapBipHeader, readBipBlock, readBipMember, sameRegionName } from '../src/import/bip-row.mapper';
import { normalizeLabel, OPENSID_EDUCATION, OPENSID_MARITAL, OPENSID_OCCUPATION, OPENSID_RELIGION, OPENSID_SEX, OPENSID_SHDK, SIAK_LABELS_SEEN } from '../src/import/opensid-codes';
import { locateLines } from '../src/import/import.service';
import { SHEET_LINE_SPAN, sheetRowOf, type RawRecord } from '../src/import/register-file';

const village = { districtCode: '531601', villageCode: '5316012002' };
const HEADER = ['No', 'Nama Lengkap', 'NIK', 'Tempat dan Tanggal Lahir', '', 'JK', 'SHDK', 'Agama', 'Pendidikan', 'Pekerjaan', 'Nama Orang Tua Kandung', 'Nama Orang Tua Kandung', 'Status Kawin'];
const MEMBER = ['1', 'YOHANES DHAE', '5316011205800901\u00A0', 'MBAY', '1980-05-12', 'Lk', 'KEPALA KELUARGA', 'KATHOLIK', 'SLTA/SEDERAJAT', 'PETANI / PEKEBUN', 'MARIA WEA', 'PETRUS DHAE', 'KAWIN TERCATAT'];
const BLOCK = { kkNumber: '5316011503150901', address: 'JL. TRANS FLORES, Dusun KOTAKEO, RT 001/RW 002' };
const WITH_STATUS = { ...BIP_2016_COLUMNS, marital: 12 };

function member(change: Record<number, string> = {}, columns: BipColumns = WITH_STATUS) {
  const cells = MEMBER.map((c, i) => change[i] ?? c);
  const result = readBipMember(cells, columns, BLOCK, village);
  const value = (column: ImportColumn) => result.values?.[IMPORT_COLUMNS.indexOf(column)];
  return { result, value, codes: (result.problems ?? []).map((p) => p.code) };
}

describe('telling a BIP from its first row', () => {
  // The first rows of the sample exports OpenSID ships (assets/import/format_bip_*.xls, format_siak.xls).
  it.each([
    [['BUKU INDUK PENDUDUK WNI'], 'BIP_2016'],
    [['', 'BUKU INDUK KEPENDUDUKAN KABUPATEN LOMBOK BARAT'], 'BIP_2012'],
    [['', 'BUKU INDUK KEPENDUDUKAN KABUPATEN LUWU TIMUR (DAFTAR  KELUARGA)'], 'BIP_LUWU_TIMUR'],
    [['NO', 'Nama Lengkap', 'NIK', 'Tempat dan Tanggal Lahir', '', 'JK', 'Stat Kwn', 'Gol. Drh', 'SHDK', 'Agama', 'Pendidikan Terakhir', 'No Akta Lahir', 'Pekerjaan', 'Nama  Ibu', 'Nama Ayah', 'Wjb KTP', 'KTP-eL', 'Status', 'Stat Rkm'], 'BIP_EKTP'],
    [['Nomor KK', 'NIK', 'Nama Penduduk', ...new Array<string>(30).fill('x'), 'Petugas Registrasi'], 'SIAK_REGISTER'],
    [HEADER, 'BIP_2016'],
    [['No. KK : 5316011503150901', '', 'Alamat : X, Nama Dusun : Y, RT/RW : 001/002'], 'BIP_2016'],
    [['nik', 'kk_number', 'shdk'], undefined],
    [['alamat', 'dusun', 'rw', 'rt', 'nama', 'no_kk'], undefined],
  ] as const)('%j → %s', (cells, variant) => {
    expect(bipVariant(cells)).toBe(variant);
  });
});

describe('a family block', () => {
  it('takes the No. KK without its invisible characters, and the address as the register keeps it', () => {
    expect(readBipBlock(['No. KK : 5202030102110012 \u00A0', '', 'Alamat : AIK DAREQ, Nama Dusun : -, RT/RW : 003/001'])).toEqual({ kkNumber: '5202030102110012', address: 'AIK DAREQ, RT 003/RW 001' });
    expect(readBipBlock(['No. KK : \uFEFF5202030102110013\u200B', '', 'Alamat : MERTAK PAOK, Nama Dusun : MERTAK PAOK, RT/RW : 005/-'])).toEqual({
      kkNumber: '5202030102110013',
      address: 'MERTAK PAOK, Dusun MERTAK PAOK, RT 005/RW -',
    });
    expect(readBipBlock(['No. KK :', '5316011503150901', 'Alamat : -, Nama Dusun : Dusun Kotakeo, RT/RW : -/-'])).toEqual({ kkNumber: '5316011503150901', address: 'Dusun Kotakeo' });
  });
});

describe('the column titles', () => {
  it('takes the 2016 titles (merged cells empty) and the optional columns after L', () => {
    const mapped = mapBipHeader([...HEADER.slice(0, 11), '', 'Status Kawin', 'Akta Perkawinan', 'No. Akta Perceraian'], false);
    expect(mapped).toEqual({ ok: true, columns: { ...BIP_2016_COLUMNS, marital: 12, marriageDeed: 13, divorceDeed: 14 } });
    expect(mapBipHeader(HEADER.slice(0, 12), false)).toEqual({ ok: true, columns: BIP_2016_COLUMNS });
  });

  it('names every column that is not the 2016 layout’s, and unknown extra columns unless allowed', () => {
    const ektp = ['NO', 'Nama Lengkap', 'NIK', 'Tempat dan Tanggal Lahir', '', 'JK', 'Stat Kwn', 'Gol. Drh', 'SHDK'];
    const mapped = mapBipHeader(ektp, false);
    expect(mapped.ok).toBe(false);
    const problems = mapped.ok ? '' : mapped.problems.join('; ');
    expect(problems).toContain('column G is "STAT KWN", the 2016 layout has SHDK there');
    expect(problems).toContain('column H is "GOL. DRH"');
    expect(mapBipHeader([...HEADER, 'Suku'], false).ok).toBe(false);
    expect(mapBipHeader([...HEADER, 'Suku'], true).ok).toBe(true);
  });
});

describe('SIAK’s labels', () => {
  it('maps every label seen in SIAK’s exports to the code lists', () => {
    const lists = { sex: OPENSID_SEX, shdk: OPENSID_SHDK, religion: OPENSID_RELIGION, education: OPENSID_EDUCATION, occupation: OPENSID_OCCUPATION, marital: OPENSID_MARITAL } as const;
    for (const [column, labels] of Object.entries(SIAK_LABELS_SEEN) as [keyof typeof lists, readonly string[]][]) {
      for (const label of labels) expect([column, label, lists[column].has(normalizeLabel(label))]).toEqual([column, label, true]);
    }
  });
});

describe('a member row', () => {
  it('maps labels and numbers, strips invisible characters from the NIK, keeps the block’s No. KK and address', () => {
    const { value, codes } = member();
    expect(codes).toEqual([]);
    expect([value('nik'), value('kk_number'), value('shdk'), value('sex'), value('religion'), value('education'), value('occupation'), value('marital_status')]).toEqual([
      '5316011205800901',
      '5316011503150901',
      '1',
      'M',
      'KATOLIK',
      '5',
      'PETANI/PEKEBUN',
      'KAWIN_TERCATAT',
    ]);
    expect([value('district_code'), value('village_code'), value('address'), value('father_name')]).toEqual(['531601', '5316012002', BLOCK.address, 'PETRUS DHAE']);
    const numbers = member({ 2: '\u200B5316011205800901', 4: '12/05/1980', 5: '1', 6: '1', 7: '3', 8: '5', 9: '9', 11: '-', 12: '2' });
    expect(numbers.codes).toEqual(['MARITAL_STATUS_AMBIGUOUS']);
    expect([numbers.value('nik'), numbers.value('birth_date'), numbers.value('occupation'), numbers.value('father_name')]).toEqual(['5316011205800901', '1980-05-12', 'PETANI/PEKEBUN', '']);
    expect(member({ 9: 'Pegawai Negeri Sipil' }).value('occupation')).toBe('APARATUR SIPIL NEGARA (ASN)');
  });

  it.each([
    [5, 'X', 'SEX_INVALID'],
    [6, 'KEPONAKAN', 'SHDK_INVALID'],
    [7, 'ATHEIS', 'RELIGION_INVALID'],
    [7, 'LAINNYA', 'RELIGION_INVALID'],
    [8, 'SARJANA HUKUM', 'EDUCATION_INVALID'],
    [9, 'ASTRONOT', 'OCCUPATION_INVALID'],
    [9, '90', 'OCCUPATION_INVALID'],
    [12, 'KAWIN', 'MARITAL_STATUS_AMBIGUOUS'],
    [12, 'CH', 'MARITAL_STATUS_AMBIGUOUS'],
    [12, 'JANDA', 'MARITAL_STATUS_INVALID'],
  ] as const)('column %d %j → %s (never a guess)', (column, text, code) => {
    const { result, codes } = member({ [column]: text });
    expect(codes).toEqual([code]);
    expect(result.unmapped?.size).toBe(1);
  });

  it('decides KAWIN on the marriage deed when the sheet has an Akta Perkawinan column', () => {
    const columns = { ...WITH_STATUS, marriageDeed: 13 };
    const cells = [...MEMBER.slice(0, 12), 'K', '5316-KW-14022005-0012'];
    const read = readBipMember(cells, columns, BLOCK, village);
    expect(read.problems).toEqual([]);
    expect(read.values?.[IMPORT_COLUMNS.indexOf('marital_status')]).toBe('KAWIN_TERCATAT');
  });

  it('without a Status Kawin column the marital status cannot be told: MARITAL_STATUS_AMBIGUOUS', () => {
    const { codes, result } = member({}, BIP_2016_COLUMNS);
    expect(codes).toEqual(['MARITAL_STATUS_AMBIGUOUS']);
    expect(result.problems?.[0]?.message).toContain('Status Kawin');
  });
});

describe('the reader, row by row', () => {
  const rows: (readonly string[])[] = [
    ['BUKU INDUK PENDUDUK WNI'],
    ['PROVINSI', ':', ' NUSA TENGGARA TIMUR', 'KABUPATEN/KOTA', ':', ' NAGEKEO'],
    ['KECAMATAN', ':', '\u00A0AESESA', 'DESA/KELURAHAN', ':', '\u00A0LABOLEWA'],
    HEADER,
    ['', '', '', 'Tempat Lahir', 'Tgl/Bln/Th', '', '', '', 'Terakhir', '', 'Ibu', 'Ayah'],
    ['-1', '-2', '-3', '-4', '-5', '-6', '-7', '-8', '-9', '-10', '-11', '-12', '-13'],
    ['No. KK : 5316011503150901', '', 'Alamat : JL. TRANS FLORES, Nama Dusun : KOTAKEO, RT/RW : 001/002'],
    MEMBER,
    ['Jumlah anggota: 1'],
    ['ini bukan', 'anggota'],
    ['-', '-'],
    ['Keterangan: baris di bawah ini tidak dibaca'],
    ['9', 'BUKAN DATA', '5316011205800999'],
  ];
  const record = (cells: readonly string[], i: number, sheetIndex = 0): RawRecord => ({ line: sheetIndex * SHEET_LINE_SPAN + i + 1, row: i + 1, cells, sheet: `BIP_${sheetIndex + 1}`, sheetIndex });

  it('takes members, skips titles, notes, blank rows and everything from Keterangan on; an unplaceable row is malformed', () => {
    const reader = new BipReader(village, false);
    const data = rows.map((cells, i) => [i + 1, reader.isData(record(cells, i))] as const).filter(([, d]) => d).map(([row]) => row);
    expect(data).toEqual([8, 10]);
    const fresh = new BipReader(village, false);
    rows.forEach((cells, i) => {
      if (!fresh.isData(record(cells, i))) return;
      const read = fresh.read(record(cells, i));
      if (i + 1 === 8) expect(fresh.keys(record(cells, i))).toEqual({ nik: '5316011205800901', kkNumber: '5316011503150901' });
      else expect(read.malformed).toContain('not a member row');
    });
  });

  it('a member row before a block on its sheet is malformed; a notes sheet is skipped; each sheet starts afresh', () => {
    const reader = new BipReader(village, false);
    rows.slice(0, 8).forEach((cells, i) => reader.isData(record(cells, i)));
    expect(reader.isData(record(['Catatan', 'lembar ini kosong'], 0, 1))).toBe(false);
    const orphan = record(['12', 'ANAK', '5316012107120901'], 1, 1);
    expect(reader.isData(orphan)).toBe(true);
    expect(reader.read(orphan).malformed).toContain('before the first No. KK row');
    expect(reader.keys(orphan)).toEqual({ nik: '', kkNumber: '' });
  });

  it('refuses a title naming another desa or kecamatan than --village (IMPORT_VILLAGE_MISMATCH)', () => {
    const other = (cells: readonly string[]) => () => new BipReader(village, false).isData(record(cells, 2));
    expect(other(['KECAMATAN', ':', 'AESESA', 'DESA/KELURAHAN', ':', 'DESA LABOLEWA'])).not.toThrow();
    for (const cells of [
      ['KECAMATAN', ':', 'AESESA', 'DESA/KELURAHAN', ':', 'AIK DAREQ'],
      ['KECAMATAN : BOAWAE', 'DESA/KELURAHAN : LABOLEWA'],
    ]) {
      let error: unknown;
      try {
        other(cells)();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ProblemException);
      expect((error as ProblemException).code).toBe('IMPORT_VILLAGE_MISMATCH');
    }
    expect(sameRegionName('Kel. Mbay I', 'Mbay I')).toBe(true);
    expect(sameRegionName('MBAY II', 'Mbay I')).toBe(false);
  });
});

describe('lines of a workbook of several sheets', () => {
  it('are unique, grow in reading order, and name their sheet and row in messages', () => {
    expect(sheetRowOf(SHEET_LINE_SPAN * 2 + 14)).toEqual({ sheetIndex: 2, row: 14 });
    expect(locateLines('another row of card 5316******0901 has problems (line 12, 2097165): the whole card is left out', ['BIP_1', 'BIP_2'])).toBe(
      'another row of card 5316******0901 has problems (sheet BIP_1 row 12, sheet BIP_2 row 13): the whole card is left out',
    );
  });
});

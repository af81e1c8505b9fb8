/**
 * Writes `bip-2016.xlsx` next to this file: a small SIAK "Buku Induk Penduduk" export in the 2016 layout (two family
 * cards, five synthetic residents of Desa Labolewa, Kecamatan Aesesa, Kabupaten Nagekeo: the residents of
 * `opensid-format-impor-penduduk.csv`), with the `Status Kawin` column the import needs (the 2016 layout has none;
 * see README.md). `import examples/bip-2016.xlsx --village 5316012002` imports all five rows.
 *
 *   node -r ./tools/scripts/ts-register.cjs apps/identity/src/import/examples/make-bip-example.ts [out.xlsx]
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';

type Cell = string | number | Date;

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** The title rows, the column titles, the two family blocks and the Keterangan row, as SIAK lays them out. */
export function bipExampleRows(): Cell[][] {
  const nbsp = '\u00A0';
  return [
    ['BUKU INDUK PENDUDUK WNI'],
    [],
    ['PROVINSI', ':', `${nbsp}NUSA TENGGARA TIMUR`, `KABUPATEN/KOTA${nbsp}${nbsp}`, ':', `${nbsp}NAGEKEO`],
    ['KECAMATAN', ':', `${nbsp}AESESA`, 'DESA/KELURAHAN', ':', `${nbsp}LABOLEWA`],
    ['PERIODE/TANGGAL', ':', `${nbsp}01-12-2026`],
    [],
    ['No', 'Nama Lengkap', 'NIK', 'Tempat dan Tanggal Lahir', '', 'JK', 'SHDK', 'Agama', 'Pendidikan', 'Pekerjaan', 'Nama Orang Tua Kandung', 'Nama Orang Tua Kandung', 'Status Kawin'],
    ['', '', '', 'Tempat Lahir', 'Tgl/Bln/Th', '', '', '', 'Terakhir', '', 'Ibu', 'Ayah'],
    ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)', '(11)', '(12)', '(13)'],
    [`No. KK : 5316011503150901 ${nbsp}`, '', 'Alamat : JL. TRANS FLORES, Nama Dusun : KOTAKEO, RT/RW : 001/002'],
    [1, 'YOHANES DHAE', `5316011205800901${nbsp}`, 'MBAY', day('1980-05-12'), 'Lk', 'KEPALA KELUARGA', 'KATHOLIK', 'SLTA/SEDERAJAT', 'PETANI/PEKEBUN', 'MARIA WEA', 'PETRUS DHAE', 'KAWIN TERCATAT'],
    [2, 'MARIA NGOLE', `5316014308840901${nbsp}`, 'BOAWAE', day('1984-08-03'), 'Pr', 'ISTRI', 'KATHOLIK', 'SLTA / SEDERAJAT', 'MENGURUS RUMAH TANGGA', 'THERESIA BUPU', 'KORNELIUS NGOLE', 'KAWIN TERCATAT'],
    [3, 'FRANSISKUS DHAE', `5316012107120901${nbsp}`, 'MBAY', day('2012-07-21'), 'Lk', 'ANAK', 'KATHOLIK', 'BELUM TAMAT SD/SEDERAJAT', 'PELAJAR / MAHASISWA', 'MARIA NGOLE', 'YOHANES DHAE', 'BELUM KAWIN'],
    [`No. KK : 5316010206100902 ${nbsp}`, '', 'Alamat : -, Nama Dusun : MALASERA, RT/RW : 003/001'],
    [4, 'PETRUS LADO', `5316010101550901${nbsp}`, 'DANGA', day('1955-01-01'), 'Lk', 'KEPALA KELUARGA', 'KATHOLIK', 'TAMAT SD/SEDERAJAT', 'PETANI/PEKEBUN', 'YULIANA SEBHO', '-', 'CERAI MATI'],
    [5, 'AGUSTINA LADO', `5316014909900901${nbsp}`, 'DANGA', day('1990-09-09'), 'Pr', 'ANAK', 'KATHOLIK', 'DIPLOMA IV/ STRATA I', 'GURU', 'VERONIKA MEO', 'PETRUS LADO', 'BELUM KAWIN'],
    [],
    ['Keterangan:'],
    ['- Data sintetis untuk contoh impor; bukan data penduduk sebenarnya.'],
  ];
}

export async function writeBipExample(path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  // Fixed dates: the same bytes' content every time the example is made.
  workbook.created = workbook.modified = new Date('2026-12-01T00:00:00Z');
  workbook.creator = 'adminduk';
  const sheet = workbook.addWorksheet('BIP_Desa-Kel_1');
  for (const cells of bipExampleRows()) {
    const row = sheet.addRow(cells);
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'dd-mm-yyyy';
    });
  }
  sheet.mergeCells('D7:E7');
  sheet.mergeCells('K7:L7');
  await workbook.xlsx.writeFile(path);
}

if (require.main === module) {
  const out = process.argv[2] ?? join(__dirname, 'bip-2016.xlsx');
  writeBipExample(out).then(
    () => process.stdout.write(`wrote ${out}\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

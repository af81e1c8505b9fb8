/**
 * The code lists of OpenSID's "format impor penduduk" (the village information system's resident import), as data,
 * each with the register code it becomes. OpenSID accepts in a coded column either the number of its reference
 * table or the table's label (case does not matter; spaces around `/` do not matter); these lists hold both.
 *
 * Sources (facts read from OpenSID's public repository, github.com/OpenSID/OpenSID, GPL v3; no code taken):
 * - the column order and the import's extra labels: `donjo-app/models/Import_model.php` (KOLOM_IMPOR_KELUARGA;
 *   sex `L`/`LK`/`P`/`Pr`; status `BK`/`K`/`CH`/`CM`; education `Tidak/Blm Sekolah`, `Tidak Tamat SD/Sederajat`,
 *   `Akademi/Diploma III/Sarjana Muda`, `Strata-II`; the accepted number ranges per column; `-` is empty; a row
 *   whose dusun is `###` ends the data; a sheet named `Kode Data` is skipped; NIK `0` is allowed);
 * - the reference tables' numbers and labels: `app/Enums/JenisKelaminEnum.php` (1 Laki-laki, 2 Perempuan),
 *   `AgamaEnum.php` (1–7), `PendidikanKKEnum.php` (1–10), `PekerjaanEnum.php` (1–89), `StatusKawinEnum.php`
 *   (1 BELUM KAWIN, 2 KAWIN, 3 CERAI HIDUP, 4 CERAI MATI), `SHDKEnum.php` (1–11), `GolonganDarahEnum.php` (1–13),
 *   `StatusKTPEnum.php` (status_rekam 1–8), `StatusDasarEnum.php` (1 Hidup, 2 Mati, 3 Pindah, 4 Hilang, 6 Pergi,
 *   9 Tidak Valid), and the KTP_EL constant (1 BELUM, 2 KTP-EL, 3 KIA).
 *
 * Where OpenSID's numbers are SIAK's (religion, education, SHDK, blood type) they equal the register's own codes
 * (`RELIGIONS[].siakCode`, `EDUCATION_LEVELS`, SHDK, `BLOOD_TYPES`); our own labels are accepted too.
 */
import { BLOOD_TYPES, EDUCATION_LEVELS, MARITAL_STATUSES, RELIGIONS, type EktpStatus, type MaritalStatus, type Religion, type Sex, type ShdkCode } from '@adminduk/domain';

/** A label as compared: upper case, `_` as a space, spaces collapsed, none around `/` or `-`. */
export function normalizeLabel(text: string): string {
  return text
    .toUpperCase()
    .replace(/_/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s*([/-])\s*/g, '$1')
    .trim();
}

/** A lookup from numbers and labels (normalised) to a value. */
function table<T>(entries: readonly (readonly [number | null, readonly string[], T])[]): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const [code, labels, value] of entries) {
    if (code !== null) map.set(String(code), value);
    for (const label of labels) map.set(normalizeLabel(label), value);
  }
  return map;
}

/** sex: JenisKelaminEnum 1/2 and its labels; L, LK, P, Pr as the importer adds them. */
export const OPENSID_SEX: ReadonlyMap<string, Sex> = table<Sex>([
  [1, ['L', 'LK', 'Laki-laki', 'Laki Laki'], 'M'],
  [2, ['P', 'Pr', 'Perempuan'], 'F'],
]);

/**
 * agama_id: AgamaEnum 1–7, SIAK's numbers (= RELIGIONS[].siakCode). 7 is "Kepercayaan Terhadap Tuhan YME / Lainnya":
 * the number and that label become KEPERCAYAAN (the only seventh religion the KK prints); the bare label `Lainnya`
 * ("other") says nothing certain and is refused.
 */
export const OPENSID_RELIGION: ReadonlyMap<string, Religion> = table<Religion>([
  ...RELIGIONS.map((r) => [r.siakCode, [r.label, r.code], r.code] as const),
  [null, ['KATHOLIK'], 'KATOLIK'],
  [null, ['BUDHA'], 'BUDDHA'],
  [null, ['KONGHUCU', 'KONG HU CU'], 'KHONGHUCU'],
  [null, ['Kepercayaan Terhadap Tuhan YME / Lainnya', 'Kepercayaan Terhadap Tuhan YME', 'Kepercayaan'], 'KEPERCAYAAN'],
]);

/**
 * pendidikan_kk_id: PendidikanKKEnum 1–10 = EDUCATION_LEVELS (SIAK's). Labels: OpenSID's table, the importer's
 * extra spellings and ours. (The enum's labels for 9 and 10 repeat 8's, a slip in the source; STRATA II / III are
 * taken as SIAK writes them.)
 */
export const OPENSID_EDUCATION: ReadonlyMap<string, number> = table<number>([
  ...EDUCATION_LEVELS.map((e) => [e.code, [e.label], e.code] as const),
  [null, ['TIDAK / BELUM SEKOLAH', 'Tidak/Blm Sekolah'], 1],
  [null, ['BELUM TAMAT SD/SEDERAJAT', 'Tidak Tamat SD/Sederajat'], 2],
  [null, ['TAMAT SD / SEDERAJAT'], 3],
  [null, ['SLTP/SEDERAJAT'], 4],
  [null, ['SLTA / SEDERAJAT'], 5],
  [null, ['DIPLOMA I / II'], 6],
  [null, ['AKADEMI/ DIPLOMA III/S. MUDA', 'Akademi/Diploma III/Sarjana Muda'], 7],
  [null, ['DIPLOMA IV/ STRATA I'], 8],
  [null, ['STRATA II', 'Strata-II'], 9],
  [null, ['STRATA III', 'Strata-III'], 10],
]);

/** kk_level: SHDKEnum 1–11 (the SHDK codes) and its labels. */
export const OPENSID_SHDK: ReadonlyMap<string, ShdkCode> = table<ShdkCode>([
  [1, ['KEPALA KELUARGA'], 1],
  [2, ['SUAMI'], 2],
  [3, ['ISTRI'], 3],
  [4, ['ANAK'], 4],
  [5, ['MENANTU'], 5],
  [6, ['CUCU'], 6],
  [7, ['ORANGTUA', 'ORANG TUA'], 7],
  [8, ['MERTUA'], 8],
  [9, ['FAMILI LAIN'], 9],
  [10, ['PEMBANTU'], 10],
  [11, ['LAINNYA'], 11],
]);

/** golongan_darah_id: GolonganDarahEnum 1–13 = BLOOD_TYPES (SIAK's), labels A … O-, TIDAK TAHU. */
export const OPENSID_BLOOD_TYPE: ReadonlyMap<string, number> = table<number>([...BLOOD_TYPES.map((b) => [b.code, [b.label], b.code] as const), [null, ['TIDAK_TAHU'], 13]]);

/**
 * status_kawin: StatusKawinEnum 1–4 (BELUM KAWIN, KAWIN, CERAI HIDUP, CERAI MATI), the importer's BK, K, CH, CM.
 * OpenSID does not tell a registered marriage or divorce (tercatat) from one that is not; the register does
 * (MARITAL_STATUSES). `KAWIN` and `CERAI_HIDUP` here are the undecided ones: the row's evidence decides
 * (openSidMaritalStatus). The KK's own labels (Kawin Tercatat, …) and our codes are taken as they are.
 */
export type OpenSidMarital = MaritalStatus | 'KAWIN' | 'CERAI_HIDUP';
export const OPENSID_MARITAL: ReadonlyMap<string, OpenSidMarital> = table<OpenSidMarital>([
  [1, ['BELUM KAWIN', 'BK'], 'BELUM_KAWIN'],
  [2, ['KAWIN', 'K'], 'KAWIN'],
  [3, ['CERAI HIDUP', 'CH'], 'CERAI_HIDUP'],
  [4, ['CERAI MATI', 'CM'], 'CERAI_MATI'],
  ...MARITAL_STATUSES.map((m) => [null, [m.label, m.code], m.code] as const),
]);

/**
 * status_rekam (StatusKTPEnum) → the register's e-KTP state, where the meaning is certain. `CARD SHIPPED` (6: the
 * printed card is on its way to the office) has no state of its own in the register and is left unsaid (null:
 * the e-KTP state stays unknown, as for an empty cell) rather than guessed as printed or issued.
 */
export const OPENSID_EKTP: ReadonlyMap<string, EktpStatus | null> = table<EktpStatus | null>([
  [1, ['BELUM WAJIB'], 'NOT_YET_COMPULSORY'],
  [2, ['BELUM REKAM'], 'NOT_RECORDED'],
  [3, ['SUDAH REKAM'], 'RECORDED'],
  [4, ['CARD PRINTED'], 'PRINTED'],
  [5, ['PRINT READY RECORD'], 'PRINT_READY'],
  [6, ['CARD SHIPPED'], null],
  [7, ['SENT FOR CARD PRINTING'], 'SENT_FOR_PRINTING'],
  [8, ['CARD ISSUED'], 'ISSUED'],
]);

/** status_dasar (StatusDasarEnum): only HIDUP (1, or empty) is a resident to import. */
export const OPENSID_ALIVE: ReadonlyMap<string, boolean> = table<boolean>([
  [1, ['HIDUP'], true],
  [2, ['MATI'], false],
  [3, ['PINDAH', 'PINDAH DALAM NEGERI', 'PINDAH LUAR NEGERI'], false],
  [4, ['HILANG'], false],
  [6, ['PERGI'], false],
  [9, ['TIDAK VALID'], false],
]);

/** pekerjaan_id: PekerjaanEnum 1–89, kept as its label (the register keeps the occupation as text). */
export const OPENSID_OCCUPATIONS: readonly string[] = [
  'BELUM/TIDAK BEKERJA', 'MENGURUS RUMAH TANGGA', 'PELAJAR/MAHASISWA', 'PENSIUNAN', 'APARATUR SIPIL NEGARA (ASN)',
  'TENTARA NASIONAL INDONESIA (TNI)', 'KEPOLISIAN RI (POLRI)', 'PERDAGANGAN', 'PETANI/PEKEBUN', 'PETERNAK',
  'NELAYAN/PERIKANAN', 'INDUSTRI', 'KONSTRUKSI', 'TRANSPORTASI', 'KARYAWAN SWASTA', 'KARYAWAN BUMN', 'KARYAWAN BUMD',
  'KARYAWAN HONORER', 'BURUH HARIAN LEPAS', 'BURUH TANI/PERKEBUNAN', 'BURUH NELAYAN/PERIKANAN', 'BURUH PETERNAKAN',
  'PEMBANTU RUMAH TANGGA', 'TUKANG CUKUR', 'TUKANG LISTRIK', 'TUKANG BATU', 'TUKANG KAYU', 'TUKANG SOL SEPATU',
  'TUKANG LAS/PANDAI BESI', 'TUKANG JAHIT', 'TUKANG GIGI', 'PENATA RIAS', 'PENATA BUSANA', 'PENATA RAMBUT', 'MEKANIK',
  'SENIMAN', 'TABIB', 'PARAJI', 'PERANCANG BUSANA', 'PENTERJEMAH', 'IMAM MASJID', 'PENDETA', 'PASTOR', 'WARTAWAN',
  'USTADZ/MUBALIGH', 'JURU MASAK', 'PROMOTOR ACARA', 'ANGGOTA DPR-RI', 'ANGGOTA DPD', 'ANGGOTA BPK', 'PRESIDEN',
  'WAKIL PRESIDEN', 'ANGGOTA MAHKAMAH KONSTITUSI', 'ANGGOTA KABINET KEMENTERIAN', 'DUTA BESAR', 'GUBERNUR',
  'WAKIL GUBERNUR', 'BUPATI', 'WAKIL BUPATI', 'WALIKOTA', 'WAKIL WALIKOTA', 'ANGGOTA DPRD PROVINSI',
  'ANGGOTA DPRD KABUPATEN/KOTA', 'DOSEN', 'GURU', 'PILOT', 'PENGACARA', 'NOTARIS', 'ARSITEK', 'AKUNTAN', 'KONSULTAN',
  'DOKTER', 'BIDAN', 'PERAWAT', 'APOTEKER', 'PSIKIATER/PSIKOLOG', 'PENYIAR TELEVISI', 'PENYIAR RADIO', 'PELAUT',
  'PENELITI', 'SOPIR', 'PIALANG', 'PARANORMAL', 'PEDAGANG', 'PERANGKAT DESA', 'KEPALA DESA', 'BIARAWATI', 'WIRASWASTA',
  'LAINNYA',
];

/**
 * pekerjaan_id / SIAK's `Pekerjaan` as a number or a label → the label the register keeps (OPENSID_OCCUPATIONS, whose
 * numbers are SIAK's). Besides the list's own labels (case and spaces around `/` aside: SIAK writes `PETANI / PEKEBUN`),
 * SIAK's older label of number 5, `PEGAWAI NEGERI SIPIL (PNS)` (in OpenSID's sample of a SIAK export,
 * `assets/import/format_bip_2016_luwutimur.xls`, as `Pegawai Negeri Sipil`): the same code, renamed ASN when the
 * list was revised; a PNS is an ASN (UU 5/2014 art. 6), so nothing is guessed.
 */
export const OPENSID_OCCUPATION: ReadonlyMap<string, string> = table<string>([
  ...OPENSID_OCCUPATIONS.map((label, i) => [i + 1, [label], label] as const),
  [null, ['PEGAWAI NEGERI SIPIL (PNS)', 'PEGAWAI NEGERI SIPIL'], OPENSID_OCCUPATIONS[4] as string],
]);

/**
 * SIAK's "Buku Induk Penduduk" (BIP) writes its coded columns as labels, in SIAK's spellings. Those seen in the
 * exports OpenSID ships as samples of what its BIP importer reads (github.com/OpenSID/OpenSID, GPL v3; facts only:
 * `assets/import/format_bip_2016.xls`, `format_bip_ektp.xls`, `format_bip_2016_luwutimur.xls`, `format_siak.xls`; the
 * importer `donjo-app/models/Bip2016_model.php` looks every label up in OpenSID's reference tables after lower-casing
 * it and removing the spaces around `/`):
 *
 * - sex `Lk`, `Pr`, `L`, `P`, `Laki-Laki`, `Perempuan` (OPENSID_SEX);
 * - SHDK `KEPALA KELUARGA`, `ISTRI`, `ANAK`, `ORANG TUA`, `Famili Lain`, … (OPENSID_SHDK);
 * - religion `ISLAM`, `Islam`, … (OPENSID_RELIGION: our labels and OpenSID's, `KATHOLIK`, `BUDHA` included);
 * - education `TAMAT SD/SEDERAJAT`, `TAMAT SD / SEDERAJAT`, `SLTP/SEDERAJAT`, `STRATA-II`, `TIDAK TAMAT SD / SEDERAJAT`,
 *   `TIDAK / BELUM SEKOLAH`, `Akademi/Diploma III/S. Muda` (OPENSID_EDUCATION);
 * - occupation `TUKANG KAYU`, `MENGURUS RUMAH TANGGA`, `BELUM/TIDAK BEKERJA`, `PETANI / PEKEBUN`, `BURUH TANI / PERKEBUNAN`,
 *   `PELAJAR / MAHASISWA`, `Pegawai Negeri Sipil`, `Wiraswasta`, `Karyawan Swasta` (OPENSID_OCCUPATION);
 * - marital status (not in the 2016 layout; see bip-row.mapper) `BK`, `K`, `CM`, `Belum Kawin`, `Kawin`, `Cerai Mati`
 *   (OPENSID_MARITAL).
 *
 * Every one of them is already in the lists above once normalised (normalizeLabel); this list is the evidence, and the
 * unit test checks that each maps.
 */
export const SIAK_LABELS_SEEN: Readonly<Record<'sex' | 'shdk' | 'religion' | 'education' | 'occupation' | 'marital', readonly string[]>> = {
  sex: ['Lk', 'Pr', 'L', 'P', 'Laki-Laki', 'Perempuan'],
  shdk: ['KEPALA KELUARGA', 'ISTRI', 'ANAK', 'ORANG TUA', 'Kepala Keluarga', 'Istri', 'Anak', 'Orang Tua'],
  religion: ['ISLAM', 'Islam'],
  education: ['TAMAT SD/SEDERAJAT', 'TAMAT SD / SEDERAJAT', 'SLTP/SEDERAJAT', 'SLTP / SEDERAJAT', 'STRATA-II', 'TIDAK TAMAT SD / SEDERAJAT', 'TIDAK / BELUM SEKOLAH', 'Tidak/Belum Sekolah', 'SLTA/Sederajat', 'Akademi/Diploma III/S. Muda'],
  occupation: ['TUKANG KAYU', 'MENGURUS RUMAH TANGGA', 'BELUM/TIDAK BEKERJA', 'BELUM / TIDAK BEKERJA', 'PETANI / PEKEBUN', 'BURUH TANI / PERKEBUNAN', 'PELAJAR / MAHASISWA', 'Pegawai Negeri Sipil', 'Wiraswasta', 'Karyawan Swasta', 'Petani/Pekebun'],
  marital: ['BK', 'K', 'CM', 'Belum Kawin', 'Kawin', 'Cerai Mati'],
};

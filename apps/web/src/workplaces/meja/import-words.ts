/**
 * Kata-kata "Impor Data Penduduk" di Meja Petugas (unggah berkas OpenSID, BIP dari SIAK, atau susunan register ini
 * ke layanan identitas), Bahasa Indonesia seperti yang dipakai Dinas dan bahasa Inggris kedua, di bawah `impor.…`.
 */
import { addWorkplaceWords, i18n } from '../../i18n/i18n';

const ID = {
  section: 'Impor Data',
  title: 'Impor data penduduk',
  lead:
    'Muat data penduduk yang sudah dipegang desa atau Dinas: berkas impor penduduk OpenSID, Buku Induk Penduduk (BIP) dari SIAK, atau berkas dengan susunan kolom register ini. ' +
    'Setiap baris diperiksa seperti pendaftaran biasa; satu KK dimuat utuh atau tidak sama sekali. Berkas yang sama tidak pernah dimuat dua kali.',
  form: {
    legend: 'Berkas yang dimuat',
    village: 'Desa/kelurahan tempat tinggal penduduk dalam berkas',
    villageHint: 'Berkas OpenSID dan BIP tidak memuat kode wilayah: pilih desanya.',
    noVillage: 'Tanpa desa (berkas dengan susunan kolom register ini, yang menyebut desa setiap baris)',
    choose: '— pilih desa/kelurahan —',
    file: 'Berkas (.xlsx atau .csv)',
    fileHint: 'Paling besar 16 MB. Berkas sebesar satu kabupaten dimuat oleh Dinas dengan perintah impor.',
    submit: 'Muat berkas',
    busy: 'Sedang memuat dan memeriksa berkas… Jangan tutup halaman ini.',
    chooseFile: 'Pilih berkas yang akan dimuat.',
    chooseVillage: 'Pilih desa/kelurahan tempat tinggal penduduk dalam berkas.',
  },
  layout: {
    REGISTER: 'susunan kolom register ini',
    OPENSID: 'format impor penduduk OpenSID',
    BIP: 'Buku Induk Penduduk (BIP) SIAK',
  },
  result: {
    title: 'Hasil impor: {{file}}',
    done: 'Selesai. {{imported}} dari {{total}} baris dimuat ({{cards}} KK).',
    doneNone: 'Selesai. Tidak ada baris yang dimuat.',
    resumed: 'Berkas ini pernah dimuat sebagian; pemuatan dilanjutkan dari baris terakhir yang tersimpan.',
    rejected: '{{rows}} baris ditolak ({{cards}} KK). Perbaiki baris-baris di bawah dalam berkas, lalu muat lagi dengan berkas yang sudah diperbaiki.',
    noneRejected: 'Tidak ada baris yang ditolak.',
    read: 'Dibaca sebagai {{layout}}.',
    village: 'Desa/kelurahan: {{village}}.',
    by: 'Dimuat oleh {{who}}, {{when}}.',
    status: {
      RUNNING: 'Sedang dimuat atau terhenti. Muat berkas yang sama lagi untuk melanjutkan.',
      COMPLETED: 'Selesai',
      FAILED: 'Gagal di tengah jalan. Muat berkas yang sama lagi untuk melanjutkan.',
    },
  },
  table: {
    caption: 'Baris yang ditolak',
    sheet: 'Lembar',
    row: 'Baris',
    nik: 'NIK',
    kk: 'No. KK',
    rules: 'Aturan yang dilanggar',
    details: 'Rincian teknis (bahasa Inggris)',
    more: 'Muat {{count}} baris berikutnya',
    shown: 'Ditampilkan {{shown}} dari {{total}} baris yang ditolak.',
  },
  history: {
    title: 'Impor terakhir',
    empty: 'Belum ada impor yang dapat Anda lihat.',
    loading: 'Memuat daftar impor…',
    caption: 'Impor terakhir, yang terbaru di atas',
    file: 'Berkas',
    when: 'Waktu',
    village: 'Desa/kelurahan',
    rows: 'Dimuat / ditolak',
    status: 'Keadaan',
    open: 'Lihat hasil',
    regency: 'Seluruh kabupaten',
  },
  back: 'Kembali ke impor',
  download: {
    title: 'Unduh data penduduk untuk OpenSID',
    lead: 'Data penduduk yang hidup dari register ini, dalam format impor penduduk OpenSID (.xlsx), agar desa dapat memuatnya ke OpenSID. Satu kecamatan: satu lembar untuk setiap desa. Setiap unduhan dicatat atas nama Anda.',
    region: 'Wilayah',
    choose: '— pilih desa/kelurahan atau kecamatan —',
    district: 'Seluruh Kec. {{name}}',
    button: 'Unduh (.xlsx)',
    busy: 'Sedang menyiapkan berkas…',
    done: 'Berkas {{file}} sudah diunduh.',
    chooseRegion: 'Pilih desa/kelurahan atau kecamatan yang akan diunduh.',
  },
};

const EN: typeof ID = {
  section: 'Import',
  title: 'Import residents',
  lead:
    "Load the residents a village or the office already holds: OpenSID's resident import file, SIAK's Buku Induk Penduduk (BIP), or a file in this register's own columns. " +
    'Every row is checked as a registration is; a family card is loaded whole or not at all. The same file is never loaded twice.',
  form: {
    legend: 'The file to load',
    village: 'The village the residents in the file live in',
    villageHint: 'OpenSID and BIP files carry no region codes: choose the village.',
    noVillage: "No village (a file in this register's own columns, naming each row's village)",
    choose: '— choose a village —',
    file: 'File (.xlsx or .csv)',
    fileHint: "At most 16 MB. A regency's file is loaded by the office with the import command.",
    submit: 'Load the file',
    busy: 'Loading and checking the file… Do not close this page.',
    chooseFile: 'Choose the file to load.',
    chooseVillage: 'Choose the village the residents in the file live in.',
  },
  layout: {
    REGISTER: "this register's own columns",
    OPENSID: "OpenSID's resident import format",
    BIP: "SIAK's Buku Induk Penduduk (BIP)",
  },
  result: {
    title: 'Import result: {{file}}',
    done: 'Done. {{imported}} of {{total}} rows loaded ({{cards}} family cards).',
    doneNone: 'Done. No row was loaded.',
    resumed: 'This file had been loaded in part; loading went on from the last saved row.',
    rejected: '{{rows}} rows refused ({{cards}} family cards). Correct the rows below in the file, then load the corrected file.',
    noneRejected: 'No row was refused.',
    read: 'Read as {{layout}}.',
    village: 'Village: {{village}}.',
    by: 'Loaded by {{who}}, {{when}}.',
    status: {
      RUNNING: 'Loading, or stopped. Load the same file again to go on.',
      COMPLETED: 'Done',
      FAILED: 'Failed half way. Load the same file again to go on.',
    },
  },
  table: {
    caption: 'Refused rows',
    sheet: 'Sheet',
    row: 'Row',
    nik: 'NIK',
    kk: 'KK number',
    rules: 'Rules broken',
    details: 'Technical details',
    more: 'Load the next {{count}} rows',
    shown: 'Showing {{shown}} of {{total}} refused rows.',
  },
  history: {
    title: 'Latest imports',
    empty: 'No import you may see yet.',
    loading: 'Loading the imports…',
    caption: 'Latest imports, newest first',
    file: 'File',
    when: 'When',
    village: 'Village',
    rows: 'Loaded / refused',
    status: 'State',
    open: 'See the result',
    regency: 'The whole regency',
  },
  back: 'Back to import',
  download: {
    title: 'Download residents for OpenSID',
    lead: "The living residents of this register in OpenSID's resident import format (.xlsx), for a village to load into OpenSID. A kecamatan: a sheet for each village. Every download is recorded under your name.",
    region: 'Region',
    choose: '— choose a village or kecamatan —',
    district: 'All of Kec. {{name}}',
    button: 'Download (.xlsx)',
    busy: 'Preparing the file…',
    done: 'The file {{file}} has been downloaded.',
    chooseRegion: 'Choose the village or kecamatan to download.',
  },
};

addWorkplaceWords('impor', ID, EN);

/** `impor.<key>` in the current language. */
export function iw(key: string, options?: Record<string, string | number>): string {
  return i18n.t(`impor.${key}`, options);
}

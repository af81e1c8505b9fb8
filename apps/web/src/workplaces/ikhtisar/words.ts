/**
 * The words of Ikhtisar, Bahasa Indonesia first (the office's vocabulary, as on the reporting dashboard) and
 * English second, added to i18next when the workplace's chunk loads. Keys: ikhtisar.*.
 */
import { addWorkplaceWords as registerWords } from '../../i18n/i18n';

export const IKHTISAR_ID = {
  region: '{{region}}, per {{date}}',
  loading: 'Memuat angka…',
  refresh: 'Perbarui',
  refreshing: 'Memperbarui…',
  figuresTitle: 'Angka hari ini',
  empty: 'Layanan laporan belum punya data untuk {{region}}. Angka akan muncul setelah penduduk, perekaman KTP-el, atau akta tercatat di layanan Dinas.',
  offline: 'Tidak ada sinyal. Angka belum dapat dimuat; coba lagi setelah ada sinyal.',
  noValue: 'Belum ada data',
  target: 'Target: {{target}}',
  targetAtMost: 'Target: paling lama {{target}}',
  reached: 'Tercapai',
  notReached: 'Belum tercapai',
  noTarget: 'Tanpa target',
  days: '{{count}} hari',
  ofWhole: '{{part}} dari {{whole}} {{what}}',
  countOf: '{{whole}} {{what}}',
  dashboardTitle: 'Dasbor lengkap',
  indicators: {
    EKTP_RECORDING: 'Perekaman KTP-el',
    KIA: 'Kepemilikan KIA',
    BIRTH_DEED_0_18: 'Akta kelahiran anak 0–17 tahun',
    DEATH_DEED: 'Kematian dengan akta',
    BLAS: 'BLAS (Bayi Lahir Akta Siap)',
    OMAS: 'OMAS (Orang Mati Akta Siap)',
  },
  wholes: {
    EKTP_RECORDING: 'wajib KTP sudah merekam',
    KIA: 'anak sudah memiliki KIA',
    BIRTH_DEED_0_18: 'anak sudah memiliki akta',
    DEATH_DEED: 'kematian sudah dicatat dalam akta kematian',
    BLAS: 'akta kelahiran terbit dalam 30 hari terakhir (median hari dari kelahiran)',
    OMAS: 'akta kematian terbit dalam 30 hari terakhir (median hari dari kematian)',
  },
};

type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const IKHTISAR_EN: Shape<typeof IKHTISAR_ID> = {
  region: '{{region}}, as of {{date}}',
  loading: 'Loading the figures…',
  refresh: 'Refresh',
  refreshing: 'Refreshing…',
  figuresTitle: "Today's figures",
  empty: 'The reporting service has no data for {{region}} yet. Figures appear once residents, e-KTP recordings or deeds are recorded in the office’s services.',
  offline: 'No signal. The figures cannot be loaded; try again once you have signal.',
  noValue: 'No data yet',
  target: 'Target: {{target}}',
  targetAtMost: 'Target: at most {{target}}',
  reached: 'Reached',
  notReached: 'Not reached',
  noTarget: 'No target',
  days: '{{count}} days',
  ofWhole: '{{part}} of {{whole}} {{what}}',
  countOf: '{{whole}} {{what}}',
  dashboardTitle: 'Full dashboard',
  indicators: {
    EKTP_RECORDING: 'e-KTP recording (Perekaman KTP-el)',
    KIA: 'Child ID cards (KIA)',
    BIRTH_DEED_0_18: 'Birth deeds, children 0–17',
    DEATH_DEED: 'Deaths with a deed',
    BLAS: 'BLAS (baby born, deed ready)',
    OMAS: 'OMAS (person dies, deed ready)',
  },
  wholes: {
    EKTP_RECORDING: 'residents required to hold an e-KTP have recorded',
    KIA: 'children hold a KIA',
    BIRTH_DEED_0_18: 'children hold a birth deed',
    DEATH_DEED: 'deaths have a deed',
    BLAS: 'birth deeds issued in the last 30 days (median days from the birth)',
    OMAS: 'death deeds issued in the last 30 days (median days from the death)',
  },
};

registerWords('ikhtisar', IKHTISAR_ID, IKHTISAR_EN);

// Indonesian words for what the API names in English. The office staff and the regent read Indonesian, so the
// dashboard speaks Indonesian throughout; the API's own English name stays under each card (lang="en") for
// integrators and for matching figures with the API and the exports. Anything the API adds later and is not listed
// here is shown as the API sends it, so a new part or detail is never hidden.

export const INDICATORS = {
  EKTP_RECORDING: {
    name: 'Perekaman e-KTP',
    about: 'Penduduk wajib KTP (17 tahun ke atas atau pernah kawin) yang sudah merekam biometrik e-KTP, dibanding seluruh wajib KTP.',
  },
  KIA: {
    name: 'Kepemilikan KIA',
    about: 'Anak di bawah 17 tahun yang belum pernah kawin dan memegang Kartu Identitas Anak (dicetak atau diserahkan, belum kedaluwarsa).',
  },
  BIRTH_DEED_0_18: {
    name: 'Akta kelahiran anak 0–17 tahun',
    about: 'Penduduk berumur 0–17 tahun yang memiliki akta kelahiran, dibanding seluruh penduduk umur itu.',
  },
  DEATH_DEED: {
    name: 'Kematian dengan akta',
    about: 'Kematian yang diketahui Dinas dan sudah dicatat dalam akta kematian, dibanding seluruh kematian yang diketahui.',
  },
  BLAS: {
    name: 'BLAS (Bayi Lahir Akta Siap)',
    about: 'Median hari dari kelahiran sampai akta kelahiran diterbitkan, untuk akta yang terbit dalam periode.',
  },
  OMAS: {
    name: 'OMAS (Orang Mati Akta Siap)',
    about: 'Median hari dari kematian sampai akta kematian diterbitkan, untuk akta yang terbit dalam periode.',
  },
  TIMELY_REGISTRATION: {
    name: 'Pencatatan tepat waktu',
    about: 'Akta yang dicatat dalam periode dan peristiwanya dilaporkan dalam batas waktu undang-undang (kelahiran 60 hari, kematian 30 hari, …).',
  },
  ONLINE_SHARE: {
    name: 'Layanan daring',
    about: 'Berkas pencatatan sipil yang masuk lewat layanan daring, dibanding seluruh berkas yang masuk dalam periode, menurut saluran.',
  },
  OUTREACH_ACTIVITY: {
    name: 'Jemput bola',
    about: 'Kunjungan desa yang selesai dalam periode (nilai utama), dan layanan yang diberikan saat kunjungan menurut jenisnya.',
  },
  EKTP_PROJECTION: {
    name: 'Proyeksi target e-KTP',
    about: 'Tanggal perekaman e-KTP mencapai target Kemendagri 99,4% dengan laju sekarang: perekaman bertanggal 8 minggu terakhir (data impor tanpa tanggal rekam tidak dihitung sebagai laju), ditambah penduduk yang menjadi wajib KTP.',
  },
  IKD: {
    name: 'Aktivasi IKD',
    about: 'Penduduk yang sudah merekam e-KTP dan Identitas Kependudukan Digital (IKD) di ponselnya aktif, dibanding seluruh penduduk yang sudah merekam e-KTP.',
  },
  INTEGRATED_SERVICES: {
    name: 'Pelayanan terintegrasi',
    about: 'Akta kelahiran yang dicatat dalam periode dan permohonannya sekaligus menghasilkan KK baru dengan anak itu dan/atau KIA anak, dibanding seluruh akta kelahiran yang dicatat.',
  },
  BURIAL_REGISTER: {
    name: 'Buku Pokok Pemakaman',
    about: 'Pemakaman yang dilaporkan dari buku pemakaman (TPU, paroki, masjid, desa) dan kematiannya sudah dicatat dalam akta, dibanding seluruh pemakaman yang dilaporkan.',
  },
};

export const PARTS = {
  RECORDED: 'Sudah rekam',
  NOT_RECORDED: 'Belum rekam',
  WITH_KIA: 'Memiliki KIA',
  WITHOUT_KIA: 'Belum memiliki KIA',
  WITH_DEED: 'Memiliki akta',
  WITHOUT_DEED: 'Belum memiliki akta',
  REGISTERED: 'Akta tercatat',
  IN_PROCESS: 'Dalam proses',
  REJECTED_OR_ANNULLED: 'Ditolak atau dibatalkan',
  SAME_DAY: 'Hari yang sama',
  DAYS_1_7: '1–7 hari',
  DAYS_8_30: '8–30 hari',
  OVER_30_DAYS: 'Lebih dari 30 hari',
  ON_TIME: 'Tepat waktu',
  LATE_UP_TO_ONE_YEAR: 'Terlambat, sampai 1 tahun',
  LATE_OVER_ONE_YEAR: 'Terlambat, lebih dari 1 tahun',
  ONLINE: 'Daring',
  OFFICE: 'Di kantor',
  PARTNER: 'Laporan mitra',
  OUTREACH: 'Jemput bola',
  EKTP_RECORDING: 'Perekaman e-KTP',
  BIRTH_DEED: 'Akta kelahiran',
  KIA: 'KIA',
  APPLICATION: 'Permohonan diterima',
  HANDOVER: 'Dokumen diserahkan',
  ACTIVE: 'IKD aktif',
  NOT_ACTIVE: 'IKD belum aktif',
  MATCHED: 'Kematian sudah berakta',
  WAITING: 'Kematian belum berakta',
  INTEGRATED: 'Akta, KK dan/atau KIA sekaligus',
  DEED_ONLY: 'Akta saja',
  NOT_LINKED: 'Belum terhubung ke penduduk',
};

export const DETAILS = {
  median: 'Median (hari)',
  p90: 'Persentil ke-90 (hari)',
  count: 'Jumlah akta terbit',
  shortfall: 'Kekurangan menuju target',
  visits: 'Kunjungan',
  servicesPerVisit: 'Layanan per kunjungan',
  villagesNotVisited: 'Desa belum dikunjungi',
  recordingsPerWeek: 'Perekaman per minggu',
  datedRecordings: 'Perekaman bertanggal dalam 8 minggu',
  newWajibKtpPerWeek: 'Wajib KTP baru per minggu',
  newWajibKtpNextYear: 'Wajib KTP baru setahun ke depan',
  weeksToTarget: 'Minggu menuju target',
  openedCases: 'Pemakaman yang membuka kasus kematian baru',
  error: 'Masalah data',
};

/** Details that only qualify others (shown inside their labels or the period line), not as lines of their own. */
export const DETAILS_FOLDED = new Set(['periodDays', 'periodFrom', 'periodTo', 'paceWeeks', 'paceFrom', 'paceTo', 'reason', 'notVisitedWeeks', 'ageFrom', 'ageTo']);

/**
 * Kata-kata di layar, dalam Bahasa Indonesia seperti yang dipakai Dinas (DESIGN.md, "Words on screen"; kosakata
 * yang sama dengan dasbor laporan). Bahasa pertama dan bahasa cadangan aplikasi.
 */
export const MESSAGES_ID = {
  app: {
    name: 'Adminduk Nagekeo',
    office: 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Nagekeo',
    skip: 'Langsung ke isi',
    loading: 'Memuat…',
  },
  nav: {
    label: 'Tempat kerja',
    mitra: 'Laporan Mitra',
    meja: 'Meja Petugas',
    'jemput-bola': 'Jemput Bola',
    ikhtisar: 'Ikhtisar',
  },
  roles: {
    operator: 'Operator',
    registrar: 'Petugas Registrasi',
    partner: 'Mitra',
    analyst: 'Analis',
    integrator: 'Integrator',
    admin: 'Administrator',
    none: 'Tanpa peran',
    withInstitution: '{{role}} ({{institution}})',
  },
  header: {
    signedInAs: 'Masuk sebagai',
    signOut: 'Keluar',
    signingOut: 'Sedang keluar…',
    unsentWarning: '{{count}} pekerjaan belum terkirim. Keluar akan menghapusnya dari perangkat ini. Tetap keluar?',
    language: 'Bahasa',
  },
  languages: { id: 'Bahasa Indonesia', en: 'English' },
  offline: {
    banner: 'Tidak ada sinyal. Aplikasi tetap dapat dibuka; pekerjaan yang perlu dikirim menunggu sampai sinyal kembali.',
  },
  update: {
    available: 'Versi baru aplikasi sudah tersedia.',
    reload: 'Muat ulang',
  },
  landing: {
    title: 'Selamat datang di Adminduk Nagekeo',
    lead: 'Aplikasi kerja Dinas Kependudukan dan Pencatatan Sipil untuk mitra dan petugas: laporan kelahiran dan kematian, berkas akta, KK dan KTP-el, serta Jemput Bola ke desa.',
    signIn: 'Masuk',
    signInHint: 'Gunakan akun yang diberikan Dinas. Setelah masuk, aplikasi tetap dapat dipakai di desa tanpa sinyal.',
    inactive: 'Data aplikasi di perangkat ini sudah dihapus karena tidak dipakai selama 3 hari. Silakan masuk lagi.',
    expired: 'Sesi Anda sudah berakhir. Silakan masuk lagi.',
    needsSignal: 'Masuk memerlukan sinyal. Coba lagi setelah perangkat tersambung ke internet.',
    signInFailed: 'Halaman masuk tidak dapat dibuka. Periksa sinyal, lalu coba lagi.',
    workplacesTitle: 'Tempat kerja',
  },
  callback: {
    working: 'Menyelesaikan proses masuk…',
    failedTitle: 'Proses masuk tidak berhasil',
    tryAgain: 'Masuk lagi',
    errors: {
      PROVIDER_UNREACHABLE: 'Layanan masuk tidak dapat dihubungi. Periksa sinyal, lalu coba masuk lagi.',
      SIGN_IN_NOT_STARTED: 'Proses masuk ini tidak dimulai dari perangkat ini, atau sudah selesai. Silakan masuk lagi.',
      SIGN_IN_STATE_MISMATCH: 'Jawaban dari layanan masuk tidak cocok dengan permintaan dari perangkat ini, jadi ditolak demi keamanan. Silakan masuk lagi.',
      SIGN_IN_REFUSED: 'Layanan masuk tidak memberi izin (mungkin dibatalkan). Silakan masuk lagi, atau hubungi admin Dinas bila akun Anda belum aktif.',
      SIGN_IN_INVALID: 'Jawaban dari layanan masuk tidak sah. Silakan masuk lagi; bila masih terjadi, hubungi admin Dinas.',
    },
  },
  config: {
    title: 'Aplikasi belum dapat dibuka',
    lead: 'Pengaturan aplikasi (config.json) tidak dapat dipakai:',
    advice: 'Ini perlu diperbaiki oleh admin Dinas di server. Sampaikan pesan di atas kepada admin, lalu coba lagi.',
    retry: 'Coba lagi',
    problems: {
      CONFIG_UNREACHABLE: 'Berkas config.json tidak dapat diambil dari server (tidak ada sinyal, atau server tidak menjawab).',
      CONFIG_NOT_FOUND: 'Berkas config.json tidak ada di server.',
      CONFIG_NOT_JSON: 'Berkas config.json tidak berisi JSON yang sah.',
      CONFIG_NOT_OBJECT: 'Isi config.json harus satu objek JSON.',
      FIELD_MISSING: 'Kolom "{{field}}" belum diisi.',
      FIELD_NOT_TEXT: 'Kolom "{{field}}" harus berupa teks.',
      ISSUER_INVALID: 'Kolom "{{field}}" harus alamat lengkap layanan masuk (http atau https), tanpa tanda tanya atau tanda pagar.',
      ISSUER_NOT_HTTPS: 'Kolom "{{field}}" harus memakai https (http hanya untuk layanan masuk di komputer ini).',
      CLIENT_ID_INVALID: 'Kolom "{{field}}" hanya boleh berisi huruf, angka, titik, titik dua, garis bawah, atau tanda hubung.',
      URL_INVALID: 'Kolom "{{field}}" bukan alamat yang sah (awali dengan / untuk alamat di server ini, atau tulis alamat lengkap).',
      CLAIM_NAME_INVALID: 'Kolom "{{field}}" harus nama klaim, misalnya roles atau realm_access.roles.',
    },
  },
  workplace: {
    building: 'Layar ini sedang dibangun. Tim pengembang sedang menyiapkannya dan akan segera tersedia di sini.',
    loadFailed: 'Layar ini tidak dapat dimuat. Periksa sinyal, lalu muat ulang.',
    reload: 'Muat ulang',
    notAllowedTitle: 'Bukan tempat kerja Anda',
    notAllowed: 'Tempat kerja ini tidak tersedia untuk peran Anda. Hubungi admin Dinas bila Anda memerlukannya.',
    goHome: 'Ke tempat kerja Anda',
  },
  workplaces: {
    mitra: {
      title: 'Laporan Mitra',
      lead: 'Untuk bidan di Pustu dan sekretaris paroki atau Lembaga Agama: laporkan kelahiran atau kematian, lalu ikuti prosesnya sampai akta siap.',
    },
    meja: {
      title: 'Meja Petugas',
      lead: 'Berkas yang masuk, dokumen persyaratan, verifikasi, pencatatan, dan penerbitan akta, serta data penduduk dan Kartu Keluarga.',
    },
    'jemput-bola': {
      title: 'Jemput Bola',
      lead: 'Kunjungan ke desa setiap Rabu dan Jumat: daftar layanan yang dibawa, pencatatan di tempat, tetap bekerja tanpa sinyal.',
    },
    ikhtisar: {
      title: 'Ikhtisar',
      lead: 'Angka-angka utama Dinas: Perekaman KTP-el, KIA, akta kelahiran, dan layanan Jemput Bola.',
      dashboard: 'Buka Dasbor Indikator Kependudukan',
      dashboardHint: 'Dasbor menampilkan indikator Dinas dan Kemendagri per kecamatan dan desa, dengan tren dan unduhan data.',
    },
  },
  notFound: {
    title: 'Halaman tidak ditemukan',
    lead: 'Alamat ini tidak ada di aplikasi.',
    back: 'Kembali ke halaman awal',
  },
  time: { zone: 'WITA' },
};

type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
/** Every language has the same keys as Bahasa Indonesia (the compiler names what a translation lacks). */
export type Messages = Shape<typeof MESSAGES_ID>;

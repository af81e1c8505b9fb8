/**
 * The Ministry's definitions, formulas and the source of its targets in Bahasa Indonesia. The reporting service sends
 * them in English (libs/domain ministry-scorecard.ts): each is looked up by the exact English text, so that a text the
 * domain changes is shown as the service sends it (marked as English) rather than as a translation of what it was.
 */
const INDONESIAN: ReadonlyMap<string, string> = new Map([
  ["Residents who must hold an e-KTP (17 or older, or ever married; UU 24/2013 art. 63) whose biometrics have been recorded.", "Penduduk wajib KTP (berumur 17 tahun atau lebih, atau pernah kawin; UU 24/2013 pasal 63) yang biometriknya sudah direkam."],
  ["wajib KTP residents with e-KTP recorded ÷ all wajib KTP residents × 100", "penduduk wajib KTP yang sudah merekam KTP-el ÷ seluruh penduduk wajib KTP × 100"],
  ["Children under 17 who never married holding a child identity card (Permendagri 2/2016).", "Anak berumur di bawah 17 tahun dan belum pernah kawin yang memiliki Kartu Identitas Anak (Permendagri 2/2016)."],
  ["children with a KIA ÷ all children under 17 × 100", "anak yang memiliki KIA ÷ seluruh anak di bawah 17 tahun × 100"],
  ["Residents under 18 with a birth deed.", "Penduduk berumur di bawah 18 tahun yang memiliki akta kelahiran."],
  ["residents 0–17 with a birth deed ÷ all residents 0–17 × 100", "penduduk 0–17 tahun yang memiliki akta kelahiran ÷ seluruh penduduk 0–17 tahun × 100"],
  ["Residents with a recorded e-KTP whose digital ID is active on a phone.", "Penduduk yang sudah merekam KTP-el dan Identitas Kependudukan Digitalnya aktif di ponsel."],
  ["residents with a recorded e-KTP and an active IKD ÷ all residents with a recorded e-KTP × 100", "penduduk yang sudah merekam KTP-el dengan IKD aktif ÷ seluruh penduduk yang sudah merekam KTP-el × 100"],
  ["Burials recorded in the burial registers kept with cemeteries, parishes, mosques and villages and reported to the office, matched with a registered death. Our reading of the Ministry's indicator: each burial recorded and matched with a death deed; an unmatched burial is a death nobody has registered yet.", "Pemakaman yang tercatat dalam Buku Pokok Pemakaman di pemakaman umum, paroki, masjid, dan desa, dilaporkan ke Dinas dan dicocokkan dengan kematian yang tercatat. Tafsiran kami atas indikator Kemendagri: setiap pemakaman tercatat dan cocok dengan akta kematian; pemakaman yang belum cocok adalah kematian yang belum dilaporkan."],
  ["burials recorded whose death deed is registered ÷ all burials recorded × 100", "pemakaman tercatat yang akta kematiannya sudah tercatat ÷ seluruh pemakaman tercatat × 100"],
  ["Cooperation agreements on the use of population data with regional agencies (OPD) and other users, in force on the day.", "Perjanjian kerja sama pemanfaatan data kependudukan dengan perangkat daerah (OPD) dan pengguna lain yang berlaku pada hari itu."],
  ["number of agreements in force (signed on or before the day, expiring on or after it)", "jumlah PKS yang berlaku (ditandatangani paling lambat hari itu, berakhir hari itu atau sesudahnya)"],
  ["Agreements in force whose agency actually used its access: at least one request answered in the 90 days ending on the day.", "PKS yang berlaku dan aksesnya benar-benar dipakai instansinya: sedikitnya satu permintaan dilayani dalam 90 hari terakhir."],
  ["number of agreements in force with at least one answered request in the last 90 days", "jumlah PKS yang berlaku dengan sedikitnya satu permintaan dilayani dalam 90 hari terakhir"],
  ["Civil registration records that reached the office through the online service, over all records received (the 30 days ending on the day).", "Berkas pencatatan sipil yang masuk ke Dinas lewat layanan online, dibanding seluruh berkas yang masuk (30 hari terakhir)."],
  ["records received online ÷ all records received × 100", "berkas yang masuk online ÷ seluruh berkas yang masuk × 100"],
  ["Population documents printed on plain paper instead of security paper (Permendagri 109/2019), over all documents printed.", "Dokumen kependudukan yang dicetak di kertas putih HVS, bukan kertas berpengaman (Permendagri 109/2019), dibanding seluruh dokumen yang dicetak."],
  ["documents printed on plain paper ÷ all documents printed × 100", "dokumen dicetak di kertas putih ÷ seluruh dokumen dicetak × 100"],
  ["Population documents signed with a certified electronic signature, over all documents issued.", "Dokumen kependudukan yang ditandatangani dengan tanda tangan elektronik tersertifikasi, dibanding seluruh dokumen yang diterbitkan."],
  ["documents signed electronically ÷ all documents issued × 100", "dokumen bertanda tangan elektronik ÷ seluruh dokumen yang diterbitkan × 100"],
  ["Service innovations the office launched in the year (such as jemput bola visits or a partner reporting channel).", "Inovasi pelayanan yang diluncurkan Dinas dalam tahun itu (misalnya Jemput Bola atau saluran pelaporan mitra)."],
  ["number of innovations launched in the year", "jumlah inovasi yang diluncurkan dalam tahun itu"],
  ["Applications that yield several documents at once (e.g. a birth deed, the reissued family card and the KIA from one birth), over all applications.", "Permohonan yang menghasilkan beberapa dokumen sekaligus (misalnya akta kelahiran, KK baru, dan KIA dari satu kelahiran), dibanding seluruh permohonan."],
  ["applications yielding two or more documents ÷ all applications × 100", "permohonan yang menghasilkan dua dokumen atau lebih ÷ seluruh permohonan × 100"],
  ["Applications that yield several documents at once: a birth deed registered together with the family card reissued with the child and the child's KIA, from one application (the 30 days ending on the day).", "Permohonan yang menghasilkan beberapa dokumen sekaligus: akta kelahiran yang dicatat bersama KK yang diterbitkan ulang dengan anak itu dan KIA anak itu, dari satu permohonan (30 hari terakhir)."],
  ["birth deeds whose application also yielded the family card or the KIA ÷ all birth deeds registered × 100", "akta kelahiran yang permohonannya juga menghasilkan KK atau KIA ÷ seluruh akta kelahiran yang dicatat × 100"],
  ["Direktur Jenderal Dukcapil Kemendagri, targets for 2023 announced in March 2023", "Direktur Jenderal Dukcapil Kemendagri, target tahun 2023 yang diumumkan pada Maret 2023"],
]);

/** The text in the person's language: Indonesian where known, else the service's English (`lang: 'en'`). */
export function scorecardText(english: string, lang: 'id' | 'en'): { readonly text: string; readonly lang?: 'en' } {
  if (lang === 'en') return { text: english };
  const own = INDONESIAN.get(english);
  return own === undefined ? { text: english, lang: 'en' } : { text: own };
}

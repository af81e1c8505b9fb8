/**
 * The names of the documents of a deed application (DOCUMENT_KINDS of the domain) and of a KIA application
 * (KIA_DOCUMENT_KINDS) and of the checklist's
 * requirements (DOCUMENT_REQUIREMENTS), in Bahasa Indonesia and English: one list for every workplace that shows a
 * checklist (the clerk's desk, the village visit's birth-deed application).
 */
export const DOC_KIND_ID = {
  BIRTH_LETTER_HEALTH: 'Surat Keterangan Kelahiran (bidan, Pustu/Puskesmas, rumah sakit)',
  BIRTH_LETTER_VILLAGE: 'Surat Keterangan Kelahiran dari Desa/Kelurahan',
  SPTJM_BIRTH: 'SPTJM kebenaran data kelahiran',
  STILLBIRTH_LETTER_HEALTH: 'Surat Keterangan Lahir Mati (fasilitas kesehatan)',
  STILLBIRTH_LETTER_VILLAGE: 'Surat Keterangan Lahir Mati dari Desa/Kelurahan',
  DEATH_LETTER_HEALTH: 'Surat Keterangan Kematian (rumah sakit, Puskesmas)',
  DEATH_LETTER_VILLAGE: 'Surat Keterangan Kematian dari Desa/Kelurahan',
  KK: 'Kartu Keluarga (KK)',
  KTP_PARENTS: 'KTP-el orang tua',
  KTP_DECEASED: 'KTP-el yang meninggal',
  KTP_REPORTER: 'KTP-el pelapor',
  KTP_WITNESS: 'KTP-el saksi',
  KTP_SPOUSES: 'KTP-el suami dan istri',
  MARRIAGE_BOOK: 'Buku Nikah',
  MARRIAGE_DEED: 'Kutipan Akta Perkawinan',
  SPTJM_MARRIED_COUPLE: 'SPTJM kebenaran sebagai pasangan suami istri',
  RELIGIOUS_MARRIAGE_LETTER: 'Surat keterangan perkawinan dari pemuka agama',
  COURT_DECISION: 'Salinan putusan atau penetapan pengadilan',
  BIRTH_DEED: 'Kutipan Akta Kelahiran anak',
  RECOGNITION_LETTER: 'Surat pengakuan anak dari ayah',
  // A KIA application's own documents (KIA_DOCUMENT_KINDS; BIRTH_DEED, KK and KTP_PARENTS are named above).
  CHILD_PHOTO: 'Pas foto anak berwarna 2 × 3',
  POLICE_LOSS_LETTER: 'Surat keterangan kehilangan dari kepolisian',
  DAMAGED_KIA: 'KIA yang rusak',
};

export const DOC_KIND_EN: Record<keyof typeof DOC_KIND_ID, string> = {
  BIRTH_LETTER_HEALTH: 'Birth letter (midwife, Pustu/Puskesmas, hospital)',
  BIRTH_LETTER_VILLAGE: 'Birth letter from the village',
  SPTJM_BIRTH: 'SPTJM on the birth data',
  STILLBIRTH_LETTER_HEALTH: 'Stillbirth letter (health facility)',
  STILLBIRTH_LETTER_VILLAGE: 'Stillbirth letter from the village',
  DEATH_LETTER_HEALTH: 'Death letter (hospital, Puskesmas)',
  DEATH_LETTER_VILLAGE: 'Death letter from the village',
  KK: 'Family card (KK)',
  KTP_PARENTS: 'Parents’ e-KTP',
  KTP_DECEASED: 'Deceased’s e-KTP',
  KTP_REPORTER: 'Reporter’s e-KTP',
  KTP_WITNESS: 'Witness’s e-KTP',
  KTP_SPOUSES: 'Spouses’ e-KTP',
  MARRIAGE_BOOK: 'Marriage book',
  MARRIAGE_DEED: 'Marriage deed',
  SPTJM_MARRIED_COUPLE: 'SPTJM that the parents are married',
  RELIGIOUS_MARRIAGE_LETTER: 'Religious leader’s marriage letter',
  COURT_DECISION: 'Court decision',
  BIRTH_DEED: 'Child’s birth deed',
  RECOGNITION_LETTER: 'Father’s recognition letter',
  CHILD_PHOTO: 'Child’s colour photo, 2 × 3',
  POLICE_LOSS_LETTER: 'Police letter of loss',
  DAMAGED_KIA: 'The damaged KIA',
};

export const REQUIREMENT_ID = {
  BIRTH_PROOF: 'Bukti kelahiran',
  STILLBIRTH_PROOF: 'Bukti lahir mati',
  DEATH_PROOF: 'Bukti kematian',
  FAMILY_CARD: 'Kartu Keluarga',
  PARENTS_KTP: 'KTP-el orang tua',
  PARENTS_MARRIAGE_PROOF: 'Bukti perkawinan orang tua',
  DECEASED_KTP: 'KTP-el yang meninggal',
  REPORTER_KTP: 'KTP-el pelapor',
  WITNESSES_KTP: 'KTP-el dua orang saksi',
  RELIGIOUS_MARRIAGE_PROOF: 'Bukti perkawinan secara agama',
  SPOUSES_KTP: 'KTP-el suami dan istri',
  COURT_DECISION: 'Putusan pengadilan',
  MARRIAGE_DEED: 'Akta perkawinan',
  CHILD_BIRTH_DEED: 'Akta kelahiran anak',
  RECOGNITION_LETTER: 'Surat pengakuan anak',
};

export const REQUIREMENT_EN: Record<keyof typeof REQUIREMENT_ID, string> = {
  BIRTH_PROOF: 'Proof of birth',
  STILLBIRTH_PROOF: 'Proof of stillbirth',
  DEATH_PROOF: 'Proof of death',
  FAMILY_CARD: 'Family card',
  PARENTS_KTP: 'Parents’ e-KTP',
  PARENTS_MARRIAGE_PROOF: 'Proof of the parents’ marriage',
  DECEASED_KTP: 'Deceased’s e-KTP',
  REPORTER_KTP: 'Reporter’s e-KTP',
  WITNESSES_KTP: 'Two witnesses’ e-KTP',
  RELIGIOUS_MARRIAGE_PROOF: 'Religious marriage proof',
  SPOUSES_KTP: 'Spouses’ e-KTP',
  COURT_DECISION: 'Court decision',
  MARRIAGE_DEED: 'Marriage deed',
  CHILD_BIRTH_DEED: 'Child’s birth deed',
  RECOGNITION_LETTER: 'Recognition letter',
};

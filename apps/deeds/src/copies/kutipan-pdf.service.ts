/**
 * The PDF of a copy, printed on plain paper (one of the Ministry's indicators: *kertas putih*, plain A4 paper
 * instead of security paper): the deed's particulars as they stood at the copy's version, a QR code holding the
 * public verification address (`<DEEDS_PUBLIC_BASE_URL>/verify/<code>`), the code in words, and the electronic
 * signature (TTE) with its key id.
 *
 * The layout follows the kutipan of the Permendagri 109/2019 era, as the offices print them on A4 HVS paper with the
 * electronic signature of the Kepala Dinas and a QR code in place of the wet signature and stamp (Dukcapil
 * Jembrana, "Akta Kelahiran", https://dukcapil.jembranakab.go.id/akta-kelahiran; Kompas.com, 5 March 2021, "Akta
 * Kelahiran Model Baru Dilengkapi QR Code"): a bilingual header (REPUBLIK INDONESIA, PENCATATAN SIPIL, WARGA
 * NEGARA: INDONESIA, KUTIPAN AKTA …), then the form's sentence — "Berdasarkan Akta Kelahiran Nomor …" (where the new
 * model puts the deed's registration number: kumparan, 17 March 2025, "Letak Nomor Registrasi Akta Kelahiran"),
 * "bahwa di <kabupaten/kota>" (the regency or city, not the facility: Dukcapil Ngawi, "Standar Pelayanan Penerbitan
 * Akta Kematian", https://dukcapil.ngawikab.go.id/standar-pelayanan-penerbitan-akta-kematian), "pada tanggal <the
 * day in words>", "telah lahir <NAME>" or "telah meninggal dunia <NAME>", the NIK, the parents — and at the foot
 * "Dikeluarkan di <town>, tanggal …", the official's title, the QR code of the electronic signature, the official's
 * name and NIP. Names are printed in capitals, as the office prints them.
 *
 * What the record does not hold is not invented: the child's order among the mother's children ("anak ke-…") is
 * not recorded (the particulars' childOrder is the order within a twin birth), so the kutipan prints the sex on its
 * own line. A newborn's NIK is issued by identity after registration: the copy keeps the NIK identity gave when the
 * kutipan was issued (`content.childNik`, asked with identity.rpc.resident.by-birth-deed.v1; the deed's own
 * `child.nik` for a late birth deed), and the kutipan prints a dash when identity had not yet registered the child.
 * Copies made before the copy kept it print the particulars' child.nik, or a dash.
 *
 * The verification code is also in the document's metadata (Subject "Kode verifikasi <code>", keyword
 * `verification-code:<code>`), so that software can read it without decoding the QR image. The PDF is rendered
 * from the stored copy, with the copy's issue time as its creation date: the same copy gives the same document.
 */
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { PDFDocument, StandardFonts, rgb, type PDFFont } from 'pdf-lib';
import QRCode from 'qrcode';
import type { DeedType } from '@adminduk/domain';
import { DEEDS_CONFIG, type DeedsConfig } from '../deeds.config';
import type { Particulars } from '../cases/particulars.dto';
import type { CopyContent, DeedCopy } from './deed-copy.entity';

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** '2026-11-01' → '1 November 2026'. */
export function indonesianDate(iso: string | undefined | null): string {
  if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return '-';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** Text the standard PDF fonts can show (WinAnsi): diacritics dropped where needed, other characters as '?'. */
export function printable(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .split('')
    .map((c) => {
      const code = c.charCodeAt(0);
      if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return c;
      const plain = c.normalize('NFD').replace(/\p{M}/gu, '');
      return plain.length > 0 && plain.charCodeAt(0) <= 0x7e && plain.charCodeAt(0) >= 0x20 ? plain : '?';
    })
    .join('');
}

/** 1 → 'satu', 2026 → 'dua ribu dua puluh enam': a number in Indonesian words, as the form writes days and years (0 to 9999). */
export function numberInWords(n: number): string {
  const ones = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  const parts: string[] = [];
  const thousands = Math.floor(n / 1000);
  const hundreds = Math.floor((n % 1000) / 100);
  const rest = n % 100;
  if (thousands > 0) parts.push(thousands === 1 ? 'seribu' : `${ones[thousands]} ribu`);
  if (hundreds > 0) parts.push(hundreds === 1 ? 'seratus' : `${ones[hundreds]} ratus`);
  if (rest === 10) parts.push('sepuluh');
  else if (rest === 11) parts.push('sebelas');
  else if (rest > 11 && rest < 20) parts.push(`${ones[rest - 10]} belas`);
  else if (rest >= 20) parts.push(`${ones[Math.floor(rest / 10)]} puluh${rest % 10 > 0 ? ` ${ones[rest % 10]}` : ''}`);
  else if (rest > 0 || parts.length === 0) parts.push(ones[rest] as string);
  return parts.join(' ');
}

/** '2026-11-01' → 'satu November dua ribu dua puluh enam': the day of the event as the form writes it. */
export function dateInWords(iso: string | undefined | null): string {
  if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return '-';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${numberInWords(d)} ${MONTHS[m - 1]} ${numberInWords(y)}`;
}

/** '197503122000031004' → '19750312 200003 1 004': a NIP as printed (birth date, appointment month, sex, serial). */
export function formatNip(nip: string): string {
  const digits = nip.replace(/\D/g, '');
  return digits.length === 18 ? `${digits.slice(0, 8)} ${digits.slice(8, 14)} ${digits.slice(14, 15)} ${digits.slice(15)}` : nip;
}

/**
 * The child's NIK when the deed's particulars name it: a late birth deed of a child already on the register. A
 * newborn's NIK is identity's (issued on deeds.birth.registered.v1), kept with the copy (childNikOnKutipan).
 */
export function childNikOf(p: Particulars): string | undefined {
  const nik = (p.child as { nik?: unknown } | undefined)?.nik;
  return typeof nik === 'string' && /^\d{16}$/.test(nik) ? nik : undefined;
}

/** The NIK a birth kutipan prints: the one kept with the copy (null: identity had not registered the child), else the deed's. */
export function childNikOnKutipan(c: CopyContent): string | undefined {
  if (c.childNik) return c.childNik.nik ?? undefined;
  return childNikOf(c.particulars);
}

const sex = (s: string | undefined) => (s === 'M' ? 'Laki-laki' : s === 'F' ? 'Perempuan' : '-');
const text = (v: unknown) => (v === undefined || v === null || v === '' ? '-' : String(v));
const upper = (v: unknown) => text(v).toUpperCase();

/** One line of the body: the form's words, their English as the bilingual form prints them, the value. */
interface Row {
  readonly label: string;
  readonly english?: string;
  readonly value: string;
}

/** The English line under the document's name, as on the bilingual forms. */
const ENGLISH_TITLE: Record<DeedType, string> = {
  BIRTH: 'EXCERPT OF BIRTH CERTIFICATE',
  STILLBIRTH: 'CERTIFICATE OF STILLBIRTH',
  DEATH: 'EXCERPT OF DEATH CERTIFICATE',
  MARRIAGE: 'EXCERPT OF MARRIAGE CERTIFICATE',
  DIVORCE: 'EXCERPT OF DIVORCE CERTIFICATE',
  RECOGNITION: 'EXCERPT OF CERTIFICATE OF RECOGNITION OF A CHILD',
  LEGITIMATION: 'EXCERPT OF CERTIFICATE OF LEGITIMATION OF A CHILD',
  ADOPTION: 'EXCERPT OF CERTIFICATE OF ADOPTION OF A CHILD',
};

/** 'BIRTH CERTIFICATE' → 'Birth Certificate', 'CERTIFICATE OF ADOPTION OF A CHILD' → 'Certificate of Adoption of a Child'. */
const titleCase = (words: string) =>
  words
    .toLowerCase()
    .split(' ')
    .map((w, i) => (i > 0 && ['of', 'a'].includes(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');

/** The body of each deed type: the form's sentence for births and deaths, the particulars for the others. */
function rows(deedType: DeedType, c: CopyContent): Row[] {
  const p = c.particulars;
  const town = (c.eventRegencyName ?? c.regencyName).toUpperCase();
  const deed = c.documentName.replace(/^Kutipan /, '');
  const number: Row = c.documentName.startsWith('Kutipan ')
    ? { label: `Berdasarkan ${deed} Nomor`, english: `By virtue of ${titleCase(ENGLISH_TITLE[deedType].replace(/^EXCERPT OF /, ''))} Number`, value: text(c.deedNumber) }
    : { label: 'Nomor', english: 'Number', value: text(c.deedNumber) };
  switch (deedType) {
    case 'BIRTH':
      return [
        number,
        { label: 'bahwa di', english: 'that in', value: town },
        { label: 'pada tanggal', english: 'on date', value: dateInWords(c.eventDate).toUpperCase() },
        { label: 'telah lahir', english: 'was born', value: upper(p.child?.fullName) },
        { label: 'NIK', english: 'Population Identification Number', value: text(childNikOnKutipan(c)) },
        { label: 'jenis kelamin', english: 'sex', value: sex(p.child?.sex).toUpperCase() },
        { label: 'dari ayah', english: 'from father', value: upper(p.father?.fullName) },
        { label: 'dan ibu', english: 'and mother', value: upper(p.mother?.fullName) },
      ];
    case 'DEATH':
      return [
        number,
        { label: 'bahwa di', english: 'that in', value: town },
        { label: 'pada tanggal', english: 'on date', value: dateInWords(c.eventDate).toUpperCase() },
        { label: 'telah meninggal dunia', english: 'has passed away', value: upper(p.deceased?.fullName) },
        { label: 'NIK', english: 'Population Identification Number', value: text(p.deceased?.nik) },
        { label: 'jenis kelamin', english: 'sex', value: sex(p.deceased?.sex).toUpperCase() },
        ...(p.deceased?.birthDate ? [{ label: 'tanggal lahir', english: 'date of birth', value: indonesianDate(p.deceased.birthDate).toUpperCase() }] : []),
      ];
    case 'STILLBIRTH':
      return [
        number,
        { label: 'Nama ibu', value: text(p.mother?.fullName) },
        { label: 'Nama ayah', value: text(p.father?.fullName) },
        { label: 'Tempat', value: town },
        { label: 'Tanggal lahir mati', value: indonesianDate(c.eventDate) },
        { label: 'Jenis kelamin', value: sex(p.child?.sex) },
      ];
    case 'MARRIAGE':
      return [
        number,
        { label: 'Nama suami', value: text(p.husband?.fullName) },
        { label: 'Nama istri', value: text(p.wife?.fullName) },
        { label: 'Agama', value: text(p.religion) },
        { label: 'Tempat perkawinan', value: `${text(p.place)}, ${c.eventRegencyName ?? c.regencyName}` },
        { label: 'Tanggal perkawinan', value: indonesianDate(c.eventDate) },
      ];
    case 'DIVORCE':
      return [
        number,
        { label: 'Nama suami', value: text(p.husband?.fullName) },
        { label: 'Nama istri', value: text(p.wife?.fullName) },
        { label: 'Nomor akta perkawinan', value: text(p.marriageDeedNumber) },
        { label: 'Putusan pengadilan', value: `${text(p.courtDecision?.number)}${p.courtDecision?.court ? `, ${p.courtDecision.court}` : ''}` },
        { label: 'Berkekuatan hukum tetap', value: indonesianDate(c.eventDate) },
      ];
    case 'RECOGNITION':
    case 'LEGITIMATION':
      return [
        number,
        { label: 'Nama anak', value: text(p.child?.fullName) },
        { label: 'Nomor akta kelahiran', value: text(p.birthDeedNumber) },
        { label: 'Nama ayah', value: text(p.father?.fullName) },
        { label: 'Nama ibu', value: text(p.mother?.fullName) },
        ...(deedType === 'LEGITIMATION' ? [{ label: 'Nomor akta perkawinan orang tua', value: text(p.marriageDeedNumber) }] : []),
        { label: deedType === 'RECOGNITION' ? 'Tanggal surat pengakuan' : 'Tanggal perkawinan orang tua', value: indonesianDate(c.eventDate) },
      ];
    case 'ADOPTION':
      return [
        number,
        { label: 'Nama anak', value: text(p.child?.fullName) },
        { label: 'Nomor akta kelahiran', value: text(p.birthDeedNumber) },
        { label: 'Orang tua angkat', value: text(p.adopter?.fullName) },
        { label: 'Putusan pengadilan', value: `${text(p.courtDecision?.number)}${p.courtDecision?.court ? `, ${p.courtDecision.court}` : ''}` },
      ];
  }
}

/** The text at `size`, or smaller (down to 7 pt) to fit `maxWidth`, cut with '...' if it still does not fit. */
export function fitText(value: string, font: PDFFont, size: number, maxWidth: number): { text: string; size: number } {
  let text = printable(value);
  const width = font.widthOfTextAtSize(text, size);
  if (width <= maxWidth) return { text, size };
  const smaller = Math.max(7, Math.floor(((size * maxWidth) / width) * 10) / 10);
  while (text.length > 4 && font.widthOfTextAtSize(text, smaller) > maxWidth) text = `${text.slice(0, -4)}...`;
  return { text, size: smaller };
}

/** Words broken into lines of at most `maxWidth` at `size` (a word longer than a line stays whole: fitText cuts it). */
export function wrapText(value: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of printable(value).split(/\s+/).filter((w) => w !== '')) {
    const next = current === '' ? word : `${current} ${word}`;
    if (current !== '' && font.widthOfTextAtSize(next, size) > maxWidth) {
      out.push(current);
      current = word;
    } else current = next;
  }
  if (current !== '') out.push(current);
  return out;
}

// A4 in points, and the page's grid.
const PAGE = { width: 595.28, height: 841.89 } as const;
const LEFT = 62;
const RIGHT = PAGE.width - 62;
const VALUE_X = 262;
/** The signature block: centred on this x, this wide. */
const SIGN_X = 418;
const SIGN_WIDTH = 262;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.3, 0.3, 0.3);

@Injectable()
export class KutipanPdfService implements OnModuleInit {
  private readonly logger = new Logger('KutipanPdfService');

  constructor(@Inject(DEEDS_CONFIG) private readonly config: DeedsConfig) {}

  onModuleInit(): void {
    if (this.config.kutipan.demoOfficial) {
      this.logger.warn('DEEDS_OFFICIAL_NAME or DEEDS_OFFICIAL_NIP is not set: kutipan are signed with the demo official (CONTOH), not for the public');
    }
  }

  verificationUrl(code: string): string {
    return `${this.config.publicBaseUrl}/verify/${code}`;
  }

  async render(copy: DeedCopy): Promise<Uint8Array> {
    const c = copy.content;
    const deedType = c.deedType as DeedType;
    const pdf = await PDFDocument.create({ updateMetadata: false });
    const issued = new Date(copy.issuedAt);
    pdf.setTitle(printable(`${c.documentName}${c.deedNumber ? ` ${c.deedNumber}` : ''}`));
    pdf.setSubject(`Kode verifikasi ${copy.code}`);
    pdf.setKeywords([`verification-code:${copy.code}`, ...(c.deedNumber ? [`deed-number:${c.deedNumber}`] : []), `deed-version:${c.deedVersion}`]);
    pdf.setAuthor(printable(`Dinas Kependudukan dan Pencatatan Sipil ${c.regencyName}`));
    pdf.setCreator('Adminduk deeds service');
    pdf.setProducer('Adminduk deeds service (pdf-lib)');
    pdf.setCreationDate(issued);
    pdf.setModificationDate(issued);

    const page = pdf.addPage([PAGE.width, PAGE.height]);
    const regular = await pdf.embedFont(StandardFonts.Helvetica);
    const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
    const italic = await pdf.embedFont(StandardFonts.HelveticaOblique);
    // Every line fits between its x and `right` (the right margin unless given): long names are set smaller, or cut.
    const line = (value: string, x: number, y: number, size: number, font: PDFFont, right: number = RIGHT, color = BLACK) => {
      const fitted = fitText(value, font, size, right - x);
      page.drawText(fitted.text, { x, y, size: fitted.size, font, color });
      return font.widthOfTextAtSize(fitted.text, fitted.size);
    };
    const centred = (value: string, y: number, size: number, font: PDFFont, centre = PAGE.width / 2, width = RIGHT - LEFT, color = BLACK) => {
      const fitted = fitText(value, font, size, width);
      const w = font.widthOfTextAtSize(fitted.text, fitted.size);
      page.drawText(fitted.text, { x: centre - w / 2, y, size: fitted.size, font, color });
      return w;
    };

    // The header, as on the form: each line in Indonesian, its English under it.
    centred('REPUBLIK INDONESIA', 786, 14, bold);
    centred('REPUBLIC OF INDONESIA', 773, 8.5, italic, undefined, undefined, GREY);
    centred('PENCATATAN SIPIL', 752, 14, bold);
    centred('CIVIL REGISTRY', 739, 8.5, italic, undefined, undefined, GREY);
    centred('WARGA NEGARA: INDONESIA', 716, 11, bold);
    centred('NATIONALITY: INDONESIAN', 704, 8.5, italic, undefined, undefined, GREY);
    const titleWidth = centred(c.documentName.toUpperCase(), 670, 18, bold);
    page.drawLine({ start: { x: (PAGE.width - titleWidth) / 2, y: 666 }, end: { x: (PAGE.width + titleWidth) / 2, y: 666 }, thickness: 0.8, color: BLACK });
    centred(ENGLISH_TITLE[deedType] ?? '', 654, 9.5, italic, undefined, undefined, GREY);
    if (c.corrections > 0) centred(`(pembetulan ke-${c.corrections}, versi ${c.deedVersion})`, 638, 9, regular);

    // The body: the form's words on the left, the value after them; a row with English takes two lines.
    const body = rows(deedType, c);
    const withEnglish = body.some((r) => r.english);
    const step = withEnglish ? (body.length > 7 ? 34 : 38) : 30;
    let y = 612;
    for (const row of body) {
      line(row.label, LEFT, y, 11, regular, VALUE_X - 12);
      if (row.english) line(row.english, LEFT, y - 11, 8, italic, VALUE_X - 12, GREY);
      // A value too long for its line (a long name, a date in words) goes on two lines rather than shrinking.
      if (bold.widthOfTextAtSize(printable(row.value), 12) <= RIGHT - VALUE_X) line(row.value, VALUE_X, y, 12, bold);
      else {
        const [first, ...more] = wrapText(row.value, bold, 11, RIGHT - VALUE_X);
        line(first ?? '', VALUE_X, y, 11, bold);
        if (more.length > 0) line(more.join(' '), VALUE_X, y - 12.5, 11, bold);
      }
      y -= step;
    }

    // Notes of the register: when it was recorded, and on whose decision if late.
    y = Math.min(y + step - 30, 330);
    line(`Dicatat dalam register akta pada tanggal ${indonesianDate(c.registeredOn)}${c.villageName ? `, ${c.villageName}` : ''}, Kecamatan ${c.districtName}.`, LEFT, y, 8.5, regular, RIGHT, GREY);
    if (c.headDecision) {
      y -= 12;
      line(`Pencatatan terlambat berdasarkan Keputusan Kepala Dinas Nomor ${c.headDecision.number} tanggal ${indonesianDate(c.headDecision.date)}.`, LEFT, y, 8.5, regular, RIGHT, GREY);
    }

    // The place and day of issue, the official's title, the electronic signature (QR), name and NIP.
    const issuer = this.config.kutipan;
    // A copy keeps the official and place it was issued under; copies made before they were kept print today's.
    const official = c.official ?? { title: issuer.officialTitle, name: issuer.officialName, nip: issuer.officialNip };
    const place = c.issuePlace ?? issuer.issuePlace;
    let s = 296;
    centred(`Dikeluarkan di ${place}, tanggal ${indonesianDate(c.issuedOn)}`, s, 10.5, regular, SIGN_X, SIGN_WIDTH);
    s -= 18;
    // The office on one line and its regency or city on the next, as the title is set under a signature.
    const [office, region] = official.title.toUpperCase().split(/ (?=(?:KABUPATEN|KOTA) )/, 2) as [string, string | undefined];
    // Each part on one line (set smaller if it must be); a title without a region is wrapped.
    for (const titleLine of region ? [office, region] : wrapText(office, bold, 9.5, SIGN_WIDTH)) {
      centred(titleLine, s, 9.5, bold, SIGN_X, SIGN_WIDTH);
      s -= 12;
    }
    const qr = await pdf.embedPng(await QRCode.toBuffer(this.verificationUrl(copy.code), { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 256 }));
    const qrSize = 92;
    page.drawImage(qr, { x: SIGN_X - qrSize / 2, y: s - qrSize + 4, width: qrSize, height: qrSize });
    s -= qrSize + 6;
    centred('Ditandatangani secara elektronik', s, 7.5, italic, SIGN_X, SIGN_WIDTH, GREY);
    s -= 16;
    const nameWidth = centred(official.name, s, 11, bold, SIGN_X, SIGN_WIDTH);
    page.drawLine({ start: { x: SIGN_X - nameWidth / 2, y: s - 2.5 }, end: { x: SIGN_X + nameWidth / 2, y: s - 2.5 }, thickness: 0.7, color: BLACK });
    s -= 14;
    centred(`NIP. ${formatNip(official.nip)}`, s, 10, regular, SIGN_X, SIGN_WIDTH);

    // The verification, beside the signature: the code in words, where to check it, the signature's key.
    const boxTop = 262;
    const boxRight = SIGN_X - SIGN_WIDTH / 2 - 12;
    page.drawRectangle({ x: LEFT, y: 112, width: boxRight - LEFT, height: boxTop - 112, borderColor: GREY, borderWidth: 0.6 });
    const bx = LEFT + 10;
    const bw = boxRight - 8;
    let b = boxTop - 18;
    const boxLine = (value: string, size: number, font: PDFFont, gap: number, color = BLACK) => {
      line(value, bx, b, size, font, bw, color);
      b -= gap;
    };
    boxLine('Kode verifikasi', 9, regular, 18);
    boxLine(copy.code, 14, bold, 14);
    // The address is never cut: when it does not fit, the office's address and the copy's path go on two lines.
    const url = this.verificationUrl(copy.code);
    const urlLines = regular.widthOfTextAtSize(url, 7.5) <= bw - bx ? [url] : [this.config.publicBaseUrl, `/verify/${copy.code}`];
    urlLines.forEach((u, i) => boxLine(u, 7.5, regular, i === urlLines.length - 1 ? 18 : 9));
    boxLine('Tanda tangan elektronik (TTE) Ed25519, kunci', 7.5, regular, 11);
    boxLine(copy.keyId, 7.5, bold, 12);
    boxLine(copy.signature.slice(0, 43), 6.5, regular, 8, GREY);
    boxLine(copy.signature.slice(43), 6.5, regular, 15, GREY);
    for (const note of wrapText('Pindai kode QR atau buka alamat di atas untuk memeriksa bahwa kutipan ini sah dan masih berlaku.', italic, 7.5, bw - bx)) boxLine(note, 7.5, italic, 10, GREY);

    page.drawLine({ start: { x: LEFT, y: 72 }, end: { x: RIGHT, y: 72 }, thickness: 0.5, color: GREY });
    centred('Dokumen ini dicetak pada kertas putih dan ditandatangani secara elektronik oleh sistem Dinas Kependudukan dan', 60, 7.5, regular, undefined, undefined, GREY);
    centred(`Pencatatan Sipil ${c.regencyName}; keabsahannya dapat diperiksa dengan memindai kode QR.`, 50, 7.5, regular, undefined, undefined, GREY);
    return pdf.save();
  }
}

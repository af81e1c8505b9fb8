/**
 * The PDF of a copy, printed on plain paper (one of the Ministry's indicators: *kertas putih*, plain A4 paper
 * instead of security paper): the deed's particulars as they stood at the copy's version, a QR code holding the
 * public verification address (`<DEEDS_PUBLIC_BASE_URL>/verify/<code>`), the code in words, and the electronic
 * signature (TTE) with its key id.
 *
 * The verification code is also in the document's metadata (Subject "Kode verifikasi <code>", keyword
 * `verification-code:<code>`), so that software can read it without decoding the QR image. The PDF is rendered
 * from the stored copy, with the copy's issue time as its creation date: the same copy gives the same document.
 */
import { Inject, Injectable } from '@nestjs/common';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
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

const sex = (s: string | undefined) => (s === 'M' ? 'Laki-laki' : s === 'F' ? 'Perempuan' : '-');
const text = (v: unknown) => (v === undefined || v === null || v === '' ? '-' : String(v));

/** The rows printed for each deed type: label (as on the office's forms) and value. */
function rows(deedType: DeedType, p: Particulars, c: CopyContent): [string, string][] {
  switch (deedType) {
    case 'BIRTH':
      return [
        ['Nama anak', text(p.child?.fullName)],
        ['Jenis kelamin', sex(p.child?.sex)],
        ['Tempat lahir', text(p.place)],
        ['Tanggal lahir', `${indonesianDate(c.eventDate)}${p.child?.birthTime ? `, pukul ${p.child.birthTime}` : ''}`],
        ['Anak ke-', text(p.child?.childOrder ?? 1)],
        ['Nama ibu', text(p.mother?.fullName)],
        ['Nama ayah', text(p.father?.fullName)],
      ];
    case 'STILLBIRTH':
      return [
        ['Nama ibu', text(p.mother?.fullName)],
        ['Nama ayah', text(p.father?.fullName)],
        ['Tempat', text(p.place)],
        ['Tanggal lahir mati', indonesianDate(c.eventDate)],
        ['Jenis kelamin', sex(p.child?.sex)],
      ];
    case 'DEATH':
      return [
        ['Nama', text(p.deceased?.fullName)],
        ['NIK', text(p.deceased?.nik)],
        ['Jenis kelamin', sex(p.deceased?.sex)],
        ['Tempat meninggal', text(p.place)],
        ['Tanggal meninggal', indonesianDate(c.eventDate)],
      ];
    case 'MARRIAGE':
      return [
        ['Nama suami', text(p.husband?.fullName)],
        ['Nama istri', text(p.wife?.fullName)],
        ['Agama', text(p.religion)],
        ['Tempat perkawinan', text(p.place)],
        ['Tanggal perkawinan', indonesianDate(c.eventDate)],
      ];
    case 'DIVORCE':
      return [
        ['Nama suami', text(p.husband?.fullName)],
        ['Nama istri', text(p.wife?.fullName)],
        ['Nomor akta perkawinan', text(p.marriageDeedNumber)],
        ['Putusan pengadilan', `${text(p.courtDecision?.number)}${p.courtDecision?.court ? `, ${p.courtDecision.court}` : ''}`],
        ['Berkekuatan hukum tetap', indonesianDate(c.eventDate)],
      ];
    case 'RECOGNITION':
    case 'LEGITIMATION':
      return [
        ['Nama anak', text(p.child?.fullName)],
        ['Nomor akta kelahiran', text(p.birthDeedNumber)],
        ['Nama ayah', text(p.father?.fullName)],
        ['Nama ibu', text(p.mother?.fullName)],
        ...(deedType === 'LEGITIMATION' ? ([['Nomor akta perkawinan orang tua', text(p.marriageDeedNumber)]] as [string, string][]) : []),
        [deedType === 'RECOGNITION' ? 'Tanggal surat pengakuan' : 'Tanggal perkawinan orang tua', indonesianDate(c.eventDate)],
      ];
    case 'ADOPTION':
      return [
        ['Nama anak', text(p.child?.fullName)],
        ['Nomor akta kelahiran', text(p.birthDeedNumber)],
        ['Orang tua angkat', text(p.adopter?.fullName)],
        ['Putusan pengadilan', `${text(p.courtDecision?.number)}${p.courtDecision?.court ? `, ${p.courtDecision.court}` : ''}`],
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

@Injectable()
export class KutipanPdfService {
  constructor(@Inject(DEEDS_CONFIG) private readonly config: DeedsConfig) {}

  verificationUrl(code: string): string {
    return `${this.config.publicBaseUrl}/verify/${code}`;
  }

  async render(copy: DeedCopy): Promise<Uint8Array> {
    const c = copy.content;
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

    const page = pdf.addPage([595.28, 841.89]);
    const regular = await pdf.embedFont(StandardFonts.Helvetica);
    const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
    // Every line fits between its x and the right margin (50 pt): long names are set smaller, or cut.
    const line = (p: PDFPage, value: string, x: number, y: number, size: number, font: PDFFont) => {
      const fitted = fitText(value, font, size, 595.28 - 50 - x);
      p.drawText(fitted.text, { x, y, size: fitted.size, font, color: rgb(0, 0, 0) });
    };
    const centred = (value: string, y: number, size: number, font: PDFFont) => {
      const width = font.widthOfTextAtSize(printable(value), size);
      line(page, value, (595.28 - width) / 2, y, size, font);
    };

    centred('REPUBLIK INDONESIA', 790, 11, bold);
    centred(`PENCATATAN SIPIL ${c.regencyName.toUpperCase()}`, 774, 11, bold);
    centred(c.documentName.toUpperCase(), 740, 16, bold);
    centred(`Nomor: ${c.deedNumber ?? '-'}`, 720, 11, regular);
    if (c.corrections > 0) centred(`(pembetulan ke-${c.corrections}, versi ${c.deedVersion})`, 705, 9, regular);

    let y = 670;
    for (const [label, value] of rows(c.deedType as DeedType, c.particulars, c)) {
      line(page, label, 70, y, 11, regular);
      line(page, `: ${value}`, 250, y, 11, bold);
      y -= 22;
    }
    y -= 10;
    line(page, `Didaftarkan di ${c.districtName}${c.villageName ? `, ${c.villageName}` : ''}, ${c.regencyName}`, 70, y, 10, regular);
    y -= 16;
    line(page, `Tanggal pencatatan: ${indonesianDate(c.registeredOn)}`, 70, y, 10, regular);
    if (c.headDecision) {
      y -= 16;
      line(page, `Berdasarkan keputusan Kepala Dinas nomor ${c.headDecision.number} tanggal ${indonesianDate(c.headDecision.date)}`, 70, y, 10, regular);
    }
    y -= 16;
    line(page, `Kutipan diterbitkan: ${indonesianDate(c.issuedOn)}`, 70, y, 10, regular);

    const qr = await pdf.embedPng(await QRCode.toBuffer(this.verificationUrl(copy.code), { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 256 }));
    page.drawImage(qr, { x: 70, y: 110, width: 130, height: 130 });
    line(page, 'Kode verifikasi', 220, 222, 10, regular);
    line(page, copy.code, 220, 204, 14, bold);
    line(page, this.verificationUrl(copy.code), 220, 188, 8, regular);
    line(page, 'Ditandatangani secara elektronik (TTE): Ed25519, kunci', 220, 164, 8, regular);
    line(page, copy.keyId, 220, 152, 8, bold);
    line(page, copy.signature.slice(0, 48), 220, 138, 7, regular);
    line(page, copy.signature.slice(48), 220, 128, 7, regular);
    line(page, 'Dokumen ini dicetak pada kertas putih. Keabsahannya dapat diperiksa dengan memindai kode QR.', 70, 80, 8, regular);
    return pdf.save();
  }
}

// The PDF of a copy: one A4 page for every deed type, readable by any PDF library, carrying its verification
// code in its metadata and QR code; text the standard fonts cannot show does not break it.
import { PDFDocument } from 'pdf-lib';
import { DEED_TYPES } from '@adminduk/domain';
import type { DeedsConfig } from '../deeds.config';
import type { DeedCopy } from './deed-copy.entity';
import { PDFDocument as Doc, StandardFonts } from 'pdf-lib';
import { fitText, indonesianDate, KutipanPdfService, printable } from './kutipan-pdf.service';

const pdf = new KutipanPdfService({ publicBaseUrl: 'https://adminduk.nagekeokab.go.id' } as DeedsConfig);

function copy(deedType: string, extra: Partial<DeedCopy['content']> = {}): DeedCopy {
  return {
    id: '0190b5b4-0000-7000-8000-000000000001',
    deedId: '0190b5b4-0000-7000-8000-000000000002',
    code: 'ABCDEFGHJKMNPQ23',
    deedVersion: 2,
    issuedAt: '2026-11-28T09:30:00.000+08:00',
    issuedBy: 'op-mbay',
    signedPayload: '{}',
    signature: 'x'.repeat(86),
    keyId: '0123456789abcdef',
    createdAt: new Date(),
    content: {
      documentName: 'Kutipan Akta',
      deedType,
      deedNumber: '5316-KL-28112026-0042',
      deedVersion: 2,
      registeredOn: '2026-11-27',
      issuedOn: '2026-11-28',
      eventDate: '2026-11-01',
      regencyName: 'Kabupaten Nagekeo',
      districtName: 'Aesesa',
      villageName: 'Labolewa',
      particulars: {
        child: { fullName: 'Maria Goretti', sex: 'F', childOrder: 1, birthTime: '07:45' },
        mother: { fullName: 'Maria Goreti Wéa' },
        father: { fullName: 'Yosef Dhey 💐 Nuwa' },
        deceased: { fullName: 'Kornelis Sawu', nik: '5316010505500003' },
        husband: { fullName: 'Paulus Dhae' },
        wife: { fullName: 'Theresia Lowa' },
        adopter: { fullName: 'Agnes Bupu' },
        courtDecision: { number: '3/Pdt.P/2026/PN Bjw', court: 'PN Bajawa' },
        place: 'Mbay',
        religion: 'KATOLIK',
      },
      headDecision: { number: '470/DKPS/112/2026', date: '2026-11-26' },
      corrections: 1,
      ...extra,
    },
  } as DeedCopy;
}

describe('the PDF of a copy', () => {
  it.each(DEED_TYPES)('renders a %s as one A4 page that pdf-lib reads back, with the code in its metadata', async (deedType) => {
    const bytes = await pdf.render(copy(deedType));
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
    expect(doc.getSubject()).toBe('Kode verifikasi ABCDEFGHJKMNPQ23');
    expect(doc.getKeywords()).toContain('verification-code:ABCDEFGHJKMNPQ23');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-11-28T01:30:00.000Z');
  });

  it('gives the same copy the same document', async () => {
    expect(Buffer.from(await pdf.render(copy('BIRTH'))).equals(Buffer.from(await pdf.render(copy('BIRTH'))))).toBe(true);
  });

  it('puts the public verification address in the QR code', () => {
    expect(pdf.verificationUrl('ABCDEFGHJKMNPQ23')).toBe('https://adminduk.nagekeokab.go.id/verify/ABCDEFGHJKMNPQ23');
  });
});

describe('text on the page', () => {
  it.each([
    ['Maria Goreti Wéa', 'Maria Goreti Wéa'],
    ['Yosef “Dhey” – Nuwa', 'Yosef "Dhey" - Nuwa'],
    ['Nguyễn', 'Nguyen'],
    ['花子 💐', '?? ??'],
  ])('prints %j as %j', (input, expected) => {
    expect(printable(input)).toBe(expected);
  });

  it('fits a long name into its column: smaller, and cut only when it must be', async () => {
    const font = await (await Doc.create()).embedFont(StandardFonts.HelveticaBold);
    expect(fitText('Maria', font, 11, 295)).toEqual({ text: 'Maria', size: 11 });
    const long = fitText('Maria Goreti Yasinta Wea Bhoki Dhey Nuwa Sawu Lowa Ngapa Bupu Reu', font, 11, 295);
    expect(long.size).toBeLessThan(11);
    expect(long.text).toBe('Maria Goreti Yasinta Wea Bhoki Dhey Nuwa Sawu Lowa Ngapa Bupu Reu');
    const huge = fitText('X'.repeat(200), font, 11, 295);
    expect(huge).toMatchObject({ size: 7, text: expect.stringMatching(/\.\.\.$/) });
    expect(font.widthOfTextAtSize(huge.text, huge.size)).toBeLessThanOrEqual(295);
  });

  it.each([
    ['2026-11-01', '1 November 2026'],
    ['2026-01-31T07:00:00+08:00', '31 Januari 2026'],
    [null, '-'],
  ])('writes %j as %j', (input, expected) => {
    expect(indonesianDate(input)).toBe(expected);
  });
});

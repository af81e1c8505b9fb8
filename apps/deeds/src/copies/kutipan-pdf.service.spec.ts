// The PDF of a copy: one A4 page for every deed type, readable by any PDF library, carrying its verification
// code in its metadata and QR code; text the standard fonts cannot show does not break it. The kutipan akta
// kelahiran and kematian read as the office prints them (Permendagri 109/2019 era, plain paper, electronic
// signature): the form's header and wording, the NIK, the town rather than the facility, "Dikeluarkan di …,
// tanggal …", the official's title, name and NIP beside the QR code, the whole A4 page used. The text is read
// back with pdftotext (poppler-utils), the page rendered with pdftoppm.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { DEED_TYPES } from '@adminduk/domain';
import { DEMO_OFFICIAL_NAME, DEMO_OFFICIAL_NIP, type DeedsConfig } from '../deeds.config';
import type { DeedCopy } from './deed-copy.entity';
import { PDFDocument as Doc, StandardFonts } from 'pdf-lib';
import * as kutipan from './kutipan-pdf.service';
import { fitText, indonesianDate, KutipanPdfService, printable } from './kutipan-pdf.service';

const OFFICIAL = { issuePlace: 'Mbay', officialTitle: 'Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Nagekeo', officialName: 'Drs. Yohanes Bosco Dhey, M.Si', officialNip: '197503122000031004', demoOfficial: false };
const pdf = new KutipanPdfService({ publicBaseUrl: 'https://adminduk.nagekeokab.go.id', kutipan: OFFICIAL } as unknown as DeedsConfig);

/** The page's text as pdftotext reads it, laid out as printed (a label and its value on one line). */
function textOf(bytes: Uint8Array): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: Buffer.from(bytes) }).toString('utf8');
}

/** The text of the signature block only: the lower right of the page (points from the top left), beside the verification box. */
function signatureBlock(bytes: Uint8Array): string[] {
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-x', '290', '-y', '530', '-W', '306', '-H', '230', '-', '-'], { input: Buffer.from(bytes) }).toString('utf8');
  return lines(text);
}

/** The text on one line, spaces collapsed: what a reader sees on that line. */
const lines = (text: string): string[] => text.split('\n').map((l) => l.trim().replace(/\s+/g, ' ')).filter((l) => l !== '');

/** Every word's box on the page (points from the top), as pdftotext -bbox gives them. */
function wordBoxes(bytes: Uint8Array): { word: string; yMin: number; yMax: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', '-', '-'], { input: Buffer.from(bytes) }).toString('utf8');
  return [...html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ word: m[3] as string, yMin: Number(m[1]), yMax: Number(m[2]) }));
}

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
        place: 'Puskesmas Boawae',
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

describe('the kutipan akta kelahiran as the office prints it', () => {
  const birth = () => copy('BIRTH', { documentName: 'Kutipan Akta Kelahiran', deedNumber: '5316-KL-28112026-0042', corrections: 0, headDecision: null });

  it('has the form’s header: Republik Indonesia, Pencatatan Sipil, the nationality, the document’s name', async () => {
    const text = lines(textOf(await pdf.render(birth())));
    expect(text.slice(0, 8)).toEqual(['REPUBLIK INDONESIA', 'REPUBLIC OF INDONESIA', 'PENCATATAN SIPIL', 'CIVIL REGISTRY', 'WARGA NEGARA: INDONESIA', 'NATIONALITY: INDONESIAN', 'KUTIPAN AKTA KELAHIRAN', 'EXCERPT OF BIRTH CERTIFICATE']);
  });

  it('says the form’s sentence: based on the deed with its number, in the town, on the day in words, born, of father and mother', async () => {
    const text = lines(textOf(await pdf.render(birth())));
    expect(text).toEqual(
      expect.arrayContaining([
        'Berdasarkan Akta Kelahiran Nomor 5316-KL-28112026-0042',
        'bahwa di KABUPATEN NAGEKEO',
        'pada tanggal SATU NOVEMBER DUA RIBU DUA PULUH ENAM',
        'telah lahir MARIA GORETTI',
        'jenis kelamin PEREMPUAN',
        'dari ayah YOSEF DHEY ?? NUWA',
        'dan ibu MARIA GORETI WÉA',
      ]),
    );
  });

  it('prints a long name or date whole, on two lines, rather than cutting it', async () => {
    const long = birth();
    (long.content.particulars.child as Record<string, unknown>).fullName = 'Maria Goretti Yasinta Wea Bhoki Dhey Nuwa Sawu Lowa';
    const text = lines(textOf(await pdf.render({ ...long, content: { ...long.content, eventDate: '2026-09-27' } })));
    expect(text).toEqual(expect.arrayContaining(['pada tanggal DUA PULUH TUJUH SEPTEMBER DUA RIBU DUA', 'on date PULUH ENAM', 'telah lahir MARIA GORETTI YASINTA WEA BHOKI DHEY', 'was born NUWA SAWU LOWA']));
  });

  it('prints the town (the regency of the record’s region), never the facility, as the place of birth', async () => {
    const text = textOf(await pdf.render(birth()));
    expect(text).not.toMatch(/Puskesmas/i);
    const kota = textOf(await pdf.render(copy('BIRTH', { eventRegencyName: 'Kota Kupang' })));
    expect(lines(kota)).toContain('bahwa di KOTA KUPANG');
  });

  it('prints the newborn’s NIK identity gave when the kutipan was issued, under the name and above the sex', async () => {
    const text = lines(textOf(await pdf.render(copy('BIRTH', { childNik: { nik: '5316014111260001', source: 'IDENTITY' } }))));
    const at = text.indexOf('NIK 5316014111260001');
    expect(at).toBeGreaterThan(-1);
    expect(text[at - 2]).toBe('telah lahir MARIA GORETTI');
    expect(text[at + 1]).toBe('Population Identification Number');
    expect(text[at + 2]).toBe('jenis kelamin PEREMPUAN');
  });

  it('prints a dash for the NIK when identity had not registered the child, even if the particulars were later given one', async () => {
    const notYet = copy('BIRTH', { childNik: { nik: null, source: 'NOT_YET_REGISTERED' } });
    expect(lines(textOf(await pdf.render(notYet)))).toContain('NIK -');
    (notYet.content.particulars.child as Record<string, unknown>).nik = '5316014111260001';
    expect(textOf(await pdf.render(notYet))).not.toContain('5316014111260001');
  });

  it('prints the NIK a late birth deed names, and on a copy made before the NIK was kept, the particulars’ or a dash', async () => {
    const named = copy('BIRTH', { childNik: { nik: '5316014111200007', source: 'DEED' } });
    expect(lines(textOf(await pdf.render(named)))).toContain('NIK 5316014111200007');
    const older = copy('BIRTH');
    (older.content.particulars.child as Record<string, unknown>).nik = '5316014111260001';
    expect(lines(textOf(await pdf.render(older)))).toContain('NIK 5316014111260001');
    expect(lines(textOf(await pdf.render(birth())))).toContain('NIK -');
  });

  it('says where and when it was issued and who signed it: "Dikeluarkan di Mbay, tanggal …", the title, name and NIP', async () => {
    expect(signatureBlock(await pdf.render(birth()))).toEqual([
      'Dikeluarkan di Mbay, tanggal 28 November 2026',
      'KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL',
      'KABUPATEN NAGEKEO',
      'Ditandatangani secara elektronik',
      'Drs. Yohanes Bosco Dhey, M.Si',
      'NIP. 19750312 200003 1 004',
    ]);
  });

  it('prints the official the copy was issued under, not whoever is configured when it is printed again', async () => {
    const issued = copy('BIRTH', { issuePlace: 'Mbay', official: { title: 'Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Nagekeo', name: 'Maria Imakulata Lowa, S.H.', nip: '198001012005012002' } });
    const text = signatureBlock(await pdf.render(issued));
    expect(text).toEqual(expect.arrayContaining(['Maria Imakulata Lowa, S.H.', 'NIP. 19800101 200501 2 002']));
    expect(text.join('\n')).not.toContain('Yohanes Bosco');
  });

  it('puts the electronic signature beside the official: the QR code, the words of the TTE, the code and key', async () => {
    const bytes = await pdf.render(birth());
    const block = signatureBlock(bytes);
    expect(block.indexOf('Drs. Yohanes Bosco Dhey, M.Si')).toBe(block.indexOf('Ditandatangani secara elektronik') + 1);
    // The QR code's image is drawn between the official's title and the words of the signature.
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPage(0).node.Resources()?.toString()).toMatch(/XObject/);
    expect(textOf(bytes)).toMatch(/Kode verifikasi[\s\S]*ABCDEFGHJKMNPQ23[\s\S]*https:\/\/adminduk\.nagekeokab\.go\.id[\s\S]*\/verify\/ABCDEFGHJKMNPQ23[\s\S]*0123456789abcdef/);
  });

  it('uses the whole A4 page: text from the top margin to the foot, no stretch of more than a tenth of the page left empty', async () => {
    const boxes = wordBoxes(await pdf.render(birth()));
    const tops = [...new Set(boxes.map((b) => Math.round(b.yMin)))].sort((a, b) => a - b);
    expect(tops[0]).toBeLessThan(80);
    expect(Math.max(...boxes.map((b) => b.yMax))).toBeGreaterThan(841.89 - 80);
    const gaps = tops.slice(1).map((y, i) => y - (tops[i] as number));
    expect(Math.max(...gaps)).toBeLessThan(841.89 / 10);
  });
});

describe('the kutipan akta kematian as the office prints it', () => {
  const death = () => copy('DEATH', { documentName: 'Kutipan Akta Kematian', deedNumber: '5316-KM-28112026-0007', corrections: 0, headDecision: null });

  it('has the header and the form’s sentence: based on the death deed, in the town, on the day in words, died, with the NIK', async () => {
    const text = lines(textOf(await pdf.render(death())));
    expect(text.slice(0, 8)).toEqual(['REPUBLIK INDONESIA', 'REPUBLIC OF INDONESIA', 'PENCATATAN SIPIL', 'CIVIL REGISTRY', 'WARGA NEGARA: INDONESIA', 'NATIONALITY: INDONESIAN', 'KUTIPAN AKTA KEMATIAN', 'EXCERPT OF DEATH CERTIFICATE']);
    expect(text).toEqual(
      expect.arrayContaining([
        'Berdasarkan Akta Kematian Nomor 5316-KM-28112026-0007',
        'bahwa di KABUPATEN NAGEKEO',
        'pada tanggal SATU NOVEMBER DUA RIBU DUA PULUH ENAM',
        'telah meninggal dunia KORNELIS SAWU',
        'NIK 5316010505500003',
        'jenis kelamin -',
      ]),
    );
    expect(text.join('\n')).not.toMatch(/Puskesmas/i);
  });

  it('says where and when it was issued and who signed it', async () => {
    expect(signatureBlock(await pdf.render(death()))).toEqual([
      'Dikeluarkan di Mbay, tanggal 28 November 2026',
      'KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL',
      'KABUPATEN NAGEKEO',
      'Ditandatangani secara elektronik',
      'Drs. Yohanes Bosco Dhey, M.Si',
      'NIP. 19750312 200003 1 004',
    ]);
  });

  it('uses the whole A4 page', async () => {
    const boxes = wordBoxes(await pdf.render(death()));
    const tops = [...new Set(boxes.map((b) => Math.round(b.yMin)))].sort((a, b) => a - b);
    const gaps = tops.slice(1).map((y, i) => y - (tops[i] as number));
    expect(Math.max(...gaps)).toBeLessThan(841.89 / 10);
  });
});

describe('dates and numbers in words, as the form writes them', () => {
  it.each([
    [1, 'satu'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [17, 'tujuh belas'],
    [20, 'dua puluh'],
    [31, 'tiga puluh satu'],
    [100, 'seratus'],
    [1900, 'seribu sembilan ratus'],
    [1999, 'seribu sembilan ratus sembilan puluh sembilan'],
    [2026, 'dua ribu dua puluh enam'],
  ])('writes %d as %j', (n, words) => {
    expect(kutipan.numberInWords(n)).toBe(words);
  });

  it('writes a date as day, month and year in words', () => {
    expect(kutipan.dateInWords('2026-11-01')).toBe('satu November dua ribu dua puluh enam');
    expect(kutipan.dateInWords('2019-12-09')).toBe('sembilan Desember dua ribu sembilan belas');
    expect(kutipan.dateInWords(null)).toBe('-');
  });

  it('writes a NIP as it is printed: birth date, appointment, sex, serial', () => {
    expect(kutipan.formatNip('197503122000031004')).toBe('19750312 200003 1 004');
  });
});

describe('the kutipan as an image', () => {
  // Rendered as a printer would put it on paper, and looked at: docs/images/kutipan-*.png are made by this test with
  // KUTIPAN_PNG_DIR=docs/images npx jest -c apps/deeds/jest.config.cjs apps/deeds/src/copies/kutipan-pdf.service.spec.ts -t image
  it.each([
    ['BIRTH', 'kutipan-lahir', { documentName: 'Kutipan Akta Kelahiran', deedNumber: '5316-KL-28112026-0042' }],
    ['DEATH', 'kutipan-mati', { documentName: 'Kutipan Akta Kematian', deedNumber: '5316-KM-28112026-0007' }],
  ] as const)('image: a %s kutipan at 80 dpi has ink in every tenth of the page between its margins', async (deedType, name, extra) => {
    const dir = mkdtempSync(join(tmpdir(), 'kutipan-'));
    try {
      // A birth kutipan with the newborn's NIK as identity gives it at issue (a girl born 1 November 2026 in Aesesa: day + 40).
      const childNik = deedType === 'BIRTH' ? { childNik: { nik: '5316014111260001', source: 'IDENTITY' as const } } : {};
      const demo = { ...copy(deedType, { ...extra, ...childNik, corrections: 0, headDecision: null, issuedOn: '2026-11-28' }), signature: createHash('sha512').update(name).digest('base64url') };
      const p = demo.content.particulars as Record<string, Record<string, unknown>>;
      p.father = { fullName: 'Yosef Dhey Nuwa' };
      p.deceased = { ...p.deceased, sex: 'M', birthDate: '1950-05-05' };
      // Printed with the demo official the service uses until DEEDS_OFFICIAL_NAME and DEEDS_OFFICIAL_NIP are set.
      const demoPdf = new KutipanPdfService({ publicBaseUrl: 'https://adminduk.nagekeokab.go.id', kutipan: { ...OFFICIAL, officialName: DEMO_OFFICIAL_NAME, officialNip: DEMO_OFFICIAL_NIP, demoOfficial: true } } as unknown as DeedsConfig);
      const file = join(dir, `${name}.pdf`);
      writeFileSync(file, await demoPdf.render(demo));
      // Grey levels, uncompressed (PGM): one byte a pixel after the header "P5 <width> <height> 255".
      execFileSync('pdftoppm', ['-gray', '-r', '80', '-singlefile', file, join(dir, name)]);
      const pgm = readFileSync(join(dir, `${name}.pgm`));
      const [, width, height] = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 20).toString('latin1'))?.map(Number) ?? [];
      const start = pgm.length - (width as number) * (height as number);
      const inkInRows = (from: number, to: number) => {
        let ink = 0;
        for (let y = from; y < to; y++) for (let x = 0; x < (width as number); x++) if ((pgm[start + y * (width as number) + x] as number) < 128) ink++;
        return ink;
      };
      // The page between a 2 cm top margin and a 1.5 cm foot, in tenths: none of them blank.
      const top = Math.round((2 / 2.54) * 80);
      const bottom = (height as number) - Math.round((1.5 / 2.54) * 80);
      const band = (bottom - top) / 10;
      const blank = Array.from({ length: 10 }, (_, i) => i).filter((i) => inkInRows(Math.round(top + i * band), Math.round(top + (i + 1) * band)) === 0);
      expect(blank).toEqual([]);

      execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', file, join(dir, name)]);
      if (process.env.KUTIPAN_PNG_DIR) writeFileSync(join(process.env.KUTIPAN_PNG_DIR, `${name}.png`), readFileSync(join(dir, `${name}.png`)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

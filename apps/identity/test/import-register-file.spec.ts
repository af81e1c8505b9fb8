// Reading register files: RFC 4180 CSV (quotes, doubled quotes, commas and line breaks inside fields, CRLF or LF,
// a byte order mark) and NDJSON, fed in chunks cut anywhere, with each record's line number as an editor shows
// it; and the header rules. The property: whatever the values and wherever the chunks are cut, the parser gives
// back exactly the records that were written.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { mapHeader, IMPORT_COLUMNS } from '../src/import/import-row.mapper';
import { CsvParser, NdjsonParser, readRecords, type RawRecord, type RecordParser } from '../src/import/register-file';
import { csvField } from '../src/import/import.command';
import { XlsxFile } from '../src/import/xlsx-reader';

function parse(parser: RecordParser, text: string, cuts: readonly number[] = []): RawRecord[] {
  const out: RawRecord[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    parser.push(text.slice(from, cut), out);
    from = cut;
  }
  parser.push(text.slice(from), out);
  parser.end(out);
  return out;
}

describe('CSV records', () => {
  it('splits plain lines and numbers them from the header (line 1)', () => {
    const records = parse(new CsvParser(), 'a,b,c\r\n1,2,3\r\n4,,6\r\n');
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', '2', '3'] },
      { line: 3, cells: ['4', '', '6'] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, and counts the lines they span', () => {
    const text = 'a,b\n"x, y","say ""hi"""\n"two\nlines",z\nlast,"end"';
    expect(parse(new CsvParser(), text)).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 3, cells: ['two\nlines', 'z'] },
      { line: 5, cells: ['last', 'end'] },
    ]);
  });

  it('skips a byte order mark and blank lines (which still count as lines)', () => {
    expect(parse(new CsvParser(), '\uFEFFa,b\n\n1,2\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['1', '2'] },
    ]);
  });

  it('reports a quote that is never closed, and characters after a closing quote', () => {
    expect(parse(new CsvParser(), 'a,b\n"x"y,1\n2,3\n"open,4\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, malformed: 'characters follow a closing quote (a quote inside a field must be doubled)' },
      { line: 3, cells: ['2', '3'] },
      { line: 4, malformed: 'a quoted field is not closed before the end of the file' },
    ]);
  });

  it('gives back what was written, wherever the chunks are cut (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r\n', 'é', '1'), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 6 }), (rows, cuts) => {
        const width = rows[0]?.length ?? 2;
        const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        // A line that is one empty cell is a blank line, which the reader skips: give such rows a value.
        const kept = table.map((r) => (width === 1 && r[0] === '' ? ['x'] : r));
        const text = kept.map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
        const records = parse(new CsvParser(), text, cuts.map((c) => c % (text.length + 1)));
        const expected = kept.filter((r) => !(r.length === 1 && r[0] === ''));
        expect(records.map((r) => r.cells)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('NDJSON records', () => {
  it('parses one object per line and reports lines that are not objects', () => {
    const records = parse(new NdjsonParser(), '{"nik":"1"}\n\n[1]\nnot json\n{"shdk":4}', [3, 9]);
    expect(records).toEqual([
      { line: 1, object: { nik: '1' } },
      { line: 3, malformed: 'the line is not a JSON object' },
      { line: 4, malformed: 'the line is not valid JSON' },
      { line: 5, object: { shdk: 4 } },
    ]);
  });
});

describe('reading a file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'adminduk-register-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('streams a file larger than one read, multi-byte characters cut between reads included', async () => {
    const file = join(dir, 'big.csv');
    const rows = Array.from({ length: 80_000 }, (_, i) => `${i},"Désa ${i}, Mbay",ü${'ä'.repeat(i % 7)}`);
    writeFileSync(file, `n,address,x\n${rows.join('\n')}\n`);
    const records: RawRecord[] = [];
    let groups = 0;
    for await (const group of readRecords(file, 'CSV')) {
      groups++;
      records.push(...group);
    }
    expect(groups).toBeGreaterThan(1);
    expect(records).toHaveLength(80_001);
    expect(records[80_000]).toEqual({ line: 80_001, cells: ['79999', 'Désa 79999, Mbay', `ü${'ä'.repeat(79_999 % 7)}`] });
    expect(records.every((r, i) => r.line === i + 1 && r.cells?.length === 3)).toBe(true);
  });
});

describe('the header', () => {
  it('maps the columns in any order and lets optional columns out', () => {
    const header = ['kk_number', 'NIK', ...IMPORT_COLUMNS.filter((c) => !['nik', 'kk_number', 'education', 'blood_type'].includes(c))];
    const mapped = mapHeader(header, false);
    expect(mapped.ok && mapped.columnIndexes.slice(0, 2)).toEqual([1, 0]);
    expect(mapped.ok && mapped.columnIndexes[IMPORT_COLUMNS.indexOf('education')]).toBe(-1);
  });

  it('refuses missing, repeated and unknown columns, all at once', () => {
    const mapped = mapHeader(['nik', 'nik', 'agama', 'kk_number'], false);
    expect(mapped.ok).toBe(false);
    const problems = mapped.ok ? [] : mapped.problems;
    expect(problems).toContain('required column shdk is missing');
    expect(problems).toContain('column nik appears more than once');
    expect(problems.join()).toContain('unknown column(s) "agama"');
    expect(mapHeader([...IMPORT_COLUMNS, 'agama'], true).ok).toBe(true);
  });
});

describe('worksheet names of a streamed workbook', () => {
  // A streaming writer (exceljs's WorkbookWriter, which the OpenSID export uses) puts xl/workbook.xml after the
  // sheets; exceljs's streaming reader then called sheets "Sheet1", "Sheet2"…, and on Node 26 it lost trailing sheets.
  // xlsx-reader.ts opens the ZIP by its directory: real names, every sheet, `Kode Data` skipped.
  it('reads every sheet under its own name, Kode Data left out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adminduk-sheet-names-'));
    try {
      const file = join(dir, 'streamed.xlsx');
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
      for (const name of ['5316012002 Labolewa', '5316012004 Tedamude', 'Kode Data']) {
        const sheet = workbook.addWorksheet(name);
        sheet.addRow(['nik', 'nama', 'alamat']).commit();
        for (let i = 0; i < 3000; i++) sheet.addRow([`53160120${String(i).padStart(8, '0')}`, `Warga ${i} ${name}`, `RT ${i % 9}/RW ${i % 4}, Dusun ${name}`]).commit();
        sheet.commit();
      }
      await workbook.commit();
      const seen = new Map<string, number>();
      for await (const records of readRecords(file, 'XLSX')) for (const r of records) seen.set(`${r.sheetIndex}:${r.sheet}`, (seen.get(`${r.sheetIndex}:${r.sheet}`) ?? 0) + 1);
      expect([...seen]).toEqual([
        ['0:5316012002 Labolewa', 3001],
        ['1:5316012004 Tedamude', 3001],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('a kecamatan workbook written by the export (fixtures/opensid-kecamatan-streamed.xlsx, synthetic people), which the streaming reader of exceljs read as Sheet1…Sheet13, and on Node 26 cut short', async () => {
    const file = join(__dirname, 'fixtures', 'opensid-kecamatan-streamed.xlsx');
    const sheets = new Map<number, string>();
    for await (const records of readRecords(file, 'XLSX')) for (const r of records) sheets.set(r.sheetIndex as number, r.sheet as string);
    expect(sheets.get(0)).toBe('5316011001 Dhawe');
    expect(sheets.get(12)).toBe('5316012013 Tonggurambang');
    expect([...sheets.values()].some((name) => /^Sheet\d+$/.test(name) || name === 'Kode Data')).toBe(false);
    expect((await XlsxFile.open(file)).sheets[14]).toEqual({ name: '5316012015 Ngegedhawe', part: 'xl/worksheets/sheet15.xml' });
  });
});

describe('cell values (xlsx-reader.ts)', () => {
  it('shared and rich text, numbers, dates by their format, booleans, formulas by their result, errors empty, characters of several bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adminduk-cells-'));
    try {
      const file = join(dir, 'cells.xlsx');
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Penduduk');
      sheet.addRow(['nama', 'tanggal', 'angka', 'ya', 'rumus', 'salah', 'kaya']);
      sheet.addRow(['Maria Ngolé ’Wea', new Date(Date.UTC(1984, 7, 3)), 5316011205800901, true, { formula: '1+1', result: 2 }, { error: '#N/A' }, { richText: [{ text: 'Kota' }, { text: 'keo', font: { bold: true } }] }]);
      sheet.getCell('B2').numFmt = 'dd/mm/yyyy';
      sheet.getCell('J3').value = 'jauh';
      await workbook.xlsx.writeFile(file);
      const rows: { line: number; cells: readonly string[] }[] = [];
      for await (const records of readRecords(file, 'XLSX')) for (const r of records) rows.push({ line: r.line, cells: r.cells as readonly string[] });
      expect(rows).toEqual([
        { line: 1, cells: ['nama', 'tanggal', 'angka', 'ya', 'rumus', 'salah', 'kaya'] },
        { line: 2, cells: ['Maria Ngolé ’Wea', '1984-08-03', '5316011205800901', 'TRUE', '2', '', 'Kotakeo'] },
        { line: 3, cells: ['', '', '', '', '', '', '', '', '', 'jauh'] },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a file that is no workbook is IMPORT_FORMAT_UNKNOWN', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adminduk-cells-'));
    try {
      const file = join(dir, 'rusak.xlsx');
      writeFileSync(file, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]));
      await expect((async () => {
        for await (const records of readRecords(file, 'XLSX')) void records;
      })()).rejects.toMatchObject({ code: 'IMPORT_FORMAT_UNKNOWN' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

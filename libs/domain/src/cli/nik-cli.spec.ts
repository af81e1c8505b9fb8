import { parseNik } from '../identifiers/nik';
import { checkLine, CSV_HEADER, formatCsv, formatJson, formatText, parseCliArgs } from './nik-cli';

const asOf = '2026-11-27';

describe('adminduk-nik arguments', () => {
  it('reads options and NIKs', () => {
    expect(parseCliArgs(['--as-of', '2020-01-01', '--format=json', '5316014103900001'], asOf)).toEqual({
      ok: true,
      value: { asOf: '2020-01-01', format: 'json', niks: ['5316014103900001'], help: false },
    });
  });
  it.each([['--as-of', '2020-13-01'], ['--format', 'xml'], ['--verbose'], ['--as-of']])('refuses %p', (...argv) => {
    expect(parseCliArgs(argv, asOf).ok).toBe(false);
  });
});

describe('adminduk-nik output', () => {
  const valid = parseNik('5316014103900001', { asOf });
  const invalid = parseNik('5316013102900000', { asOf });

  it('text names the regions', () => {
    const text = formatText('5316014103900001', valid);
    expect(text).toContain('regency     53.16 Kabupaten Nagekeo');
    expect(text).toContain('kecamatan   53.16.01 Aesesa');
    expect(text).toContain('sex         F (perempuan)');
  });
  it('text lists every error', () => {
    expect(formatText('5316013102900000', invalid)).toMatch(/NIK_BIRTH_DATE_INVALID[^]*NIK_SERIAL_INVALID/);
  });
  it('CSV has one row per NIK with the header columns', () => {
    expect(CSV_HEADER.split(',')).toHaveLength(11);
    expect(formatCsv('5316014103900001', valid)).toBe('5316014103900001,true,53,5316,531601,1990-03-01,F,0001,false,,');
    expect(formatCsv('5316013102900000', invalid)).toBe('5316013102900000,false,,,,,,,,NIK_BIRTH_DATE_INVALID;NIK_SERIAL_INVALID,');
    expect(formatCsv('a,"b"', parseNik('a,"b"', { asOf }))).toMatch(/^"a,""b""",false/);
  });
  it('JSON is the parse result with the input', () => {
    expect(JSON.parse(formatJson('5316014103900001', valid))).toEqual({ input: '5316014103900001', ...valid });
  });
  it('skips blank lines and strips a carriage return', () => {
    expect(checkLine('   ', asOf)).toBeUndefined();
    expect(checkLine('5316014103900001\r', asOf)?.result.ok).toBe(true);
  });
});

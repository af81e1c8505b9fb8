import {
  exportLinks,
  isRanked,
  mayEnterValues,
  officeYear,
  parseValue,
  placeHref,
  rankingValue,
  readPlace,
  readRow,
  scorecardYears,
  worstFirst,
  type RankingView,
  type ScorecardRow,
} from './rapor-rules';
import { scorecardText } from './rapor-texts';

const row = (over: Partial<ScorecardRow> & Pick<ScorecardRow, 'id'>): ScorecardRow => ({
  nameId: over.id,
  nameEn: over.id,
  definition: '',
  formula: '',
  unit: 'PERCENT',
  measurement: 'SYSTEM',
  byRegion: false,
  officeIndicator: null,
  status: 'MEASURED',
  value: null,
  valueRegion: '5316',
  target: null,
  targetYear: null,
  targetSource: null,
  meetsTarget: null,
  gap: null,
  total: null,
  covered: null,
  entry: null,
  ...over,
});

const REGENCY = { code: '5316', name: 'Kabupaten Nagekeo', level: 'REGENCY' as const };

describe('where the person is in Ikhtisar', () => {
  it.each([
    ['', { section: 'angka' }],
    ['?bagian=rapor', { section: 'rapor' }],
    ['?bagian=rapor&tahun=2024', { section: 'rapor', year: 2024 }],
    // Before the Ministry's first dated targets, in the future, or mistyped: the current year's scorecard.
    ['?bagian=rapor&tahun=2022', { section: 'rapor' }],
    ['?bagian=rapor&tahun=2027', { section: 'rapor' }],
    ['?bagian=rapor&tahun=20x4', { section: 'rapor' }],
    ['?bagian=lain', { section: 'angka' }],
  ])('%s is %j, and back', (search, place) => {
    expect(readPlace(search, 2026)).toEqual(place);
    expect(readPlace(placeHref(readPlace(search, 2026)).replace('/ikhtisar', ''), 2026)).toEqual(place);
  });

  it('years from the current one back to 2023, and the office’s year in WITA', () => {
    expect(scorecardYears(2026)).toEqual([2026, 2025, 2024, 2023]);
    expect(scorecardYears(2023)).toEqual([2023]);
    // 31 December 17:00 UTC is already 1 January in Nagekeo.
    expect(officeYear(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
  });
});

describe('one Ministry indicator as the office reads it', () => {
  it('a computed percentage short of a target of an earlier year: "x of y", how far short', () => {
    const r = row({ id: 'EKTP_RECORDING', value: 84.4537, total: 122478, covered: 103438, target: 99.4, targetYear: 2023, meetsTarget: false, gap: 14.95 });
    expect(readRow(r, 2026, 'id')).toEqual({ value: '84,45%', part: '103.438', whole: '122.478', target: '99,40%', targetOf: 2023, standing: 'NOT_MET', gap: '14,95', measured: 'SYSTEM' });
    expect(readRow(r, 2023, 'id').targetOf).toBeUndefined();
  });

  it('a withheld value is "< 5", with no verdict', () => {
    const r = row({ id: 'IKD', value: null, total: null, covered: null, target: 25, targetYear: 2023, suppressed: true });
    expect(readRow(r, 2023, 'id')).toEqual({ value: '< 5', target: '25,00%', standing: 'NO_VALUE', measured: 'SYSTEM' });
  });

  it('a value entered by hand: by whom (a name where known) and when, with its note', () => {
    const entry = { id: 'e1', indicator: 'INNOVATIONS' as const, year: 2026, value: 2, note: 'IKD di desa', enteredBy: 'registrar', enteredAt: '2026-12-08T02:00:00Z' };
    const r = row({ id: 'INNOVATIONS', unit: 'COUNT', measurement: 'MANUAL', status: 'ENTERED', value: 2, target: 2, targetYear: 2023, meetsTarget: true, gap: 0, entry });
    expect(readRow(r, 2026, 'id', (s) => (s === 'registrar' ? 'Yulianus Dhogo Wea' : s))).toEqual({
      value: '2',
      target: '2',
      targetOf: 2023,
      standing: 'MET',
      measured: 'ENTERED',
      enteredBy: 'Yulianus Dhogo Wea',
      enteredOn: '8 Desember 2026',
      note: 'IKD di desa',
    });
  });

  it('a value entered by hand, in an answer that does not say by whom: when only', () => {
    const entry = { id: 'e1', indicator: 'INNOVATIONS' as const, year: 2026, value: 1, note: null, enteredBy: null, enteredAt: '2026-12-08T02:00:00Z' };
    const r = row({ id: 'INNOVATIONS', unit: 'COUNT', measurement: 'MANUAL', status: 'ENTERED', value: 1, target: 2, targetYear: 2023, meetsTarget: false, gap: 1, entry });
    expect(readRow(r, 2023, 'id')).toEqual({ value: '1', target: '2', standing: 'NOT_MET', gap: '1', measured: 'ENTERED', enteredOn: '8 Desember 2026' });
  });

  it('not measured, and without a target', () => {
    const r = row({ id: 'PLAIN_PAPER', measurement: 'MANUAL', status: 'NOT_MEASURED' });
    expect(readRow(r, 2026, 'id')).toEqual({ standing: 'NO_VALUE', measured: 'NOT_MEASURED' });
    expect(readRow(row({ id: 'ONLINE_SERVICES', value: 10, total: 30, covered: 3 }), 2026, 'en')).toEqual({ value: '10.00%', part: '3', whole: '30', standing: 'NO_TARGET', measured: 'SYSTEM' });
  });
});

describe('the ranking of a row', () => {
  it('kecamatan at the regency, villages at a kecamatan, none for a village or an indicator not computed by region', () => {
    const byRegion = row({ id: 'KIA', byRegion: true, officeIndicator: 'KIA' });
    expect(isRanked(byRegion, REGENCY)).toBe(true);
    expect(isRanked(byRegion, { code: '531603', name: 'Boawae', level: 'DISTRICT' })).toBe(true);
    expect(isRanked(byRegion, { code: '5316031001', name: 'Natanage', level: 'VILLAGE' })).toBe(false);
    expect(isRanked(row({ id: 'PKS', unit: 'COUNT' }), REGENCY)).toBe(false);
  });

  it('worst first, withheld as "< 5"', () => {
    const view: RankingView = {
      indicator: 'KIA',
      region: REGENCY,
      asOf: '2026-12-08',
      rows: [
        { code: '531602', name: 'Aesesa Selatan', level: 'DISTRICT', value: 40, total: 10, rank: 2 },
        { code: '531601', name: 'Aesesa', level: 'DISTRICT', value: 12.5, total: 8, rank: 1 },
        { code: '531603', name: 'Boawae', level: 'DISTRICT', value: null, total: null, rank: 3, suppressed: true },
      ],
    };
    expect(worstFirst(view).map((r) => r.code)).toEqual(['531601', '531602', '531603']);
    expect(worstFirst(view).map((r) => rankingValue(r, 'PERCENT', 'id'))).toEqual(['12,50%', '40,00%', '< 5']);
  });
});

describe('entering a value by hand', () => {
  it('a registrar or an analyst whose scope covers the regency', () => {
    expect(mayEnterValues(['registrar'], ['5316'], '5316')).toBe(true);
    expect(mayEnterValues(['analyst'], ['*'], '5316')).toBe(true);
    expect(mayEnterValues(['analyst'], ['531603'], '5316')).toBe(false);
    expect(mayEnterValues(['operator'], ['5316'], '5316')).toBe(false);
  });

  it.each([
    ['2', { value: 2 }],
    [' 75,5 ', { value: 75.5 }],
    ['75.25', { value: 75.25 }],
    ['', { code: 'SCORECARD_VALUE_INVALID' }],
    ['-1', { code: 'SCORECARD_VALUE_INVALID' }],
    ['dua', { code: 'SCORECARD_VALUE_INVALID' }],
  ])('%j is %j', (typed, expected) => {
    expect(parseValue(typed)).toEqual(expected);
  });
});

it('the CSV and the printable page are of the same year and region', () => {
  expect(exportLinks('/api/reporting', 2025, '531603')).toEqual({
    csv: '/api/reporting/scorecard/export.csv?year=2025&region=531603',
    print: '/api/reporting/scorecard/print?year=2025&region=531603',
  });
});

it('the Ministry’s texts in Indonesian where the app knows them, else as the service sends them, marked English', () => {
  expect(scorecardText('Residents under 18 with a birth deed.', 'id')).toEqual({ text: 'Penduduk berumur di bawah 18 tahun yang memiliki akta kelahiran.' });
  expect(scorecardText('Residents under 18 with a birth deed.', 'en')).toEqual({ text: 'Residents under 18 with a birth deed.' });
  expect(scorecardText('A definition the domain reworded.', 'id')).toEqual({ text: 'A definition the domain reworded.', lang: 'en' });
});

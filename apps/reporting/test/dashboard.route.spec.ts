/**
 * The dashboard's URL state and number formats (plain ES modules of public/, loaded here as the browser loads
 * them, without a DOM): a shared link opens the same view, a hand-edited or broken link opens the nearest valid
 * one, and figures are written as the office writes them.
 */
import { format, route } from './dashboard-public';

const { addDays, formatRoute, isRealDate, parseRoute } = route;
const { formatTarget, formatValue, headline } = format;

describe('the URL of a dashboard view', () => {
  it.each([
    ['#/region/5316', { region: '5316', indicator: null, date: null, range: 90 }],
    ['#/region/531603/indicator/KIA', { region: '531603', indicator: 'KIA', date: null, range: 90 }],
    ['#/region/5316031001/indicator/EKTP_RECORDING?date=2026-06-30&range=365', { region: '5316031001', indicator: 'EKTP_RECORDING', date: '2026-06-30', range: 365 }],
  ])('%s is read and written back unchanged', (hash, state) => {
    expect(parseRoute(hash, '5316')).toEqual(state);
    expect(formatRoute(parseRoute(hash, '5316'))).toBe(hash);
  });

  it.each([
    ['', 'no hash'],
    ['#main', 'the skip link'],
    ['#/region/53.16', 'a dotted code'],
    ['#/region/53160', 'five digits'],
    ['#/region/<script>', 'markup'],
    ['#/region/%2e%2e', 'encoded dots'],
    ['#/region/%E0%A4', 'a broken escape'],
  ])('falls back to the regency for %j (%s)', (hash) => {
    expect(parseRoute(hash, '5316').region).toBe('5316');
  });

  it('ignores an unknown indicator name shape, an impossible date and a range the page does not offer', () => {
    expect(parseRoute('#/region/5316/indicator/kia;drop?date=2026-02-30&range=7', '5316')).toEqual({ region: '5316', indicator: null, date: null, range: 90 });
  });

  it('does calendar arithmetic on days, across months and leap days', () => {
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-11-28', -89)).toBe('2026-08-31');
    expect(isRealDate('2027-02-29')).toBe(false);
    expect(isRealDate('2028-02-29')).toBe(true);
  });
});

describe('figures as the page writes them (Indonesian conventions)', () => {
  it('writes percentages with a decimal comma and two decimals, counts with a dot for thousands, days in words, the projection as a day', () => {
    expect(formatValue('PERCENT', 84.45)).toBe('84,45%');
    expect(formatValue('PERCENT', 100)).toBe('100,00%');
    expect(formatValue('COUNT', 122478)).toBe('122.478');
    expect(formatValue('DAYS', 12.5)).toBe('12,5 hari');
    expect(formatValue('DATE', '2027-02-19')).toBe('19 Februari 2027');
    expect(formatValue('PERCENT', null)).toBe('—');
  });

  it('writes targets as floors, ceilings for service times, and the projection against the e-KTP target', () => {
    expect(formatTarget('PERCENT', 99.4)).toBe('≥ 99,4%');
    expect(formatTarget('DAYS', 60)).toBe('≤ 60 hari');
    expect(formatTarget('DATE', 99.4)).toBe('perekaman e-KTP 99,4%');
    expect(formatTarget('PERCENT', null)).toBeNull();
  });

  it('heads the projection with its day, or says why it cannot say', () => {
    const projection = { unit: 'DATE', value: '2027-02-19', date: '2027-02-19', total: 245, meetsTarget: false, details: { reason: null } };
    expect(headline(projection)).toBe('19 Februari 2027');
    expect(headline({ ...projection, value: null, date: null, details: { reason: 'BEYOND_HORIZON' } })).toBe('Tidak tercapai dalam 10 tahun');
    expect(headline({ ...projection, value: null, date: null, details: { reason: 'NO_DATED_HISTORY' } })).toBe('Belum dapat diproyeksikan: tidak ada perekaman bertanggal dalam 8 minggu terakhir');
    expect(headline({ ...projection, value: null, date: null, details: { reason: 'PACE_NOT_ABOVE_INFLOW' } })).toBe('Tidak tercapai dengan laju perekaman sekarang');
    expect(headline({ ...projection, value: null, date: null, total: 0, meetsTarget: null, details: { reason: 'NO_WAJIB_KTP' } })).toBe('—');
  });
});

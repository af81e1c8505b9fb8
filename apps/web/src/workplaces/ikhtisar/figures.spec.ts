import { dashboardLink, hasData, keyFigures, regionFor, regionName, type IndicatorsView, type IndicatorValue } from './figures';

const indicator = (over: Partial<IndicatorValue> & Pick<IndicatorValue, 'id' | 'unit'>): IndicatorValue => ({
  name: over.id,
  definition: '',
  value: null,
  target: null,
  targetSource: null,
  meetsTarget: null,
  total: 0,
  parts: [],
  details: {},
  ...over,
});

const view = (indicators: IndicatorValue[]): IndicatorsView => ({ region: { code: '5316', name: 'Kabupaten Nagekeo', level: 'REGENCY' }, asOf: '2026-12-07', indicators });

describe('the figures of Ikhtisar', () => {
  const answer = view([
    indicator({ id: 'ONLINE_SHARE', unit: 'PERCENT', value: 10, total: 3 }),
    indicator({ id: 'EKTP_RECORDING', unit: 'PERCENT', value: 84.4537, target: 99.4, targetSource: 'MINISTRY_2023', meetsTarget: false, total: 122478, parts: [{ key: 'RECORDED', label: 'recorded', count: 103438 }, { key: 'NOT_RECORDED', label: 'not recorded', count: 19040 }] }),
    indicator({ id: 'BLAS', unit: 'DAYS', value: 12.5, target: 60, targetSource: 'LEGAL_DEADLINE', meetsTarget: true, total: 4 }),
    indicator({ id: 'KIA', unit: 'PERCENT', value: null, target: 50, targetSource: 'MINISTRY_2023', meetsTarget: null, total: 0, parts: [{ key: 'WITH_KIA', label: '', count: 0 }] }),
    indicator({ id: 'DEATH_DEED', unit: 'PERCENT', value: 50, total: 2, parts: [{ key: 'REGISTERED', label: '', count: 1 }] }),
  ]);

  it('are the key indicators, in Indonesian formats, with target and whether it is reached', () => {
    expect(keyFigures(answer, 'id')).toEqual([
      { id: 'EKTP_RECORDING', value: '84,45%', target: '99,40%', targetIsMaximum: false, reached: 'NOT_REACHED', part: '103.438', whole: '122.478' },
      { id: 'KIA', target: '50,00%', targetIsMaximum: false, reached: 'NO_VALUE', part: '0', whole: '0' },
      { id: 'DEATH_DEED', value: '50,00%', targetIsMaximum: false, reached: 'NO_TARGET', part: '1', whole: '2' },
      { id: 'BLAS', value: '12,5', target: '60', targetIsMaximum: true, reached: 'REACHED', whole: '4' },
    ]);
  });

  it('know when the reporting service has counted nothing yet', () => {
    expect(hasData(answer)).toBe(true);
    expect(hasData(view([indicator({ id: 'EKTP_RECORDING', unit: 'PERCENT' })]))).toBe(false);
  });

  it("are the person's first region, or the office's regency", () => {
    expect(regionFor(['531603'])).toBe('531603');
    expect(regionFor(['5316', '5371'])).toBe('5316');
    expect(regionFor(['*'])).toBeUndefined();
    expect(regionFor([])).toBeUndefined();
  });

  it('link into the dashboard on the region', () => {
    expect(dashboardLink('/api/reporting/dashboard', '531603')).toBe('/api/reporting/dashboard#/region/531603');
    expect(dashboardLink('/api/reporting/dashboard', undefined)).toBe('/api/reporting/dashboard');
    expect(dashboardLink('https://x/dashboard#/region/5316', '531603')).toBe('https://x/dashboard#/region/5316');
  });

  it('name the region as the office does', () => {
    expect(regionName({ code: '5316', name: 'Kabupaten Nagekeo', level: 'REGENCY' })).toBe('Kabupaten Nagekeo');
    expect(regionName({ code: '531603', name: 'Boawae', level: 'DISTRICT' })).toBe('Kecamatan Boawae');
    expect(regionName({ code: '5316031001', name: 'Natanage', level: 'VILLAGE' })).toBe('Kelurahan Natanage');
    expect(regionName({ code: '5316032002', name: 'Rowa', level: 'VILLAGE' })).toBe('Desa Rowa');
  });
});

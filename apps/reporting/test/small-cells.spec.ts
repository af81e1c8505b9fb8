// Small cells in public figures (issue 16; DESIGN.md house rule 8): the public — no credentials, or a caller
// outside the office — never reads a count of 1 to 4 people of a region, nor a figure that gives one back; the
// office (operator, registrar, analyst, admin) reads exact counts for the regions of its scope. Indicators,
// rankings, series and both exports; the rules themselves on figures built by hand.
import { SUBJECTS } from '@adminduk/contracts';
import { MikroORM } from '@mikro-orm/core';
import { uuidv7 } from '@adminduk/platform';
import type { TestApp } from '@adminduk/platform/testing';
import type { IndicatorValue } from '../src/api/shapes';
import { suppressSmallCells } from '../src/indicators/small-cells';
import { ProjectionEventsService } from '../src/projections/projection-events.service';
import { at, Caller, envelope, plusDays, startReporting, TODAY } from './reporting-fixtures';

/** Three wajib KTP: every count of it is small. */
const SMALL = '5316011003';
/** Ten wajib KTP, two of them without an e-KTP recording: one small part. */
const LARGER = '5316012002';

let t: TestApp;
let serial = 0;

async function residents(villageCode: string, recorded: number, notRecorded: number): Promise<void> {
  const projection = t.app.get(ProjectionEventsService);
  const em = t.app.get(MikroORM).em.fork();
  const place = { districtCode: villageCode.slice(0, 6), villageCode };
  await em.transactional(async (tx) => {
    for (let i = 0; i < recorded + notRecorded; i++) {
      const residentId = uuidv7();
      serial++;
      const nik = `${place.districtCode}010190${String(serial).padStart(4, '0')}`;
      const registered = { residentId, nik, birthDate: '1990-01-01', sex: 'M', maritalStatus: 'BELUM_KAWIN', origin: 'IMPORT', ektpState: 'NOT_RECORDED', ...place };
      await projection.apply(tx, SUBJECTS.identity.residentRegistered, envelope(SUBJECTS.identity.residentRegistered, registered, at(plusDays(TODAY, -20))) as never);
      if (i < recorded) {
        const change = { residentId, from: 'NOT_RECORDED', to: 'RECORDED', channel: 'OFFICE', ...place };
        await projection.apply(tx, SUBJECTS.identity.ektpStatusChanged, envelope(SUBJECTS.identity.ektpStatusChanged, change, at(plusDays(TODAY, -5))) as never);
      }
    }
  });
}

beforeAll(async () => {
  t = await startReporting();
  await residents(SMALL, 2, 1);
  await residents(LARGER, 8, 2);
}, 60_000);
afterAll(() => t?.close());

const ektp = (body: { indicators: IndicatorValue[] }) => body.indicators.find((i) => i.id === 'EKTP_RECORDING') as IndicatorValue;
const parts = (v: IndicatorValue) => Object.fromEntries(v.parts.map((p) => [p.key, p.count]));

describe('GET /indicators', () => {
  it('withholds a total of 3 from the public: the total, every part, the percentage and the shortfall', async () => {
    const res = await new Caller(t).get(`/indicators?region=${SMALL}`);
    expect(res.status).toBe(200);
    const v = ektp(res.body);
    expect([v.total, parts(v), v.value, v.details.shortfall]).toEqual([null, { RECORDED: null, NOT_RECORDED: null }, null, null]);
    expect(v.suppressed).toEqual(expect.arrayContaining(['total', 'value', 'parts.RECORDED', 'parts.NOT_RECORDED', 'details.shortfall']));
  });

  it('withholds a part of 2 under a total of 10, the other part with it (10 − 8 would give it back), and the percentage', async () => {
    const v = ektp((await new Caller(t).get(`/indicators?region=${LARGER}`)).body);
    // The total of 10 too: its kecamatan shows 13, and 13 − 10 would give the desa of 3 back (the complement among
    // the desa: small-cells-complementary.spec.ts).
    expect([v.total, parts(v), v.value]).toEqual([null, { RECORDED: null, NOT_RECORDED: null }, null]);
    expect(v.suppressed).toEqual(['total', 'value', 'parts.RECORDED', 'parts.NOT_RECORDED', 'details.shortfall']);
  });

  it.each([
    ['an analyst of the regency', ['analyst'], ['5316']],
    ['a registrar of the kecamatan', ['registrar'], ['531601']],
    ['an operator of the desa', ['operator'], [SMALL]],
    ['an admin', ['admin'], ['*']],
  ] as const)('gives %s the exact counts', async (_who, roles, regions) => {
    const v = ektp((await new Caller(t, [...roles], [...regions]).get(`/indicators?region=${SMALL}`)).body);
    expect([v.total, parts(v), v.value, v.suppressed]).toEqual([3, { RECORDED: 2, NOT_RECORDED: 1 }, 66.67, undefined]);
  });

  it.each([
    ['an analyst of another kecamatan', ['analyst'], ['531602']],
    ['an integrator', ['integrator'], ['5316']],
    ['a partner', ['partner'], ['5316']],
  ] as const)('gives %s the public figures', async (_who, roles, regions) => {
    const v = ektp((await new Caller(t, [...roles], [...regions]).get(`/indicators?region=${SMALL}`)).body);
    expect([v.total, v.suppressed?.includes('total')]).toEqual([null, true]);
  });

  it('answers invalid credentials with 401, as everywhere', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/indicators?region=${SMALL}`, headers: { authorization: 'Bearer not-a-token' } });
    expect([res.statusCode, res.json().code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('withholds a small part of the regency too', async () => {
    const v = ektp((await new Caller(t).get('/indicators?region=5316')).body);
    // 13 wajib KTP, 3 not recorded: a small part again — withheld with its complement.
    expect([v.total, parts(v)]).toEqual([13, { RECORDED: null, NOT_RECORDED: null }]);
  });
});

describe('GET /indicators/{id}/ranking', () => {
  it("withholds the public the desa's small totals and values, and ranks them with the regions without a figure", async () => {
    const rows = (await new Caller(t).get('/indicators/EKTP_RECORDING/ranking?region=531601')).body.rows as { code: string; value: unknown; total: unknown; suppressed?: true }[];
    const small = rows.find((r) => r.code === SMALL);
    const larger = rows.find((r) => r.code === LARGER);
    expect(small).toMatchObject({ value: null, total: null, suppressed: true });
    // The total of 10 is the complement of the desa of 3 (the kecamatan shows 13).
    expect(larger).toMatchObject({ value: null, total: null, suppressed: true });
    expect(rows.every((r) => r.value === null || (typeof r.total === 'number' && r.total >= 5) || r.total === 0)).toBe(true);
  });

  it('gives the office the exact rows', async () => {
    const rows = (await new Caller(t, ['analyst'], ['5316']).get('/indicators/EKTP_RECORDING/ranking?region=531601')).body.rows as { code: string; value: unknown; total: unknown; suppressed?: true }[];
    expect(rows.find((r) => r.code === SMALL)).toMatchObject({ value: 66.67, total: 3 });
    expect(rows.find((r) => r.code === LARGER)).toMatchObject({ value: 80, total: 10 });
    expect(rows.some((r) => r.suppressed)).toBe(false);
  });
});

describe('GET /indicators/{id}/series', () => {
  it("withholds the public the desa's small totals, day by day; the office reads them", async () => {
    const url = `/indicators/EKTP_RECORDING/series?region=${SMALL}&from=${plusDays(TODAY, -2)}&to=${TODAY}`;
    const pub = (await new Caller(t).get(url)).body.points as { total: unknown; value: unknown; suppressed?: true }[];
    expect(pub.map((p) => [p.total, p.value, p.suppressed])).toEqual([[null, null, true], [null, null, true], [null, null, true]]);
    const office = (await new Caller(t, ['registrar'], ['5316']).get(url)).body.points as { total: unknown; value: unknown; suppressed?: true }[];
    expect(office.map((p) => [p.total, p.value, p.suppressed])).toEqual([[3, 66.67, undefined], [3, 66.67, undefined], [3, 66.67, undefined]]);
  });
});

describe('GET /exports/{id}.csv and .json', () => {
  it('writes "< 5" for a withheld count in CSV, with the withheld columns named', async () => {
    const csv = (await new Caller(t).get('/exports/EKTP_RECORDING.csv?region=531601')).text.split('\r\n');
    const header = csv[0]?.split(',') as string[];
    const row = (csv.find((l) => l.startsWith(`${SMALL},`)) as string).split(',');
    const col = (name: string) => row[header.indexOf(name)];
    expect([col('total'), col('part_RECORDED'), col('part_NOT_RECORDED'), col('value')]).toEqual(['< 5', '< 5', '< 5', '']);
    expect(col('suppressed')).toContain('total');
  });

  it('writes null in JSON, with the withheld columns named; the office gets exact counts', async () => {
    const pub = (await new Caller(t).get('/exports/EKTP_RECORDING.json?region=531601')).body.rows as Record<string, unknown>[];
    expect(pub.find((r) => r.region_code === SMALL)).toMatchObject({ total: null, part_RECORDED: null, part_NOT_RECORDED: null, value: null, suppressed: expect.stringContaining('total') });
    const office = (await new Caller(t, ['analyst'], ['5316']).get('/exports/EKTP_RECORDING.json?region=531601')).body.rows as Record<string, unknown>[];
    expect(office.find((r) => r.region_code === SMALL)).toMatchObject({ total: 3, part_RECORDED: 2, part_NOT_RECORDED: 1, value: 66.67, suppressed: null });
  });
});

describe('the rules, on figures built by hand', () => {
  const figure = (total: number, counts: number[], details: Record<string, number | string | null> = {}, unit: IndicatorValue['unit'] = 'PERCENT'): IndicatorValue => ({
    id: 'EKTP_RECORDING',
    name: 'x',
    definition: 'x',
    unit,
    value: 50,
    target: null,
    targetSource: null,
    meetsTarget: null,
    total,
    parts: counts.map((count, i) => ({ key: `P${i}`, label: `P${i}`, count })),
    details,
  });

  it('leaves a figure without small counts untouched, zeros included', () => {
    const v = figure(20, [15, 5, 0]);
    expect(suppressSmallCells(v)).toBe(v);
    expect(suppressSmallCells(figure(0, [0, 0]))).toEqual(figure(0, [0, 0]));
  });

  it('withholds two small parts alone: neither can be recomputed from the other', () => {
    const v = suppressSmallCells(figure(20, [16, 2, 2]));
    expect([v.total, v.parts.map((p) => p.count), v.value]).toEqual([20, [16, null, null], null]);
  });

  it('withholds the smallest non-zero other part beside a single small one', () => {
    const v = suppressSmallCells(figure(30, [20, 7, 3, 0]));
    expect(v.parts.map((p) => p.count)).toEqual([20, null, null, 0]);
  });

  it('keeps the median of a service time over 5 or more cases even when a bucket is small, not over fewer', () => {
    const days = suppressSmallCells({ ...figure(6, [4, 2], { median: 3, p90: 9, count: 6 }, 'DAYS'), value: 3 });
    expect([days.value, days.details.median, days.details.count]).toEqual([3, 3, 6]);
    const few = suppressSmallCells({ ...figure(2, [2, 0], { median: 3, p90: 9, count: 2 }, 'DAYS'), value: 3 });
    expect([few.value, few.details.median, few.details.p90, few.details.count]).toEqual([null, null, null, null]);
  });

  it('withholds small people-counting details and the rates derived from them; visits and villages are no people', () => {
    const v = suppressSmallCells(figure(50, [30, 20], { datedRecordings: 3, recordingsPerWeek: 0.38, visits: 2, villagesNotVisited: 1 }));
    expect(v.details).toEqual({ datedRecordings: null, recordingsPerWeek: null, visits: 2, villagesNotVisited: 1 });
  });
});

// Complementary (secondary) suppression across region levels (issue 16; src/indicators/small-cells.ts): a count
// withheld from the public must not come back as parent − the sum of its shown siblings, nor as total − the shown
// parts, whichever answers the public combines — the indicators of the regency, of a kecamatan and of each village,
// the rankings, both exports and the series. The office still reads exact figures.
import { SUBJECTS } from '@adminduk/contracts';
import { MikroORM } from '@mikro-orm/core';
import { uuidv7 } from '@adminduk/platform';
import type { TestApp } from '@adminduk/platform/testing';
import type { IndicatorValue } from '../src/api/shapes';
import { ProjectionEventsService } from '../src/projections/projection-events.service';
import { format } from './dashboard-public';
import { at, Caller, envelope, plusDays, startReporting, TODAY } from './reporting-fixtures';

/**
 * Deaths by village: [registered, in process]. Aesesa: one desa with 2 deaths beside desa of 6, 7 and 9. Nangaroro:
 * 3 deaths in all (a small kecamatan). Wolowae: 8 deaths, all in one desa (the smallest other kecamatan: its
 * complement at the regency level, which its only desa must not give back). Boawae: 12 and 10.
 */
const DEATHS: Readonly<Record<string, readonly [number, number]>> = {
  '5316011001': [0, 2],
  '5316011003': [5, 1],
  '5316011005': [7, 0],
  '5316011007': [9, 0],
  '5316021001': [3, 0],
  '5316052001': [8, 0],
  '5316031001': [12, 0],
  '5316031003': [10, 0],
};
const AESESA = '531601';
const SMALL_DESA = '5316011001';
const REGENCY = '5316';
const DISTRICTS = ['531601', '531602', '531603', '531604', '531605', '531606', '531607'];

let t: TestApp;

async function deaths(): Promise<void> {
  const projection = t.app.get(ProjectionEventsService);
  const em = t.app.get(MikroORM).em.fork();
  const receivedOn = plusDays(TODAY, -10);
  const registeredOn = plusDays(TODAY, -8);
  await em.transactional(async (tx) => {
    const apply = (subject: typeof SUBJECTS.deeds.deedStatusChanged, payload: object, when: string) => projection.apply(tx, subject, envelope(subject, payload, at(when)) as never);
    for (const [villageCode, [registered, inProcess]] of Object.entries(DEATHS)) {
      for (let i = 0; i < registered + inProcess; i++) {
        const base = { deedId: uuidv7(), deedType: 'DEATH', channel: 'PARTNER', eventDate: plusDays(TODAY, -12), districtCode: villageCode.slice(0, 6), villageCode, notifiedAt: at(receivedOn) };
        await apply(SUBJECTS.deeds.deedStatusChanged, { ...base, from: null, to: 'NOTIFIED', at: at(receivedOn) }, receivedOn);
        if (i < registered) {
          await apply(SUBJECTS.deeds.deedStatusChanged, { ...base, from: 'NOTIFIED', to: 'REGISTERED', at: at(registeredOn), registeredAt: at(registeredOn), timeliness: 'ON_TIME' }, registeredOn);
        }
      }
    }
  });
}

beforeAll(async () => {
  t = await startReporting();
  await deaths();
}, 60_000);
afterAll(() => t?.close());

type Cells = Record<string, number | null>;

/** The additive counts of a figure: its total and parts (null: withheld). */
const cellsOf = (v: { total: number | null; parts: readonly { key: string; count: number | null }[] }): Cells => ({ total: v.total, ...Object.fromEntries(v.parts.map((p) => [p.key, p.count])) });
const death = (body: { indicators: IndicatorValue[] }) => body.indicators.find((i) => i.id === 'DEATH_DEED') as IndicatorValue;

/** Every village the public can ask about under a kecamatan: the listed ones (their codes from the ranking). */
async function villagesOf(district: string): Promise<string[]> {
  const res = await new Caller(t).get(`/indicators/DEATH_DEED/ranking?region=${district}`);
  return (res.body.rows as { code: string }[]).map((r) => r.code);
}

/**
 * What an attacker can compute from the public answers: every group (the parts of a region adding up to its total;
 * the children of a region adding up to it, for the total and each part) with one unknown gives that unknown; what
 * is recovered is used again, until nothing more comes. Returns the withheld counts recovered.
 */
function recover(table: Map<string, Cells>, children: Map<string, string[]>): string[] {
  const known = new Map<string, number>();
  const unknown = new Set<string>();
  for (const [code, cells] of table) {
    for (const [k, v] of Object.entries(cells)) {
      if (v === null) unknown.add(`${code}|${k}`);
      else known.set(`${code}|${k}`, v);
    }
  }
  const groups: { whole: string; parts: string[] }[] = [];
  for (const [code, cells] of table) {
    const keys = Object.keys(cells).filter((k) => k !== 'total');
    if (keys.length > 0) groups.push({ whole: `${code}|total`, parts: keys.map((k) => `${code}|${k}`) });
    for (const k of Object.keys(cells)) {
      const kids = children.get(code);
      if (kids && kids.length > 0) groups.push({ whole: `${code}|${k}`, parts: kids.map((c) => `${c}|${k}`) });
    }
  }
  // A group whose whole is a shown zero holds only zeros (down the levels): known to all, no secret (no rule can hide it).
  for (let more = true; more; ) {
    more = false;
    for (const g of groups) {
      if (known.get(g.whole) !== 0) continue;
      for (const c of g.parts) {
        if (known.has(c)) continue;
        known.set(c, 0);
        more = true;
      }
    }
  }
  const recovered: string[] = [];
  for (let progress = true; progress; ) {
    progress = false;
    for (const g of groups) {
      const cells = [g.whole, ...g.parts];
      const missing = cells.filter((c) => !known.has(c));
      if (missing.length !== 1) continue;
      const m = missing[0] as string;
      const partsSum = g.parts.reduce((s, c) => s + (known.get(c) ?? 0), 0);
      known.set(m, m === g.whole ? partsSum : (known.get(g.whole) as number) - (partsSum - 0));
      if (unknown.has(m)) recovered.push(`${m}=${known.get(m)}`);
      progress = true;
    }
  }
  return recovered;
}

describe('DEATH_DEED across the regency, its kecamatan and their desa, as the public reads it', () => {
  let table: Map<string, Cells>;
  let children: Map<string, string[]>;

  beforeAll(async () => {
    table = new Map();
    children = new Map([[REGENCY, DISTRICTS]]);
    for (const code of [REGENCY, ...DISTRICTS]) table.set(code, cellsOf(death((await new Caller(t).get(`/indicators?region=${code}`)).body)));
    for (const district of DISTRICTS) {
      const villages = await villagesOf(district);
      children.set(district, villages);
      for (const code of villages) table.set(code, cellsOf(death((await new Caller(t).get(`/indicators?region=${code}`)).body)));
    }
  });

  it("withholds a second desa beside the desa with 2 deaths: the kecamatan's total − the shown desa gives nothing back", async () => {
    expect(table.get(SMALL_DESA)?.total).toBeNull();
    const aesesa = table.get(AESESA) as Cells;
    expect(aesesa.total).toBe(24);
    const siblings = (children.get(AESESA) as string[]).map((c) => table.get(c)?.total);
    expect(siblings.filter((v) => v === null).length).toBeGreaterThanOrEqual(2);
    // The desa of 6, the smallest non-zero sibling, is the complement.
    expect(table.get('5316011003')?.total).toBeNull();
    expect([table.get('5316011005')?.total, table.get('5316011007')?.total]).toEqual([7, 9]);
  });

  it("withholds a second kecamatan beside the kecamatan with 3 deaths, and the desa that would give that one back", () => {
    expect(table.get(REGENCY)?.total).toBe(57);
    expect(table.get('531602')?.total).toBeNull();
    // Wolowae (8), the smallest non-zero other kecamatan, is the complement …
    expect(table.get('531605')?.total).toBeNull();
    // … and its only desa with deaths cannot show its 8 (Wolowae = the sum of its desa).
    expect(table.get('5316052001')?.total).toBeNull();
    expect([table.get('531601')?.total, table.get('531603')?.total]).toEqual([24, 22]);
  });

  it('lets no withheld count be computed from the shown ones: no group (parts of a region, children of a region) with a single unknown, chains followed', () => {
    expect(recover(table, children)).toEqual([]);
    // The attacker works: with the rule of one figure only (the old answers) it recovers the desa's 2 deaths.
    const oneFigureOnly = new Map(table);
    oneFigureOnly.set('5316011003', { total: 6, REGISTERED: null, IN_PROCESS: null, REJECTED_OR_ANNULLED: 0 });
    expect(recover(oneFigureOnly, children)).toContain(`${SMALL_DESA}|total=2`);
  });

  it('shows the same figures in the ranking, the exports and the series as in the indicators of each region', async () => {
    for (const region of [REGENCY, AESESA, '531605']) {
      const ranking = (await new Caller(t).get(`/indicators/DEATH_DEED/ranking?region=${region}`)).body.rows as { code: string; total: number | null; value: number | null }[];
      for (const row of ranking) expect({ code: row.code, total: row.total }).toEqual({ code: row.code, total: table.get(row.code)?.total });
      const json = (await new Caller(t).get(`/exports/DEATH_DEED.json?region=${region}`)).body.rows as Record<string, number | null | string>[];
      for (const row of json) {
        const code = row.region_code as string;
        expect({ code, total: row.total, REGISTERED: row.part_REGISTERED, IN_PROCESS: row.part_IN_PROCESS }).toEqual({ code, total: table.get(code)?.total, REGISTERED: table.get(code)?.REGISTERED, IN_PROCESS: table.get(code)?.IN_PROCESS });
      }
      const csv = (await new Caller(t).get(`/exports/DEATH_DEED.csv?region=${region}`)).text.trim().split('\r\n');
      const header = (csv[0] as string).split(',');
      for (const line of csv.slice(1)) {
        const row = line.split(',');
        const code = row[header.indexOf('region_code')] as string;
        const total = table.get(code)?.total;
        expect({ code, total: row[header.indexOf('total')] }).toEqual({ code, total: total === null ? '< 5' : String(total) });
      }
    }
    for (const region of [SMALL_DESA, '5316011003', '5316011005', AESESA, '531605', '5316052001', REGENCY]) {
      const points = (await new Caller(t).get(`/indicators/DEATH_DEED/series?region=${region}&from=${plusDays(TODAY, -1)}&to=${TODAY}`)).body.points as { date: string; total: number | null }[];
      expect({ region, total: points.at(-1)?.total }).toEqual({ region, total: table.get(region)?.total });
    }
  });

  it('writes "< 5" for the complements in the CSV too (they are withheld counts)', async () => {
    const csv = (await new Caller(t).get(`/exports/DEATH_DEED.csv?region=${AESESA}`)).text.split('\r\n');
    const header = (csv[0] as string).split(',');
    const row = (csv.find((l) => l.startsWith('5316011003,')) as string).split(',');
    expect([row[header.indexOf('total')], row[header.indexOf('value')], row[header.indexOf('suppressed')]]).toEqual(['< 5', '', expect.stringContaining('total')]);
  });

  it('shows the complements on the dashboard as it shows every withheld count: "< 5", and the percentage "Disamarkan"', async () => {
    // The dashboard's own formatting (src/dashboard/public/format.js) of the public figure of the desa of 6 deaths.
    const v = death((await new Caller(t).get('/indicators?region=5316011003')).body);
    expect(v.suppressed).toEqual(expect.arrayContaining(['total', 'value']));
    expect([format.formatCount(v.total), ...v.parts.map((p) => format.formatCount(p.count)), format.headline(v)]).toEqual(['< 5', '< 5', '< 5', '0', 'Disamarkan (jumlah < 5)']);
    // In its kecamatan's ranking, the row reads the same way (a withheld total, a dash for the value).
    const rows = (await new Caller(t).get(`/indicators/DEATH_DEED/ranking?region=${AESESA}`)).body.rows as { code: string; total: number | null; value: number | null; suppressed?: true }[];
    const row = rows.find((r) => r.code === '5316011003');
    expect([format.formatCount(row?.total), row?.value, row?.suppressed]).toEqual(['< 5', null, true]);
  });

  it('gives the office the exact figures, complements included', async () => {
    const office = new Caller(t, ['analyst'], [REGENCY]);
    const exact = async (code: string) => cellsOf(death((await office.get(`/indicators?region=${code}`)).body)).total;
    expect([await exact(SMALL_DESA), await exact('5316011003'), await exact('531605'), await exact('5316052001'), await exact('531602')]).toEqual([2, 6, 8, 8, 3]);
    const rows = (await office.get(`/indicators/DEATH_DEED/ranking?region=${AESESA}`)).body.rows as { code: string; total: number; suppressed?: true }[];
    expect(rows.some((r) => r.suppressed)).toBe(false);
    expect(rows.find((r) => r.code === '5316011003')?.total).toBe(6);
  });
});

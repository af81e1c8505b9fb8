// The synthetic population generator: same seed, same bytes; the regency's figures met exactly; every row and card
// valid by the domain library's own checks (the ones the identity import runs); distributions within stated
// tolerances of the figures they are built from; the province streamed with flat memory and backpressure.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { checkFamilyCard, checkNikAgainstPerson, documentBaseline, findRegion, isWajibKtp, parseKkNumber, parseNik } from '@adminduk/domain';
import { findVillage } from '@adminduk/domain/villages';
import { EKTP_RECORDED_SHARE, POPULATION, REFERENCE_AGE_SHARES } from './figures';
import { formatCard, header, registerChunks, writeRegister, type RegisterFormat } from './format';
import { apportion, completeYears, generateRegister, regencyTargets, villageShares, type SynthCard } from './population';

jest.setTimeout(600_000);

const AS_OF = '2026-11-28';

function hashOf(region: string, seed: string | number, format: RegisterFormat, scale: number): string {
  const hash = createHash('sha256');
  for (const chunk of registerChunks({ region, seed, asOf: AS_OF, scale, format })) hash.update(chunk);
  return hash.digest('hex');
}

describe('figures', () => {
  it("are the project's copy of the registered population of NTT and its regencies", () => {
    const csv = readFileSync(join(__dirname, '../../libs/domain/data/wilayah/population.csv'), 'utf8');
    const rows = csv
      .split(/\r?\n/)
      .filter((l) => l.startsWith('53'))
      .map((l) => l.split(','))
      .map(([code, name, men, women]) => [code, name, Number(men), Number(women)]);
    expect(POPULATION).toEqual(rows);
    const [, , provinceMen, provinceWomen] = POPULATION[0] as readonly [string, string, number, number];
    const regencies = POPULATION.slice(1);
    expect(regencies.reduce((s, r) => s + r[2], 0)).toBe(provinceMen);
    expect(regencies.reduce((s, r) => s + r[3], 0)).toBe(provinceWomen);
  });

  it('size Nagekeo at 81,399 men and 83,058 women, and refuse a region they do not carry', () => {
    expect(regencyTargets('53.16')).toEqual([{ code: '5316', name: 'Kabupaten Nagekeo', men: 81_399, women: 83_058 }]);
    expect(regencyTargets('53')).toHaveLength(22);
    expect(() => regencyTargets('32.01')).toThrow(/no figures for region "32.01"/);
    expect(() => regencyTargets('53.16', 0)).toThrow(/scale/);
  });

  it('spread a regency over its villages exactly (largest remainder)', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0, 2, 5])).toEqual([0, 2, 5]);
    const shares = villageShares(1, { code: '5316', name: 'Nagekeo', men: 81_399, women: 83_058 });
    expect(shares).toHaveLength(113);
    expect(shares.reduce((s, v) => s + v.men, 0)).toBe(81_399);
    expect(shares.reduce((s, v) => s + v.women, 0)).toBe(83_058);
    expect(new Set(shares.map((v) => v.districtCode))).toEqual(new Set(['531601', '531602', '531603', '531604', '531605', '531606', '531607']));
    // No village empty at full size, none implausibly large (weights 0.5–3 around ~1,450 residents).
    for (const v of shares) expect(v.men + v.women).toBeGreaterThan(400);
    for (const v of shares) expect(v.men + v.women).toBeLessThan(6_000);
  });
});

describe('determinism', () => {
  it('gives byte-identical output for the same seed and options, and another for another seed', () => {
    const a = hashOf('53.16', 7, 'csv', 0.05);
    expect(hashOf('53.16', 7, 'csv', 0.05)).toBe(a);
    expect(hashOf('53.16', 8, 'csv', 0.05)).not.toBe(a);
    expect(hashOf('53.16', 7, 'ndjson', 0.05)).toBe(hashOf('53.16', 7, 'ndjson', 0.05));
  });

  it('does not let one regency shift the next: a regency alone is the same as inside the province', () => {
    const alone = [...generateRegister({ region: '53.20', seed: 3, asOf: AS_OF, scale: 0.01 })];
    const inProvince = [...generateRegister({ region: '53', seed: 3, asOf: AS_OF, scale: 0.01 })].filter((c) => c.regencyCode === '5320');
    expect(inProvince).toEqual(alone);
  });
});

describe('the file format', () => {
  const card = [...generateRegister({ region: '53.16', seed: 1, asOf: AS_OF, scale: 0.001 })][0] as SynthCard;

  it('writes the import columns then the document columns, one CSV line per resident (RFC 4180)', () => {
    expect(header('csv')).toBe(
      'nik,kk_number,shdk,full_name,birth_place,birth_date,sex,religion,marital_status,education,blood_type,occupation,mother_name,father_name,district_code,village_code,address,ektp_state,kia_state,birth_deed,ektp_recorded_on,registered_on\r\n',
    );
    expect(header('csv', false).split(',')).toHaveLength(17);
    const lines = formatCard(card, 'csv').split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(card.members.length);
    // The address has a comma: quoted.
    expect(lines[0]).toContain(`"${card.address}"`);
    expect(lines[0]?.startsWith(`${card.members[0]?.nik},${card.kkNumber},1,`)).toBe(true);
  });

  it('writes NDJSON objects with the same field names, empty optional fields left out', () => {
    const lines = formatCard(card, 'ndjson').trim().split('\n');
    const first = JSON.parse(lines[0] as string) as Record<string, string>;
    expect(first).toMatchObject({ nik: card.members[0]?.nik, kk_number: card.kkNumber, shdk: '1', address: card.address });
    expect(first.birth_deed === 'Y' || first.birth_deed === 'N').toBe(true);
    expect(Object.keys(JSON.parse(formatCard(card, 'ndjson', false).split('\n')[0] as string))).not.toContain('ektp_state');
  });
});

/** Every check the identity import runs on a row and a card, with the domain library. */
function cardProblems(card: SynthCard): string[] {
  const problems: string[] = [];
  const kk = parseKkNumber(card.kkNumber, { asOf: AS_OF });
  if (!kk.ok) problems.push(`kk ${kk.errors.map((e) => e.code)}`);
  const district = findRegion(card.districtCode);
  if (!district || district.level !== 'district' || district.historical || !card.districtCode.startsWith(card.regencyCode)) problems.push('district');
  const village = findVillage(card.villageCode);
  if (!village || village.historical || village.districtCode !== card.districtCode) problems.push('village');
  for (const m of card.members) {
    const nik = parseNik(m.nik, { asOf: AS_OF });
    if (!nik.ok) problems.push(`nik ${nik.errors.map((e) => e.code)}`);
    else if (nik.value.districtCode !== card.districtCode) problems.push('nik district');
    const against = checkNikAgainstPerson(m.nik, { birthDate: m.birthDate, sex: m.sex });
    if (!against.ok) problems.push(`nik/person ${against.errors.map((e) => e.code)}`);
    if (m.kkNumber !== card.kkNumber || m.districtCode !== card.districtCode || m.villageCode !== card.villageCode || m.address !== card.address) problems.push('card fields');
    if (!m.fullName || !m.birthPlace || !m.motherName || m.fullName.length > 200 || m.address.length > 300) problems.push('text fields');
    const docs = documentBaseline({ ektpState: m.ektpState, ...(m.kiaState ? { kiaState: m.kiaState } : {}) }, { birthDate: m.birthDate, maritalStatus: m.maritalStatus }, { asOf: AS_OF, at: AS_OF, by: 'test' });
    if (!docs.ok) problems.push(`documents ${docs.errors.map((e) => e.code)}`);
  }
  const family = checkFamilyCard(
    { kkNumber: card.kkNumber, members: card.members.map((m) => ({ nik: m.nik, relationship: m.shdk, birthDate: m.birthDate, sex: m.sex, maritalStatus: m.maritalStatus, religion: m.religion })) },
    { asOf: AS_OF },
  );
  if (!family.ok) problems.push(`family ${family.errors.map((e) => e.code)}`);
  return problems;
}

describe('the validity checks of these tests', () => {
  it('find a broken card (so that "no problems" means something)', () => {
    const card = [...generateRegister({ region: '53.16', seed: 2, asOf: AS_OF, scale: 0.01 })].find((c) => c.members.some((m) => m.shdk === 3)) as SynthCard;
    expect(cardProblems(card)).toEqual([]);
    const wife = card.members.findIndex((m) => m.shdk === 3);
    const broken = { ...card, members: card.members.map((m, i) => (i === wife ? { ...m, sex: 'M' as const } : i === 0 ? { ...m, ektpState: 'NOT_YET_COMPULSORY' as const } : m)) };
    expect(cardProblems(broken).join('; ')).toMatch(/nik\/person NIK_SEX_MISMATCH.*documents EKTP_STATE_WAJIB_KTP|documents EKTP_STATE_WAJIB_KTP.*nik\/person NIK_SEX_MISMATCH/);
    expect(cardProblems(broken).join('; ')).toContain('SPOUSE_SEX_INCONSISTENT');
  });
});

describe('Nagekeo at full size (seed 1)', () => {
  const stats = {
    rows: 0,
    cards: 0,
    men: 0,
    women: 0,
    invalid: [] as string[],
    niks: new Set<string>(),
    kks: new Set<string>(),
    wajib: 0,
    wajibByDomain: 0,
    recorded: 0,
    children: 0,
    kia: 0,
    childDeed: 0,
    katolik: 0,
    marriedUnder19: 0,
    married: 0,
    widowedOld: 0,
    old: 0,
    widowedMid: 0,
    mid: 0,
    maleHeadsOfCouples: 0,
    couples: 0,
    extended: 0,
    maxAge: 0,
    perDistrict: new Map<string, number>(),
    ageGroups: new Array<number>(16).fill(0),
  };

  beforeAll(() => {
    for (const card of generateRegister({ region: '53.16', seed: 1, asOf: AS_OF })) {
      stats.cards++;
      stats.kks.add(card.kkNumber);
      const problems = cardProblems(card);
      if (problems.length > 0 && stats.invalid.length < 10) stats.invalid.push(`${card.kkNumber}: ${problems.join('; ')}`);
      stats.perDistrict.set(card.districtCode, (stats.perDistrict.get(card.districtCode) ?? 0) + card.members.length);
      const head = card.members[0];
      if (card.members.some((m) => m.shdk === 2 || m.shdk === 3)) {
        stats.couples++;
        if (head?.sex === 'M') stats.maleHeadsOfCouples++;
      }
      if (card.members.some((m) => m.shdk >= 5)) stats.extended++;
      for (const m of card.members) {
        stats.rows++;
        if (m.sex === 'M') stats.men++;
        else stats.women++;
        stats.niks.add(m.nik);
        const age = completeYears(m.birthDate, AS_OF);
        stats.maxAge = Math.max(stats.maxAge, age);
        stats.ageGroups[Math.min(15, Math.floor(age / 5))]++;
        const wajib = isWajibKtp({ birthDate: m.birthDate, maritalStatus: m.maritalStatus }, { asOf: AS_OF });
        if (wajib.ok && wajib.value) stats.wajibByDomain++;
        if (m.ektpState !== 'NOT_YET_COMPULSORY') {
          stats.wajib++;
          if (m.ektpState !== 'NOT_RECORDED') stats.recorded++;
        } else {
          stats.children++;
          if (m.kiaState === 'ISSUED') stats.kia++;
          if (m.birthDeed) stats.childDeed++;
        }
        if (m.religion === 'KATOLIK') stats.katolik++;
        const married = m.maritalStatus === 'KAWIN_TERCATAT' || m.maritalStatus === 'KAWIN_BELUM_TERCATAT';
        if (married) {
          stats.married++;
          if (age < 19) stats.marriedUnder19++;
        }
        if (age >= 70) {
          stats.old++;
          if (m.maritalStatus === 'CERAI_MATI') stats.widowedOld++;
        } else if (age >= 30 && age < 45) {
          stats.mid++;
          if (m.maritalStatus === 'CERAI_MATI') stats.widowedMid++;
        }
      }
    }
  });

  it('has exactly the registered residents, men and women', () => {
    expect(stats).toMatchObject({ rows: 164_457, men: 81_399, women: 83_058 });
  });

  it('lives in all seven kecamatan', () => {
    expect([...stats.perDistrict.keys()].sort()).toEqual(['531601', '531602', '531603', '531604', '531605', '531606', '531607']);
  });

  it('passes every check of the identity import: NIK, No. KK, regions, documents, family card composition', () => {
    expect(stats.invalid).toEqual([]);
    expect(stats.niks.size).toBe(stats.rows);
    expect(stats.kks.size).toBe(stats.cards);
  });

  it('has realistic families: ~40,000 cards of about four, mostly headed by a married man', () => {
    const mean = stats.rows / stats.cards;
    process.stdout.write(`Nagekeo seed 1: ${stats.cards} cards, ${mean.toFixed(2)} per card, ${(stats.extended / stats.cards * 100).toFixed(1)}% with other relatives\n`);
    // Tolerance: NTT's average household is ~4.2 (BPS); registers count a few more single cards.
    expect(mean).toBeGreaterThan(3.7);
    expect(mean).toBeLessThan(4.4);
    expect(stats.couples / stats.cards).toBeGreaterThan(0.65);
    expect(stats.maleHeadsOfCouples / stats.couples).toBeGreaterThan(0.95);
    expect(stats.extended / stats.cards).toBeGreaterThan(0.1);
    expect(stats.maxAge).toBeLessThanOrEqual(99);
  });

  it('has the wajib KTP share of a young province and the office’s e-KTP recording share', () => {
    const wajibShare = stats.wajib / stats.rows;
    const recordedShare = stats.recorded / stats.wajib;
    process.stdout.write(`Nagekeo seed 1: wajib KTP ${(wajibShare * 100).toFixed(1)}%, recorded ${(recordedShare * 100).toFixed(1)}%\n`);
    // The states agree with the domain's rule of who is wajib KTP.
    expect(stats.wajib).toBe(stats.wajibByDomain);
    // Tolerance ±6 points around 72% (Nagekeo's office: 122,478 wajib KTP for ~164,000 residents, 74.5%; NTT's
    // census age structure gives ~68%).
    expect(wajibShare).toBeGreaterThan(0.66);
    expect(wajibShare).toBeLessThan(0.78);
    // Tolerance ±1.5 points around the office's 84.5% (May 2023).
    expect(Math.abs(recordedShare - EKTP_RECORDED_SHARE)).toBeLessThan(0.015);
  });

  it('has the age pyramid of a young province: each 5-year group within 2.5 points of the reference', () => {
    const shares = stats.ageGroups.map((n) => (100 * n) / stats.rows);
    process.stdout.write(`Nagekeo seed 1, % by age group: ${shares.map((s, i) => `${i * 5}${i === 15 ? '+' : ''}:${s.toFixed(1)}`).join(' ')}\n`);
    shares.forEach((share, i) => expect(Math.abs(share - (REFERENCE_AGE_SHARES[i] as number))).toBeLessThan(2.5));
    // Many children: a quarter or more under 15, more than the national ~23%.
    const under15 = (shares[0] as number) + (shares[1] as number) + (shares[2] as number);
    expect(under15).toBeGreaterThan(25);
  });

  it('gives children KIA and birth deeds in the stated shares, and marries people only when old enough', () => {
    // KIA_ISSUED_SHARE 38% ± 2 points; children's birth deeds above 90% (by-age shares 72–95%).
    expect(Math.abs(stats.kia / stats.children - 0.38)).toBeLessThan(0.02);
    expect(stats.childDeed / stats.children).toBeGreaterThan(0.9);
    // Married under 19: only by dispensation, well under 1% of the married.
    expect(stats.marriedUnder19 / stats.married).toBeLessThan(0.01);
    // Widowhood rises with age.
    expect(stats.widowedOld / stats.old).toBeGreaterThan(0.3);
    expect(stats.widowedMid / stats.mid).toBeLessThan(0.06);
    // Nagekeo is mostly Catholic (profile 89% ± 3 points).
    expect(Math.abs(stats.katolik / stats.rows - 0.89)).toBeLessThan(0.03);
  });
});

describe('the province, streamed', () => {
  it('writes every NTT regency from its own figures with flat memory, only as fast as the stream takes it', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const scale = 0.02;
    const targets = regencyTargets('53', scale);
    const expected = targets.reduce((s, t) => s + t.men + t.women, 0);
    let consumed = 0;
    let produced = 0;
    let maxAhead = 0;
    const heap: number[] = [];
    let lines = 0;
    // A slow reader with a small buffer: the writer must wait for it (backpressure) rather than pile text up.
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, done) {
        consumed += chunk.length;
        for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
        if (lines > (heap.length + 1) * (expected / 5)) {
          gc();
          heap.push(process.memoryUsage().heapUsed);
        }
        setImmediate(done);
      },
    });
    const originalWrite = slow.write.bind(slow);
    slow.write = ((chunk: string, ...rest: unknown[]) => {
      produced += Buffer.byteLength(chunk);
      maxAhead = Math.max(maxAhead, produced - consumed);
      return (originalWrite as (c: string, ...r: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof slow.write;
    const progress = await writeRegister({ region: '53', seed: 5, asOf: AS_OF, scale, format: 'csv' }, slow);
    await new Promise<void>((done) => slow.end(done));
    expect(progress.rows).toBe(expected);
    expect(lines).toBe(expected + 1);
    expect(progress.men).toBe(targets.reduce((s, t) => s + t.men, 0));
    expect(progress.women).toBe(targets.reduce((s, t) => s + t.women, 0));
    // Never more than the stream's buffer and one chunk (64 Ki characters, a card more) ahead of the reader.
    expect(maxAhead).toBeLessThan(16 * 1024 + 80 * 1024);
    // The live heap after a full collection does not grow from the first fifth of the file to the last.
    process.stdout.write(`province at scale ${scale}: ${expected} rows; live heap by fifths (MB): ${heap.map((h) => (h / 1e6).toFixed(1)).join(', ')}\n`);
    expect(heap.length).toBeGreaterThanOrEqual(4);
    expect((heap[heap.length - 1] as number) - (heap[0] as number)).toBeLessThan(15e6);
  });
});

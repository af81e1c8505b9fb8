// The scorecard's seed (issue 18): which residents activate an IKD, which deaths are registered and how each burial
// should be answered. The requests themselves run in `npm start` (start.spec.ts at scale 0.01, and by hand).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ageOn, backlogDeaths, burialCount, IKD_SEED, officeDay, parseCsvLine, planBurials, planIkd, readRegister, titleCase, unit, type RegisterPerson } from './seed-scorecard';

const AS_OF = '2026-12-08';

function person(i: number, over: Partial<RegisterPerson> = {}): RegisterPerson {
  return {
    nik: `5316014107${String(40 + (i % 20)).padStart(2, '0')}${String(i).padStart(4, '0')}`,
    kkNumber: `531601010120${String(i).padStart(4, '0')}`,
    // A name of its own for each (letters only: 0 → 'A', 27 → 'BB').
    fullName: `YOHANES NGOLE ${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`,
    sex: i % 2 === 0 ? 'M' : 'F',
    birthDate: '1950-03-04',
    religion: i % 3 === 0 ? 'ISLAM' : 'KATOLIK',
    districtCode: i % 2 === 0 ? '531601' : '531603',
    villageCode: i % 2 === 0 ? '5316012002' : '5316032005',
    address: 'RT 001 / RW 001',
    ...over,
  };
}

describe('IKD plan', () => {
  const residents = Array.from({ length: 20_000 }, (_, i) => ({ residentId: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`, ektpStatus: i % 10 === 0 ? 'NOT_RECORDED' : i % 7 === 0 ? 'NOT_YET_COMPULSORY' : 'PRINTED' }));

  it('activates about 17% of the residents with a recorded e-KTP, never one without, a few deactivated and some of those again', () => {
    const plan = planIkd(residents, 1);
    const recorded = residents.filter((r) => r.ektpStatus === 'PRINTED').length;
    const share = plan.length / recorded;
    expect(share).toBeGreaterThan(IKD_SEED.share - 0.015);
    expect(share).toBeLessThan(IKD_SEED.share + 0.015);
    const byId = new Map(residents.map((r) => [r.residentId, r.ektpStatus]));
    expect(plan.every((p) => byId.get(p.residentId) === 'PRINTED')).toBe(true);
    const off = plan.filter((p) => p.steps.includes('DEACTIVATE'));
    const again = plan.filter((p) => p.steps.includes('REACTIVATE'));
    expect(off.length).toBeGreaterThan(plan.length * 0.03);
    expect(off.length).toBeLessThan(plan.length * 0.07);
    expect(again.length).toBeGreaterThan(0);
    expect(again.length).toBeLessThan(off.length);
    for (const p of plan) expect([['ACTIVATE'], ['ACTIVATE', 'DEACTIVATE'], ['ACTIVATE', 'DEACTIVATE', 'REACTIVATE']]).toContainEqual(p.steps);
  });

  it('picks the same residents whatever the order they are read in (a rerun after an interruption)', () => {
    const ids = (p: ReturnType<typeof planIkd>) => p.map((x) => x.residentId).sort();
    expect(ids(planIkd([...residents].reverse(), 1))).toEqual(ids(planIkd(residents, 1)));
    expect(ids(planIkd(residents, 2))).not.toEqual(ids(planIkd(residents, 1)));
  });
});

describe('deaths and burials plan', () => {
  const elderly = Array.from({ length: 400 }, (_, i) => person(i));
  const backlog = [
    { nik: '5316015505400001', fullName: 'MARIA GORETI WULA', sex: 'F' as const, dateOfDeath: '2026-11-30', villageCode: '5316012002' },
    { nik: '5316030101390002', fullName: 'PETRUS MEO', sex: 'M' as const, dateOfDeath: '2026-12-08', villageCode: '5316032005' },
  ];

  it('one burial per 2,500 residents, 12 to 60', () => {
    expect(burialCount(400)).toBe(12);
    expect(burialCount(8_223)).toBe(12);
    expect(burialCount(50_000)).toBe(20);
    expect(burialCount(164_457)).toBe(60);
  });

  it('about 70% of the burials are of deaths the seed registers (a few by particulars), some of a reported death, the rest open a case', () => {
    const { deaths, burials } = planBurials({ elderly, backlog, residents: 164_457, asOf: AS_OF, seed: 1 });
    expect(burials).toHaveLength(60);
    const count = (e: string) => burials.filter((b) => b.expect === e).length;
    expect(count('REGISTERED_DEATH')).toBe(42);
    expect(deaths).toHaveLength(42);
    expect(count('DEATH_CASE')).toBe(2); // all the backlog has (at most 10%)
    expect(count('NEW_CASE')).toBe(16);
    // Matched by particulars: no NIK, the registered day of death, the deceased's village and sex.
    const particulars = burials.filter((b) => b.by === 'PARTICULARS');
    expect(particulars.length).toBe(6);
    for (const b of particulars) {
      expect(b.body.nik).toBeUndefined();
      const death = deaths.find((d) => titleCase(d.person.fullName) === b.body.fullName && d.person.villageCode === b.body.villageCode);
      expect(death?.dateOfDeath).toBe(b.body.dateOfDeath);
      expect(death?.person.sex).toBe(b.body.sex);
    }
    // By NIK: the registered deaths' NIKs; the backlog's deceased never die a second time.
    const registeredNiks = new Set(deaths.map((d) => d.person.nik));
    expect(burials.filter((b) => b.expect === 'REGISTERED_DEATH' && b.by === 'NIK').every((b) => b.body.nik && registeredNiks.has(b.body.nik))).toBe(true);
    expect(burials.filter((b) => b.expect === 'DEATH_CASE').map((b) => b.body.nik).sort()).toEqual(backlog.map((d) => d.nik).sort());
    for (const d of backlog) expect(registeredNiks.has(d.nik)).toBe(false);
    // Deaths nobody reported: a quarter without NIK.
    expect(burials.filter((b) => b.expect === 'NEW_CASE' && !b.body.nik)).toHaveLength(4);
    const newNiks = burials.filter((b) => b.expect === 'NEW_CASE' && b.body.nik).map((b) => b.body.nik as string);
    expect(newNiks.some((n) => registeredNiks.has(n))).toBe(false);
  });

  it('dates a person would accept: buried one to three days after the death, never after today, never before the death', () => {
    const { deaths, burials } = planBurials({ elderly, backlog, residents: 164_457, asOf: AS_OF, seed: 1 });
    for (const b of burials) {
      expect(b.body.burialDate <= AS_OF).toBe(true);
      if (b.body.dateOfDeath) {
        expect(b.body.burialDate >= b.body.dateOfDeath).toBe(true);
        const days = (Date.parse(b.body.burialDate) - Date.parse(b.body.dateOfDeath)) / 86_400_000;
        expect(days).toBeLessThanOrEqual(3);
      }
    }
    for (const d of deaths) {
      expect(d.dateOfDeath < AS_OF).toBe(true);
      expect(d.dateOfDeath > '2026-10-20').toBe(true);
    }
    // The backlog death of today is buried today.
    expect(burials.find((b) => b.body.nik === '5316030101390002')?.body.burialDate).toBe(AS_OF);
  });

  it('the parish of Mbay reports its Catholics of Kecamatan Aesesa, the public cemeteries every other burial; entry numbers per register', () => {
    const { burials } = planBurials({ elderly, backlog, residents: 164_457, asOf: AS_OF, seed: 1 });
    for (const b of burials) {
      if (b.partner === 'parish') {
        expect(b.body.villageCode.startsWith('531601')).toBe(true);
        expect(b.body.reporterKind).toBe('PARISH');
        expect(b.body.cemeteryName).toMatch(/^Pemakaman Katolik Paroki Mbay/);
      } else {
        expect(b.body.reporterKind).toBe('CEMETERY');
        expect(b.body.cemeteryName).toMatch(/^Pemakaman Umum /);
      }
    }
    expect(burials.some((b) => b.partner === 'parish')).toBe(true);
    expect(burials.some((b) => b.partner === 'cemetery')).toBe(true);
    for (const partner of ['parish', 'cemetery'] as const) {
      const numbers = burials.filter((b) => b.partner === partner).map((b) => b.body.registerEntryNumber);
      expect(new Set(numbers).size).toBe(numbers.length);
      expect(numbers[0]).toBe('SEED-001/2026');
    }
    expect(burials.find((b) => b.body.villageCode === '5316012002')?.body.cemeteryName).toContain('Labolewa');
  });

  it('the same plan on a rerun; fewer burials when the register has few elderly people', () => {
    const a = planBurials({ elderly, backlog, residents: 164_457, asOf: AS_OF, seed: 1 });
    const b = planBurials({ elderly: [...elderly].reverse(), backlog, residents: 164_457, asOf: AS_OF, seed: 1 });
    expect(b).toEqual(a);
    const small = planBurials({ elderly: elderly.slice(0, 5), backlog: [], residents: 1_600, asOf: AS_OF, seed: 1 });
    expect(small.deaths).toHaveLength(5);
    expect(small.burials.filter((x) => x.expect === 'NEW_CASE')).toHaveLength(0);
  });
});

describe('reading the seed files', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'adminduk-seed-scorecard-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('CSV fields, quoted ones with commas and doubled quotes', () => {
    expect(parseCsvLine('a,"b, c","say ""hi""",,d')).toEqual(['a', 'b, c', 'say "hi"', '', 'd']);
    expect(parseCsvLine('')).toEqual(['']);
  });

  it('the register: residents of 60 and more on the day', async () => {
    const file = join(dir, 'register.csv');
    const header = 'nik,kk_number,shdk,full_name,birth_place,birth_date,sex,religion,marital_status,education,blood_type,occupation,mother_name,father_name,district_code,village_code,address,ektp_state';
    const row = (nik: string, name: string, birth: string, village: string) => `${nik},5316010101200001,1,${name},MBAY,${birth},M,KATOLIK,KAWIN_TERCATAT,1,1,PETANI,IBU,BAPAK,${village.slice(0, 6)},${village},"RT 001, RW 002",PRINTED`;
    writeFileSync(file, [header, row('5316010403660001', 'YOSEF MEO', '1966-12-09', '5316012002'), row('5316010403660002', 'PAULUS DHAE', '1966-12-08', '5316012003'), row('5316010403900003', 'ANDREAS', '1990-01-01', '5316032005'), ''].join('\r\n'));
    const { elderly } = await readRegister(file, AS_OF);
    expect(elderly.map((p) => p.fullName)).toEqual(['PAULUS DHAE']); // 60 today; the other one tomorrow
    expect(elderly[0]).toMatchObject({ nik: '5316010403660002', villageCode: '5316012003', districtCode: '531601', address: 'RT 001, RW 002', sex: 'M', religion: 'KATOLIK' });
    expect(ageOn('1966-12-09', AS_OF)).toBe(59);
  });

  it("the backlog's deaths (not its births)", () => {
    const lines = [
      JSON.stringify({ method: 'POST', path: '/notifications', body: { deedType: 'BIRTH', eventDate: '2026-12-01', villageCode: '5316012002', particulars: { mother: { nik: '1' } } } }),
      JSON.stringify({ method: 'POST', path: '/notifications', body: { deedType: 'DEATH', eventDate: '2026-11-29', villageCode: '5316012002', particulars: { deceased: { nik: '5316015505400001', fullName: 'MARIA', sex: 'F' } } } }),
      '',
    ];
    expect(backlogDeaths(lines)).toEqual([{ nik: '5316015505400001', fullName: 'MARIA', sex: 'F', dateOfDeath: '2026-11-29', villageCode: '5316012002' }]);
  });

  it('the office day is WITA; digests are stable numbers in [0, 1)', () => {
    expect(officeDay(new Date('2026-12-07T16:30:00Z'))).toBe('2026-12-08');
    expect(officeDay(new Date('2026-12-07T15:30:00Z'), -1)).toBe('2026-12-06');
    expect(unit(1, 'a')).toBe(unit(1, 'a'));
    expect(unit(1, 'a')).toBeGreaterThanOrEqual(0);
    expect(unit(1, 'a')).toBeLessThan(1);
    expect(titleCase("MARIA GORETI D'SOUZA-WULA")).toBe("Maria Goreti D'Souza-Wula");
  });
});

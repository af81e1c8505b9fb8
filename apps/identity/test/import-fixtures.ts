// Register files for the import tests: a seeded, reproducible population of Kabupaten Nagekeo (53.16) in
// realistic households — a married couple with children, sometimes a widowed parent of the head, a married child
// with a spouse and grandchildren; widowed, divorced and single heads — with NIKs and No. KK that agree with the
// birth dates, sexes, kecamatan and issue dates, in the 113 current desa / kelurahan of its 7 kecamatan, sorted
// by No. KK as a SIAK export is. Every generated card passes the import's checks (the tests rely on it); tests
// then break chosen rows on purpose. A bigger synthetic population tool belongs in tools/.
import { writeFileSync } from 'node:fs';
import { listDistricts } from '@adminduk/domain';
import { listVillages, type Village } from '@adminduk/domain/villages';
import { IMPORT_COLUMNS, type ImportColumn } from '../src/import/import-row.mapper';

export type RegisterRow = Record<ImportColumn, string>;

export interface RegisterFamily {
  readonly kkNumber: string;
  readonly rows: RegisterRow[];
}

export interface PopulationOptions {
  readonly seed: number;
  /** Number of family cards. */
  readonly families: number;
  /** Everything happens before this day (births, card issues). */
  readonly asOf: string;
  /** The regency (default 5316, Nagekeo). */
  readonly regencyCode?: string;
}

/** mulberry32: a small, fast, seeded generator (reproducible files for a seed). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MEN = ['Yohanes', 'Fransiskus', 'Petrus', 'Kornelius', 'Emanuel', 'Aloysius', 'Agustinus', 'Yosef', 'Markus', 'Dominikus', 'Vinsensius', 'Stefanus', 'Paulus', 'Hendrikus', 'Bernardus', 'Gregorius', 'Arnoldus', 'Siprianus', 'Wilhelmus', 'Kristoforus', 'Muhamad', 'Abdul', 'Yakobus', 'Sebastianus', 'Benediktus'];
const WOMEN = ['Maria', 'Yosefina', 'Theresia', 'Veronika', 'Agustina', 'Margareta', 'Elisabeth', 'Katarina', 'Fransiska', 'Anastasia', 'Yuliana', 'Skolastika', 'Bernadeta', 'Kristina', 'Modesta', 'Regina', 'Emiliana', 'Maria Goreti', 'Siti', 'Natalia', 'Filomena', 'Imelda', 'Florentina', 'Marselina', 'Oktaviana'];
const FAMILY_NAMES = ['Dhae', 'Ngole', 'Bupu', 'Lado', 'Sebho', 'Wea', 'Dopo', 'Gedo', 'Mite', 'Rega', 'Lewa', 'Ndona', 'Meo', 'Bhoko', 'Tay', 'Nuwa', 'Lajo', 'Wuda', 'Dhiu', "Ga'a", 'Ule', 'Sina', 'Bako', 'Nanga', 'Pale'];
const PLACES = ['Mbay', 'Boawae', 'Nangaroro', 'Mauponggo', 'Danga', 'Raja', 'Ende', 'Bajawa', 'Maumere', 'Kupang', 'Aeramo', 'Wolowae'];
const OCCUPATIONS = ['Petani/Pekebun', 'Mengurus Rumah Tangga', 'Wiraswasta', 'Nelayan/Perikanan', 'Guru', 'Pegawai Negeri Sipil', 'Karyawan Swasta', 'Peternak', 'Pedagang', 'Buruh Harian Lepas'];
const STREETS = ['Jl. Trans Flores', 'Jl. Gajah Mada', 'Jl. Soekarno-Hatta', 'Jl. Ahmad Yani', 'Dusun Kotakeo', 'Dusun Nggolonio', 'Dusun Waekokak', 'Dusun Malasera'];

const DAY = 86_400_000;

function isoOf(ms: number): string {
  const d = new Date(ms).toISOString().slice(0, 10);
  // 29 February makes a NIK whose two-digit year may be read in another century that has none: avoid it.
  return d.endsWith('-02-29') ? `${d.slice(0, 8)}28` : d;
}

function msOf(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}

function addYears(iso: string, years: number): string {
  return `${String(Number(iso.slice(0, 4)) + years).padStart(4, '0')}${iso.slice(4)}`;
}

interface Person {
  readonly relationship: number;
  readonly sex: 'M' | 'F';
  readonly birthDate: string;
  readonly maritalStatus: string;
}

/** The generator: call family() as often as needed; serials stay unique per NIK and No. KK prefix. */
export class PopulationGenerator {
  private readonly random: () => number;
  private readonly villages: Village[];
  private readonly serials = new Map<string, number>();

  constructor(
    seed: number,
    private readonly asOf: string,
    regencyCode = '5316',
  ) {
    this.random = rng(seed);
    this.villages = listDistricts(regencyCode).flatMap((d) => listVillages(d.code));
    if (this.villages.length === 0) throw new Error(`no villages for regency ${regencyCode}`);
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)] as T;
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  /** A day between two ISO dates (inclusive), and never after the day before asOf. */
  private dayBetween(from: string, to: string): string {
    const last = Math.min(msOf(to), msOf(this.asOf) - DAY);
    const first = Math.min(msOf(from), last);
    return isoOf(first + Math.floor(this.random() * ((last - first) / DAY + 1)) * DAY);
  }

  private serial(prefix: string): string {
    const next = (this.serials.get(prefix) ?? 0) + 1;
    if (next > 9999) throw new Error(`serials of ${prefix} exhausted`);
    this.serials.set(prefix, next);
    return String(next).padStart(4, '0');
  }

  nik(districtCode: string, birthDate: string, sex: 'M' | 'F'): string {
    const day = Number(birthDate.slice(8, 10)) + (sex === 'F' ? 40 : 0);
    const prefix = `${districtCode}${String(day).padStart(2, '0')}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}`;
    return prefix + this.serial(prefix);
  }

  kkNumber(districtCode: string, issueDate: string): string {
    const prefix = `${districtCode}${issueDate.slice(8, 10)}${issueDate.slice(5, 7)}${issueDate.slice(2, 4)}`;
    return prefix + this.serial(prefix);
  }

  /** The members of a household, head first (relationship, sex, birth date, marital status). */
  private household(): Person[] {
    const year = Number(this.asOf.slice(0, 4));
    const kind = this.random();
    const people: Person[] = [];
    const children = (parentBirth: string, count: number, relationship: number) => {
      for (let i = 0; i < count; i++) {
        const birthDate = this.dayBetween(addYears(parentBirth, 19 + i * 2), addYears(parentBirth, 40));
        people.push({ relationship, sex: this.chance(0.5) ? 'M' : 'F', birthDate, maritalStatus: 'BELUM_KAWIN' });
      }
    };
    if (kind < 0.7) {
      // A married couple (registered or not, the same on both sides), their children, sometimes more.
      const headBirth = this.dayBetween(`${year - 75}-01-01`, `${year - 22}-12-31`);
      const wifeBirth = this.dayBetween(addYears(headBirth, -2), minIso(addYears(headBirth, 8), addYears(this.asOf, -20)));
      const married = this.chance(0.85) ? 'KAWIN_TERCATAT' : 'KAWIN_BELUM_TERCATAT';
      const womanHead = this.chance(0.03);
      people.push({ relationship: 1, sex: womanHead ? 'F' : 'M', birthDate: headBirth, maritalStatus: married });
      people.push({ relationship: womanHead ? 2 : 3, sex: womanHead ? 'M' : 'F', birthDate: wifeBirth, maritalStatus: married });
      const younger = headBirth > wifeBirth ? headBirth : wifeBirth;
      if (this.chance(0.12) && Number(headBirth.slice(0, 4)) < year - 50) {
        // A married son with his wife and their children (Cucu) on the parents' card.
        const sonBirth = this.dayBetween(addYears(younger, 20), addYears(younger, 28));
        const sonMarried = this.chance(0.8) ? 'KAWIN_TERCATAT' : 'KAWIN_BELUM_TERCATAT';
        people.push({ relationship: 4, sex: 'M', birthDate: sonBirth, maritalStatus: sonMarried });
        people.push({ relationship: 5, sex: 'F', birthDate: this.dayBetween(addYears(sonBirth, -3), minIso(addYears(sonBirth, 4), addYears(this.asOf, -19))), maritalStatus: sonMarried });
        children(addYears(sonBirth, 1), this.int(0, 3), 6);
      }
      children(younger, this.int(0, 5), 4);
      if (this.chance(0.12) && Number(headBirth.slice(0, 4)) > year - 55) {
        people.push({ relationship: 7, sex: this.chance(0.7) ? 'F' : 'M', birthDate: this.dayBetween(addYears(headBirth, -38), addYears(headBirth, -20)), maritalStatus: 'CERAI_MATI' });
      }
    } else if (kind < 0.85) {
      // A widowed head with children.
      const headBirth = this.dayBetween(`${year - 85}-01-01`, `${year - 30}-12-31`);
      people.push({ relationship: 1, sex: this.chance(0.7) ? 'F' : 'M', birthDate: headBirth, maritalStatus: 'CERAI_MATI' });
      children(headBirth, this.int(0, 4), 4);
    } else if (kind < 0.92) {
      // A divorced head with children.
      const headBirth = this.dayBetween(`${year - 60}-01-01`, `${year - 25}-12-31`);
      people.push({ relationship: 1, sex: this.chance(0.6) ? 'F' : 'M', birthDate: headBirth, maritalStatus: this.chance(0.7) ? 'CERAI_HIDUP_TERCATAT' : 'CERAI_HIDUP_BELUM_TERCATAT' });
      children(headBirth, this.int(0, 3), 4);
    } else {
      // A single adult, sometimes with a relative.
      const headBirth = this.dayBetween(`${year - 50}-01-01`, `${year - 19}-12-31`);
      people.push({ relationship: 1, sex: this.chance(0.5) ? 'M' : 'F', birthDate: headBirth, maritalStatus: 'BELUM_KAWIN' });
      if (this.chance(0.3)) people.push({ relationship: 9, sex: this.chance(0.5) ? 'M' : 'F', birthDate: this.dayBetween(`${year - 30}-01-01`, `${year - 10}-12-31`), maritalStatus: 'BELUM_KAWIN' });
    }
    return people;
  }

  /** `count` new cards, sorted by No. KK (as a SIAK export is). One generator never repeats a NIK or No. KK. */
  families(count: number): RegisterFamily[] {
    const families = Array.from({ length: count }, () => this.family());
    return families.sort((a, b) => (a.kkNumber < b.kkNumber ? -1 : a.kkNumber > b.kkNumber ? 1 : 0));
  }

  family(): RegisterFamily {
    const village = this.pick(this.villages);
    const district = village.districtCode;
    const people = this.household();
    const head = people[0] as Person;
    const issueDate = this.dayBetween(maxIso('2008-01-01', addYears(head.birthDate, 17)), this.asOf);
    const kkNumber = this.kkNumber(district, issueDate);
    const familyName = this.pick(FAMILY_NAMES);
    const religion = this.random() < 0.86 ? 'KATOLIK' : this.pick(['ISLAM', 'ISLAM', 'KRISTEN', 'HINDU']);
    const street = `${this.pick(STREETS)} RT ${String(this.int(1, 12)).padStart(3, '0')}/RW ${String(this.int(1, 5)).padStart(3, '0')}, ${village.name}`;
    const firstName = (sex: 'M' | 'F') => this.pick(sex === 'M' ? MEN : WOMEN);
    const headName = `${firstName(head.sex)} ${familyName}`;
    const spouse = people.find((p) => p.relationship === 2 || p.relationship === 3);
    const spouseName = spouse ? `${firstName(spouse.sex)} ${this.pick(FAMILY_NAMES)}` : `${firstName('F')} ${this.pick(FAMILY_NAMES)}`;
    const mother = head.sex === 'F' ? headName : spouseName;
    const father = head.sex === 'M' ? headName : spouse ? spouseName : '';
    const year = Number(this.asOf.slice(0, 4));
    const rows = people.map((p) => {
      const age = year - Number(p.birthDate.slice(0, 4));
      // Most were given their NIK in the kecamatan they live in; some moved within the regency.
      const nikDistrict = this.chance(0.9) ? district : this.pick(this.villages).districtCode;
      const isChild = p.relationship === 4 || p.relationship === 6;
      const row: RegisterRow = {
        nik: this.nik(nikDistrict, p.birthDate, p.sex),
        kk_number: kkNumber,
        shdk: String(p.relationship),
        full_name: p === head ? headName : p === spouse ? spouseName : `${firstName(p.sex)} ${familyName}`,
        birth_place: this.pick(PLACES),
        birth_date: p.birthDate,
        sex: p.sex,
        religion,
        marital_status: p.maritalStatus,
        education: String(age < 7 ? 1 : age < 13 ? 2 : age < 16 ? 3 : age < 19 ? 4 : this.int(1, 8)),
        blood_type: this.chance(0.4) ? String(this.int(1, 13)) : '',
        occupation: age < 5 ? 'Belum/Tidak Bekerja' : age < 22 && isChild ? 'Pelajar/Mahasiswa' : this.pick(OCCUPATIONS),
        mother_name: isChild && p.relationship === 4 ? mother : `${firstName('F')} ${this.pick(FAMILY_NAMES)}`,
        father_name: isChild && p.relationship === 4 ? father : this.chance(0.9) ? `${firstName('M')} ${this.pick(FAMILY_NAMES)}` : '',
        district_code: district,
        village_code: village.code,
        address: street,
        // Document states are left empty here (the register did not say); the import tests set them where needed.
        ektp_state: '',
        kia_state: '',
        birth_deed: '',
        ektp_recorded_on: '',
        registered_on: '',
      };
      return row;
    });
    return { kkNumber, rows };
  }
}

function maxIso(a: string, b: string): string {
  return a > b ? a : b;
}

function minIso(a: string, b: string): string {
  return a < b ? a : b;
}

/** A population of `families` cards, sorted by No. KK (as a SIAK export is). */
export function generatePopulation(options: PopulationOptions): RegisterFamily[] {
  return new PopulationGenerator(options.seed, options.asOf, options.regencyCode).families(options.families);
}

export function rowsOf(families: readonly RegisterFamily[]): RegisterRow[] {
  return families.flatMap((f) => f.rows);
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV file (RFC 4180, CRLF line ends as SIAK exports write them) with a header; `columns` picks and orders them. */
export function writeCsv(path: string, rows: readonly Partial<RegisterRow>[], columns: readonly string[] = IMPORT_COLUMNS): void {
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => csvField((row as Record<string, string | undefined>)[c] ?? '')).join(','))];
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
}

/** An NDJSON file: one object per row; codes as numbers, empty optional fields left out. */
export function writeNdjson(path: string, rows: readonly Partial<RegisterRow>[]): void {
  const numeric = new Set(['shdk', 'education', 'blood_type']);
  const lines = rows.map((row) => {
    const object: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(row)) {
      if (value === undefined || value === '') continue;
      object[key] = numeric.has(key) && /^\d+$/.test(value) ? Number(value) : value;
    }
    return JSON.stringify(object);
  });
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/**
 * The people of a fault run: one married couple on a family card per expected birth (father head of the family,
 * mother Istri), imported into identity with its own `import` command before the load, and the birth each
 * couple's health post reports. Numbers follow PP 37/2007 (NIK: kecamatan, birth date DDMMYY with 40 added to
 * the day for women, serial) and the No. KK layout (kecamatan, issue date, serial), so that the register and the
 * deeds service accept them as real. Each couple has one birth: a real register has no mother with 2,000
 * children, and the deeds service's natural key (day, mother's NIK, child's order) would rightly merge them.
 */
import { writeFileSync } from 'node:fs';

/** Kecamatan Boawae (53.16.03) and its desa Natanage (53.16.03.1001), Kabupaten Nagekeo. */
export const DISTRICT = '531603';
export const VILLAGE = '5316031001';

export interface Couple {
  readonly index: number;
  readonly kkNumber: string;
  readonly father: { readonly nik: string; readonly fullName: string; readonly birthDate: string; readonly sex: 'M' };
  readonly mother: { readonly nik: string; readonly fullName: string; readonly birthDate: string; readonly sex: 'F' };
  /** The child's name: unique in the run, so that identity's count of it tells duplicates from losses. */
  readonly childName: string;
  readonly childSex: 'M' | 'F';
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The index-th date of a year (1..336: 28 days × 12 months, every one a real date) and the serial that keeps NIKs unique beyond that. */
function birthOf(index: number, year: number): { date: string; day: number; month: number; serial: number } {
  const day = 1 + (index % 28);
  const month = 1 + (Math.floor(index / 28) % 12);
  const serial = 1 + Math.floor(index / 336);
  return { date: `${year}-${pad(month, 2)}-${pad(day, 2)}`, day, month, serial };
}

function nik(index: number, year: number, sex: 'M' | 'F'): { nik: string; birthDate: string } {
  const b = birthOf(index, year);
  const day = sex === 'F' ? b.day + 40 : b.day;
  return { nik: `${DISTRICT}${pad(day, 2)}${pad(b.month, 2)}${String(year).slice(2)}${pad(b.serial, 4)}`, birthDate: b.date };
}

/** Couples `from` … `from + count - 1` (indexes never repeat a NIK or No. KK up to 3,000,000). */
export function couples(from: number, count: number): Couple[] {
  return Array.from({ length: count }, (_, k) => {
    const index = from + k;
    const father = nik(index, 1986, 'M');
    const mother = nik(index, 1991, 'F');
    // Cards issued on 2 June 2020 under this kecamatan; serials 0001–9999, then the next day.
    const issued = new Date(Date.UTC(2020, 5, 2 + Math.floor(index / 9999)));
    const kkDate = `${pad(issued.getUTCDate(), 2)}${pad(issued.getUTCMonth() + 1, 2)}${String(issued.getUTCFullYear()).slice(2)}`;
    return {
      index,
      kkNumber: `${DISTRICT}${kkDate}${pad(1 + (index % 9999), 4)}`,
      father: { nik: father.nik, birthDate: father.birthDate, fullName: `Yosef Bhoko Uji ${index}`, sex: 'M' },
      mother: { nik: mother.nik, birthDate: mother.birthDate, fullName: `Maria Sawu Uji ${index}`, sex: 'F' },
      childName: `Anak Lahir Uji ${index}`,
      childSex: index % 2 === 0 ? 'F' : 'M',
    };
  });
}

const COLUMNS = ['nik', 'kk_number', 'shdk', 'full_name', 'birth_place', 'birth_date', 'sex', 'religion', 'marital_status', 'mother_name', 'district_code', 'village_code', 'address'];

/** The register file of the couples (the identity import's CSV format, see apps/identity/src/import/README.md). */
export function registerCsv(list: readonly Couple[]): string {
  const lines = [COLUMNS.join(',')];
  const address = '"RT 001/RW 001, Natanage"';
  for (const c of list) {
    lines.push([c.father.nik, c.kkNumber, '1', c.father.fullName, 'Boawae', c.father.birthDate, 'M', 'KATOLIK', 'KAWIN_TERCATAT', `Ibu ${c.father.fullName}`, DISTRICT, VILLAGE, address].join(','));
    lines.push([c.mother.nik, c.kkNumber, '3', c.mother.fullName, 'Mbay', c.mother.birthDate, 'F', 'KATOLIK', 'KAWIN_TERCATAT', `Ibu ${c.mother.fullName}`, DISTRICT, VILLAGE, address].join(','));
  }
  return `${lines.join('\n')}\n`;
}

export function writeRegister(path: string, list: readonly Couple[]): void {
  writeFileSync(path, registerCsv(list));
}

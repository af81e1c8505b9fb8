/**
 * The demo people of the development OpenID Connect provider (tools/oidc): who can sign in to the office app on a
 * developer's machine, with which roles and region scope. `npm start` prints this list in its banner.
 *
 * Every name here is made up (given names and clan names common in Nagekeo, combined at random); none is a real
 * person. They all share one development password, DEV_PASSWORD: this is a developer's machine, never an office.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { listDistricts } from '@adminduk/domain';
import type { Role } from '@adminduk/platform';

/** The one password of every demo person (development only). */
export const DEV_PASSWORD = 'nagekeo-demo';

/** Kabupaten Nagekeo's region code (Kemendagri 53.16). */
export const NAGEKEO = '5316';

export interface DevPerson {
  /** Sign-in name, also the token's `sub` and `preferred_username`. */
  readonly username: string;
  readonly password: string;
  /** Display name (the token's `name`). */
  readonly name: string;
  readonly roles: readonly Role[];
  /** Region code prefixes: '5316' the regency, '531603' one kecamatan. */
  readonly regions: readonly string[];
  /** For a person of a partner institution (a Pustu, a parish): the institution's id. */
  readonly institution?: string;
  /** The institution's name as people read it (the ID token's institution_name). */
  readonly institutionName?: string;
  /** Who this is, one line in Bahasa Indonesia (for the banner and the README). */
  readonly description: string;
}

/** One operator's display name per kecamatan code (made-up people). */
const OPERATOR_NAMES: Readonly<Record<string, string>> = {
  '531601': 'Maria Magdalena Nau',
  '531602': 'Fransiskus Lado Bhoko',
  '531603': 'Theresia Wula Dopo',
  '531604': 'Yohanes Bosco Meo',
  '531605': 'Agustina Ria Ngole',
  '531606': 'Stefanus Dhey Mite',
  '531607': 'Veronika Sue Rawa',
};

/** 'Aesesa Selatan' → 'aesesa-selatan'. */
function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** One operator per current kecamatan of Nagekeo, from the domain's region data (not a second list of them). */
function operators(): DevPerson[] {
  return listDistricts(NAGEKEO).map((district) => ({
    username: `operator-${slug(district.name)}`,
    password: DEV_PASSWORD,
    name: OPERATOR_NAMES[district.code] ?? `Operator ${district.name}`,
    roles: ['operator'],
    regions: [district.code],
    description: `Operator (Petugas Registrasi) Kecamatan ${district.name}: melayani penduduk kecamatan ini di kantor.`,
  }));
}

/** The seeded people, in the order the banner prints them. */
export const DEV_PEOPLE: readonly DevPerson[] = [
  {
    username: 'registrar',
    password: DEV_PASSWORD,
    name: 'Yulianus Dhogo Wea',
    roles: ['registrar'],
    regions: [NAGEKEO],
    description: 'Pejabat Pencatatan Sipil Dinas Dukcapil Nagekeo: mencatat dan menandatangani akta se-kabupaten.',
  },
  ...operators(),
  {
    username: 'tim-jemput-bola',
    password: DEV_PASSWORD,
    name: 'Kornelius Tay Bupu',
    roles: ['operator'],
    regions: [NAGEKEO],
    description: 'Anggota tim Jemput Bola: melayani perekaman KTP-el dan pendaftaran di desa-desa se-Kabupaten Nagekeo.',
  },
  {
    username: 'bidan-boawae',
    password: DEV_PASSWORD,
    name: 'Elisabeth Ine Lena',
    roles: ['partner'],
    regions: ['531603'],
    institution: 'pustu-boawae',
    institutionName: 'Pustu Boawae',
    description: 'Bidan di Pustu Boawae: melaporkan kelahiran (BLAS) di Kecamatan Boawae.',
  },
  {
    username: 'sekretaris-paroki-mbay',
    password: DEV_PASSWORD,
    name: 'Paulus Bai Djawa',
    roles: ['partner'],
    regions: ['531601'],
    institution: 'paroki-mbay',
    institutionName: 'Paroki Mbay',
    description: 'Sekretaris Paroki Mbay (Lembaga Agama) di Kecamatan Aesesa: melaporkan kematian (OMAS) dan kelahiran umat.',
  },
  {
    username: 'analis',
    password: DEV_PASSWORD,
    name: 'Margaretha Sina Woe',
    roles: ['analyst'],
    regions: [NAGEKEO],
    description: 'Analis data Dinas Dukcapil: membaca indikator dan laporan se-Kabupaten Nagekeo.',
  },
];

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * The person with this username and password, else undefined. Passwords are compared in constant time (on their
 * SHA-256, so that the lengths match), and an unknown username costs the same comparison, so the answer's timing
 * tells neither whether the name exists nor how much of the password was right.
 */
export function checkCredentials(people: readonly DevPerson[], username: string, password: string): DevPerson | undefined {
  const person = people.find((p) => p.username === username);
  const expected = digest(person?.password ?? `unknown user ${DEV_PASSWORD}`);
  const matches = timingSafeEqual(expected, digest(password));
  return person && matches ? person : undefined;
}

/**
 * Names for synthetic residents, made up from short lists written for this tool: a baptismal or Islamic first
 * name, often a second local name built from Flores-sounding syllables, and a family (clan) name built the same
 * way. The combinations are random; any likeness to a real person is chance. Nothing here comes from a register.
 */
import type { Religion } from '@adminduk/domain';
import type { Rng } from './prng';

const CATHOLIC_MEN = [
  'Yohanes', 'Petrus', 'Paulus', 'Yosef', 'Agustinus', 'Fransiskus', 'Antonius', 'Yakobus', 'Benediktus', 'Stefanus',
  'Dominikus', 'Gregorius', 'Kornelius', 'Wilhelmus', 'Hendrikus', 'Emilianus', 'Bernardus', 'Aloysius', 'Marianus',
  'Siprianus', 'Laurensius', 'Vinsensius', 'Yustinus', 'Kristoforus', 'Fabianus', 'Matias', 'Damianus', 'Mikael',
  'Rafael', 'Gabriel', 'Klemens', 'Ignasius', 'Silvester', 'Yeremias', 'Herman', 'Teodorus', 'Nikolaus', 'Sebastianus',
];
const CATHOLIC_WOMEN = [
  'Maria', 'Kristina', 'Theresia', 'Margaretha', 'Anastasia', 'Veronika', 'Bernadete', 'Florentina', 'Yuliana',
  'Katarina', 'Elisabet', 'Agnes', 'Monika', 'Skolastika', 'Yosefina', 'Fransiska', 'Agustina', 'Helena', 'Lusia',
  'Magdalena', 'Paulina', 'Regina', 'Sesilia', 'Rosalia', 'Klara', 'Angela', 'Benedikta', 'Emerensiana', 'Felisitas',
  'Gertrudis', 'Imaculata', 'Konstantia', 'Martina', 'Natalia', 'Oktaviana', 'Priska', 'Sabina', 'Yasinta',
];
const PROTESTANT_MEN = ['Yonatan', 'Daniel', 'Samuel', 'Elias', 'Markus', 'Lukas', 'Yosua', 'Obed', 'Melkianus', 'Ferdinand', 'Adrianus', 'Simon', 'Ishak', 'Yunus', 'Lazarus', 'Ruben'];
const PROTESTANT_WOMEN = ['Ester', 'Rut', 'Debora', 'Sara', 'Rahel', 'Lidia', 'Naomi', 'Martha', 'Mariam', 'Yohana', 'Selfina', 'Orpa', 'Dorkas', 'Ribka', 'Hana', 'Susana'];
const MUSLIM_MEN = ['Muhammad', 'Ahmad', 'Abdul', 'Yusuf', 'Ibrahim', 'Hasan', 'Husen', 'Rahmat', 'Ismail', 'Umar', 'Salim', 'Hamzah', 'Arifin', 'Syarif', 'Ridwan', 'Kasim'];
const MUSLIM_WOMEN = ['Siti', 'Nur', 'Fatimah', 'Aminah', 'Aisyah', 'Halimah', 'Zainab', 'Khadijah', 'Rahmah', 'Salma', 'Maryam', 'Hafsah', 'Nurul', 'Jamilah', 'Sitti', 'Rukayah'];
const HINDU_MEN = ['Made', 'Ketut', 'Nyoman', 'Putu', 'Wayan', 'Komang'];
const HINDU_WOMEN = ['Ni Made', 'Ni Ketut', 'Ni Nyoman', 'Ni Putu', 'Ni Wayan', 'Ni Komang'];
const CHINESE_MEN = ['Hendra', 'Budi', 'Andi', 'Wijaya', 'Halim', 'Santoso'];
const CHINESE_WOMEN = ['Lili', 'Meilani', 'Susanti', 'Lina', 'Wati', 'Mei'];

/** Syllables of local-sounding names (vowel-final, as in the languages of central Flores). */
const ONSETS = ['b', 'bh', 'd', 'dh', 'g', 'gh', 'j', 'k', 'l', 'm', 'mb', 'n', 'nd', 'ng', 'p', 'r', 's', 't', 'w', 'y', 'z'];
const VOWELS = ['a', 'a', 'e', 'e', 'i', 'o', 'o', 'u'];

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A made-up local name of two or three syllables. */
export function localName(rng: Rng): string {
  const syllables = rng.chance(0.7) ? 2 : 3;
  let name = '';
  for (let i = 0; i < syllables; i++) name += rng.pick(ONSETS) + rng.pick(VOWELS);
  return capitalise(name);
}

function firstNames(religion: Religion, sex: 'M' | 'F'): readonly string[] {
  const men = sex === 'M';
  switch (religion) {
    case 'KATOLIK':
      return men ? CATHOLIC_MEN : CATHOLIC_WOMEN;
    case 'KRISTEN':
      return men ? PROTESTANT_MEN : PROTESTANT_WOMEN;
    case 'ISLAM':
      return men ? MUSLIM_MEN : MUSLIM_WOMEN;
    case 'HINDU':
      return men ? HINDU_MEN : HINDU_WOMEN;
    case 'BUDDHA':
    case 'KHONGHUCU':
      return men ? CHINESE_MEN : CHINESE_WOMEN;
    default:
      return men ? PROTESTANT_MEN : PROTESTANT_WOMEN;
  }
}

/** A full name: first name, often a local name, and the family name (upper case, as SIAK prints names). */
export function fullName(rng: Rng, religion: Religion, sex: 'M' | 'F', familyName: string): string {
  const first = rng.pick(firstNames(religion, sex));
  const middle = rng.chance(0.55) ? ` ${localName(rng)}` : '';
  return `${first}${middle} ${familyName}`.toUpperCase();
}

/** A hamlet (dusun) name for addresses. */
export function hamletName(rng: Rng): string {
  return rng.chance(0.3) ? `${localName(rng)} ${rng.pick(['I', 'II', 'III'])}` : localName(rng);
}

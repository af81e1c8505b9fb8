/**
 * The day each resident entered the older register (the import's optional column `registered_on`), so that the
 * seeded register has a past: reporting counts a resident in its trends and denominators from that day, not from
 * the day of the import.
 *
 * Model (assumptions, stated because no source gives the distribution):
 * - Kabupaten Nagekeo was formed in 2007 (UU 2/2007) and its households entered the population register (SIAK)
 *   in the data collections of 2007–2011 that preceded e-KTP: most cards (85%) get a day drawn uniformly in
 *   REGISTER_BEGAN..2011-12-31;
 * - the others (15%) came later (a move into the regency, a card split off): a day drawn uniformly from 2012 to
 *   asOf;
 * - a member born after the card's day entered at birth (registered_on = the birth date); nobody after asOf.
 * One draw per card (seed and No. KK, Rng.derive), separate from the population's streams, so that adding the
 * dates changed no other value of a register generated before.
 */
import { Rng } from './prng';

export const REGISTER_BEGAN = '2007-01-01';
const COLLECTION_ENDED = '2011-12-31';
const DAY_MS = 86_400_000;

const dayNumber = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The day the card's household entered the register, as of `asOf`, for the given seed. */
export function cardRegisteredOn(seed: string | number, kkNumber: string, asOf: string): string {
  const rng = Rng.derive(seed, 'registered-on', kkNumber);
  const today = dayNumber(asOf);
  const [from, to] = rng.next() < 0.85 ? [dayNumber(REGISTER_BEGAN), dayNumber(COLLECTION_ENDED)] : [dayNumber(COLLECTION_ENDED) + 1, today];
  const last = Math.min(to, today);
  const first = Math.min(from, last);
  return isoDay(first + Math.floor(rng.next() * (last - first + 1)));
}

/** A member's day: the card's, or the birth date for someone born after it. */
export function memberRegisteredOn(cardDay: string, birthDate: string): string {
  return birthDate > cardDay ? birthDate : cardDay;
}

// The register dates of the seeded register (registered_on): one for everyone, within what the identity import
// accepts (a real day, not before the birth date nor 1900, not after asOf), mostly from the data collections of
// 2007–2011 with later arrivals spread to asOf, one day per card (the newborns after it at birth), and the same
// for the same seed.
import { generateRegister, type SynthCard } from './population';
import { REGISTER_BEGAN, cardRegisteredOn } from './register-dates';

const AS_OF = '2026-12-07';

function cards(seed: string | number): SynthCard[] {
  return [...generateRegister({ region: '5316', seed, asOf: AS_OF, scale: 0.05 })];
}

describe('registered_on in the seeded register', () => {
  const register = cards(20261207);
  const people = register.flatMap((c) => c.members);

  it('dates everyone within the import rule', () => {
    expect(people.length).toBeGreaterThan(5000);
    for (const r of people) {
      expect(r.registeredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.registeredOn >= r.birthDate).toBe(true);
      expect(r.registeredOn >= REGISTER_BEGAN || r.registeredOn === r.birthDate).toBe(true);
      expect(r.registeredOn <= AS_OF).toBe(true);
    }
  });

  it('gives a card one day, and a member born after it the birth date', () => {
    for (const c of register.slice(0, 300)) {
      const day = cardRegisteredOn(20261207, c.kkNumber, AS_OF);
      for (const m of c.members) expect(m.registeredOn).toBe(m.birthDate > day ? m.birthDate : day);
    }
  });

  it('puts most households in the collections of 2007–2011 and the rest later, up to asOf', () => {
    const days = register.map((c) => cardRegisteredOn(20261207, c.kkNumber, AS_OF));
    const early = days.filter((d) => d <= '2011-12-31').length / days.length;
    expect(early).toBeGreaterThan(0.8);
    expect(early).toBeLessThan(0.9);
    expect(days.some((d) => d >= '2026-01-01')).toBe(true);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(cards(20261207).flatMap((c) => c.members.map((m) => m.registeredOn))).toEqual(people.map((m) => m.registeredOn));
    const other = register.slice(0, 200).filter((c) => cardRegisteredOn('another seed', c.kkNumber, AS_OF) !== cardRegisteredOn(20261207, c.kkNumber, AS_OF));
    expect(other.length).toBeGreaterThan(150);
  });
});

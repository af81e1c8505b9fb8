// The fault run's people must be people the register accepts: NIKs that fit their birth date and sex (PP 37/2007),
// No. KK numbers that parse, none repeated, and a register file the identity import reads as one card per couple.
import { checkNikAgainstPerson, parseKkNumber } from '@adminduk/domain';
import { couples, registerCsv } from './population';
import { renderReport, type Machine } from './report';

describe('the fault run population', () => {
  const list = couples(1, 3_000);

  it('gives every parent a NIK that fits the birth date and sex, and every card a valid No. KK', () => {
    for (const c of list) {
      expect(checkNikAgainstPerson(c.father.nik, c.father)).toMatchObject({ ok: true });
      expect(checkNikAgainstPerson(c.mother.nik, c.mother)).toMatchObject({ ok: true });
      expect(parseKkNumber(c.kkNumber, { asOf: '2026-01-01' })).toMatchObject({ ok: true });
    }
  });

  it('never repeats a NIK, a No. KK or a child name (a repeat would hide a duplicate or a loss)', () => {
    const niks = list.flatMap((c) => [c.father.nik, c.mother.nik]);
    expect(new Set(niks).size).toBe(niks.length);
    expect(new Set(list.map((c) => c.kkNumber)).size).toBe(list.length);
    expect(new Set(list.map((c) => c.childName)).size).toBe(list.length);
    // Slices of the run (one per scenario) continue the numbering rather than restart it.
    expect(couples(3_001, 1)[0]?.father.nik).not.toBe(list[0]?.father.nik);
  });

  it('writes the register as the import reads it: a header, then head (1) and wife (3) of each card, address quoted', () => {
    const lines = registerCsv(list.slice(0, 2)).trim().split('\n');
    expect(lines[0]).toBe('nik,kk_number,shdk,full_name,birth_place,birth_date,sex,religion,marital_status,mother_name,district_code,village_code,address');
    expect(lines).toHaveLength(5);
    expect(lines[1]?.split(',').slice(0, 3)).toEqual([list[0]?.father.nik, list[0]?.kkNumber, '1']);
    expect(lines[2]?.split(',').slice(0, 3)).toEqual([list[0]?.mother.nik, list[0]?.kkNumber, '3']);
    expect(lines[1]).toMatch(/,"RT 001\/RW 001, Natanage"$/);
  });
});

describe('the fault run report', () => {
  const machine: Machine = { cores: '2 × Test CPU', memory: '4.0 GiB', node: 'v20.0.0', postgres: '15.0', nats: 'nats-server: v2.9.0', date: '2026-11-28T00:00:00Z' };

  it('is a markdown section with the machine, the date, one row per scenario and the failed checks spelled out', () => {
    const markdown = renderReport('Fault injection', machine, [
      { scenario: 'NATS stopped mid-load', load: '10 births', fault: 'NATS down 5 s', passed: true, problems: [], figures: [['lost', 0], ['duplicates', 0]], durationMs: 12_300 },
      { scenario: 'poison | pipes', load: '5 births', fault: 'poison', passed: false, problems: ['1 of 5 children missing in identity (lost)'], figures: [], durationMs: 1_000 },
    ], 'npm run faults');
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('### Fault injection');
    expect(markdown).toContain('on 2026-11-28T00:00:00Z: 2 × Test CPU, 4.0 GiB memory, Node v20.0.0, PostgreSQL 15.0');
    expect(markdown).toContain('| NATS stopped mid-load | 10 births | NATS down 5 s | passed | lost: 0; duplicates: 0 (12 s) |');
    expect(markdown).toContain('| poison \\| pipes | 5 births | poison | **FAILED**: 1 of 5 children missing in identity (lost) |');
    expect(markdown).toContain('1 of 2 scenarios FAILED.');
  });
});

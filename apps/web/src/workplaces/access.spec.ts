import type { Role } from '../auth/person';
import { homeWorkplace, workplaceAt, workplacesFor } from './access';

describe('the workplaces a person sees', () => {
  it.each<[readonly Role[], readonly string[]]>([
    [['partner'], ['mitra', 'ikhtisar']],
    [['operator'], ['meja', 'jemput-bola', 'ikhtisar']],
    [['registrar'], ['meja', 'ikhtisar']],
    [['analyst'], ['ikhtisar']],
    [['admin'], ['mitra', 'meja', 'jemput-bola', 'ikhtisar']],
    [['integrator'], ['ikhtisar']],
    [[], ['ikhtisar']],
    [['registrar', 'operator'], ['meja', 'jemput-bola', 'ikhtisar']],
  ])('%j → %j', (roles, expected) => {
    expect(workplacesFor(roles)).toEqual(expected);
  });

  it("lands a person on their first workplace: a partner on Laporan Mitra, an analyst on Ikhtisar", () => {
    expect(homeWorkplace(['partner'])).toBe('mitra');
    expect(homeWorkplace(['operator'])).toBe('meja');
    expect(homeWorkplace(['analyst'])).toBe('ikhtisar');
  });

  it('knows the workplace of a path', () => {
    expect(workplaceAt('/jemput-bola')).toBe('jemput-bola');
    expect(workplaceAt('/meja/berkas')).toBeUndefined();
    expect(workplaceAt('/')).toBeUndefined();
  });
});

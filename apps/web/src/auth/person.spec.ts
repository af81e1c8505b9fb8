import { DEFAULT_CLAIM_NAMES } from '../config/runtime-config';
import { isPerson, personFromClaims } from './person';

describe('the person from the ID token claims', () => {
  it("reads name, roles, regions and institution by the platform's claim names", () => {
    expect(personFromClaims({ sub: 'p1', name: 'Yohanes Bosco Meo', roles: ['operator', 'registrar'], regions: ['531601'] }, DEFAULT_CLAIM_NAMES)).toEqual({
      sub: 'p1',
      name: 'Yohanes Bosco Meo',
      roles: ['operator', 'registrar'],
      regions: ['531601'],
    });
    expect(personFromClaims({ sub: 'p2', name: 'Maria Goreti', roles: ['partner'], regions: ['531603'], institution: 'Pustu Raja' }, DEFAULT_CLAIM_NAMES).institution).toBe('Pustu Raja');
  });

  it("takes the institution's name for the header when the provider gives it (institution_name), never without the institution", () => {
    const claims = { sub: 'p3', name: 'Elisabeth Ine Lena', roles: ['partner'], regions: ['531603'], institution: 'pustu-boawae', institution_name: 'Pustu Boawae' };
    expect(personFromClaims(claims, DEFAULT_CLAIM_NAMES)).toMatchObject({ institution: 'pustu-boawae', institutionName: 'Pustu Boawae' });
    expect(personFromClaims({ sub: 'p4', roles: ['operator'], institution_name: 'Pustu Boawae' }, DEFAULT_CLAIM_NAMES)).not.toHaveProperty('institutionName');
  });

  it('follows a dotted claim path (a Keycloak realm role list), and a space-separated role string', () => {
    const names = { ...DEFAULT_CLAIM_NAMES, roles: 'realm_access.roles' };
    expect(personFromClaims({ sub: 'p', realm_access: { roles: ['analyst', 'offline_access', 'uma_authorization'] } }, names).roles).toEqual(['analyst']);
    expect(personFromClaims({ sub: 'p', roles: 'operator admin' }, DEFAULT_CLAIM_NAMES).roles).toEqual(['operator', 'admin']);
  });

  it('drops roles the app does not know and repeated entries', () => {
    expect(personFromClaims({ sub: 'p', roles: ['registrar', 'superuser', 'registrar', 7] }, DEFAULT_CLAIM_NAMES).roles).toEqual(['registrar']);
  });

  it('names the person by name, else given and family name, else username, else subject', () => {
    expect(personFromClaims({ sub: 's', given_name: 'Fransiskus', family_name: 'Dhae' }, DEFAULT_CLAIM_NAMES).name).toBe('Fransiskus Dhae');
    expect(personFromClaims({ sub: 's', preferred_username: 'fdhae' }, DEFAULT_CLAIM_NAMES).name).toBe('fdhae');
    expect(personFromClaims({ sub: 's' }, DEFAULT_CLAIM_NAMES)).toEqual({ sub: 's', name: 's', roles: [], regions: [] });
  });

  it('recognises a stored person, and refuses a damaged one', () => {
    expect(isPerson({ sub: 's', name: 'n', roles: ['analyst'], regions: [] })).toBe(true);
    expect(isPerson({ sub: 's', name: 'n', roles: ['root'], regions: [] })).toBe(false);
    expect(isPerson({ sub: 's', roles: [], regions: [] })).toBe(false);
    expect(isPerson(null)).toBe(false);
  });
});

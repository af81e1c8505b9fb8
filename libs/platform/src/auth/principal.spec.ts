// Region scope and roles (DESIGN.md house rule 8): an operator of one kecamatan cannot read or change another's
// residents; admin may call every endpoint, but stays within its own region scope.
import { canAccessRegion, hasRole, ROLES, type Principal, type Role } from './principal';

const who = (regions: string[], roles: Role[] = ['operator']): Principal => ({ id: 'p', kind: 'user', roles, regions });

describe('canAccessRegion', () => {
  it.each([
    // scope, region code, may access
    [['*'], '531601', true],
    [['*'], '3171', true],
    [['*'], null, true],
    [['5316'], '5316', true],
    [['5316'], '531601', true],
    [['5316'], '5316012002', true],
    [['5316'], '5301', false],
    [['531601'], '531601', true],
    [['531601'], '5316012002', true],
    [['531601'], '531602', false],
    [['531601'], '5316', false],
    [['531601'], '53', false],
    [['531601', '531603'], '531603', true],
    [['531601', '531603'], '531602', false],
    [['5316012002'], '5316012002', true],
    [['5316012002'], '5316012003', false],
    [['53'], '531601', true],
    [[], '531601', false],
    [['5316'], null, false],
    [['5316'], undefined, false],
    [['5316'], '', false],
  ] as const)('scope %j and region %j: %s', (regions, code, expected) => {
    expect(canAccessRegion(who([...regions]), code)).toBe(expected);
  });

  it('reads dotted codes as printed by Kemendagri (53.16.01) like plain digits', () => {
    expect(canAccessRegion(who(['531601']), '53.16.01')).toBe(true);
    expect(canAccessRegion(who(['531601']), '53.16.01.2002')).toBe(true);
    expect(canAccessRegion(who(['531601']), '53.16.02')).toBe(false);
  });

  it('does not give an admin another region: admin is a role, not a scope', () => {
    expect(canAccessRegion(who(['531601'], ['admin']), '531602')).toBe(false);
  });
});

describe('hasRole', () => {
  it.each([
    [['operator'], ['operator', 'registrar'], true],
    [['registrar'], ['operator', 'registrar'], true],
    [['analyst'], ['operator', 'registrar'], false],
    [['partner'], ['integrator'], false],
    [['partner', 'analyst'], ['analyst'], true],
    [[], ['operator'], false],
    [['operator'], [], false],
    [['admin'], ['operator'], true],
    [['admin'], [], true],
  ] as const)('a caller with %j calling an endpoint for %j: %s', (has, wanted, expected) => {
    expect(hasRole(who([], [...has]), ...wanted)).toBe(expected);
  });

  it('knows the six roles of the issue', () => {
    expect([...ROLES].sort()).toEqual(['admin', 'analyst', 'integrator', 'operator', 'partner', 'registrar']);
  });
});

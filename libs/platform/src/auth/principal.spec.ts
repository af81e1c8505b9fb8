// Region scope and roles (DESIGN.md house rule 8): an operator of one kecamatan cannot read or change another's
// residents; admin may call every endpoint, but stays within its own region scope.
import { ProblemException } from '../errors/problem';
import { canAccessRegion, hasRole, overlapsRegion, placeOf, regionScopeConditions, requireRegencyScope, ROLES, type Principal, type Role } from './principal';

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

describe('requireRegencyScope: what acts on the whole regency needs a scope covering it', () => {
  const outcome = (regions: string[]): string => {
    try {
      requireRegencyScope(who(regions, ['registrar']), '5316', 'rebuilding the read models');
      return 'ok';
    } catch (error) {
      return error instanceof ProblemException ? `${error.status} ${error.code}` : String(error);
    }
  };

  it.each([
    [['*'], 'ok'],
    [['5316'], 'ok'],
    [['53'], 'ok'],
    [['531601', '5316'], 'ok'],
    [['531601'], '403 REGENCY_SCOPE_REQUIRED'],
    [['5316011003'], '403 REGENCY_SCOPE_REQUIRED'],
    [['531601', '531602', '531603', '531604', '531605', '531606', '531607'], '403 REGENCY_SCOPE_REQUIRED'],
    [['5371'], '403 REGENCY_SCOPE_REQUIRED'],
    [[], '403 REGENCY_SCOPE_REQUIRED'],
  ])('scope %j: %s', (regions, expected) => {
    expect(outcome(regions)).toBe(expected);
  });
});

describe('village scope (regions down to one desa, docs/integrators.md)', () => {
  it("places a record at its desa when it has one, else at its kecamatan", () => {
    expect(placeOf({ districtCode: '531601', villageCode: '5316012002' })).toBe('5316012002');
    expect(placeOf({ districtCode: '531601', villageCode: null })).toBe('531601');
    expect(placeOf({ districtCode: '531601' })).toBe('531601');
  });

  it.each([
    // scope, record, may access
    [['5316012002'], { districtCode: '531601', villageCode: '5316012002' }, true],
    [['5316012002'], { districtCode: '531601', villageCode: '5316011001' }, false],
    [['5316012002'], { districtCode: '531601', villageCode: null }, false],
    [['531601'], { districtCode: '531601', villageCode: '5316012002' }, true],
    [['5316'], { districtCode: '531601', villageCode: null }, true],
  ])('scope %j and a record at %j: %s', (regions, record, expected) => {
    expect(canAccessRegion(who(regions), placeOf(record))).toBe(expected);
  });

  it('turns the scope into query conditions: kecamatan prefixes on districtCode, longer ones on villageCode', () => {
    expect(regionScopeConditions(who(['*']))).toBeUndefined();
    expect(regionScopeConditions(who([]))).toEqual([]);
    expect(regionScopeConditions(who(['5316', '531601', '5316012002']))).toEqual([
      { districtCode: { $like: '5316%' } },
      { districtCode: { $like: '531601%' } },
      { villageCode: { $like: '5316012002%' } },
    ]);
    expect(regionScopeConditions(who(['53%', '5316_']))).toEqual([]);
  });

  it("overlaps the desa's kecamatan and regency, for filters that narrow a list; not another kecamatan", () => {
    expect(overlapsRegion(who(['5316012002']), '531601')).toBe(true);
    expect(overlapsRegion(who(['5316012002']), '5316')).toBe(true);
    expect(overlapsRegion(who(['5316012002']), '531602')).toBe(false);
    expect(overlapsRegion(who(['5316012002']), '5316011001')).toBe(false);
    expect(overlapsRegion(who(['531601']), '5316012002')).toBe(true);
    expect(overlapsRegion(who([]), '531601')).toBe(false);
  });
});

import {
  allowedResidentActions,
  applyResidentAction,
  foldResidentStatus,
  type ResidentAction,
  type ResidentResult,
  type ResidentStatusOptions,
  type ResidentStatusState,
} from './resident-status';

// Nagekeo (53.16): Labolewa and Mbay I are villages of Aesesa (53.16.01); Riti is in Nangaroro (53.16.02).
const NAGEKEO: ResidentStatusOptions = { regencyCode: '5316' };
const LABOLEWA = { districtCode: '531601', villageCode: '5316012002' };
const MBAY_I = { districtCode: '531601', villageCode: '5316011003' };
const RITI = { districtCode: '531602', villageCode: '5316022005' };
const at = (day: string, time = '09:00') => `${day}T${time}:00+08:00`;

const act = (type: string, when: string, payload?: object) => ({ type, at: when, by: 'op-mbay', ...(payload ? { payload } : {}) }) as ResidentAction;
const registered = act('REGISTER', at('2020-01-02'), LABOLEWA);

const value = (r: ResidentResult): ResidentStatusState => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.errors)}`);
  return r.value;
};
const codes = (r: ResidentResult) => (r.ok ? [] : r.errors.map((e) => e.code));

describe('opening a resident log', () => {
  it('REGISTER: alive at an address of the regency', () => {
    expect(value(foldResidentStatus([registered], NAGEKEO))).toMatchObject({
      status: 'ALIVE',
      since: at('2020-01-02'),
      origin: 'REGISTER',
      ...LABOLEWA,
      moves: [],
      allowedActions: ['MOVE_WITHIN', 'MOVE_OUT', 'DIE'],
      version: 1,
    });
  });

  it('MOVE_IN (datang) from another regency: the move is classified', () => {
    const fromKupang = value(foldResidentStatus([act('MOVE_IN', at('2024-07-01'), { fromRegionCode: '5371', ...RITI, movedOn: '2024-06-28', reference: 'SKPWNI/5371/2024/0042' })], NAGEKEO));
    expect(fromKupang).toMatchObject({
      status: 'ALIVE',
      origin: 'MOVE_IN',
      effectiveDate: '2024-06-28',
      moves: [{ type: 'MOVE_IN', kind: 'BETWEEN_REGENCIES', from: '5371', to: '5316022005', movedOn: '2024-06-28', reference: 'SKPWNI/5371/2024/0042' }],
    });
    const fromLombok = value(foldResidentStatus([act('MOVE_IN', at('2024-07-01'), { fromRegionCode: '5201', ...RITI })], NAGEKEO));
    expect(fromLombok.moves[0]?.kind).toBe('BETWEEN_PROVINCES');
  });

  it('refuses a move in from the regency itself, other first actions, and an empty log', () => {
    expect(codes(foldResidentStatus([act('MOVE_IN', at('2024-07-01'), { fromRegionCode: '531603', ...RITI })], NAGEKEO))).toEqual(['ORIGIN_INSIDE_REGENCY']);
    expect(foldResidentStatus([act('DIE', at('2024-07-01'), { dateOfDeath: '2024-06-30' })], NAGEKEO)).toMatchObject({ ok: false, errors: [{ code: 'OPENING_INVALID', actionIndex: 0 }] });
    expect(codes(foldResidentStatus([], NAGEKEO))).toEqual(['NO_ACTIONS']);
  });
});

describe('pindah within the regency: a new village or kecamatan, the same NIK (PP 37/2007 art. 37)', () => {
  it('changes the address and keeps the status and since', () => {
    const state = value(foldResidentStatus([registered, act('MOVE_WITHIN', at('2025-03-03'), RITI)], NAGEKEO));
    expect(state).toMatchObject({ status: 'ALIVE', since: at('2020-01-02'), ...RITI, effectiveDate: '2025-03-03' });
    expect(state.moves).toEqual([
      { type: 'MOVE_WITHIN', at: at('2025-03-03'), by: 'op-mbay', kind: 'BETWEEN_DISTRICTS', from: '5316012002', to: '5316022005', movedOn: '2025-03-03', reference: null },
    ]);
  });

  it.each([
    [MBAY_I, 'BETWEEN_VILLAGES'],
    [LABOLEWA, 'WITHIN_VILLAGE'],
  ])('classifies a move to %j as %s (Perpres 96/2018)', (to, kind) => {
    expect(value(foldResidentStatus([registered, act('MOVE_WITHIN', at('2025-03-03'), to)], NAGEKEO)).moves[0]?.kind).toBe(kind);
  });

  it.each([
    ['a kecamatan of another regency', { districtCode: '537101', villageCode: '5371011001' }, ['OUTSIDE_REGENCY']],
    ['a village of another kecamatan', { districtCode: '531601', villageCode: '5316022005' }, ['VILLAGE_NOT_IN_DISTRICT']],
    ['a kecamatan that does not exist', { districtCode: '531699', villageCode: '5316992001' }, ['REGION_UNKNOWN']],
    ['codes that are not codes', { districtCode: '53.16.01', villageCode: 5316012002 }, ['PAYLOAD_FIELD_INVALID', 'PAYLOAD_FIELD_INVALID']],
    ['no address', {}, ['PAYLOAD_FIELD_MISSING', 'PAYLOAD_FIELD_MISSING']],
    ['a move dated after the action', { ...RITI, movedOn: '2025-03-04' }, ['DATE_AFTER_ACTION']],
  ])('refuses %s', (_what, payload, expected) => {
    expect(codes(foldResidentStatus([registered, act('MOVE_WITHIN', at('2025-03-03'), payload)], NAGEKEO))).toEqual(expected);
  });

  it('checks villages with the lookup it is given', () => {
    const known = new Set(['5316012002', '5316022005']);
    const options = { regencyCode: '5316', isCurrentVillage: (code: string) => known.has(code) };
    expect(value(foldResidentStatus([registered, act('MOVE_WITHIN', at('2025-03-03'), RITI)], options)).villageCode).toBe('5316022005');
    expect(codes(foldResidentStatus([registered, act('MOVE_WITHIN', at('2025-03-03'), MBAY_I)], options))).toEqual(['REGION_UNKNOWN']);
  });
});

describe('pindah out of the regency and the return (UU 23/2006 art. 15)', () => {
  const movedOut = [registered, act('MOVE_OUT', at('2025-05-05'), { toRegionCode: '537101', movedOn: '2025-05-04' })];

  it('MOVE_OUT: moved out, keeping the last address, and only a return is possible', () => {
    const state = value(foldResidentStatus(movedOut, NAGEKEO));
    expect(state).toMatchObject({ status: 'MOVED_OUT', since: at('2025-05-05'), effectiveDate: '2025-05-04', movedOutTo: '537101', ...LABOLEWA, allowedActions: ['RETURN'] });
    expect(state.moves[0]).toMatchObject({ kind: 'BETWEEN_REGENCIES', from: '5316012002', to: '537101' });
  });

  it('refuses a destination inside the regency: that is MOVE_WITHIN', () => {
    expect(codes(foldResidentStatus([registered, act('MOVE_OUT', at('2025-05-05'), { toRegionCode: '531602' })], NAGEKEO))).toEqual(['DESTINATION_INSIDE_REGENCY']);
    expect(codes(foldResidentStatus([registered, act('MOVE_OUT', at('2025-05-05'), { toRegionCode: '5399' })], NAGEKEO))).toEqual(['REGION_UNKNOWN']);
  });

  it('RETURN: alive again at a new address; from where they went unless told', () => {
    const state = value(foldResidentStatus([...movedOut, act('RETURN', at('2026-01-10'), MBAY_I)], NAGEKEO));
    expect(state).toMatchObject({ status: 'ALIVE', since: at('2026-01-10'), movedOutTo: null, ...MBAY_I });
    expect(state.moves[1]).toMatchObject({ type: 'RETURN', from: '537101', to: '5316011003', kind: 'BETWEEN_REGENCIES' });
  });

  it('refuses a return of a resident who never left, and moves of one who has left', () => {
    expect(codes(foldResidentStatus([registered, act('RETURN', at('2026-01-10'), MBAY_I)], NAGEKEO))).toEqual(['ACTION_NOT_ALLOWED']);
    expect(codes(foldResidentStatus([...movedOut, act('MOVE_WITHIN', at('2026-01-10'), MBAY_I)], NAGEKEO))).toEqual(['ACTION_NOT_ALLOWED']);
  });
});

describe('death: a deceased resident changes only by the death deed', () => {
  const died = [registered, act('DIE', at('2026-11-03'), { dateOfDeath: '2026-11-01', reference: '5316-KM-03112026-0007' })];

  it('DIE: deceased, with the date of death', () => {
    const state = value(foldResidentStatus(died, NAGEKEO));
    expect(state).toMatchObject({ status: 'DECEASED', since: at('2026-11-03'), dateOfDeath: '2026-11-01', effectiveDate: '2026-11-01', allowedActions: ['ANNUL_DEATH', 'CORRECT_DEATH'] });
  });

  it.each([
    ['DIE', { dateOfDeath: '2026-11-01' }],
    ['MOVE_WITHIN', RITI],
    ['MOVE_OUT', { toRegionCode: '5371' }],
    ['RETURN', MBAY_I],
  ])('refuses %s afterwards with RESIDENT_DECEASED', (type, payload) => {
    const state = value(foldResidentStatus(died, NAGEKEO));
    expect(applyResidentAction(state, act(type, at('2026-11-04'), payload), NAGEKEO)).toMatchObject({ ok: false, errors: [{ code: 'RESIDENT_DECEASED', actionIndex: 2 }] });
  });

  it('ANNUL_DEATH (the death deed annulled by a court, UU 23/2006 art. 72): alive again at the last address, no date of death', () => {
    const annulled = value(foldResidentStatus([...died, act('ANNUL_DEATH', at('2026-12-09'), { reference: '5316-KM-03112026-0007; 88/Pdt.G/2026/PN Bjw' })], NAGEKEO));
    expect(annulled).toMatchObject({ status: 'ALIVE', since: at('2026-12-09'), dateOfDeath: null, effectiveDate: '2026-12-09', villageCode: '5316012002', allowedActions: ['MOVE_WITHIN', 'MOVE_OUT', 'DIE'] });
  });

  it('CORRECT_DEATH (the death deed corrected, art. 71): still deceased, since the death was recorded, with the corrected date', () => {
    const corrected = value(foldResidentStatus([...died, act('CORRECT_DEATH', at('2026-12-09'), { dateOfDeath: '2026-10-31', reference: '5316-KM-03112026-0007' })], NAGEKEO));
    expect(corrected).toMatchObject({ status: 'DECEASED', since: at('2026-11-03'), dateOfDeath: '2026-10-31', effectiveDate: '2026-10-31' });
  });

  it('needs the reference for both, and a date of death not after the action for a correction; neither applies to the living', () => {
    expect(codes(foldResidentStatus([...died, act('ANNUL_DEATH', at('2026-12-09'), {})], NAGEKEO))).toEqual(['PAYLOAD_FIELD_MISSING']);
    expect(codes(foldResidentStatus([...died, act('CORRECT_DEATH', at('2026-12-09'), { dateOfDeath: '2026-12-10', reference: 'x' })], NAGEKEO))).toEqual(['DATE_AFTER_ACTION']);
    expect(codes(foldResidentStatus([...died, act('CORRECT_DEATH', at('2026-12-09'), { dateOfDeath: '2026-10-31' })], NAGEKEO))).toEqual(['PAYLOAD_FIELD_MISSING']);
    expect(codes(foldResidentStatus([registered, act('ANNUL_DEATH', at('2026-12-09'), { reference: 'x' })], NAGEKEO))).toEqual(['ACTION_NOT_ALLOWED']);
  });

  it('needs the date of death, not after the action', () => {
    expect(codes(foldResidentStatus([registered, act('DIE', at('2026-11-03'))], NAGEKEO))).toEqual(['PAYLOAD_FIELD_MISSING']);
    expect(codes(foldResidentStatus([registered, act('DIE', at('2026-11-03'), { dateOfDeath: '2026-11-04' })], NAGEKEO))).toEqual(['DATE_AFTER_ACTION']);
  });
});

describe('the table of status → allowed actions', () => {
  it.each([
    [null, ['REGISTER', 'MOVE_IN']],
    ['ALIVE', ['MOVE_WITHIN', 'MOVE_OUT', 'DIE']],
    ['MOVED_OUT', ['RETURN']],
    ['DECEASED', ['ANNUL_DEATH', 'CORRECT_DEATH']],
    ['MISSING', []],
  ] as const)('%s allows %j', (status, expected) => {
    expect(allowedResidentActions(status as never)).toEqual(expected);
  });
});

describe('violations are values, all of them at once', () => {
  it('reports every problem of one action and of several actions', () => {
    const r = foldResidentStatus([registered, { type: 'MOVE_OUT', at: 'soon', payload: {} } as unknown as ResidentAction, act('RETURN', at('2026-01-10'), MBAY_I)], NAGEKEO);
    expect(r).toMatchObject({
      ok: false,
      errors: [
        { code: 'ACTION_TIME_INVALID', actionIndex: 1 },
        { code: 'ACTOR_INVALID', actionIndex: 1 },
        { code: 'PAYLOAD_FIELD_MISSING', actionIndex: 1 },
        { code: 'ACTION_NOT_ALLOWED', actionIndex: 2 },
      ],
    });
  });

  it.each([
    ['an unknown regency', () => foldResidentStatus([registered], { regencyCode: '5399' }), ['OPTIONS_INVALID']],
    ['a village lookup that is not a function', () => foldResidentStatus([registered], { regencyCode: '5316', isCurrentVillage: 'yes' as never }), ['OPTIONS_INVALID']],
    ['a village lookup that throws', () => foldResidentStatus([registered], { regencyCode: '5316', isCurrentVillage: () => { throw new Error('no data'); } }), ['REGION_UNKNOWN']],
    ['actions that are not a list', () => foldResidentStatus(null as unknown as ResidentAction[], NAGEKEO), ['ACTIONS_INVALID']],
    ['actions out of order', () => foldResidentStatus([registered, act('DIE', at('2019-12-31'), { dateOfDeath: '2019-12-30' })], NAGEKEO), ['ACTION_OUT_OF_ORDER']],
    ['a damaged state', () => applyResidentAction({ status: 'ALIVE', history: [] } as unknown as ResidentStatusState, act('DIE', at('2026-01-01'), { dateOfDeath: '2026-01-01' }), NAGEKEO), ['STATE_INVALID']],
  ])('%s', (_what, run, expected) => {
    expect(codes(run())).toEqual(expected);
  });
});

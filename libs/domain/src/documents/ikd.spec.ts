import { EKTP_STATUSES, type EktpStatus } from './ektp';
import {
  allowedIkdActions,
  applyIkdAction,
  foldIkd,
  IKD_ACTION_TYPES,
  IKD_EKTP_RECORDED_STATUSES,
  IKD_STATUSES,
  IKD_VIOLATION_CODES,
  type IkdAction,
  type IkdHolder,
  type IkdResult,
  type IkdState,
} from './ikd';

// Yohana, 36, recorded and issued her e-KTP years ago; she activates the IKD at the office, loses her phone, and
// activates it again on a new phone on an outreach visit to her village.
const yohana: IkdHolder = { birthDate: '1990-03-01', maritalStatus: 'KAWIN_TERCATAT', ektpStatus: 'ISSUED' };
const at = (day: string, time = '09:00') => `${day}T${time}:00+08:00`;
const asOf = { asOf: '2026-12-08' };
const VISIT = 'visit-labolewa-2026-12-07';

const act = (type: string, when: string, payload?: object) => ({ type, at: when, by: 'op-mbay', ...(payload ? { payload } : {}) }) as IkdAction;

const lifecycle: IkdAction[] = [
  act('ACTIVATE', at('2026-12-01')),
  act('DEACTIVATE', at('2026-12-03'), { reason: 'PHONE_LOST' }),
  act('REACTIVATE', at('2026-12-07'), { channel: 'OUTREACH', visitId: VISIT }),
];

const value = (r: IkdResult): IkdState => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.errors)}`);
  return r.value;
};
const codes = (r: IkdResult) => (r.ok ? [] : r.errors.map((e) => e.code));

describe('foldIkd without actions', () => {
  it('is NOT_ACTIVATED, and may be activated by a resident with a recorded e-KTP', () => {
    expect(value(foldIkd([], yohana, asOf))).toEqual({
      asOf: '2026-12-08',
      status: 'NOT_ACTIVATED',
      activations: [],
      deactivations: [],
      allowedActions: ['ACTIVATE'],
      version: 0,
      history: [],
    });
  });

  it.each(EKTP_STATUSES.map((s) => [s, IKD_EKTP_RECORDED_STATUSES.includes(s)] as const))('with an e-KTP %s, may be activated: %p', (ektpStatus, may) => {
    expect(value(foldIkd([], { ...yohana, ektpStatus: ektpStatus as EktpStatus }, asOf)).allowedActions).toEqual(may ? ['ACTIVATE'] : []);
  });

  it('offers nothing once the death is recorded', () => {
    const dead = { ...yohana, residentStatus: 'DECEASED', residentStatusSince: at('2026-12-05') } as const;
    expect(value(foldIkd([], dead, asOf)).allowedActions).toEqual([]);
  });
});

describe('every transition: activated, deactivated, activated again', () => {
  const state = value(foldIkd(lifecycle, yohana, asOf));

  it('derives the status, where each step was taken, and why it was deactivated', () => {
    expect(state).toMatchObject({
      status: 'ACTIVE',
      version: 3,
      allowedActions: ['DEACTIVATE'],
      activations: [
        { at: at('2026-12-01'), by: 'op-mbay', channel: 'OFFICE', visitId: null },
        { at: at('2026-12-07'), by: 'op-mbay', channel: 'OUTREACH', visitId: VISIT },
      ],
      deactivations: [{ at: at('2026-12-03'), by: 'op-mbay', channel: 'OFFICE', visitId: null, reason: 'PHONE_LOST' }],
    });
    expect(state.history.map((h) => [h.index, h.type, h.status])).toEqual([
      [0, 'ACTIVATE', 'ACTIVE'],
      [1, 'DEACTIVATE', 'DEACTIVATED'],
      [2, 'REACTIVATE', 'ACTIVE'],
    ]);
  });

  it.each(['PHONE_LOST', 'PHONE_CHANGED', 'RESIDENT_REQUEST', 'OTHER'])('deactivates for %s', (reason) => {
    const s = value(foldIkd([lifecycle[0] as IkdAction, act('DEACTIVATE', at('2026-12-02'), { reason })], yohana, asOf));
    expect([s.status, s.deactivations[0]?.reason, s.allowedActions]).toEqual(['DEACTIVATED', reason, ['REACTIVATE']]);
  });

  it('applyIkdAction gives the same state as folding the whole log', () => {
    let s = value(foldIkd([], yohana, asOf));
    for (const a of lifecycle) s = value(applyIkdAction(s, a, yohana, asOf));
    expect(s).toEqual(state);
  });

  it('allowedIkdActions reads the table', () => {
    expect(IKD_STATUSES.map((s) => allowedIkdActions(s))).toEqual([['ACTIVATE'], ['DEACTIVATE'], ['REACTIVATE']]);
    expect(allowedIkdActions('LOST' as never)).toEqual([]);
  });

  it('a deactivated IKD may still be activated again while the e-KTP is recorded, but not for a DEACTIVATE', () => {
    const deactivated = value(foldIkd(lifecycle.slice(0, 2), yohana, asOf));
    expect(deactivated.allowedActions).toEqual(['REACTIVATE']);
  });
});

describe('every refusal', () => {
  const active = value(foldIkd(lifecycle.slice(0, 1), yohana, asOf));
  const deactivated = value(foldIkd(lifecycle.slice(0, 2), yohana, asOf));
  const none = value(foldIkd([], yohana, asOf));

  it.each([
    ['ACTIVATE on an active IKD', active, act('ACTIVATE', at('2026-12-08'))],
    ['REACTIVATE on an active IKD', active, act('REACTIVATE', at('2026-12-08'))],
    ['ACTIVATE on a deactivated IKD (it is REACTIVATE)', deactivated, act('ACTIVATE', at('2026-12-08'))],
    ['DEACTIVATE on a deactivated IKD', deactivated, act('DEACTIVATE', at('2026-12-08'), { reason: 'OTHER' })],
    ['REACTIVATE on a never activated IKD', none, act('REACTIVATE', at('2026-12-08'))],
    ['DEACTIVATE on a never activated IKD', none, act('DEACTIVATE', at('2026-12-08'), { reason: 'OTHER' })],
  ])('%s: ACTION_NOT_ALLOWED', (_what, state, action) => {
    expect(codes(applyIkdAction(state, action, yohana, asOf))).toEqual(['ACTION_NOT_ALLOWED']);
  });

  it.each(EKTP_STATUSES.filter((s) => !IKD_EKTP_RECORDED_STATUSES.includes(s)))('no activation with an e-KTP %s: EKTP_NOT_RECORDED', (ektpStatus) => {
    const holder = { ...yohana, ektpStatus };
    expect(codes(foldIkd([act('ACTIVATE', at('2026-12-08'))], holder, asOf))).toEqual(['EKTP_NOT_RECORDED']);
    expect(codes(applyIkdAction(deactivated, act('REACTIVATE', at('2026-12-08')), holder, asOf))).toEqual(['EKTP_NOT_RECORDED']);
  });

  it('a DEACTIVATE needs no e-KTP check (only an active IKD can be deactivated)', () => {
    const holder = { ...yohana, ektpStatus: 'NOT_RECORDED' as const };
    expect(value(applyIkdAction(active, act('DEACTIVATE', at('2026-12-08'), { reason: 'RESIDENT_REQUEST' }), holder, asOf)).status).toBe('DEACTIVATED');
  });

  it('nothing at or after the death or the move out is recorded; earlier actions stand', () => {
    const dead = { ...yohana, residentStatus: 'DECEASED', residentStatusSince: at('2026-12-02') } as const;
    // The refused DEACTIVATE is skipped: the IKD stays ACTIVE, so the REACTIVATE after it is out of order too.
    expect(codes(foldIkd(lifecycle, dead, asOf))).toEqual(['RESIDENT_DECEASED', 'RESIDENT_DECEASED', 'ACTION_NOT_ALLOWED']);
    expect(value(foldIkd(lifecycle.slice(0, 1), dead, asOf))).toMatchObject({ status: 'ACTIVE', allowedActions: [] });
    const moved = { ...yohana, residentStatus: 'MOVED_OUT', residentStatusSince: at('2026-11-30') } as const;
    expect(codes(foldIkd(lifecycle.slice(0, 1), moved, asOf))).toEqual(['RESIDENT_MOVED_OUT']);
  });

  it('DEACTIVATE needs a known reason; reason is only for DEACTIVATE', () => {
    expect(codes(applyIkdAction(active, act('DEACTIVATE', at('2026-12-08')), yohana, asOf))).toEqual(['PAYLOAD_FIELD_MISSING']);
    expect(codes(applyIkdAction(active, act('DEACTIVATE', at('2026-12-08'), { reason: 'STOLEN' }), yohana, asOf))).toEqual(['PAYLOAD_FIELD_INVALID']);
    expect(codes(applyIkdAction(none, act('ACTIVATE', at('2026-12-08'), { reason: 'OTHER' }), yohana, asOf))).toEqual(['PAYLOAD_FIELD_INVALID']);
  });

  it('channel is OFFICE or OUTREACH, and a visit only with OUTREACH', () => {
    expect(codes(applyIkdAction(none, act('ACTIVATE', at('2026-12-08'), { channel: 'ONLINE' }), yohana, asOf))).toEqual(['PAYLOAD_FIELD_INVALID']);
    expect(codes(applyIkdAction(none, act('ACTIVATE', at('2026-12-08'), { visitId: VISIT }), yohana, asOf))).toEqual(['PAYLOAD_FIELD_INVALID']);
    expect(codes(applyIkdAction(none, act('ACTIVATE', at('2026-12-08'), { channel: 'OUTREACH', visitId: '' }), yohana, asOf))).toEqual(['PAYLOAD_FIELD_INVALID']);
    expect(codes(applyIkdAction(none, act('ACTIVATE', at('2026-12-08'), 'x' as never), yohana, asOf))).toEqual(['PAYLOAD_FIELD_INVALID']);
  });

  it('the shared checks of every action log: type, time, order, actor, reference date', () => {
    expect(codes(applyIkdAction(none, act('PRINT', at('2026-12-08')), yohana, asOf))).toEqual(['ACTION_INVALID']);
    expect(codes(applyIkdAction(none, act('ACTIVATE', 'yesterday'), yohana, asOf))).toEqual(['ACTION_TIME_INVALID']);
    expect(codes(applyIkdAction(active, act('DEACTIVATE', at('2026-11-30'), { reason: 'OTHER' }), yohana, asOf))).toEqual(['ACTION_OUT_OF_ORDER']);
    expect(codes(applyIkdAction(none, { ...act('ACTIVATE', at('2026-12-08')), by: '' }, yohana, asOf))).toEqual(['ACTOR_INVALID']);
    expect(codes(applyIkdAction(none, act('ACTIVATE', at('2026-12-09')), yohana, asOf))).toEqual(['ACTION_AFTER_AS_OF']);
    expect(codes(applyIkdAction(none, 7 as never, yohana, asOf))).toEqual(['ACTION_INVALID']);
  });

  it('reports every violation of a log at once, with the position of each action', () => {
    const r = foldIkd([act('REACTIVATE', at('2026-12-01')), act('ACTIVATE', at('2026-12-02')), act('ACTIVATE', at('2026-12-03'))], yohana, asOf);
    expect(r.ok ? [] : r.errors.map((e) => [e.code, e.actionIndex])).toEqual([
      ['ACTION_NOT_ALLOWED', 0],
      ['ACTION_NOT_ALLOWED', 2],
    ]);
  });

  it('checks its inputs: the holder (with its e-KTP status), the reference date, the list, the state', () => {
    expect(codes(foldIkd([], { ...yohana, ektpStatus: 'LOST' as never }, asOf))).toEqual(['HOLDER_INVALID']);
    expect(codes(foldIkd([], { birthDate: '1990-03-01', maritalStatus: 'KAWIN_TERCATAT' } as never, asOf))).toEqual(['HOLDER_INVALID']);
    expect(codes(foldIkd([], null as never, asOf))).toEqual(['HOLDER_INVALID']);
    expect(codes(foldIkd([], yohana, { asOf: '2026-02-30' }))).toEqual(['AS_OF_INVALID']);
    expect(codes(foldIkd('ACTIVATE' as never, yohana, asOf))).toEqual(['ACTIONS_INVALID']);
    expect(codes(applyIkdAction({ status: 'ACTIVE' } as never, act('DEACTIVATE', at('2026-12-08'), { reason: 'OTHER' }), yohana, asOf))).toEqual(['STATE_INVALID']);
  });

  it('every code it reports is in IKD_VIOLATION_CODES, and every action type in IKD_ACTION_TYPES', () => {
    expect(IKD_VIOLATION_CODES).toContain('EKTP_NOT_RECORDED');
    expect(IKD_ACTION_TYPES).toEqual(['ACTIVATE', 'DEACTIVATE', 'REACTIVATE']);
  });
});

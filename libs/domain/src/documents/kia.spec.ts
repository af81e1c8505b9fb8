import type { DocumentHolder } from './action-log';
import { allowedKiaActions, applyKiaAction, foldKia, KIA_STATUSES, type KiaAction, type KiaResult, type KiaState, type KiaStatus } from './kia';

// Yosef, born 10 March 2022: a KIA UNDER_5 until 9 March 2027, then FROM_5_TO_UNDER_17 until 9 March 2039
// (Permendagri 2/2016).
const yosef: DocumentHolder = { birthDate: '2022-03-10', maritalStatus: 'BELUM_KAWIN' };
const at = (day: string, time = '09:00') => `${day}T${time}:00+08:00`;

const print = (when: string, kiaType: string) => ({ type: 'PRINT', at: when, by: 'op-mbay', payload: { kiaType } }) as KiaAction;
const issue = (when: string, payload?: object) => ({ type: 'ISSUE', at: when, by: 'op-mbay', ...(payload ? { payload } : {}) }) as KiaAction;
const reissue = (when: string, payload: object) => ({ type: 'REISSUE', at: when, by: 'op-mbay', payload }) as KiaAction;

const firstCard = [print(at('2025-01-06'), 'UNDER_5'), issue(at('2025-01-08'), { channel: 'OUTREACH', visitId: 'visit-2025-01-08' })];

const value = (r: KiaResult): KiaState => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.errors)}`);
  return r.value;
};
const codes = (r: KiaResult) => (r.ok ? [] : r.errors.map((e) => e.code));

describe('a child without a KIA', () => {
  it('is NOT_ISSUED, eligible for the type of their age', () => {
    const state = value(foldKia([], yosef, { asOf: '2026-11-27' }));
    expect(state).toMatchObject({
      status: 'NOT_ISSUED',
      eligibility: { eligible: true, type: 'UNDER_5', validUntil: '2027-03-09' },
      card: null,
      expiry: null,
      allowedActions: ['PRINT'],
      version: 0,
    });
  });
});

describe('issue by type (Permendagri 2/2016)', () => {
  it('prints an UNDER_5 card valid until the day before the 5th birthday, and hands it over on a visit', () => {
    const state = value(foldKia(firstCard, yosef, { asOf: '2026-11-27' }));
    expect(state).toMatchObject({
      status: 'ISSUED',
      card: { kiaType: 'UNDER_5', printedAt: at('2025-01-06'), validUntil: '2027-03-09', issuedAt: at('2025-01-08'), issuedChannel: 'OUTREACH', reissueReason: null },
      allowedActions: ['REISSUE'],
      version: 2,
    });
    expect(state.history.map((h) => [h.type, h.status])).toEqual([
      ['PRINT', 'PRINTED'],
      ['ISSUE', 'ISSUED'],
    ]);
  });

  it("refuses a type that is not the child's on the day", () => {
    expect(foldKia([print(at('2025-01-06'), 'FROM_5_TO_UNDER_17')], yosef, { asOf: '2026-11-27' })).toMatchObject({
      ok: false,
      errors: [{ code: 'KIA_TYPE_MISMATCH', actionIndex: 0 }],
    });
    expect(codes(foldKia([print(at('2025-01-06'), 'UNDER_3')], yosef, { asOf: '2026-11-27' }))).toEqual(['PAYLOAD_FIELD_INVALID']);
    expect(codes(foldKia([{ type: 'PRINT', at: at('2025-01-06'), by: 'op' } as KiaAction], yosef, { asOf: '2026-11-27' }))).toEqual(['PAYLOAD_FIELD_MISSING']);
  });

  it('is the same as applying the actions one by one to the empty state', () => {
    const options = { asOf: '2026-11-27' };
    let current: KiaResult = foldKia([], yosef, options);
    for (const action of firstCard) current = applyKiaAction(value(current), action, yosef, options);
    expect(current).toEqual(foldKia(firstCard, yosef, options));
  });
});

describe('expiry as the child ages: derived as of a date, never an action', () => {
  it('the UNDER_5 card ends at 5; a FROM_5_TO_UNDER_17 card is printed next', () => {
    expect(value(foldKia(firstCard, yosef, { asOf: '2027-03-09' })).status).toBe('ISSUED');
    const expired = value(foldKia(firstCard, yosef, { asOf: '2027-03-10' }));
    expect(expired).toMatchObject({ status: 'EXPIRED', expiry: 'TYPE_ENDED', allowedActions: ['PRINT'], eligibility: { type: 'FROM_5_TO_UNDER_17' } });
    const next = value(foldKia([...firstCard, print(at('2027-04-01'), 'FROM_5_TO_UNDER_17'), issue(at('2027-04-03'))], yosef, { asOf: '2027-05-01' }));
    expect(next).toMatchObject({ status: 'ISSUED', card: { kiaType: 'FROM_5_TO_UNDER_17', validUntil: '2039-03-09' }, expiry: null });
    expect(next.cards.map((c) => c.kiaType)).toEqual(['UNDER_5', 'FROM_5_TO_UNDER_17']);
  });

  it('a card printed before the 5th birthday and not handed over in time cannot be issued', () => {
    const log = [print(at('2027-03-01'), 'UNDER_5'), issue(at('2027-03-10'))];
    expect(foldKia(log, yosef, { asOf: '2027-03-10' })).toMatchObject({ ok: false, errors: [{ code: 'ACTION_NOT_ALLOWED', actionIndex: 1 }] });
  });

  it('at 17 the KIA ends for good: the child is wajib KTP (UU 24/2013 art. 63(1))', () => {
    const log = [print(at('2027-04-01'), 'FROM_5_TO_UNDER_17'), issue(at('2027-04-03'))];
    const state = value(foldKia(log, yosef, { asOf: '2039-03-10' }));
    expect(state).toMatchObject({ status: 'EXPIRED', expiry: 'AGE_17', eligibility: { eligible: false, reason: 'AGE_17_OR_OVER' }, allowedActions: [] });
    expect(codes(applyKiaAction(state, print(at('2039-03-10'), 'FROM_5_TO_UNDER_17'), yosef, { asOf: '2039-03-10' }))).toEqual(['KIA_NOT_ELIGIBLE']);
  });

  it('a child who marries loses the KIA; an unknown marriage date keeps the history valid', () => {
    const married: DocumentHolder = { birthDate: '2010-05-01', maritalStatus: 'KAWIN_TERCATAT' };
    const log = [print(at('2016-01-04'), 'FROM_5_TO_UNDER_17'), issue(at('2016-01-05'))];
    const state = value(foldKia(log, married, { asOf: '2026-11-27' }));
    expect(state).toMatchObject({ status: 'EXPIRED', expiry: 'MARRIED', eligibility: { eligible: false, reason: 'EVER_MARRIED' }, allowedActions: [] });
    expect(codes(applyKiaAction(state, reissue(at('2026-11-27'), { kiaType: 'FROM_5_TO_UNDER_17', reason: 'LOST' }), married, { asOf: '2026-11-27' }))).toEqual([
      'ACTION_NOT_ALLOWED',
      'KIA_NOT_ELIGIBLE',
    ]);
  });

  it('with the marriage date known, a card printed after it is refused', () => {
    const married: DocumentHolder = { birthDate: '2010-05-01', maritalStatus: 'KAWIN_BELUM_TERCATAT', marriedOn: '2026-06-01' };
    expect(codes(foldKia([print(at('2026-07-01'), 'FROM_5_TO_UNDER_17')], married, { asOf: '2026-11-27' }))).toEqual(['KIA_NOT_ELIGIBLE']);
    expect(value(foldKia([print(at('2026-05-01'), 'FROM_5_TO_UNDER_17')], married, { asOf: '2026-05-31' })).status).toBe('PRINTED');
  });
});

describe('reissue after loss or damage', () => {
  it("prints a new card of the child's type on the day, keeping the first", () => {
    const log = [...firstCard, reissue(at('2026-02-02'), { kiaType: 'UNDER_5', reason: 'LOST', reference: 'SKKH/7/II/2026' }), issue(at('2026-02-03'))];
    const state = value(foldKia(log, yosef, { asOf: '2026-11-27' }));
    expect(state).toMatchObject({ status: 'ISSUED', card: { reissueReason: 'LOST', reference: 'SKKH/7/II/2026', issuedChannel: 'OFFICE' } });
    expect(state.cards).toHaveLength(2);
  });

  it('needs a reason, and a card that was handed over', () => {
    expect(codes(foldKia([...firstCard, reissue(at('2026-02-02'), { kiaType: 'UNDER_5' })], yosef, { asOf: '2026-11-27' }))).toEqual(['PAYLOAD_FIELD_MISSING']);
    expect(codes(foldKia([firstCard[0] as KiaAction, reissue(at('2026-02-02'), { kiaType: 'UNDER_5', reason: 'DAMAGED' })], yosef, { asOf: '2026-11-27' }))).toEqual([
      'ACTION_NOT_ALLOWED',
    ]);
  });
});

describe("the child's own status", () => {
  it('refuses any action once the death is recorded, keeping the history', () => {
    const deceased: DocumentHolder = { ...yosef, residentStatus: 'DECEASED', residentStatusSince: at('2026-03-01') };
    const state = value(foldKia(firstCard, deceased, { asOf: '2026-11-27' }));
    expect([state.status, state.allowedActions]).toEqual(['ISSUED', []]);
    expect(codes(applyKiaAction(state, reissue(at('2026-11-27'), { kiaType: 'UNDER_5', reason: 'LOST' }), deceased, { asOf: '2026-11-27' }))).toEqual(['RESIDENT_DECEASED']);
  });
});

describe('the table of status → allowed actions', () => {
  it.each([
    ['NOT_ISSUED', ['PRINT']],
    ['PRINTED', ['ISSUE']],
    ['ISSUED', ['REISSUE']],
    ['EXPIRED', ['PRINT']],
  ] as const)('%s allows %j', (status, expected) => {
    expect(allowedKiaActions(status)).toEqual(expected);
  });

  it('covers every status, and answers an empty list for an unknown one', () => {
    expect(KIA_STATUSES).toHaveLength(4);
    expect(allowedKiaActions('LOST' as KiaStatus)).toEqual([]);
  });
});

describe('violations are values, all of them at once', () => {
  it('reports every problem of one action and of several actions', () => {
    const bad = { type: 'PRINT', at: 'yesterday', payload: { kiaType: 'UNDER_5' } } as unknown as KiaAction;
    expect(codes(foldKia([bad, issue(at('2025-01-08'))], yosef, { asOf: '2026-11-27' }))).toEqual(['ACTION_TIME_INVALID', 'ACTOR_INVALID', 'ACTION_NOT_ALLOWED']);
  });

  it.each([
    ['a print before the birth', () => foldKia([print('2022-03-09', 'UNDER_5')], yosef, { asOf: '2026-11-27' }), ['KIA_NOT_ELIGIBLE']],
    ['an action after the reference date', () => foldKia([print('2026-11-28', 'UNDER_5')], yosef, { asOf: '2026-11-27' }), ['ACTION_AFTER_AS_OF']],
    ['actions out of order', () => foldKia([print(at('2025-01-06'), 'UNDER_5'), issue(at('2025-01-05'))], yosef, { asOf: '2026-11-27' }), ['ACTION_OUT_OF_ORDER']],
    ['a visit id for an office hand-over', () => foldKia([print(at('2025-01-06'), 'UNDER_5'), issue(at('2025-01-07'), { visitId: 'v-1' })], yosef, { asOf: '2026-11-27' }), ['PAYLOAD_FIELD_INVALID']],
    ['actions that are not a list', () => foldKia({} as unknown as KiaAction[], yosef, { asOf: '2026-11-27' }), ['ACTIONS_INVALID']],
    ['a damaged state', () => applyKiaAction({ status: 'NOT_ISSUED' } as unknown as KiaState, print(at('2025-01-06'), 'UNDER_5'), yosef, { asOf: '2026-11-27' }), ['STATE_INVALID']],
    ['a marriage date for a child who never married', () => foldKia([], { ...yosef, marriedOn: '2026-01-01' }, { asOf: '2026-11-27' }), ['HOLDER_INVALID']],
  ])('%s', (_what, run, expected) => {
    expect(codes(run())).toEqual(expected);
  });
});

// Properties of the deed lifecycle (fast-check): from any reachable status only the table's actions are
// accepted; the fold is deterministic, equal to applying the actions one by one, and sensitive to order; and
// whatever it is given, it returns violations instead of throwing.
import fc from 'fast-check';
import { addDays, parseIsoDate, ymdToIso } from '../calendar';
import { DEED_TYPES, type DeedType } from './deed-types';
import { DOCUMENT_REQUIREMENTS, type DocumentKind } from './documents';
import {
  allowedActions,
  applyAction,
  DEED_ACTION_TYPES,
  DEED_VIOLATION_CODES,
  foldDeed,
  type DeedAction,
  type DeedActionType,
  type DeedResult,
  type DeedState,
} from './lifecycle';

const EVENT_DATE = '2026-01-01';

/** A complete set of documents: the usual document of every requirement, as many times as it needs. */
const completeDocuments = (deedType: DeedType): DocumentKind[] =>
  DOCUMENT_REQUIREMENTS[deedType].flatMap((r) => Array.from({ length: r.count }, () => r.anyOf[0] as DocumentKind));

/** A well-formed action of the given type on day `day` after the event, by a role allowed to take it. */
function wellFormed(deedType: DeedType, type: DeedActionType, day: number): DeedAction {
  const at = `${ymdToIso(addDays(parseIsoDate(EVENT_DATE) as number, day))}T09:00:00+08:00`;
  switch (type) {
    case 'NOTIFY':
      return { type, at, actor: { role: 'PARTNER' }, payload: { eventDate: EVENT_DATE, partnerKind: 'HEALTH_POST' } };
    case 'SUBMIT':
      return { type, at, actor: { role: 'OPERATOR' }, payload: { eventDate: EVENT_DATE, documents: completeDocuments(deedType) } };
    case 'VERIFY':
      return { type, at, actor: { role: 'OPERATOR' } };
    case 'REJECT':
      return { type, at, actor: { role: 'OPERATOR' }, payload: { reason: 'data differs from the KK' } };
    case 'REGISTER':
      return { type, at, actor: { role: 'REGISTRAR' }, payload: { deedNumber: `5316-X-${day}`, headDecision: { number: 'HD-1', date: EVENT_DATE } } };
    case 'RECORD':
      return { type, at, actor: { role: 'REGISTRAR' }, payload: {} };
    case 'ISSUE':
      return { type, at, actor: { role: 'OPERATOR' } };
    case 'CORRECT':
      return { type, at, actor: { role: 'REGISTRAR' }, payload: { changes: [{ field: 'name', from: 'a', to: 'b' }], reason: 'typo' } };
    case 'ANNUL':
      return { type, at, actor: { role: 'REGISTRAR' }, payload: { courtDecision: { number: '1/Pdt.P/2026/PN Bjw', finalOn: EVENT_DATE } } };
    case 'ARCHIVE':
      return { type, at, actor: { role: 'OPERATOR' }, payload: { reason: 'withdrawn' } };
  }
}

/** A valid action log: a random walk through the table, the choices picking among the allowed actions. */
function walk(deedType: DeedType, choices: readonly number[]): { actions: DeedAction[]; states: DeedState[] } {
  const actions: DeedAction[] = [];
  const states: DeedState[] = [];
  let state: DeedState | null = null;
  for (const choice of choices) {
    const allowed = allowedActions(state?.status ?? null, deedType);
    if (allowed.length === 0) break;
    const action = wellFormed(deedType, allowed[choice % allowed.length] as DeedActionType, actions.length + 1);
    const result: DeedResult = state === null ? applyAction(deedType, action) : applyAction(state, action);
    if (!result.ok) throw new Error(`the walk produced an invalid action: ${JSON.stringify(result.errors)}`);
    actions.push(action);
    states.push(result.value);
    state = result.value;
  }
  return { actions, states };
}

const deedType = fc.constantFrom(...DEED_TYPES);
const choices = fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 14 });

describe('deed lifecycle properties', () => {
  it('from any reachable status, exactly the actions of the table are accepted', () => {
    fc.assert(
      fc.property(deedType, choices, (type, picks) => {
        const { states } = walk(type, picks);
        const reachable: (DeedState | null)[] = [null, ...states];
        reachable.forEach((state, i) => {
          const allowed = allowedActions(state?.status ?? null, type);
          for (const actionType of DEED_ACTION_TYPES) {
            const action = wellFormed(type, actionType, i + 1);
            const result = state === null ? applyAction(type, action) : applyAction(state, action);
            expect(result.ok).toBe(allowed.includes(actionType));
            if (!result.ok) expect(result.errors.map((e) => e.code)).toEqual([state === null ? 'OPENING_INVALID' : 'ACTION_NOT_ALLOWED']);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('the fold is deterministic and equals applying the actions one by one', () => {
    fc.assert(
      fc.property(deedType, choices, (type, picks) => {
        const { actions, states } = walk(type, picks);
        const once = foldDeed(type, actions);
        expect(foldDeed(type, actions)).toEqual(once);
        expect(once).toEqual({ ok: true, value: states[states.length - 1], warnings: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('the fold is order-sensitive: swapping two different actions (times kept in place) changes the outcome', () => {
    fc.assert(
      fc.property(deedType, fc.array(fc.nat({ max: 1000 }), { minLength: 2, maxLength: 14 }), fc.nat(), (type, picks, where) => {
        const { actions } = walk(type, picks);
        const pairs = actions.slice(1).map((_, i) => i).filter((i) => actions[i]?.type !== actions[i + 1]?.type);
        fc.pre(pairs.length > 0);
        const i = pairs[where % pairs.length] as number;
        const swapped = [...actions];
        const [a, b] = [actions[i] as DeedAction, actions[i + 1] as DeedAction];
        swapped[i] = { ...b, at: a.at } as DeedAction;
        swapped[i + 1] = { ...a, at: b.at } as DeedAction;
        expect(foldDeed(type, swapped)).not.toEqual(foldDeed(type, actions));
      }),
      { numRuns: 300 },
    );
  });

  it('an action outside the table, appended to any valid log, is reported with its position', () => {
    fc.assert(
      fc.property(deedType, choices, fc.constantFrom(...DEED_ACTION_TYPES), (type, picks, extra) => {
        const { actions, states } = walk(type, picks);
        const last = states[states.length - 1] as DeedState;
        fc.pre(!allowedActions(last.status, type).includes(extra));
        const result = foldDeed(type, [...actions, wellFormed(type, extra, actions.length + 1)]);
        expect(result).toEqual({
          ok: false,
          errors: [{ code: 'ACTION_NOT_ALLOWED', message: expect.any(String), actionIndex: actions.length }],
        });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws: anything in, a result with known violation codes out', () => {
    const anyAction = fc.oneof(
      fc.anything(),
      fc.record({
        type: fc.oneof(fc.constantFrom(...DEED_ACTION_TYPES), fc.anything()),
        at: fc.oneof(fc.constant('2026-01-02'), fc.string(), fc.anything()),
        actor: fc.oneof(fc.record({ role: fc.oneof(fc.constantFrom('PARTNER', 'OPERATOR', 'REGISTRAR'), fc.anything()) }), fc.anything()),
        payload: fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom('eventDate', 'documents', 'reason', 'deedNumber', 'changes', 'courtDecision', 'headDecision', 'partnerKind'), fc.anything())),
      }),
    );
    fc.assert(
      fc.property(fc.oneof(deedType, fc.anything()), fc.oneof(fc.array(anyAction, { maxLength: 8 }), fc.anything()), (type, actions) => {
        const result = foldDeed(type as DeedType, actions as DeedAction[]);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const e of result.errors) expect(DEED_VIOLATION_CODES).toContain(e.code);
        }
        const step = applyAction(type as DeedType, (Array.isArray(actions) ? actions[0] : actions) as DeedAction);
        expect(typeof step.ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });

  it('applyAction never throws on a damaged state either', () => {
    fc.assert(
      fc.property(deedType, choices, fc.anything(), fc.constantFrom('history', 'status', 'eventDate', 'reportedOn', 'corrections'), (type, picks, junk, field) => {
        const { states } = walk(type, picks);
        const damaged = { ...(states[states.length - 1] as DeedState), [field]: junk } as DeedState;
        for (const actionType of DEED_ACTION_TYPES) {
          const result = applyAction(damaged, wellFormed(type, actionType, 30));
          expect(typeof result.ok).toBe('boolean');
        }
      }),
      { numRuns: 300 },
    );
  });
});

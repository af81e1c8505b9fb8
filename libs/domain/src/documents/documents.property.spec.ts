// Properties of the e-KTP, KIA and resident status lifecycles (fast-check): on any reachable state, on the day
// of the next action, exactly the actions the state lists as allowed are accepted; the fold is deterministic and
// equal to applying the actions one by one; an action outside the table is reported with its position; and
// whatever they are given, the folds return violations instead of throwing.
import fc from 'fast-check';
import { addDays, parseIsoDate, ymdToIso } from '../calendar';
import { kiaEligibility } from '../people/age';
import type { DocumentHolder } from './action-log';
import { applyEktpAction, EKTP_ACTION_TYPES, EKTP_VIOLATION_CODES, foldEktp, type EktpAction, type EktpActionType, type EktpState } from './ektp';
import { applyKiaAction, foldKia, KIA_ACTION_TYPES, KIA_VIOLATION_CODES, type KiaAction, type KiaActionType, type KiaState } from './kia';
import {
  allowedResidentActions,
  applyResidentAction,
  foldResidentStatus,
  RESIDENT_ACTION_TYPES,
  RESIDENT_VIOLATION_CODES,
  type ResidentAction,
  type ResidentActionType,
  type ResidentStatusState,
} from './resident-status';

const START = parseIsoDate('2020-01-01') as number;
const dayOf = (n: number) => ymdToIso(addDays(START, n));
const instant = (n: number) => `${dayOf(n)}T09:00:00+08:00`;

/** A holder: born between 2000 and 2017, never married or married (date unknown, or known). */
const holderArb: fc.Arbitrary<DocumentHolder> = fc
  .record({
    born: fc.integer({ min: 0, max: 365 * 17 }),
    marital: fc.constantFrom('BELUM_KAWIN', 'KAWIN_TERCATAT', 'CERAI_MATI'),
    marriedAfter: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }),
  })
  .map(({ born, marital, marriedAfter }) => {
    const birthDate = ymdToIso(addDays(parseIsoDate('2000-01-01') as number, born));
    const holder = { birthDate, maritalStatus: marital } as DocumentHolder;
    return marital !== 'BELUM_KAWIN' && marriedAfter !== undefined ? { ...holder, marriedOn: dayOf(marriedAfter) } : holder;
  });

/** Days between actions: several in a row on one day, or years apart (the KIA's types change). */
const gaps = fc.array(fc.integer({ min: 0, max: 700 }), { minLength: 1, maxLength: 12 });
const choices = fc.array(fc.nat({ max: 1000 }), { minLength: 12, maxLength: 12 });

// ---- e-KTP -------------------------------------------------------------------------------------------

function ektpAction(type: EktpActionType, n: number): EktpAction {
  const base = { type, at: instant(n), by: 'op-1' };
  switch (type) {
    case 'RECORD_BIOMETRICS':
      return { ...base, type, payload: { place: 'Kantor Dukcapil', channel: 'OUTREACH', visitId: 'v-1' } };
    case 'PRINT_FAILED':
      return { ...base, type, payload: { reason: 'printer jam' } };
    case 'REPORT_LOST':
      return { ...base, type, payload: { reference: 'police letter' } };
    default:
      return base as EktpAction;
  }
}

/** A valid e-KTP log: on each day, one of the actions allowed on that day (if any). */
function ektpWalk(holder: DocumentHolder, days: readonly number[], picks: readonly number[]) {
  const actions: EktpAction[] = [];
  let n = 0;
  days.forEach((gap, i) => {
    n += gap;
    const state = foldEktp(actions, holder, { asOf: dayOf(n) });
    if (!state.ok) throw new Error(JSON.stringify(state.errors));
    const allowed = state.value.allowedActions;
    if (allowed.length > 0) actions.push(ektpAction(allowed[(picks[i] ?? 0) % allowed.length] as EktpActionType, n));
  });
  return { actions, lastDay: n };
}

describe('e-KTP lifecycle properties', () => {
  it('on the day of the next action, exactly the allowed actions are accepted', () => {
    fc.assert(
      fc.property(holderArb, gaps, choices, fc.integer({ min: 0, max: 400 }), (holder, days, picks, extra) => {
        const { actions, lastDay } = ektpWalk(holder, days, picks);
        const day = lastDay + extra;
        const state = foldEktp(actions, holder, { asOf: dayOf(day) });
        if (!state.ok) throw new Error(JSON.stringify(state.errors));
        for (const type of EKTP_ACTION_TYPES) {
          const result = applyEktpAction(state.value, ektpAction(type, day), holder, { asOf: dayOf(day) });
          expect(result.ok).toBe(state.value.allowedActions.includes(type));
          if (!result.ok) expect(result.errors.map((e) => e.code)).toEqual([type === 'RECORD_BIOMETRICS' && state.value.status === 'NOT_YET_COMPULSORY' ? 'NOT_WAJIB_KTP' : 'ACTION_NOT_ALLOWED']);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the fold is deterministic and equals applying the actions one by one', () => {
    fc.assert(
      fc.property(holderArb, gaps, choices, (holder, days, picks) => {
        const { actions, lastDay } = ektpWalk(holder, days, picks);
        const options = { asOf: dayOf(lastDay) };
        let step = foldEktp([], holder, options);
        for (const action of actions) step = step.ok ? applyEktpAction(step.value, action, holder, options) : step;
        expect(foldEktp(actions, holder, options)).toEqual(step);
        expect(foldEktp(actions, holder, options)).toEqual(foldEktp(actions, holder, options));
        expect(step.ok && step.value.version).toBe(actions.length);
      }),
      { numRuns: 200 },
    );
  });

  it('an action outside the table, appended to any valid log, is reported with its position', () => {
    fc.assert(
      fc.property(holderArb, gaps, choices, fc.constantFrom(...EKTP_ACTION_TYPES), (holder, days, picks, extra) => {
        const { actions, lastDay } = ektpWalk(holder, days, picks);
        const state = foldEktp(actions, holder, { asOf: dayOf(lastDay) });
        fc.pre(state.ok && !(state.value as EktpState).allowedActions.includes(extra));
        const result = foldEktp([...actions, ektpAction(extra, lastDay)], holder, { asOf: dayOf(lastDay) });
        expect(result).toMatchObject({ ok: false, errors: [{ actionIndex: actions.length }] });
      }),
      { numRuns: 200 },
    );
  });

  it('never throws: anything in, a result with known violation codes out', () => {
    const anyAction = fc.oneof(
      fc.anything(),
      fc.record({
        type: fc.oneof(fc.constantFrom(...EKTP_ACTION_TYPES), fc.anything()),
        at: fc.oneof(fc.constant('2027-01-02'), fc.string(), fc.anything()),
        by: fc.oneof(fc.constant('op'), fc.anything()),
        payload: fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom('place', 'channel', 'visitId', 'reason', 'reference'), fc.anything())),
      }),
    );
    fc.assert(
      fc.property(fc.oneof(holderArb, fc.anything()), fc.oneof(fc.array(anyAction, { maxLength: 8 }), fc.anything()), fc.anything(), (holder, actions, asOf) => {
        for (const options of [{ asOf: '2027-06-01' }, { asOf }]) {
          const result = foldEktp(actions as EktpAction[], holder as DocumentHolder, options as { asOf: string });
          if (!result.ok) for (const e of result.errors) expect(EKTP_VIOLATION_CODES).toContain(e.code);
          else expect(result.value.version).toBe((actions as unknown[]).length);
        }
      }),
      { numRuns: 500 },
    );
  });
});

// ---- KIA ---------------------------------------------------------------------------------------------

function kiaAction(type: KiaActionType, n: number, holder: DocumentHolder): KiaAction {
  const eligibility = kiaEligibility({ birthDate: holder.birthDate, maritalStatus: 'BELUM_KAWIN' }, { asOf: dayOf(n) });
  const kiaType = eligibility.ok && eligibility.value.eligible ? eligibility.value.type : 'UNDER_5';
  const base = { at: instant(n), by: 'op-1' };
  if (type === 'PRINT') return { ...base, type, payload: { kiaType } };
  if (type === 'REISSUE') return { ...base, type, payload: { kiaType, reason: 'LOST' } };
  return { ...base, type };
}

function kiaWalk(holder: DocumentHolder, days: readonly number[], picks: readonly number[]) {
  const actions: KiaAction[] = [];
  let n = 0;
  days.forEach((gap, i) => {
    n += gap;
    const state = foldKia(actions, holder, { asOf: dayOf(n) });
    if (!state.ok || n < 0) return;
    const allowed = state.value.allowedActions;
    if (allowed.length > 0) actions.push(kiaAction(allowed[(picks[i] ?? 0) % allowed.length] as KiaActionType, n, holder));
  });
  return { actions, lastDay: n };
}

/** Children only: born in 2018–2019, so that every action day (from 2020) is after the birth. */
const childArb = holderArb.map((h) => ({ ...h, birthDate: ymdToIso(addDays(parseIsoDate('2018-01-01') as number, (parseIsoDate(h.birthDate) as number) % 700)) }));

describe('KIA lifecycle properties', () => {
  it('on the day of the next action, exactly the allowed actions are accepted', () => {
    fc.assert(
      fc.property(childArb, gaps, choices, fc.integer({ min: 0, max: 2000 }), (holder, days, picks, extra) => {
        const { actions, lastDay } = kiaWalk(holder, days, picks);
        const day = lastDay + extra;
        const state = foldKia(actions, holder, { asOf: dayOf(day) });
        if (!state.ok) throw new Error(JSON.stringify(state.errors));
        for (const type of KIA_ACTION_TYPES) {
          const result = applyKiaAction(state.value, kiaAction(type, day, holder), holder, { asOf: dayOf(day) });
          expect(result.ok).toBe(state.value.allowedActions.includes(type));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the fold is deterministic and equals applying the actions one by one', () => {
    fc.assert(
      fc.property(childArb, gaps, choices, (holder, days, picks) => {
        const { actions, lastDay } = kiaWalk(holder, days, picks);
        const options = { asOf: dayOf(lastDay) };
        let step = foldKia([], holder, options);
        for (const action of actions) step = step.ok ? applyKiaAction(step.value, action, holder, options) : step;
        expect(foldKia(actions, holder, options)).toEqual(step);
        expect(step.ok && step.value.cards.length).toBe(actions.filter((a) => a.type !== 'ISSUE').length);
      }),
      { numRuns: 200 },
    );
  });

  it('a valid history stays valid as time passes (expiry is derived, never a violation)', () => {
    fc.assert(
      fc.property(childArb, gaps, choices, fc.integer({ min: 0, max: 8000 }), (holder, days, picks, later) => {
        const { actions, lastDay } = kiaWalk(holder, days, picks);
        const result = foldKia(actions, holder, { asOf: dayOf(lastDay + later) });
        expect(result.ok).toBe(true);
        if (result.ok && (result.value as KiaState).status === 'EXPIRED') expect(result.value.expiry).not.toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('never throws: anything in, a result with known violation codes out', () => {
    const anyAction = fc.oneof(
      fc.anything(),
      fc.record({
        type: fc.oneof(fc.constantFrom(...KIA_ACTION_TYPES), fc.anything()),
        at: fc.oneof(fc.constant('2021-01-02'), fc.string(), fc.anything()),
        by: fc.oneof(fc.constant('op'), fc.anything()),
        payload: fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom('kiaType', 'reason', 'channel', 'visitId', 'reference'), fc.anything())),
      }),
    );
    fc.assert(
      fc.property(fc.oneof(childArb, fc.anything()), fc.oneof(fc.array(anyAction, { maxLength: 8 }), fc.anything()), (holder, actions) => {
        const result = foldKia(actions as KiaAction[], holder as DocumentHolder, { asOf: '2024-06-01' });
        if (!result.ok) for (const e of result.errors) expect(KIA_VIOLATION_CODES).toContain(e.code);
      }),
      { numRuns: 500 },
    );
  });
});

// ---- resident status ---------------------------------------------------------------------------------

const VILLAGES = ['5316012002', '5316011003', '5316022005', '5316031001'];
const NAGEKEO = { regencyCode: '5316' };

function residentAction(type: ResidentActionType, n: number, pick: number): ResidentAction {
  const village = VILLAGES[pick % VILLAGES.length] as string;
  const address = { districtCode: village.slice(0, 6), villageCode: village };
  const base = { at: instant(n), by: 'op-1' };
  switch (type) {
    case 'REGISTER':
      return { ...base, type, payload: address };
    case 'MOVE_IN':
      return { ...base, type, payload: { ...address, fromRegionCode: '5371' } };
    case 'MOVE_WITHIN':
      return { ...base, type, payload: address };
    case 'MOVE_OUT':
      return { ...base, type, payload: { toRegionCode: pick % 2 === 0 ? '5201' : '537101' } };
    case 'RETURN':
      return { ...base, type, payload: address };
    case 'DIE':
      return { ...base, type, payload: { dateOfDeath: dayOf(n) } };
    case 'ANNUL_DEATH':
      return { ...base, type, payload: { reference: '5316-KM-01012026-0001' } };
    case 'CORRECT_DEATH':
      return { ...base, type, payload: { dateOfDeath: dayOf(n), reference: '5316-KM-01012026-0001' } };
  }
}

function residentWalk(days: readonly number[], picks: readonly number[]) {
  const actions: ResidentAction[] = [];
  const states: ResidentStatusState[] = [];
  let n = 0;
  days.forEach((gap, i) => {
    n += gap;
    const allowed = allowedResidentActions(states.at(-1)?.status ?? null);
    if (allowed.length === 0) return;
    const pick = picks[i] ?? 0;
    const action = residentAction(allowed[pick % allowed.length] as ResidentActionType, n, pick);
    const result = states.length === 0 ? foldResidentStatus([action], NAGEKEO) : applyResidentAction(states.at(-1) as ResidentStatusState, action, NAGEKEO);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    actions.push(action);
    states.push(result.value);
  });
  return { actions, states, lastDay: n };
}

describe('resident status properties', () => {
  it('from any reachable status exactly the actions of the table are accepted; after a death, only the death deed\'s', () => {
    fc.assert(
      fc.property(gaps, choices, fc.nat({ max: 100 }), (days, picks, pick) => {
        const { states, lastDay } = residentWalk(days, picks);
        const last = states.at(-1) as ResidentStatusState;
        for (const type of RESIDENT_ACTION_TYPES) {
          const result = applyResidentAction(last, residentAction(type, lastDay, pick), NAGEKEO);
          expect(result.ok).toBe(allowedResidentActions(last.status).includes(type));
          if (!result.ok) expect(result.errors.map((e) => e.code)).toEqual([last.status === 'DECEASED' ? 'RESIDENT_DECEASED' : 'ACTION_NOT_ALLOWED']);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the fold is deterministic, equals applying the actions one by one, and the address is always in the regency', () => {
    fc.assert(
      fc.property(gaps, choices, (days, picks) => {
        const { actions, states } = residentWalk(days, picks);
        const folded = foldResidentStatus(actions, NAGEKEO);
        expect(folded).toEqual({ ok: true, value: states.at(-1), warnings: [] });
        expect(folded).toEqual(foldResidentStatus(actions, NAGEKEO));
        for (const s of states) expect(s.villageCode.startsWith(s.districtCode) && s.districtCode.startsWith('5316')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws: anything in, a result with known violation codes out', () => {
    const anyAction = fc.oneof(
      fc.anything(),
      fc.record({
        type: fc.oneof(fc.constantFrom(...RESIDENT_ACTION_TYPES), fc.anything()),
        at: fc.oneof(fc.constant('2021-01-02'), fc.string(), fc.anything()),
        by: fc.oneof(fc.constant('op'), fc.anything()),
        payload: fc.oneof(
          fc.anything(),
          fc.dictionary(fc.constantFrom('districtCode', 'villageCode', 'fromRegionCode', 'toRegionCode', 'movedOn', 'dateOfDeath', 'reference'), fc.oneof(fc.anything(), fc.constantFrom('531601', '5316012002', '5371'))),
        ),
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.array(anyAction, { maxLength: 8 }), fc.anything()), fc.oneof(fc.constant(NAGEKEO), fc.anything()), (actions, options) => {
        const result = foldResidentStatus(actions as ResidentAction[], options as typeof NAGEKEO);
        if (!result.ok) for (const e of result.errors) expect(RESIDENT_VIOLATION_CODES).toContain(e.code);
      }),
      { numRuns: 500 },
    );
  });
});

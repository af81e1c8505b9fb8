import type { DocumentHolder } from './action-log';
import { allowedEktpActions, applyEktpAction, EKTP_STATUSES, foldEktp, type EktpAction, type EktpResult, type EktpState, type EktpStatus } from './ektp';

// Maria turns 17 on 28 November 2026 (UU 24/2013 art. 63(1): wajib KTP from 17).
const maria: DocumentHolder = { birthDate: '2009-11-28', maritalStatus: 'BELUM_KAWIN' };
const at = (day: string, time = '09:00') => `${day}T${time}:00+08:00`;
const asOf = { asOf: '2027-03-01' };

const record = (when: string, payload: object = { place: 'SMA Negeri 1 Boawae', channel: 'OUTREACH', visitId: 'visit-2026-12-02' }) =>
  ({ type: 'RECORD_BIOMETRICS', at: when, by: 'op-boawae', payload }) as EktpAction;
const step = (type: string, when: string, payload?: object) => ({ type, at: when, by: 'op-mbay', ...(payload ? { payload } : {}) }) as EktpAction;

/** Recorded on an outreach visit to her school, then printed and handed over at the office. */
const firstCard: EktpAction[] = [
  record(at('2026-12-02')),
  step('MARK_PRINT_READY', at('2026-12-03')),
  step('SEND_FOR_PRINTING', at('2026-12-03', '10:00')),
  step('MARK_PRINTED', at('2026-12-04')),
  step('ISSUE', at('2026-12-05')),
];

const value = (r: EktpResult): EktpState => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.errors)}`);
  return r.value;
};
const codes = (r: EktpResult) => (r.ok ? [] : r.errors.map((e) => e.code));

describe('foldEktp without actions: the status derived from wajib KTP (UU 24/2013 art. 63(1))', () => {
  it.each([
    ['the day before the 17th birthday', '2026-11-27', maria, 'NOT_YET_COMPULSORY', false, []],
    ['on the 17th birthday', '2026-11-28', maria, 'NOT_RECORDED', true, ['RECORD_BIOMETRICS']],
    ['a married 16-year-old', '2026-01-01', { ...maria, maritalStatus: 'KAWIN_TERCATAT' }, 'NOT_RECORDED', true, ['RECORD_BIOMETRICS']],
    ['a widowed 16-year-old (ever married)', '2026-01-01', { ...maria, maritalStatus: 'CERAI_MATI' }, 'NOT_RECORDED', true, ['RECORD_BIOMETRICS']],
  ] as const)('%s (%s)', (_who, day, holder, status, wajib, allowed) => {
    const state = value(foldEktp([], holder as DocumentHolder, { asOf: day }));
    expect([state.status, state.wajibKtp, state.allowedActions, state.version]).toEqual([status, wajib, allowed, 0]);
  });
});

describe('the first card: recorded, print-ready, sent for printing, printed, issued', () => {
  const state = value(foldEktp(firstCard, maria, asOf));

  it('derives the status and keeps who recorded where, and how', () => {
    expect(state).toMatchObject({
      status: 'ISSUED',
      recordings: [{ at: at('2026-12-02'), by: 'op-boawae', place: 'SMA Negeri 1 Boawae', channel: 'OUTREACH', visitId: 'visit-2026-12-02' }],
      printReadyAt: at('2026-12-03'),
      sentForPrintingAt: at('2026-12-03', '10:00'),
      printedAt: at('2026-12-04'),
      issuedAt: at('2026-12-05'),
      lastIssuedChannel: 'OFFICE',
      issueCount: 1,
      reprint: false,
      version: 5,
      allowedActions: ['REPORT_LOST', 'REPORT_DAMAGED', 'REPORT_DATA_CHANGED'],
    });
    expect(state.history.map((h) => [h.type, h.status])).toEqual([
      ['RECORD_BIOMETRICS', 'RECORDED'],
      ['MARK_PRINT_READY', 'PRINT_READY'],
      ['SEND_FOR_PRINTING', 'SENT_FOR_PRINTING'],
      ['MARK_PRINTED', 'PRINTED'],
      ['ISSUE', 'ISSUED'],
    ]);
  });

  it('is the same as applying the actions one by one to the empty state', () => {
    let current: EktpResult = foldEktp([], maria, asOf);
    for (const action of firstCard) current = applyEktpAction(value(current), action, maria, asOf);
    expect(current).toEqual(foldEktp(firstCard, maria, asOf));
  });

  it('records at the office without a visit; a visit id is only for outreach', () => {
    const office = value(foldEktp([record(at('2026-12-02'), { place: 'Kantor Dukcapil Nagekeo, Mbay', channel: 'OFFICE' })], maria, asOf));
    expect(office.recordings[0]).toMatchObject({ channel: 'OFFICE', visitId: null });
    expect(codes(foldEktp([record(at('2026-12-02'), { place: 'Kantor', channel: 'OFFICE', visitId: 'v-1' })], maria, asOf))).toEqual(['PAYLOAD_FIELD_INVALID']);
  });

  it('hands a card over on an outreach visit', () => {
    const onVisit = [...firstCard.slice(0, 4), step('ISSUE', at('2026-12-05'), { channel: 'OUTREACH', visitId: 'visit-2026-12-05' })];
    expect(value(foldEktp(onVisit, maria, asOf)).lastIssuedChannel).toBe('OUTREACH');
  });

  it('allows a new capture before the card is print-ready, and keeps both', () => {
    const again = value(foldEktp([record(at('2026-12-02')), record(at('2026-12-09'), { place: 'Kantor Dukcapil', channel: 'OFFICE' })], maria, asOf));
    expect([again.status, again.recordings.length]).toEqual(['RECORDED', 2]);
  });
});

describe('reprint after loss, damage or a change of data: back to print-ready without new biometrics', () => {
  it.each([
    ['REPORT_LOST', 'LOST', { reference: 'SKKH/112/XII/2026/Polsek Aesesa' }],
    ['REPORT_DAMAGED', 'DAMAGED', undefined],
    ['REPORT_DATA_CHANGED', 'DATA_CHANGED', { reference: 'moved to Labolewa' }],
  ])('%s', (type, reason, payload) => {
    const reprinted = [
      ...firstCard,
      step(type, at('2027-01-10'), payload),
      step('SEND_FOR_PRINTING', at('2027-01-10', '11:00')),
      step('MARK_PRINTED', at('2027-01-11')),
      step('ISSUE', at('2027-01-12')),
    ];
    const afterReport = value(foldEktp(reprinted.slice(0, 6), maria, asOf));
    expect([afterReport.status, afterReport.reprint, afterReport.printReadyAt]).toEqual(['PRINT_READY', true, at('2027-01-10')]);
    const state = value(foldEktp(reprinted, maria, asOf));
    expect(state).toMatchObject({
      status: 'ISSUED',
      issuedAt: at('2026-12-05'),
      lastIssuedAt: at('2027-01-12'),
      issueCount: 2,
      reprints: [{ at: at('2027-01-10'), by: 'op-mbay', reason, reference: (payload as { reference?: string } | undefined)?.reference ?? null }],
    });
    expect(state.recordings).toHaveLength(1);
  });

  it('refuses new biometrics on the reprint path, and a report before the card was ever issued', () => {
    expect(codes(foldEktp([...firstCard, step('REPORT_LOST', at('2027-01-10')), record(at('2027-01-10', '10:00'))], maria, asOf))).toEqual(['ACTION_NOT_ALLOWED']);
    expect(codes(foldEktp([...firstCard.slice(0, 4), step('REPORT_LOST', at('2027-01-10'))], maria, asOf))).toEqual(['ACTION_NOT_ALLOWED']);
  });

  it('a failed print goes back to print-ready with its reason', () => {
    const state = value(foldEktp([...firstCard.slice(0, 3), step('PRINT_FAILED', at('2026-12-04'), { reason: 'blank card damaged in the printer' })], maria, asOf));
    expect([state.status, state.printFailures.map((f) => f.reason)]).toEqual(['PRINT_READY', ['blank card damaged in the printer']]);
    expect(codes(foldEktp([...firstCard.slice(0, 3), step('PRINT_FAILED', at('2026-12-04'))], maria, asOf))).toEqual(['PAYLOAD_FIELD_MISSING']);
  });
});

describe('recording only for a wajib KTP resident, on the day of the recording', () => {
  it('refuses a recording the day before the 17th birthday, and allows it on the day', () => {
    expect(foldEktp([record(at('2026-11-27'))], maria, asOf)).toMatchObject({ ok: false, errors: [{ code: 'NOT_WAJIB_KTP', actionIndex: 0 }] });
    expect(value(foldEktp([record(at('2026-11-28'))], maria, asOf)).status).toBe('RECORDED');
  });

  it('allows a married 16-year-old; with the marriage date known, not before it', () => {
    const married: DocumentHolder = { ...maria, maritalStatus: 'KAWIN_TERCATAT' };
    expect(value(foldEktp([record(at('2026-03-01'))], married, asOf)).status).toBe('RECORDED');
    expect(codes(foldEktp([record(at('2026-03-01'))], { ...married, marriedOn: '2026-05-01' }, asOf))).toEqual(['NOT_WAJIB_KTP']);
    expect(value(foldEktp([record(at('2026-05-01'))], { ...married, marriedOn: '2026-05-01' }, asOf)).status).toBe('RECORDED');
  });
});

describe("the resident's own status: nothing once the office recorded the death or the move out", () => {
  const deceased: DocumentHolder = { ...maria, residentStatus: 'DECEASED', residentStatusSince: at('2027-02-01', '08:00') };

  it('keeps the history before, refuses any action at or after, and allows nothing more', () => {
    const state = value(foldEktp(firstCard, deceased, asOf));
    expect([state.status, state.allowedActions]).toEqual(['ISSUED', []]);
    expect(applyEktpAction(state, step('REPORT_LOST', at('2027-02-01', '08:00')), deceased, asOf)).toMatchObject({
      ok: false,
      errors: [{ code: 'RESIDENT_DECEASED', actionIndex: 5 }],
    });
  });

  it('refuses a resident who moved out of the regency', () => {
    const movedOut: DocumentHolder = { ...maria, residentStatus: 'MOVED_OUT', residentStatusSince: '2026-12-01' };
    expect(codes(foldEktp([record(at('2026-12-02'))], movedOut, asOf))).toEqual(['RESIDENT_MOVED_OUT']);
    expect(value(foldEktp([], movedOut, asOf)).allowedActions).toEqual([]);
  });

  it('needs to know since when', () => {
    expect(codes(foldEktp([], { ...maria, residentStatus: 'DECEASED' }, asOf))).toEqual(['HOLDER_INVALID']);
  });
});

describe('the table of status → allowed actions', () => {
  it.each([
    ['NOT_YET_COMPULSORY', []],
    ['NOT_RECORDED', ['RECORD_BIOMETRICS']],
    ['RECORDED', ['RECORD_BIOMETRICS', 'MARK_PRINT_READY']],
    ['PRINT_READY', ['SEND_FOR_PRINTING']],
    ['SENT_FOR_PRINTING', ['MARK_PRINTED', 'PRINT_FAILED']],
    ['PRINTED', ['ISSUE']],
    ['ISSUED', ['REPORT_LOST', 'REPORT_DAMAGED', 'REPORT_DATA_CHANGED']],
  ] as const)('%s allows %j', (status, expected) => {
    expect(allowedEktpActions(status)).toEqual(expected);
  });

  it('covers every status, and answers an empty list for an unknown one', () => {
    expect(EKTP_STATUSES).toHaveLength(7);
    expect(allowedEktpActions('LOST' as EktpStatus)).toEqual([]);
  });
});

describe('violations are values, all of them at once', () => {
  it('reports every problem of one action', () => {
    const bad = { type: 'RECORD_BIOMETRICS', at: '2026-12-02T09:00', payload: { channel: 'HOME' } } as unknown as EktpAction;
    expect(codes(foldEktp([bad], maria, asOf))).toEqual(['ACTION_TIME_INVALID', 'ACTOR_INVALID', 'PAYLOAD_FIELD_MISSING', 'PAYLOAD_FIELD_INVALID']);
  });

  it('reports violations of several actions with their positions, skipping each invalid one', () => {
    const r = foldEktp([record(at('2026-12-02')), step('ISSUE', at('2026-12-03')), step('MARK_PRINT_READY', at('2026-12-03')), step('MARK_PRINTED', at('2026-12-04'))], maria, asOf);
    expect(r).toMatchObject({
      ok: false,
      errors: [
        { code: 'ACTION_NOT_ALLOWED', actionIndex: 1 },
        { code: 'ACTION_NOT_ALLOWED', actionIndex: 3 },
      ],
    });
  });

  it('refuses an action before an earlier one, and one after the reference date', () => {
    expect(codes(foldEktp([record(at('2026-12-02', '10:00')), step('MARK_PRINT_READY', at('2026-12-02', '09:59'))], maria, asOf))).toEqual(['ACTION_OUT_OF_ORDER']);
    expect(codes(foldEktp([record(at('2026-12-02'))], maria, { asOf: '2026-12-01' }))).toEqual(['ACTION_AFTER_AS_OF']);
  });

  it.each([
    ['actions that are not a list', () => foldEktp('RECORD' as unknown as EktpAction[], maria, asOf), ['ACTIONS_INVALID']],
    ['an action that is not an object', () => foldEktp([null as unknown as EktpAction], maria, asOf), ['ACTION_INVALID']],
    ['an unknown action type', () => foldEktp([step('PRINT', at('2026-12-02'))], maria, asOf), ['ACTION_INVALID']],
    ['a payload that is not an object', () => foldEktp([{ ...record(at('2026-12-02')), payload: 'x' } as unknown as EktpAction], maria, asOf), ['PAYLOAD_FIELD_INVALID']],
    ['no holder', () => foldEktp([], null as unknown as DocumentHolder, asOf), ['HOLDER_INVALID']],
    ['a holder born after the reference date', () => foldEktp([], { ...maria, birthDate: '2028-01-01' }, asOf), ['HOLDER_INVALID']],
    ['an unknown marital status', () => foldEktp([], { ...maria, maritalStatus: 'KAWIN' } as unknown as DocumentHolder, asOf), ['HOLDER_INVALID']],
    ['a bad reference date', () => foldEktp([], maria, { asOf: '2027-02-30' }), ['AS_OF_INVALID']],
    ['a damaged state', () => applyEktpAction({ status: 'ISSUED' } as unknown as EktpState, step('REPORT_LOST', at('2027-01-01')), maria, asOf), ['STATE_INVALID']],
  ])('%s', (_what, run, expected) => {
    expect(codes(run())).toEqual(expected);
  });
});

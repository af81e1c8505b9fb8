import type { DeedType } from './deed-types';
import type { DocumentKind } from './documents';
import { deedServiceDurations } from './durations';
import {
  allowedActions,
  applyAction,
  foldDeed,
  type DeedAction,
  type DeedActorRole,
  type DeedResult,
  type DeedState,
  type DeedStatus,
} from './lifecycle';

// Builders: an action log as an office would write it (times at WITA, +08:00).
const at = (day: string, time = '09:00') => `${day}T${time}:00+08:00`;
const BIRTH_DOCS: DocumentKind[] = ['BIRTH_LETTER_HEALTH', 'KK', 'KTP_PARENTS', 'MARRIAGE_BOOK'];
const DEATH_DOCS: DocumentKind[] = ['DEATH_LETTER_VILLAGE', 'KK', 'KTP_DECEASED', 'KTP_REPORTER', 'KTP_WITNESS', 'KTP_WITNESS'];
const STILLBIRTH_DOCS: DocumentKind[] = ['STILLBIRTH_LETTER_HEALTH', 'KK', 'KTP_PARENTS'];
const DIVORCE_DOCS: DocumentKind[] = ['COURT_DECISION', 'MARRIAGE_DEED'];

const notify = (when: string, eventDate: string, partnerKind = 'HEALTH_POST'): DeedAction =>
  ({ type: 'NOTIFY', at: when, actor: { role: 'PARTNER', id: 'pustu-boawae' }, payload: { eventDate, partnerKind } }) as DeedAction;
const submit = (when: string, documents: DocumentKind[], eventDate?: string, role: DeedActorRole = 'OPERATOR'): DeedAction => ({
  type: 'SUBMIT',
  at: when,
  actor: { role },
  payload: eventDate === undefined ? { documents } : { documents, eventDate },
});
const verify = (when: string): DeedAction => ({ type: 'VERIFY', at: when, actor: { role: 'OPERATOR' } });
const reject = (when: string, reason: string): DeedAction => ({ type: 'REJECT', at: when, actor: { role: 'OPERATOR' }, payload: { reason } });
const register = (when: string, deedNumber: string, headDecision?: { number: string; date: string }): DeedAction => ({
  type: 'REGISTER',
  at: when,
  actor: { role: 'REGISTRAR', id: 'pps-1' },
  payload: headDecision === undefined ? { deedNumber } : { deedNumber, headDecision },
});
const issue = (when: string): DeedAction => ({ type: 'ISSUE', at: when, actor: { role: 'OPERATOR' } });
const record = (when: string): DeedAction => ({ type: 'RECORD', at: when, actor: { role: 'REGISTRAR' }, payload: { letterNumber: 'SKLM/12/2026' } });
const correct = (when: string, role: DeedActorRole = 'REGISTRAR'): DeedAction => ({
  type: 'CORRECT',
  at: when,
  actor: { role },
  payload: { changes: [{ field: 'childName', from: 'Maria Goreti Dhae', to: 'Maria Goretti Dhae' }], reason: 'spelling of the name' },
});
const annul = (when: string, finalOn: string): DeedAction => ({
  type: 'ANNUL',
  at: when,
  actor: { role: 'REGISTRAR' },
  payload: { courtDecision: { number: '12/Pdt.P/2027/PN Bjw', finalOn } },
});
const archive = (when: string, reason: string): DeedAction => ({ type: 'ARCHIVE', at: when, actor: { role: 'OPERATOR' }, payload: { reason } });

/** A BLAS birth: born 1 November 2026, notified by the health post the next day, deed issued on the 3rd. */
const blasBirth: DeedAction[] = [
  notify(at('2026-11-02', '08:15'), '2026-11-01'),
  submit(at('2026-11-02', '10:00'), BIRTH_DOCS),
  verify(at('2026-11-03', '09:00')),
  register(at('2026-11-03', '11:00'), '5316-KL-03112026-0042'),
  issue(at('2026-11-03', '14:00')),
];

const value = (r: DeedResult): DeedState => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.errors)}`);
  return r.value;
};
const codes = (r: DeedResult) => (r.ok ? [] : r.errors.map((e) => e.code));

describe('foldDeed: a birth from notification to kutipan (BLAS; UU 23/2006 art. 27 as amended by UU 24/2013)', () => {
  const state = value(foldDeed('BIRTH', blasBirth));

  it('derives the status, deed number, version and the times of each step', () => {
    expect(state).toMatchObject({
      deedType: 'BIRTH',
      status: 'ISSUED',
      eventDate: '2026-11-01',
      reportedOn: '2026-11-02',
      timeliness: 'ON_TIME',
      headDecisionRequired: false,
      notifiedAt: '2026-11-02T08:15:00+08:00',
      notifiedBy: 'HEALTH_POST',
      submittedAt: '2026-11-02T10:00:00+08:00',
      verifiedAt: '2026-11-03T09:00:00+08:00',
      registeredAt: '2026-11-03T11:00:00+08:00',
      deedNumber: '5316-KL-03112026-0042',
      issuedAt: '2026-11-03T14:00:00+08:00',
      issueCount: 1,
      version: 1,
      corrections: [],
      rejections: [],
      annulment: null,
      archive: null,
    });
  });

  it('keeps the history of every action with the status it led to', () => {
    expect(state.history.map((h) => [h.type, h.role, h.status])).toEqual([
      ['NOTIFY', 'PARTNER', 'NOTIFIED'],
      ['SUBMIT', 'OPERATOR', 'SUBMITTED'],
      ['VERIFY', 'OPERATOR', 'VERIFIED'],
      ['REGISTER', 'REGISTRAR', 'REGISTERED'],
      ['ISSUE', 'OPERATOR', 'ISSUED'],
    ]);
  });

  it('gives the BLAS time: born on the 1st, deed ready on the 3rd = 2 days', () => {
    expect(deedServiceDurations(state)).toEqual({
      ok: true,
      value: { eventToNotified: 1, notifiedToRegistered: 1, registeredToIssued: 0, eventToIssued: 2 },
      warnings: [],
    });
  });

  it('is the same as applying the actions one by one with applyAction', () => {
    let step: DeedResult = applyAction('BIRTH', blasBirth[0] as DeedAction);
    for (const action of blasBirth.slice(1)) step = applyAction(value(step), action);
    expect(step).toEqual(foldDeed('BIRTH', blasBirth));
  });
});

describe('late birth: registered only on a decision of the head of the office (UU 23/2006 art. 32(1) as amended by UU 24/2013)', () => {
  const lateOpening = [submit('2026-03-03', BIRTH_DOCS, '2026-01-01'), verify('2026-03-04')];

  it.each([
    ['2026-03-02', 'ON_TIME', false, 'day 60: still on time'],
    ['2026-03-03', 'LATE_UP_TO_ONE_YEAR', true, 'day 61'],
    ['2027-01-01', 'LATE_UP_TO_ONE_YEAR', true, 'exactly one year'],
    ['2027-01-02', 'LATE_OVER_ONE_YEAR', true, 'one year and a day'],
  ])('born 2026-01-01, reported %s: %s, head decision required: %p (%s)', (reportedOn, timeliness, required, _why) => {
    const state = value(foldDeed('BIRTH', [submit(reportedOn, BIRTH_DOCS, '2026-01-01')]));
    expect([state.timeliness, state.headDecisionRequired]).toEqual([timeliness, required]);
  });

  it('refuses REGISTER without the decision', () => {
    const r = foldDeed('BIRTH', [...lateOpening, register('2026-03-05', '5316-KL-05032026-0001')]);
    expect(r).toMatchObject({ ok: false, errors: [{ code: 'HEAD_DECISION_REQUIRED', actionIndex: 2 }] });
  });

  it('registers with the decision and keeps it on the deed', () => {
    const decision = { number: '470/123/DKPS/2026', date: '2026-03-05' };
    const state = value(foldDeed('BIRTH', [...lateOpening, register('2026-03-05', '5316-KL-05032026-0001', decision)]));
    expect([state.status, state.headDecision]).toEqual(['REGISTERED', decision]);
  });

  it('refuses a decision dated after the registration', () => {
    const r = foldDeed('BIRTH', [...lateOpening, register('2026-03-05', 'X-1', { number: '470/1', date: '2026-03-06' })]);
    expect(codes(r)).toEqual(['PAYLOAD_FIELD_INVALID']);
  });

  it('measures lateness on the first report: a notification on time keeps the birth on time', () => {
    const state = value(foldDeed('BIRTH', [notify('2026-02-01', '2026-01-01'), submit('2026-05-01', BIRTH_DOCS)]));
    expect([state.reportedOn, state.timeliness, state.headDecisionRequired]).toEqual(['2026-02-01', 'ON_TIME', false]);
  });
});

describe('rejection and resubmission (REJECTED → SUBMITTED)', () => {
  it('keeps every rejection reason and the first submission time', () => {
    const state = value(
      foldDeed('BIRTH', [
        submit('2026-11-02', BIRTH_DOCS, '2026-11-01', 'APPLICANT'),
        reject('2026-11-03', "the mother's name differs from the KK"),
        submit('2026-11-05', BIRTH_DOCS, undefined, 'APPLICANT'),
        verify('2026-11-06'),
        reject('2026-11-06', 'birth letter unreadable'),
        submit('2026-11-07', BIRTH_DOCS),
        verify('2026-11-07'),
      ]),
    );
    expect(state.status).toBe('VERIFIED');
    expect(state.rejections.map((r) => r.reason)).toEqual(["the mother's name differs from the KK", 'birth letter unreadable']);
    expect(state.submittedAt).toBe('2026-11-02');
  });

  it('requires a reason', () => {
    const r = foldDeed('BIRTH', [submit('2026-11-02', BIRTH_DOCS, '2026-11-01'), reject('2026-11-03', '')]);
    expect(r).toMatchObject({ ok: false, errors: [{ code: 'PAYLOAD_FIELD_MISSING', actionIndex: 1 }] });
  });
});

describe('correction of a clerical error (pembetulan, by the office: UU 23/2006 art. 71)', () => {
  const corrected = [...blasBirth, correct(at('2026-11-10')), issue(at('2026-11-11'))];

  it('raises the version, keeps the deed number and the history, and reissues the kutipan', () => {
    const afterCorrection = value(foldDeed('BIRTH', corrected.slice(0, -1)));
    expect([afterCorrection.status, afterCorrection.version]).toEqual(['REGISTERED', 2]);
    const state = value(foldDeed('BIRTH', corrected));
    expect(state).toMatchObject({
      status: 'ISSUED',
      version: 2,
      deedNumber: '5316-KL-03112026-0042',
      issuedAt: '2026-11-03T14:00:00+08:00',
      lastIssuedAt: '2026-11-11T09:00:00+08:00',
      issueCount: 2,
      corrections: [
        {
          version: 2,
          at: '2026-11-10T09:00:00+08:00',
          actor: { role: 'REGISTRAR' },
          changes: [{ field: 'childName', from: 'Maria Goreti Dhae', to: 'Maria Goretti Dhae' }],
          reason: 'spelling of the name',
        },
      ],
    });
    expect(state.history).toHaveLength(7);
  });

  it('is made by the civil registrar only', () => {
    const r = foldDeed('BIRTH', [...blasBirth, correct(at('2026-11-10'), 'OPERATOR')]);
    expect(codes(r)).toEqual(['ACTOR_NOT_ALLOWED']);
  });

  it('is not possible before registration', () => {
    const r = foldDeed('BIRTH', [...blasBirth.slice(0, 3), correct(at('2026-11-10'))]);
    expect(codes(r)).toEqual(['ACTION_NOT_ALLOWED']);
  });

  it.each([
    [{ changes: [], reason: 'x' }, ['PAYLOAD_FIELD_INVALID']],
    [{ changes: [{ field: 'name', from: 'a', to: 'a' }], reason: 'x' }, ['PAYLOAD_FIELD_INVALID']],
    [{ reason: 'x' }, ['PAYLOAD_FIELD_MISSING']],
    [{ changes: [{ field: 'name', from: 'a', to: 'b' }] }, ['PAYLOAD_FIELD_MISSING']],
  ])('rejects the payload %j', (payload, expected) => {
    const action = { type: 'CORRECT', at: at('2026-11-10'), actor: { role: 'REGISTRAR' }, payload } as unknown as DeedAction;
    expect(codes(foldDeed('BIRTH', [...blasBirth, action]))).toEqual(expected);
  });
});

describe('annulment (pembatalan, on a final court decision: UU 23/2006 art. 72)', () => {
  it('moves the deed to ANNULLED, keeps its history, and allows nothing afterwards', () => {
    const state = value(foldDeed('BIRTH', [...blasBirth, annul(at('2027-02-01'), '2027-01-20')]));
    expect(state).toMatchObject({
      status: 'ANNULLED',
      deedNumber: '5316-KL-03112026-0042',
      annulment: { courtDecision: { number: '12/Pdt.P/2027/PN Bjw', finalOn: '2027-01-20' }, reason: null },
    });
    expect(state.history).toHaveLength(6);
    expect(allowedActions(state.status, 'BIRTH')).toEqual([]);
    expect(codes(applyAction(state, issue(at('2027-02-02'))))).toEqual(['ACTION_NOT_ALLOWED']);
  });

  it('refuses a decision that is not yet final on the day of the action', () => {
    expect(codes(foldDeed('BIRTH', [...blasBirth, annul(at('2027-02-01'), '2027-02-15')]))).toEqual(['COURT_DECISION_NOT_FINAL']);
  });

  it('refuses an annulment without a court decision, and before registration', () => {
    const bare = { type: 'ANNUL', at: at('2027-02-01'), actor: { role: 'REGISTRAR' }, payload: {} } as unknown as DeedAction;
    expect(codes(foldDeed('BIRTH', [...blasBirth, bare]))).toEqual(['PAYLOAD_FIELD_MISSING']);
    expect(codes(foldDeed('BIRTH', [...blasBirth.slice(0, 2), annul(at('2027-02-01'), '2027-01-20')]))).toEqual(['ACTION_NOT_ALLOWED']);
  });
});

describe('stillbirth: recorded with a Surat Keterangan Lahir Mati, no deed (UU 23/2006 art. 33)', () => {
  const log = [notify('2026-11-02', '2026-11-01', 'HOSPITAL'), submit('2026-11-03', STILLBIRTH_DOCS), verify('2026-11-03')];

  it('ends in RECORDED, without a deed number, and nothing follows', () => {
    const state = value(foldDeed('STILLBIRTH', [...log, record('2026-11-04')]));
    expect(state).toMatchObject({ status: 'RECORDED', deedNumber: null, letterNumber: 'SKLM/12/2026', recordedAt: '2026-11-04', version: 0 });
    expect(allowedActions('RECORDED', 'STILLBIRTH')).toEqual([]);
    expect(deedServiceDurations(state)).toMatchObject({ value: { eventToIssued: 3 } });
  });

  it('cannot be registered as a deed', () => {
    expect(allowedActions('VERIFIED', 'STILLBIRTH')).toEqual(['RECORD', 'REJECT', 'ARCHIVE']);
    expect(codes(foldDeed('STILLBIRTH', [...log, register('2026-11-04', 'X')]))).toEqual(['ACTION_NOT_ALLOWED']);
  });

  it('has a 30-day deadline (art. 33(1))', () => {
    expect(value(foldDeed('STILLBIRTH', [notify('2026-12-02', '2026-11-01')])).timeliness).toBe('LATE_UP_TO_ONE_YEAR');
    expect(value(foldDeed('STILLBIRTH', [notify('2026-12-01', '2026-11-01')])).timeliness).toBe('ON_TIME');
  });
});

describe('death: reported by the RT head (UU 23/2006 art. 44(1) as amended by UU 24/2013), 30 days', () => {
  it('is late from day 31, without needing the head of office (only births do)', () => {
    const state = value(foldDeed('DEATH', [notify('2026-12-02', '2026-11-01', 'RT_HEAD')]));
    expect([state.notifiedBy, state.timeliness, state.headDecisionRequired]).toEqual(['RT_HEAD', 'LATE_UP_TO_ONE_YEAR', false]);
  });

  it('is SUBMITTED only with the KTPs of two witnesses', () => {
    const r = foldDeed('DEATH', [notify('2026-11-02', '2026-11-01', 'RT_HEAD'), submit('2026-11-03', DEATH_DOCS.slice(0, -1))]);
    expect(r).toMatchObject({ ok: false, errors: [{ code: 'DOCUMENTS_INCOMPLETE', actionIndex: 1 }] });
    expect(!r.ok && r.errors[0]?.message).toContain('WITNESSES_KTP');
    expect(value(foldDeed('DEATH', [submit('2026-11-03', DEATH_DOCS, '2026-11-01')])).status).toBe('SUBMITTED');
  });
});

describe('opening a record', () => {
  it.each([
    ['BIRTH', ['NOTIFY', 'SUBMIT']],
    ['STILLBIRTH', ['NOTIFY', 'SUBMIT']],
    ['DEATH', ['NOTIFY', 'SUBMIT']],
    ['MARRIAGE', ['NOTIFY', 'SUBMIT']],
    ['DIVORCE', ['SUBMIT']],
    ['RECOGNITION', ['SUBMIT']],
    ['LEGITIMATION', ['SUBMIT']],
    ['ADOPTION', ['SUBMIT']],
  ] as const)('%s opens with %j', (deedType, opening) => {
    expect(allowedActions(null, deedType)).toEqual(opening);
  });

  it('a divorce starts from the court decision: no partner notification (UU 23/2006 art. 40)', () => {
    expect(codes(foldDeed('DIVORCE', [notify('2026-11-02', '2026-11-01', 'RELIGIOUS_INSTITUTION')]))).toEqual(['OPENING_INVALID']);
    expect(value(foldDeed('DIVORCE', [submit('2026-11-02', DIVORCE_DOCS, '2026-11-01', 'APPLICANT')])).status).toBe('SUBMITTED');
  });

  it('a church may notify a non-Muslim marriage (UU 23/2006 art. 34)', () => {
    expect(value(foldDeed('MARRIAGE', [notify('2026-11-02', '2026-11-01', 'RELIGIOUS_INSTITUTION')])).notifiedBy).toBe('RELIGIOUS_INSTITUTION');
  });

  it('refuses a log that does not start with an opening action, and an empty log', () => {
    expect(foldDeed('BIRTH', [verify('2026-11-02')])).toMatchObject({ ok: false, errors: [{ code: 'OPENING_INVALID', actionIndex: 0 }] });
    expect(foldDeed('BIRTH', [])).toMatchObject({ ok: false, errors: [{ code: 'DEED_NO_ACTIONS', actionIndex: null }] });
  });

  it('needs the event date, on or before the report', () => {
    const noDate = { type: 'NOTIFY', at: '2026-11-02', actor: { role: 'PARTNER' }, payload: { partnerKind: 'HEALTH_POST' } } as unknown as DeedAction;
    expect(codes(foldDeed('BIRTH', [noDate]))).toEqual(['PAYLOAD_FIELD_MISSING']);
    expect(codes(foldDeed('BIRTH', [notify('2026-11-02', '2026-11-03')]))).toEqual(['EVENT_AFTER_ACTION']);
    expect(codes(foldDeed('BIRTH', [notify('2026-11-02', '2026-11-01'), submit('2026-11-05', BIRTH_DOCS, '2026-11-04')]))).toEqual([
      'EVENT_AFTER_ACTION',
    ]);
  });

  it('lets the application correct the event date given by the partner, and recomputes timeliness', () => {
    const state = value(foldDeed('BIRTH', [notify('2026-03-10', '2026-03-01'), submit('2026-03-11', BIRTH_DOCS, '2026-01-01')]));
    expect([state.eventDate, state.timeliness]).toEqual(['2026-01-01', 'LATE_UP_TO_ONE_YEAR']);
  });
});

describe('archiving: a record closed without a deed', () => {
  it('closes a duplicate notification, after which nothing is allowed', () => {
    const state = value(foldDeed('BIRTH', [notify('2026-11-02', '2026-11-01'), archive('2026-11-03', 'duplicate of another notification')]));
    expect([state.status, state.archive?.reason]).toEqual(['ARCHIVED', 'duplicate of another notification']);
    expect(codes(applyAction(state, submit('2026-11-04', BIRTH_DOCS)))).toEqual(['ACTION_NOT_ALLOWED']);
  });

  it('is not possible once registered: a deed is corrected or annulled, never archived', () => {
    expect(codes(foldDeed('BIRTH', [...blasBirth, archive(at('2026-11-10'), 'x')]))).toEqual(['ACTION_NOT_ALLOWED']);
  });
});

describe('the table of status → allowed actions', () => {
  it.each([
    ['NOTIFIED', ['SUBMIT', 'ARCHIVE']],
    ['SUBMITTED', ['VERIFY', 'REJECT', 'ARCHIVE']],
    ['VERIFIED', ['REGISTER', 'REJECT', 'ARCHIVE']],
    ['REJECTED', ['SUBMIT', 'ARCHIVE']],
    ['REGISTERED', ['ISSUE', 'CORRECT', 'ANNUL']],
    ['ISSUED', ['ISSUE', 'CORRECT', 'ANNUL']],
    ['RECORDED', []],
    ['ANNULLED', []],
    ['ARCHIVED', []],
  ] as const)('a birth in %s allows %j', (status, expected) => {
    expect(allowedActions(status, 'BIRTH')).toEqual(expected);
  });

  it('answers an empty list for unknown inputs', () => {
    expect(allowedActions('DONE' as DeedStatus, 'BIRTH')).toEqual([]);
    expect(allowedActions('ISSUED', 'BAPTISM' as DeedType)).toEqual([]);
  });
});

describe('violations are values, all of them at once', () => {
  it('reports every problem of one action: time, actor and payload', () => {
    const bad = { type: 'REJECT', at: '2026-11-03T09:00', actor: { role: 'CLERK' }, payload: {} } as unknown as DeedAction;
    const r = foldDeed('BIRTH', [submit('2026-11-02', BIRTH_DOCS, '2026-11-01'), bad]);
    expect(codes(r)).toEqual(['ACTION_TIME_INVALID', 'ACTOR_INVALID', 'PAYLOAD_FIELD_MISSING']);
  });

  it('reports violations of several actions, skipping each invalid one', () => {
    const r = foldDeed('BIRTH', [
      submit('2026-11-02', BIRTH_DOCS, '2026-11-01'),
      register('2026-11-03', 'X-1'), // not yet verified
      verify('2026-11-04'),
      issue('2026-11-05'), // not yet registered
    ]);
    expect(r).toMatchObject({
      ok: false,
      errors: [
        { code: 'ACTION_NOT_ALLOWED', actionIndex: 1 },
        { code: 'ACTION_NOT_ALLOWED', actionIndex: 3 },
      ],
    });
  });

  it('refuses an action dated before an earlier one; a date-only instant counts as its whole day', () => {
    const r = foldDeed('BIRTH', [submit(at('2026-11-02', '10:00'), BIRTH_DOCS, '2026-11-01'), verify(at('2026-11-02', '09:59'))]);
    expect(codes(r)).toEqual(['ACTION_OUT_OF_ORDER']);
    expect(foldDeed('BIRTH', [submit(at('2026-11-02', '10:00'), BIRTH_DOCS, '2026-11-01'), verify('2026-11-02')]).ok).toBe(true);
    // 23:30 in Jakarta (+07:00) is 00:30 the next day in Nagekeo (+08:00): the same moment, so in order.
    expect(foldDeed('BIRTH', [submit('2026-11-02T00:30:00+08:00', BIRTH_DOCS, '2026-11-01'), verify('2026-11-01T23:30:00+07:00')]).ok).toBe(true);
  });

  it.each([
    ['a deed type that does not exist', () => foldDeed('BAPTISM' as DeedType, blasBirth), ['DEED_TYPE_INVALID']],
    ['actions that are not a list', () => foldDeed('BIRTH', 'NOTIFY' as unknown as DeedAction[]), ['ACTIONS_INVALID']],
    ['an action that is not an object', () => foldDeed('BIRTH', [null as unknown as DeedAction]), ['ACTION_INVALID']],
    ['an unknown action type', () => foldDeed('BIRTH', [{ ...blasBirth[0], type: 'APPROVE' } as unknown as DeedAction]), ['ACTION_INVALID']],
    ['a payload that is not an object', () => foldDeed('BIRTH', [{ ...blasBirth[0], payload: 'x' } as unknown as DeedAction]), ['PAYLOAD_FIELD_INVALID']],
    ['an unknown partner', () => foldDeed('BIRTH', [notify('2026-11-02', '2026-11-01', 'SHAMAN')]), ['PAYLOAD_FIELD_INVALID']],
    ['an unknown document', () => foldDeed('BIRTH', [submit('2026-11-02', ['PHOTO' as DocumentKind], '2026-11-01')]), ['PAYLOAD_FIELD_INVALID']],
    ['a partner registering', () => foldDeed('BIRTH', [...blasBirth.slice(0, 3), { ...register('2026-11-04', 'X'), actor: { role: 'PARTNER' } } as DeedAction]), ['ACTOR_NOT_ALLOWED']],
    ['a state that is not one', () => applyAction({ status: 'ISSUED' } as unknown as DeedState, issue('2026-11-04')), ['STATE_INVALID']],
    ['a type that is not one', () => applyAction('BAPTISM' as DeedType, blasBirth[0] as DeedAction), ['DEED_TYPE_INVALID']],
  ])('%s', (_what, run, expected) => {
    expect(codes(run())).toEqual(expected);
  });
});

/**
 * The indicators (the office's ten, and the Ministry's IKD, burial register and integrated services): what each counts (its definition, served with every figure), its formula from the domain
 * library, its target and its breakdown. Every breakdown's parts are counted separately (measures.ts) and add up
 * to the indicator's `total`; the reconciliation checks that they do, in every region.
 */
import {
  birthDeedCoverage,
  burialRegisterCoverage,
  DEED_TYPE_RULES,
  ektpRecordingCoverage,
  INDICATOR_TARGETS_2023,
  kiaCoverage,
  ektpTargetDate,
  ikdActivationCoverage,
  serviceTimeSummary,
  timelyRegistrationShare,
  type Coverage,
} from '@adminduk/domain';
import type { IndicatorId, IndicatorPart, IndicatorValue } from '../api/shapes';
import { histogramValues, type Counts } from './counts';
import { MEASURES, NOT_VISITED_WEEKS, PACE_WEEKS, PERIOD_DAYS, type Measure } from './measures';

export interface IndicatorDefinition {
  readonly id: IndicatorId;
  readonly name: string;
  readonly definition: string;
  readonly unit: IndicatorValue['unit'];
  /** The measures its figure reads (the series loads only their columns). */
  readonly measures: readonly string[];
  readonly histograms?: boolean;
  /**
   * The resident column that says from which day the records date this indicator's facts (ResidentFacts
   * *KnownFrom): the series has no value before the region's latest such day. Absent: its facts are always dated
   * (deeds and visits come from live events).
   */
  readonly knownFrom?: 'ektp_known_from' | 'kia_known_from' | 'deed_known_from';
  /** Which way is better, for rankings (worst first). */
  readonly better: 'HIGHER' | 'LOWER' | 'EARLIER';
}

const PERIOD = `the ${PERIOD_DAYS} days ending on the date`;


export const DEFINITIONS: Readonly<Record<IndicatorId, IndicatorDefinition>> = {
  EKTP_RECORDING: {
    id: 'EKTP_RECORDING',
    knownFrom: 'ektp_known_from',
    name: 'e-KTP recording coverage',
    definition:
      'Residents who are wajib KTP on the date (17 or older, or ever married; UU 24/2013 art. 63) whose e-KTP biometrics have been recorded, over all wajib KTP residents: ektpRecordingCoverage of the domain library. Ministry target 2023: 99.4%.',
    unit: 'PERCENT',
    measures: ['ektpTotal', 'ektpRecorded', 'ektpNotRecorded'],
    better: 'HIGHER',
  },
  KIA: {
    id: 'KIA',
    knownFrom: 'kia_known_from',
    name: 'KIA coverage',
    definition:
      'Children under 17 who never married holding a child ID card (KIA, printed or issued, not expired) on the date, over all such children (Permendagri 2/2016): kiaCoverage of the domain library. Ministry target 2023: 50%.',
    unit: 'PERCENT',
    measures: ['kiaTotal', 'kiaWith', 'kiaWithout'],
    better: 'HIGHER',
  },
  BIRTH_DEED_0_18: {
    id: 'BIRTH_DEED_0_18',
    knownFrom: 'deed_known_from',
    name: 'Birth deed coverage, ages 0–17',
    definition:
      "Residents under 18 on the date (the Ministry's child population, ages 0–17) with a birth deed, over all residents under 18: birthDeedCoverage of the domain library. Ministry target 2023: 98%.",
    unit: 'PERCENT',
    measures: ['deedTotal', 'deedWith', 'deedWithout'],
    better: 'HIGHER',
  },
  DEATH_DEED: {
    id: 'DEATH_DEED',
    name: 'Deaths with a registered deed',
    definition:
      'Deaths the office knows of by the date (death records of the deeds service: a partner’s notification, an application at the counter, online or on a visit), with a death deed registered by the date, over all of them. Parts: registered, in process, rejected or annulled.',
    unit: 'PERCENT',
    measures: ['deathTotal', 'deathRegistered', 'deathInProcess', 'deathClosed'],
    better: 'HIGHER',
  },
  BLAS: {
    id: 'BLAS',
    name: 'BLAS time (birth to birth deed issued)',
    definition: `Days from birth to the birth deed issued (Bayi Lahir Akta Siap; serviceDurations eventToIssued) for birth deeds issued in ${PERIOD}: the median, and the 90th percentile in details (serviceTimeSummary, nearest rank). Target: the legal deadline of 60 days for reporting a birth.`,
    unit: 'DAYS',
    measures: ['blasCount'],
    histograms: true,
    better: 'LOWER',
  },
  OMAS: {
    id: 'OMAS',
    name: 'OMAS time (death to death deed issued)',
    definition: `Days from death to the death deed issued (Orang Mati Akta Siap; serviceDurations eventToIssued) for death deeds issued in ${PERIOD}: the median, and the 90th percentile in details (serviceTimeSummary, nearest rank). Target: the legal deadline of 30 days for reporting a death.`,
    unit: 'DAYS',
    measures: ['omasCount'],
    histograms: true,
    better: 'LOWER',
  },
  TIMELY_REGISTRATION: {
    id: 'TIMELY_REGISTRATION',
    name: 'Registrations within the legal deadline',
    definition: `Civil deeds registered in ${PERIOD} whose event was reported within its legal deadline (UU 23/2006 as amended by UU 24/2013: birth 60 days, death 30, …), over all deeds registered then: timelyRegistrationShare of the domain library. No national target.`,
    unit: 'PERCENT',
    measures: ['timelyTotal', 'timelyOnTime', 'timelyLateUpToOneYear', 'timelyLateOverOneYear'],
    better: 'HIGHER',
  },
  ONLINE_SHARE: {
    id: 'ONLINE_SHARE',
    name: 'Online service share',
    definition: `Civil registration records (deed applications and notifications) that reached the office in ${PERIOD} through the online service, over all records received then, by channel. No national target (one of the Ministry's indicators is that online services exist).`,
    unit: 'PERCENT',
    measures: ['receivedTotal', 'receivedOnline', 'receivedOffice', 'receivedPartner', 'receivedOutreach'],
    better: 'HIGHER',
  },
  OUTREACH_ACTIVITY: {
    id: 'OUTREACH_ACTIVITY',
    name: 'Outreach activity (jemput bola)',
    definition: `Completed village visits in ${PERIOD} (the value), the services delivered on them by kind (the total and its parts), services per visit, and villages without a completed visit in the ${NOT_VISITED_WEEKS} weeks ending on the date.`,
    unit: 'COUNT',
    measures: ['visits', 'servicesEktpRecording', 'servicesBirthDeed', 'servicesKia', 'servicesApplication', 'servicesHandover', 'visitsRecently'],
    better: 'HIGHER',
  },
  EKTP_PROJECTION: {
    id: 'EKTP_PROJECTION',
    knownFrom: 'ektp_known_from',
    name: 'Projection to the e-KTP recording target',
    definition: `The day e-KTP recording reaches the Ministry's 99.4% of wajib KTP at the current pace: the recordings dated in the last ${PACE_WEEKS} weeks (a record imported already recorded, without a recording date, counts as recorded but not as pace), per week, with the residents turning 17 in the coming year joining week by week: ektpTargetDate of the domain library, the same definition as the outreach projection's current-pace line. The value is that day (the last day of the week it is reached); null when it cannot be said, with the reason in details (NO_DATED_HISTORY, PACE_NOT_ABOVE_INFLOW, BEYOND_HORIZON, …).`,
    unit: 'DATE',
    measures: ['ektpTotal', 'ektpRecorded', 'ektpNotRecorded', 'ektpRecordedRecently', 'ektpNewNextYear'],
    better: 'EARLIER',
  },
  IKD: {
    id: 'IKD',
    knownFrom: 'ektp_known_from',
    name: 'IKD activation (digital ID)',
    definition:
      "Residents counted as e-KTP recorded on the date whose digital ID (Identitas Kependudukan Digital) is active on a phone, over all of them: ikdActivationCoverage of the domain library. Activations, deactivations and re-activations are identity's IKD records. Ministry target 2023: 25%.",
    unit: 'PERCENT',
    measures: ['ikdTotal', 'ikdActive', 'ikdInactive'],
    better: 'HIGHER',
  },
  BURIAL_REGISTER: {
    id: 'BURIAL_REGISTER',
    name: 'Burial register (Buku Pokok Pemakaman)',
    definition:
      "Burials reported from the burial registers of cemeteries, parishes, mosques and villages by the date whose death is registered (a death deed, not annulled) by the date, over all burials reported by then. A burial nobody had reported a death for opens a death case (details.openedCases): it counts as matched once that death is registered. Ministry target 2023: 75%.",
    unit: 'PERCENT',
    measures: ['burialTotal', 'burialMatched', 'burialWaiting', 'burialOpenedCase'],
    better: 'HIGHER',
  },
  INTEGRATED_SERVICES: {
    id: 'INTEGRATED_SERVICES',
    name: 'Integrated services (several documents from one application)',
    definition: `Birth deeds registered in ${PERIOD} (not annulled) whose one application also yielded the family card reissued with the child or the child's KIA (identity's newborn registration: identity.resident.birth-deed-linked.v1 documents), over all birth deeds registered then. Parts: integrated, the deed alone (a late deed of a child already registered), not linked to a resident (yet, or held for review). No national target.`,
    unit: 'PERCENT',
    measures: ['integratedTotal', 'integratedSeveral', 'integratedOne', 'integratedUnknown'],
    better: 'HIGHER',
  },
};

export function measuresOf(id: IndicatorId): Measure[] {
  const keys = new Set(DEFINITIONS[id].measures);
  return MEASURES.filter((m) => keys.has(m.key));
}

const part = (key: string, label: string, count: number): IndicatorPart => ({ key, label, count });

function fromCoverage(
  def: IndicatorDefinition,
  result: { ok: true; value: Coverage } | { ok: false },
  total: number,
  parts: IndicatorPart[],
  details: Record<string, number | string | null> = {},
): IndicatorValue {
  const c = result.ok ? result.value : null;
  return {
    id: def.id,
    name: def.name,
    definition: def.definition,
    unit: def.unit,
    value: c?.percent ?? null,
    target: c?.targetPercent ?? null,
    targetSource: c?.targetPercent != null ? 'MINISTRY_2023' : null,
    meetsTarget: c?.meetsTarget ?? null,
    total,
    parts,
    // A count that breaks its formula (it cannot, when the parts reconcile) shows as no value and is reported by the reconciliation.
    details: { ...details, ...(c ? { shortfall: c.shortfall } : { error: 'COUNTS_DO_NOT_ADD_UP' }) },
  };
}

/** The figure of one indicator for a region on a day, from its counts. */
export function buildIndicator(id: IndicatorId, c: Counts, day: string): IndicatorValue {
  const def = DEFINITIONS[id];
  const m = c.m;
  const n = (k: string) => m[k] ?? 0;
  switch (id) {
    case 'EKTP_RECORDING':
      return fromCoverage(def, ektpRecordingCoverage({ wajibKtp: n('ektpTotal'), recorded: n('ektpRecorded'), notRecorded: n('ektpNotRecorded') }), n('ektpTotal'), [
        part('RECORDED', 'e-KTP recorded', n('ektpRecorded')),
        part('NOT_RECORDED', 'Not recorded', n('ektpNotRecorded')),
      ]);
    case 'KIA':
      return fromCoverage(def, kiaCoverage({ children: n('kiaTotal'), withKia: n('kiaWith'), withoutKia: n('kiaWithout') }), n('kiaTotal'), [
        part('WITH_KIA', 'With KIA', n('kiaWith')),
        part('WITHOUT_KIA', 'Without KIA', n('kiaWithout')),
      ]);
    case 'BIRTH_DEED_0_18':
      return fromCoverage(def, birthDeedCoverage({ residents: n('deedTotal'), withDeed: n('deedWith'), withoutDeed: n('deedWithout') }), n('deedTotal'), [
        part('WITH_DEED', 'With birth deed', n('deedWith')),
        part('WITHOUT_DEED', 'Without birth deed', n('deedWithout')),
      ], { ageFrom: 0, ageTo: 17 });
    case 'DEATH_DEED': {
      // The domain's coverage formula with no national target (the Ministry's indicator is the burial register).
      const r = birthDeedCoverage({ residents: n('deathTotal'), withDeed: n('deathRegistered') }, { targetPercent: null });
      return fromCoverage(def, r, n('deathTotal'), [
        part('REGISTERED', 'Death deed registered', n('deathRegistered')),
        part('IN_PROCESS', 'In process', n('deathInProcess')),
        part('REJECTED_OR_ANNULLED', 'Rejected or annulled', n('deathClosed')),
      ]);
    }
    case 'BLAS':
    case 'OMAS': {
      const values = histogramValues(id === 'BLAS' ? c.hist.blas : c.hist.omas);
      const summary = serviceTimeSummary(values);
      const s = summary.ok ? summary.value : { count: 0, median: null, p90: null };
      const deadline = DEED_TYPE_RULES[id === 'BLAS' ? 'BIRTH' : 'DEATH'].deadlineDays;
      const bucket = (lo: number, hi: number) => values.filter((v) => v >= lo && v <= hi).length;
      return {
        id,
        name: def.name,
        definition: def.definition,
        unit: 'DAYS',
        value: s.median,
        target: deadline,
        targetSource: 'LEGAL_DEADLINE',
        meetsTarget: s.median === null ? null : s.median <= deadline,
        total: n(id === 'BLAS' ? 'blasCount' : 'omasCount'),
        parts: [
          part('SAME_DAY', 'Same day', bucket(0, 0)),
          part('DAYS_1_7', '1–7 days', bucket(1, 7)),
          part('DAYS_8_30', '8–30 days', bucket(8, 30)),
          part('OVER_30_DAYS', 'Over 30 days', bucket(31, Number.MAX_SAFE_INTEGER)),
        ],
        details: { median: s.median, p90: s.p90, count: s.count, periodDays: PERIOD_DAYS, periodFrom: shift(day, -(PERIOD_DAYS - 1)), periodTo: day },
      };
    }
    case 'TIMELY_REGISTRATION':
      return fromCoverage(
        def,
        timelyRegistrationShare({ registrations: n('timelyTotal'), onTime: n('timelyOnTime'), late: n('timelyLateUpToOneYear') + n('timelyLateOverOneYear') }),
        n('timelyTotal'),
        [
          part('ON_TIME', 'Within the deadline', n('timelyOnTime')),
          part('LATE_UP_TO_ONE_YEAR', 'Late, up to one year', n('timelyLateUpToOneYear')),
          part('LATE_OVER_ONE_YEAR', 'Late, over one year', n('timelyLateOverOneYear')),
        ],
        { periodDays: PERIOD_DAYS, periodFrom: shift(day, -(PERIOD_DAYS - 1)), periodTo: day },
      );
    case 'ONLINE_SHARE':
      return fromCoverage(
        def,
        timelyRegistrationShare({ registrations: n('receivedTotal'), onTime: n('receivedOnline') }),
        n('receivedTotal'),
        [
          part('ONLINE', 'Online', n('receivedOnline')),
          part('OFFICE', 'At the office', n('receivedOffice')),
          part('PARTNER', 'Partner notification', n('receivedPartner')),
          part('OUTREACH', 'On an outreach visit', n('receivedOutreach')),
        ],
        { periodDays: PERIOD_DAYS, periodFrom: shift(day, -(PERIOD_DAYS - 1)), periodTo: day },
      );
    case 'OUTREACH_ACTIVITY': {
      const services = ['servicesEktpRecording', 'servicesBirthDeed', 'servicesKia', 'servicesApplication', 'servicesHandover'].reduce((s, k) => s + n(k), 0);
      const visits = n('visits');
      return {
        id,
        name: def.name,
        definition: def.definition,
        unit: 'COUNT',
        value: visits,
        target: null,
        targetSource: null,
        meetsTarget: null,
        total: services,
        parts: [
          part('EKTP_RECORDING', 'e-KTP recordings', n('servicesEktpRecording')),
          part('BIRTH_DEED', 'Birth deeds', n('servicesBirthDeed')),
          part('KIA', 'KIA', n('servicesKia')),
          part('APPLICATION', 'Applications taken', n('servicesApplication')),
          part('HANDOVER', 'Documents handed over', n('servicesHandover')),
        ],
        details: {
          visits,
          servicesPerVisit: visits === 0 ? null : Math.round((services * 100) / visits) / 100,
          villagesNotVisited: c.unvisitedVillages,
          notVisitedWeeks: NOT_VISITED_WEEKS,
          periodDays: PERIOD_DAYS,
          periodFrom: shift(day, -(PERIOD_DAYS - 1)),
          periodTo: day,
        },
      };
    }
    case 'EKTP_PROJECTION':
      return projection(def, c, day);
    case 'IKD':
      return fromCoverage(def, ikdActivationCoverage({ ektpRecorded: n('ikdTotal'), ikdActive: n('ikdActive'), ikdNotActive: n('ikdInactive') }), n('ikdTotal'), [
        part('ACTIVE', 'IKD active', n('ikdActive')),
        part('NOT_ACTIVE', 'Not active', n('ikdInactive')),
      ]);
    case 'INTEGRATED_SERVICES':
      return fromCoverage(
        def,
        timelyRegistrationShare({ registrations: n('integratedTotal'), onTime: n('integratedSeveral') }),
        n('integratedTotal'),
        [
          part('INTEGRATED', 'Deed, family card and/or KIA from one application', n('integratedSeveral')),
          part('DEED_ONLY', 'The deed alone', n('integratedOne')),
          part('NOT_LINKED', 'Not linked to a resident', n('integratedUnknown')),
        ],
        { periodDays: PERIOD_DAYS, periodFrom: shift(day, -(PERIOD_DAYS - 1)), periodTo: day },
      );
    case 'BURIAL_REGISTER':
      return fromCoverage(
        def,
        burialRegisterCoverage({ burials: n('burialTotal'), matched: n('burialMatched'), waiting: n('burialWaiting') }),
        n('burialTotal'),
        [part('MATCHED', 'Matched with a registered death', n('burialMatched')), part('WAITING', 'Death not registered yet', n('burialWaiting'))],
        { openedCases: n('burialOpenedCase') },
      );
  }
}

/**
 * "At the current pace": ektpTargetDate of the domain library, the one definition the outreach projection's
 * current-pace line uses too. Pace: the recordings dated in the PACE_WEEKS weeks ending on the day (an imported
 * record without a recording date is baseline, not pace); inflow: residents turning 17 in the coming 52 weeks, per
 * week; target: the Ministry's 99.4%. The value is the date; without one, details.reason says why.
 */
function projection(def: IndicatorDefinition, c: Counts, day: string): IndicatorValue {
  const n = (k: string) => c.m[k] ?? 0;
  const base = {
    id: def.id,
    name: def.name,
    definition: def.definition,
    unit: def.unit,
    target: INDICATOR_TARGETS_2023.ektpRecording,
    targetSource: 'MINISTRY_2023' as const,
    total: n('ektpTotal'),
    parts: [part('RECORDED', 'e-KTP recorded', n('ektpRecorded')), part('NOT_RECORDED', 'Not recorded', n('ektpNotRecorded'))],
  };
  const result = ektpTargetDate(
    { asOf: day, wajibKtp: n('ektpTotal'), recorded: n('ektpRecorded'), datedRecordings: n('ektpRecordedRecently'), newWajibKtpPerWeek: n('ektpNewNextYear') / 52 },
    { windowWeeks: PACE_WEEKS, targetPercent: INDICATOR_TARGETS_2023.ektpRecording },
  );
  if (!result.ok) {
    // The counts come from the read model and cannot break the formula; if they do, no value and the reconciliation reports it.
    return { ...base, value: null, date: null, meetsTarget: null, details: { reason: null, error: result.errors[0]?.code ?? 'PROJECTION_REFUSED' } };
  }
  const r = result.value;
  const date = r.reached?.date ?? null;
  return {
    ...base,
    value: date,
    date,
    meetsTarget: r.percent === null ? null : r.reached?.week === 0,
    details: {
      reason: r.reason,
      weeksToTarget: r.reached?.week ?? null,
      datedRecordings: n('ektpRecordedRecently'),
      recordingsPerWeek: r.recordingsPerWeek,
      paceFrom: r.paceFrom,
      paceTo: r.paceTo,
      paceWeeks: PACE_WEEKS,
      newWajibKtpNextYear: n('ektpNewNextYear'),
      newWajibKtpPerWeek: r.newWajibKtpPerWeek,
    },
  };
}

function shift(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

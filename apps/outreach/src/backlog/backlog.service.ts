/**
 * The backlog per village, as of a date, counted from the read model (ResidentState, DeedApplication) with the
 * milestones of the domain library (backlogMilestones) as plain comparisons, in one grouped query per table:
 *
 * | kind            | counted                                                                                 |
 * | --------------- | --------------------------------------------------------------------------------------- |
 * | EKTP_RECORDING  | living wajib-KTP residents whose e-KTP has no recording (no e-KTP step, NOT_RECORDED or |
 * |                 | NOT_YET_COMPULSORY)                                                                     |
 * | BIRTH_DEED      | living children aged 0–18 without a known birth deed                                    |
 * | KIA             | living children under 17 never married without a valid KIA printed or issued           |
 * | APPLICATION     | deed applications SUBMITTED or VERIFIED                                                 |
 * | HANDOVER        | documents made and not handed over: deeds REGISTERED (not ISSUED), e-KTPs PRINTED, KIAs |
 * |                 | PRINTED (valid)                                                                         |
 *
 * Records without a village, or with one that is not in the outreach list, are counted under their kecamatan as
 * `unassigned` (reported, not planned).
 *
 * The resident kinds are the conditions of RESIDENT_DUE, shared with the list of one village's residents (who is due
 * what: HANDOVER there is EKTP_HANDOVER and KIA_HANDOVER, the deeds' part being counted from outreach_deed).
 */
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { ServiceCounts } from '@adminduk/domain';
import { AuditService, canAccessRegion, type Principal } from '@adminduk/platform';
import { addDays } from '../common/office-clock.service';
import { requireSomeOf } from '../common/region-scope';
import { ZERO_COUNTS } from '../common/service-counts.dto';
import { OutreachVillage } from '../villages/outreach-village.entity';
import { RegionNamesService } from '../villages/region-names.service';
import { findVillage } from '../villages/villages.service';
import type { AreaBacklogView, BacklogView, DistrictBacklogView, PopulationCountsView, ResidentDueView, VillageResidentsView } from './backlog.dto';

/** What one village (or one kecamatan's unassigned records) holds. */
export interface AreaCounts {
  readonly backlog: ServiceCounts;
  readonly population: PopulationCountsView;
}

export interface PlaceCounts extends AreaCounts {
  readonly districtCode: string;
  readonly villageCode: string | null;
}

const ZERO_POPULATION: PopulationCountsView = { residents: 0, wajibKtp: 0, ektpRecorded: 0, newWajibKtpNextYear: 0, children: 0, childrenWithBirthDeed: 0, kiaEligible: 0, withKia: 0 };

/** A fragment of SQL and its `?` parameters, in order. */
export interface Sql {
  readonly text: string;
  readonly values: readonly string[];
}

/** `sql\`a = ${value} and ${fragment}\``: a string is a bound parameter, a fragment is inlined with its own. */
function sql(strings: TemplateStringsArray, ...parts: (string | Sql)[]): Sql {
  let text = strings[0] ?? '';
  const values: string[] = [];
  parts.forEach((part, i) => {
    if (typeof part === 'string') {
      text += '?';
      values.push(part);
    } else {
      text += part.text;
      values.push(...part.values);
    }
    text += strings[i + 1] ?? '';
  });
  return { text, values };
}

/** Text without parameters (a column alias). */
const raw = (text: string): Sql => ({ text, values: [] });

/** What a resident can be due, in the order the list gives them. */
export const RESIDENT_DUE_KINDS = ['EKTP_RECORDING', 'BIRTH_DEED', 'KIA', 'EKTP_HANDOVER', 'KIA_HANDOVER'] as const;
export type ResidentDueKind = (typeof RESIDENT_DUE_KINDS)[number];

/** Residents the backlog counts at all: living, in the regency, known from their registration (a birth date). */
const COUNTED = sql`status = 'ALIVE' and birth_date is not null and district_code is not null`;
/** Wajib KTP today: 17 or over, or ever married (UU 24/2013 art. 63(1); wajibKtpFrom of backlogMilestones). */
const WAJIB_KTP = (asOf: string) => sql`wajib_ktp_from <= ${asOf}`;
/** A child of the birth-deed indicator (0–18). */
const CHILD = (asOf: string) => sql`child_until >= ${asOf}`;
/** Due a KIA: under 17 and never married (Permendagri 2/2016). */
const KIA_ELIGIBLE = (asOf: string) => sql`kia_until >= ${asOf}`;
/** A KIA that has not run out (no end date known: valid). */
const KIA_NOT_EXPIRED = (asOf: string) => sql`(kia_valid_until is null or kia_valid_until >= ${asOf})`;
/** A valid KIA printed or issued; never unknown (kia_state is tested for null first), so that "not" of it is safe. */
const HAS_VALID_KIA = (asOf: string) => sql`(kia_state is not null and kia_state in ('PRINTED', 'ISSUED') and ${KIA_NOT_EXPIRED(asOf)})`;

/**
 * What the backlog of one resident is made of, as of a date: one SQL condition over outreach_resident per kind, the
 * single definition behind both the counts (GET /backlog, the planner, the projection) and the list of one village's
 * residents (GET /backlog/villages/{code}/residents). An item of the list with a kind is one unit of that count.
 *
 * Each condition is true, false or unknown (null) the way SQL makes it; both queries take only what is true (a
 * `case when … then 1` and a `where`), never a negation of a whole condition, so unknown means "not due" in both.
 * Where a condition itself needs "not" (a KIA not valid), the negated part is written so that it is never unknown.
 */
export const RESIDENT_DUE: Readonly<Record<ResidentDueKind, (asOf: string) => Sql>> = {
  /** Wajib KTP with no e-KTP recording: no e-KTP step yet, NOT_RECORDED or NOT_YET_COMPULSORY. */
  EKTP_RECORDING: (asOf) => sql`${WAJIB_KTP(asOf)} and (ektp_state is null or ektp_state in ('NOT_YET_COMPULSORY', 'NOT_RECORDED'))`,
  /** A child (0–18) without a known birth deed. */
  BIRTH_DEED: (asOf) => sql`${CHILD(asOf)} and not birth_deed`,
  /** A child due a KIA without a valid KIA printed or issued. */
  KIA: (asOf) => sql`${KIA_ELIGIBLE(asOf)} and not ${HAS_VALID_KIA(asOf)}`,
  /** An e-KTP printed, to hand over (part of HANDOVER). */
  EKTP_HANDOVER: () => sql`ektp_state = 'PRINTED'`,
  /** A valid KIA printed for a child still due one, to hand over (part of HANDOVER). */
  KIA_HANDOVER: (asOf) => sql`${KIA_ELIGIBLE(asOf)} and kia_state = 'PRINTED' and ${KIA_NOT_EXPIRED(asOf)}`,
};

/** The counts of every place; `nextYear` is asOf + 364 days (turning 17 within 52 weeks). */
function residentCounts(asOf: string, nextYear: string): Sql {
  const due = (kind: ResidentDueKind) => sql`sum(case when ${RESIDENT_DUE[kind](asOf)} then 1 else 0 end)`;
  return sql`
select district_code, village_code,
  count(*) as residents,
  sum(case when ${WAJIB_KTP(asOf)} then 1 else 0 end) as wajib_ktp,
  ${due('EKTP_RECORDING')} as ektp_not_recorded,
  sum(case when wajib_ktp_from > ${asOf} and wajib_ktp_from <= ${nextYear} then 1 else 0 end) as new_wajib_ktp,
  sum(case when ${CHILD(asOf)} then 1 else 0 end) as children,
  ${due('BIRTH_DEED')} as children_without_deed,
  sum(case when ${KIA_ELIGIBLE(asOf)} then 1 else 0 end) as kia_eligible,
  sum(case when ${KIA_ELIGIBLE(asOf)} and ${HAS_VALID_KIA(asOf)} then 1 else 0 end) as with_kia,
  ${due('KIA')} as kia_due,
  ${due('KIA_HANDOVER')} as kia_ready,
  ${due('EKTP_HANDOVER')} as ektp_ready
from outreach_resident
where ${COUNTED}
group by district_code, village_code`;
}

/**
 * The living residents of one village with something due, ordered by id, each with a 0/1 column per kind.
 * Unpaged: a village holds at most a few thousand residents (Nagekeo: 164,457 in 113 villages, about 1,500 on
 * average), and the team downloads its village's whole day at once.
 */
function villageResidents(asOf: string, districtCode: string, villageCode: string): Sql {
  const column = (kind: ResidentDueKind) => sql`case when ${RESIDENT_DUE[kind](asOf)} then 1 else 0 end as ${raw(kind.toLowerCase())}`;
  let columns = column(RESIDENT_DUE_KINDS[0]);
  let anyDue = RESIDENT_DUE[RESIDENT_DUE_KINDS[0]](asOf);
  for (const kind of RESIDENT_DUE_KINDS.slice(1)) {
    columns = sql`${columns}, ${column(kind)}`;
    anyDue = sql`${anyDue} or ${RESIDENT_DUE[kind](asOf)}`;
  }
  return sql`
select resident_id, ${columns}
from outreach_resident
where ${COUNTED} and district_code = ${districtCode} and village_code = ${villageCode} and (${anyDue})
order by resident_id`;
}

const DEED_COUNTS = `
select district_code, village_code,
  sum(case when status in ('SUBMITTED', 'VERIFIED') then 1 else 0 end) as open_applications,
  sum(case when status = 'REGISTERED' then 1 else 0 end) as ready
from outreach_deed
group by district_code, village_code`;

type Row = Record<string, string | number | null>;
const n = (value: string | number | null | undefined): number => Number(value ?? 0);

function add(a: AreaCounts, b: AreaCounts): AreaCounts {
  const backlog = { ...a.backlog };
  for (const k of Object.keys(backlog) as (keyof ServiceCounts)[]) backlog[k] += b.backlog[k];
  const population = { ...a.population };
  for (const k of Object.keys(population) as (keyof PopulationCountsView)[]) population[k] += b.population[k];
  return { backlog, population };
}

const EMPTY: AreaCounts = { backlog: ZERO_COUNTS, population: ZERO_POPULATION };

@Injectable()
export class BacklogService {
  constructor(
    private readonly em: EntityManager,
    private readonly names: RegionNamesService,
    private readonly audit: AuditService,
  ) {}

  /** The counts of every place (village, or a kecamatan's records without a village) as of `asOf`. */
  async countsByPlace(em: EntityManager, asOf: string): Promise<PlaceCounts[]> {
    const nextYear = addDays(asOf, 364);
    // In the caller's transaction when there is one (SQLite has a single connection: outside it would wait for ever).
    const connection = em.getConnection();
    const tx = em.getTransactionContext();
    const counts = residentCounts(asOf, nextYear);
    const residents = (await connection.execute(counts.text, [...counts.values], 'all', tx)) as Row[];
    const deeds = (await connection.execute(DEED_COUNTS, [], 'all', tx)) as Row[];
    const places = new Map<string, { districtCode: string; villageCode: string | null; counts: AreaCounts }>();
    const at = (districtCode: string, villageCode: string | null) => {
      const key = `${districtCode}:${villageCode ?? ''}`;
      let place = places.get(key);
      if (!place) places.set(key, (place = { districtCode, villageCode, counts: EMPTY }));
      return place;
    };
    for (const r of residents) {
      const place = at(String(r.district_code), r.village_code === null ? null : String(r.village_code));
      const wajib = n(r.wajib_ktp);
      const notRecorded = n(r.ektp_not_recorded);
      place.counts = add(place.counts, {
        backlog: { EKTP_RECORDING: notRecorded, BIRTH_DEED: n(r.children_without_deed), KIA: n(r.kia_due), APPLICATION: 0, HANDOVER: n(r.ektp_ready) + n(r.kia_ready) },
        population: {
          residents: n(r.residents),
          wajibKtp: wajib,
          ektpRecorded: wajib - notRecorded,
          newWajibKtpNextYear: n(r.new_wajib_ktp),
          children: n(r.children),
          childrenWithBirthDeed: n(r.children) - n(r.children_without_deed),
          kiaEligible: n(r.kia_eligible),
          withKia: n(r.with_kia),
        },
      });
    }
    for (const r of deeds) {
      const place = at(String(r.district_code), r.village_code === null ? null : String(r.village_code));
      place.counts = add(place.counts, { backlog: { ...ZERO_COUNTS, APPLICATION: n(r.open_applications), HANDOVER: n(r.ready) }, population: ZERO_POPULATION });
    }
    return [...places.values()].map((p) => ({ districtCode: p.districtCode, villageCode: p.villageCode, ...p.counts }));
  }

  /** GET /backlog: per village, per kecamatan and in total, within the caller's region scope. */
  async report(asOf: string, principal: Principal, districtCode?: string): Promise<BacklogView> {
    if (districtCode) requireSomeOf(principal, districtCode, 'kecamatan');
    const em = this.em.fork();
    const places = await this.countsByPlace(em, asOf);
    const villages = await em.find(OutreachVillage, {}, { orderBy: { code: 'asc' } });
    const byVillage = new Map(places.filter((p) => p.villageCode !== null).map((p) => [p.villageCode as string, p]));
    const known = new Set(villages.map((v) => v.code));
    const districtCodes = [...new Set([...this.names.districtCodes(), ...places.map((p) => p.districtCode)])]
      .sort()
      .filter((d) => (districtCode ? d === districtCode : true));
    const districts: DistrictBacklogView[] = [];
    let totals = EMPTY;
    for (const code of districtCodes) {
      const villageViews = villages
        .filter((v) => v.districtCode === code && canAccessRegion(principal, v.code))
        .map((v) => ({ code: v.code, name: v.name, ...view(byVillage.get(v.code) ?? EMPTY) }));
      const unassigned = canAccessRegion(principal, code)
        ? places.filter((p) => p.districtCode === code && (p.villageCode === null || !known.has(p.villageCode))).reduce<AreaCounts | null>((sum, p) => add(sum ?? EMPTY, p), null)
        : null;
      if (villageViews.length === 0 && !unassigned && !canAccessRegion(principal, code)) continue;
      const district = [...villageViews, ...(unassigned ? [unassigned] : [])].reduce<AreaCounts>((sum, p) => add(sum, p), EMPTY);
      totals = add(totals, district);
      districts.push({ code, name: this.names.districtName(code), ...view(district), villages: villageViews, unassigned: unassigned ? view(unassigned) : null });
    }
    return { asOf, regencyCode: this.names.regencyCode, totals: view(totals), districts };
  }

  /**
   * GET /backlog/villages/{code}/residents: the living residents of one village with something due as of `asOf`,
   * by resident id (no names, no NIKs: the office app joins the ids with the identity service's list). The read is
   * audited as a search naming every resident returned (DESIGN.md house rule 8).
   */
  async villageResidents(code: string, asOf: string, principal: Principal): Promise<VillageResidentsView> {
    const em = this.em.fork();
    const village = await findVillage(em, code, principal);
    const query = villageResidents(asOf, village.districtCode, village.code);
    const rows = (await em.getConnection().execute(query.text, [...query.values], 'all')) as Row[];
    const items: ResidentDueView[] = rows.map((r) => ({ residentId: String(r.resident_id), due: RESIDENT_DUE_KINDS.filter((kind) => n(r[kind.toLowerCase()]) === 1) }));
    await this.audit.recordNow({ action: 'SEARCH', resourceType: 'outreach-resident', regionCode: village.code, results: items.map((i) => ({ id: i.residentId, regionCode: village.code })) });
    return { villageCode: village.code, asOf, items };
  }
}

function view(c: AreaCounts): AreaBacklogView {
  return { backlog: { ...c.backlog }, population: { ...c.population } };
}

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
 */
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { ServiceCounts } from '@adminduk/domain';
import { canAccessRegion, type Principal } from '@adminduk/platform';
import { addDays } from '../common/office-clock.service';
import { requireRegion } from '../common/region-scope';
import { ZERO_COUNTS } from '../common/service-counts.dto';
import { OutreachVillage } from '../villages/outreach-village.entity';
import { RegionNamesService } from '../villages/region-names.service';
import type { AreaBacklogView, BacklogView, DistrictBacklogView, PopulationCountsView } from './backlog.dto';

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

const RESIDENT_COUNTS = `
select district_code, village_code,
  count(*) as residents,
  sum(case when wajib_ktp_from <= ? then 1 else 0 end) as wajib_ktp,
  sum(case when wajib_ktp_from <= ? and (ektp_state is null or ektp_state in ('NOT_YET_COMPULSORY', 'NOT_RECORDED')) then 1 else 0 end) as ektp_not_recorded,
  sum(case when wajib_ktp_from > ? and wajib_ktp_from <= ? then 1 else 0 end) as new_wajib_ktp,
  sum(case when child_until >= ? then 1 else 0 end) as children,
  sum(case when child_until >= ? and not birth_deed then 1 else 0 end) as children_without_deed,
  sum(case when kia_until >= ? then 1 else 0 end) as kia_eligible,
  sum(case when kia_until >= ? and kia_state in ('PRINTED', 'ISSUED') and (kia_valid_until is null or kia_valid_until >= ?) then 1 else 0 end) as with_kia,
  sum(case when kia_until >= ? and kia_state = 'PRINTED' and (kia_valid_until is null or kia_valid_until >= ?) then 1 else 0 end) as kia_ready,
  sum(case when ektp_state = 'PRINTED' then 1 else 0 end) as ektp_ready
from outreach_resident
where status = 'ALIVE' and birth_date is not null and district_code is not null
group by district_code, village_code`;

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
  ) {}

  /** The counts of every place (village, or a kecamatan's records without a village) as of `asOf`. */
  async countsByPlace(em: EntityManager, asOf: string): Promise<PlaceCounts[]> {
    const nextYear = addDays(asOf, 364);
    // In the caller's transaction when there is one (SQLite has a single connection: outside it would wait for ever).
    const connection = em.getConnection();
    const tx = em.getTransactionContext();
    const residents = (await connection.execute(RESIDENT_COUNTS, [asOf, asOf, asOf, nextYear, asOf, asOf, asOf, asOf, asOf, asOf, asOf], 'all', tx)) as Row[];
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
        backlog: { EKTP_RECORDING: notRecorded, BIRTH_DEED: n(r.children_without_deed), KIA: n(r.kia_eligible) - n(r.with_kia), APPLICATION: 0, HANDOVER: n(r.ektp_ready) + n(r.kia_ready) },
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
    if (districtCode) requireRegion(principal, districtCode, 'kecamatan');
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
}

function view(c: AreaCounts): AreaBacklogView {
  return { backlog: { ...c.backlog }, population: { ...c.population } };
}

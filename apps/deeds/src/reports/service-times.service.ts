/**
 * BLAS and OMAS reporting: the whole days from the event to the notification, the registration and the first
 * copy issued (serviceDurations of the domain, on the milestones kept with each record), summarised by the
 * nearest-rank median and 90th percentile (serviceTimeSummary), and the timeliness of the reports.
 */
import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { serviceDurations, serviceTimeSummary, type ServiceDurations } from '@adminduk/domain';
import { canAccessRegion, Problem, regionScopeConditions, type Principal } from '@adminduk/platform';
import { regionOf } from '../cases/deed-access.service';
import { DeedRecord } from '../cases/deed-record.entity';
import type { ServiceTimesQuery, ServiceTimesView, TimeSummaryView } from './service-times.dto';

@Injectable()
export class ServiceTimesService {
  constructor(private readonly em: EntityManager) {}

  async summary(query: ServiceTimesQuery, principal: Principal): Promise<ServiceTimesView> {
    if (query.from > query.to) throw Problem.badRequest('PERIOD_INVALID', 'from must not be after to');
    const deedType = query.programme === 'BLAS' ? 'BIRTH' : 'DEATH';
    const where: FilterQuery<DeedRecord>[] = [{ deedType }, { eventDate: { $gte: query.from, $lte: query.to } }, { status: { $ne: null } }, { status: { $ne: 'ARCHIVED' } }];
    if (query.districtCode) where.push({ districtCode: query.districtCode });
    const scope = regionScopeConditions(principal);
    if (scope) where.push({ $or: scope });
    const rows = scope?.length === 0 ? [] : (await this.em.fork().find(DeedRecord, { $and: where })).filter((r) => canAccessRegion(principal, regionOf(r)));
    const durations: ServiceDurations[] = [];
    for (const r of rows) {
      const d = serviceDurations({ eventDate: r.eventDate, notifiedAt: r.notifiedAt, registeredAt: r.registeredAt, issuedAt: r.issuedAt });
      if (d.ok) durations.push(d.value);
    }
    const summary = (pick: (d: ServiceDurations) => number | null): TimeSummaryView => {
      const s = serviceTimeSummary(durations.map(pick).filter((v): v is number => v !== null));
      return s.ok ? { ...s.value } : { count: 0, median: null, p90: null };
    };
    const count = (cls: string) => rows.filter((r) => r.timeliness === cls).length;
    return {
      programme: query.programme,
      deedType,
      from: query.from,
      to: query.to,
      cases: rows.length,
      issued: rows.filter((r) => r.issuedAt).length,
      eventToNotified: summary((d) => d.eventToNotified),
      notifiedToRegistered: summary((d) => d.notifiedToRegistered),
      registeredToIssued: summary((d) => d.registeredToIssued),
      eventToIssued: summary((d) => d.eventToIssued),
      timeliness: { ON_TIME: count('ON_TIME'), LATE_UP_TO_ONE_YEAR: count('LATE_UP_TO_ONE_YEAR'), LATE_OVER_ONE_YEAR: count('LATE_OVER_ONE_YEAR') },
    };
  }
}

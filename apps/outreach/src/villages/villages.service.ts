/**
 * The villages the teams may visit and their travel times. A caller sees the villages of its region scope and
 * changes those only; each change is one transaction with its audit row.
 */
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { AuditService, canAccessRegion, Problem, type Principal } from '@adminduk/platform';
import { requireRegion, requireSomeOf } from '../common/region-scope';
import { OutreachVillage } from './outreach-village.entity';
import { RegionNamesService } from './region-names.service';
import { toVillageView, type UpdateVillageDto, type VillageList, type VillageQuery, type VillageView } from './village.dto';

const RESOURCE = 'outreach-village';

@Injectable()
export class VillagesService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly names: RegionNamesService,
  ) {}

  async list(query: VillageQuery, principal: Principal): Promise<VillageList> {
    if (query.districtCode) requireSomeOf(principal, query.districtCode, 'kecamatan');
    const villages = await this.em.fork().find(OutreachVillage, query.districtCode ? { districtCode: query.districtCode } : {}, { orderBy: { code: 'asc' } });
    return { items: villages.filter((v) => canAccessRegion(principal, v.code)).map((v) => toVillageView(v, this.names.districtName(v.districtCode))) };
  }

  async get(code: string, principal: Principal): Promise<VillageView> {
    const village = await this.find(this.em.fork(), code, principal);
    return toVillageView(village, this.names.districtName(village.districtCode));
  }

  async update(code: string, dto: UpdateVillageDto, principal: Principal): Promise<VillageView> {
    return this.em.fork().transactional(async (tx) => {
      const village = await this.find(tx, code, principal);
      if (village.version !== dto.version) throw Problem.conflict('VERSION_CONFLICT', `the village is at version ${village.version}, you sent ${dto.version}: read it again and retry`);
      if (dto.travelMinutes !== undefined) {
        village.travelMinutes = dto.travelMinutes;
        village.travelSource = 'SET';
      }
      if (dto.active !== undefined) village.active = dto.active;
      this.audit.record(tx, { action: 'UPDATE', resourceType: RESOURCE, resourceId: village.code, regionCode: village.code });
      await tx.flush();
      return toVillageView(village, this.names.districtName(village.districtCode));
    });
  }

  private find(em: EntityManager, code: string, principal: Principal): Promise<OutreachVillage> {
    return findVillage(em, code, principal);
  }
}

/**
 * The village of a path's `{code}`, within the caller's scope: 400 INVALID_CODE unless 10 digits, 404
 * VILLAGE_NOT_FOUND when not in the outreach list, 403 OUTSIDE_REGION outside the caller's scope. Every endpoint
 * with a village code in its path answers alike through this.
 */
export async function findVillage(em: EntityManager, code: string, principal: Principal): Promise<OutreachVillage> {
  if (!/^\d{10}$/.test(code)) throw Problem.badRequest('INVALID_CODE', 'the village code in the path must be 10 digits');
  const village = await em.findOne(OutreachVillage, { code });
  if (!village) throw Problem.notFound('VILLAGE_NOT_FOUND', `no village ${code} in this regency's outreach list`);
  requireRegion(principal, village.code, 'village');
  return village;
}

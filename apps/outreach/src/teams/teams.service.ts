/**
 * The teams: reference data of the whole regency (changes need a regency scope). The rules a team must meet for
 * the planner to use it are checked here and refused with 422 TEAM_RULES_NOT_MET (every violation listed): a
 * team recording e-KTPs carries a recording kit; capacities are given for services the team offers only; a home
 * base and the travel times from it name villages of the regency, and travel times need a base.
 * Each change is one transaction with its audit row.
 */
import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { SERVICE_KINDS, type ServiceKind } from '@adminduk/domain';
import { AuditService, Problem, type Principal, type ProblemItem } from '@adminduk/platform';
import { OfficeClockService } from '../common/office-clock.service';
import { requireRegency } from '../common/region-scope';
import { OutreachVillage } from '../villages/outreach-village.entity';
import { Team, type Equipment } from './team.entity';
import { toTeamView, type BaseTravelDto, type CreateTeamDto, type TeamCapacityDto, type TeamList, type TeamView, type UpdateTeamDto } from './team.dto';

const RESOURCE = 'outreach-team';

@Injectable()
export class TeamsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly clock: OfficeClockService,
  ) {}

  async list(): Promise<TeamList> {
    const teams = await this.em.fork().find(Team, {}, { orderBy: { name: 'asc' } });
    return { items: teams.map(toTeamView) };
  }

  async get(id: string): Promise<TeamView> {
    return toTeamView(await this.find(this.em.fork(), id));
  }

  async create(dto: CreateTeamDto, principal: Principal): Promise<TeamView> {
    requireRegency(principal, this.clock.regencyCode, 'a team');
    const capacity = capacityOf(dto.capacity ?? {});
    const base = { villageCode: dto.baseVillageCode ?? null, travel: travelOf(dto.baseTravel ?? []) };
    checkRules(dto.services, dto.equipment, capacity, base, await this.villageCodes());
    return this.saving(async (tx) => {
      const team = tx.create(Team, {
        name: dto.name.trim(),
        staffCount: dto.staffCount,
        equipment: dto.equipment,
        services: dto.services,
        capacity,
        active: dto.active ?? true,
        baseVillageCode: base.villageCode,
        baseTravel: base.travel,
      });
      this.audit.record(tx, { action: 'CREATE', resourceType: RESOURCE, resourceId: team.id, regionCode: this.clock.regencyCode });
      await tx.flush();
      return toTeamView(team);
    });
  }

  async update(id: string, dto: UpdateTeamDto, principal: Principal): Promise<TeamView> {
    requireRegency(principal, this.clock.regencyCode, 'a team');
    return this.saving(async (tx) => {
      const team = await this.find(tx, id);
      if (team.version !== dto.version) throw Problem.conflict('VERSION_CONFLICT', `the team is at version ${team.version}, you sent ${dto.version}: read it again and retry`);
      const services = dto.services ?? team.services;
      const equipment = dto.equipment ?? team.equipment;
      const capacity = dto.capacity ? capacityOf(dto.capacity) : team.capacity;
      const villageCode = dto.baseVillageCode !== undefined ? dto.baseVillageCode : (team.baseVillageCode ?? null);
      // Without a base, no travel table (a base removed takes its figures with it).
      const travel = dto.baseTravel ? travelOf(dto.baseTravel) : villageCode === null ? {} : team.baseTravel;
      checkRules(services, equipment, capacity, { villageCode, travel }, await this.villageCodes(tx));
      team.baseVillageCode = villageCode;
      team.baseTravel = { ...travel };
      if (dto.name !== undefined) team.name = dto.name.trim();
      if (dto.staffCount !== undefined) team.staffCount = dto.staffCount;
      team.services = [...services];
      team.equipment = [...equipment];
      team.capacity = { ...capacity };
      if (dto.active !== undefined) team.active = dto.active;
      this.audit.record(tx, { action: 'UPDATE', resourceType: RESOURCE, resourceId: team.id, regionCode: this.clock.regencyCode });
      await tx.flush();
      return toTeamView(team);
    });
  }

  async remove(id: string, principal: Principal): Promise<void> {
    requireRegency(principal, this.clock.regencyCode, 'a team');
    await this.saving(async (tx) => {
      const team = await this.find(tx, id);
      tx.remove(team);
      this.audit.record(tx, { action: 'DELETE', resourceType: RESOURCE, resourceId: team.id, regionCode: this.clock.regencyCode });
      await tx.flush();
    });
  }

  /** The villages of the regency (active or not): a base or a travel figure must name one of them. */
  private async villageCodes(em: EntityManager = this.em.fork()): Promise<ReadonlySet<string>> {
    return new Set((await em.find(OutreachVillage, {}, { fields: ['code'] })).map((v) => v.code));
  }

  private async find(em: EntityManager, id: string): Promise<Team> {
    const team = await em.findOne(Team, { id });
    if (!team) throw Problem.notFound('TEAM_NOT_FOUND', `no team ${id}`);
    return team;
  }

  private async saving<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.em.fork().transactional(work);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw Problem.conflict('TEAM_NAME_TAKEN', 'another team has this name');
      throw error;
    }
  }
}

function capacityOf(dto: TeamCapacityDto): Partial<Record<ServiceKind, number>> {
  const capacity: Partial<Record<ServiceKind, number>> = {};
  for (const kind of SERVICE_KINDS) if (dto[kind] !== undefined) capacity[kind] = dto[kind];
  return capacity;
}

function travelOf(list: readonly BaseTravelDto[]): Record<string, number> {
  return Object.fromEntries(list.map((t) => [t.villageCode, t.minutes]));
}

function checkRules(
  services: readonly ServiceKind[],
  equipment: readonly Equipment[],
  capacity: Partial<Record<ServiceKind, number>>,
  base: { readonly villageCode: string | null; readonly travel: Readonly<Record<string, number>> },
  villages: ReadonlySet<string>,
): void {
  const items: ProblemItem[] = [];
  if (base.villageCode !== null && !villages.has(base.villageCode)) {
    items.push({ code: 'TEAM_BASE_VILLAGE_UNKNOWN', field: 'baseVillageCode', message: `${base.villageCode} is not a village of the regency` });
  }
  const listed = Object.keys(base.travel);
  if (base.villageCode === null && listed.length > 0) items.push({ code: 'TEAM_BASE_REQUIRED', field: 'baseTravel', message: 'travel times from a base need the base (baseVillageCode)' });
  for (const code of listed) if (!villages.has(code)) items.push({ code: 'TEAM_BASE_VILLAGE_UNKNOWN', field: 'baseTravel', message: `${code} is not a village of the regency` });
  if (services.includes('EKTP_RECORDING') && !equipment.includes('EKTP_RECORDING_KIT')) {
    items.push({ code: 'TEAM_KIT_REQUIRED', field: 'equipment', message: 'a team that records e-KTPs (EKTP_RECORDING) carries an EKTP_RECORDING_KIT' });
  }
  for (const kind of SERVICE_KINDS) {
    if (capacity[kind] !== undefined && !services.includes(kind)) {
      items.push({ code: 'TEAM_CAPACITY_NOT_OFFERED', field: `capacity.${kind}`, message: `a capacity for ${kind}, which the team does not offer` });
    }
  }
  if (items.length > 0) throw Problem.unprocessable('TEAM_RULES_NOT_MET', 'the team cannot be planned like this', items);
}

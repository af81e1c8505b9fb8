/**
 * The teams: reference data of the whole regency (changes need a regency scope). The rules a team must meet for
 * the planner to use it are checked here and refused with 422 TEAM_RULES_NOT_MET (every violation listed): a
 * team recording e-KTPs carries a recording kit; capacities are given for services the team offers only.
 * Each change is one transaction with its audit row.
 */
import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { SERVICE_KINDS, type ServiceKind } from '@adminduk/domain';
import { AuditService, Problem, type Principal, type ProblemItem } from '@adminduk/platform';
import { OfficeClockService } from '../common/office-clock.service';
import { requireRegency } from '../common/region-scope';
import { Team, type Equipment } from './team.entity';
import { toTeamView, type CreateTeamDto, type TeamCapacityDto, type TeamList, type TeamView, type UpdateTeamDto } from './team.dto';

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
    requireRegency(principal, this.clock.regencyCode);
    const capacity = capacityOf(dto.capacity ?? {});
    checkRules(dto.services, dto.equipment, capacity);
    return this.saving(async (tx) => {
      const team = tx.create(Team, { name: dto.name.trim(), staffCount: dto.staffCount, equipment: dto.equipment, services: dto.services, capacity, active: dto.active ?? true });
      this.audit.record(tx, { action: 'CREATE', resourceType: RESOURCE, resourceId: team.id, regionCode: this.clock.regencyCode });
      await tx.flush();
      return toTeamView(team);
    });
  }

  async update(id: string, dto: UpdateTeamDto, principal: Principal): Promise<TeamView> {
    requireRegency(principal, this.clock.regencyCode);
    return this.saving(async (tx) => {
      const team = await this.find(tx, id);
      if (team.version !== dto.version) throw Problem.conflict('VERSION_CONFLICT', `the team is at version ${team.version}, you sent ${dto.version}: read it again and retry`);
      const services = dto.services ?? team.services;
      const equipment = dto.equipment ?? team.equipment;
      const capacity = dto.capacity ? capacityOf(dto.capacity) : team.capacity;
      checkRules(services, equipment, capacity);
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
    requireRegency(principal, this.clock.regencyCode);
    await this.saving(async (tx) => {
      const team = await this.find(tx, id);
      tx.remove(team);
      this.audit.record(tx, { action: 'DELETE', resourceType: RESOURCE, resourceId: team.id, regionCode: this.clock.regencyCode });
      await tx.flush();
    });
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

function checkRules(services: readonly ServiceKind[], equipment: readonly Equipment[], capacity: Partial<Record<ServiceKind, number>>): void {
  const items: ProblemItem[] = [];
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

import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, uuidParam, type Principal } from '@adminduk/platform';
import { PLANNERS, READERS, TEAMS_IN_THE_FIELD } from '../common/roles';
import { CancelVisitDto, CreatePlanDto, PlanList, PlanListQuery, PlanView, VisitOutcomeDto, VisitView } from './plan.dto';
import { PlansService } from './plans.service';
import { VisitsService } from './visits.service';

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly visits: VisitsService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...PLANNERS)
  @ApiOperation({
    summary: "Make a draft plan for the next N weeks from today's backlog, the active teams and the calendar (regency scope)",
    description: "The domain library's planner (planVisits): deterministic for the same backlog, teams, calendar and seed.",
  })
  @ApiCreatedResponse({ type: PlanView })
  create(@Body() dto: CreatePlanDto, @CurrentPrincipal() principal: Principal): Promise<PlanView> {
    return this.plans.create(dto, principal);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Plans, newest first (without their visits)' })
  @ApiOkResponse({ type: PlanList })
  list(@Query() query: PlanListQuery): Promise<PlanList> {
    return this.plans.list(query.status);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A plan with its visits (those of your region scope)' })
  @ApiOkResponse({ type: PlanView })
  get(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal): Promise<PlanView> {
    return this.plans.get(id, principal);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles(...PLANNERS)
  @ApiOperation({ summary: 'Publish a draft (event outreach.plan.published.v1, so the villages can be told); the plan published before is superseded (regency scope)' })
  @ApiOkResponse({ type: PlanView })
  publish(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal): Promise<PlanView> {
    return this.plans.publish(id, principal);
  }

  @Get(':id/visits/:visitId')
  @Roles(...READERS)
  @ApiOperation({ summary: "A visit, with the registers' records linked to it and, once reported, the outcome reconciled with them" })
  @ApiOkResponse({ type: VisitView })
  visit(@Param('id', uuidParam()) id: string, @Param('visitId', uuidParam()) visitId: string, @CurrentPrincipal() principal: Principal): Promise<VisitView> {
    return this.visits.get(id, visitId, principal);
  }

  @Post(':id/visits/:visitId/cancel')
  @HttpCode(201)
  @Roles(...TEAMS_IN_THE_FIELD)
  @ApiOperation({
    summary: 'Cancel a visit of the published plan and re-plan the weeks after it: a new published version that keeps the past',
    description: 'Answers with the new version (event outreach.plan.published.v1, reason REPLANNED).',
  })
  @ApiCreatedResponse({ type: PlanView })
  cancel(@Param('id', uuidParam()) id: string, @Param('visitId', uuidParam()) visitId: string, @Body() dto: CancelVisitDto, @CurrentPrincipal() principal: Principal): Promise<PlanView> {
    return this.visits.cancel(id, visitId, dto, principal);
  }

  @Post(':id/visits/:visitId/outcome')
  @HttpCode(200)
  @Roles(...TEAMS_IN_THE_FIELD)
  @ApiOperation({ summary: 'Report what the team did on the visit, per service kind (event outreach.visit.completed.v1)' })
  @ApiOkResponse({ type: VisitView })
  outcome(@Param('id', uuidParam()) id: string, @Param('visitId', uuidParam()) visitId: string, @Body() dto: VisitOutcomeDto, @CurrentPrincipal() principal: Principal): Promise<VisitView> {
    return this.visits.outcome(id, visitId, dto, principal);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, uuidParam, type Principal } from '@adminduk/platform';
import { KEEPERS, READERS } from '../common/roles';
import { CreateTeamDto, TeamList, TeamView, UpdateTeamDto } from './team.dto';
import { TeamsService } from './teams.service';

@ApiTags('teams')
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The outreach teams: staff, equipment, services and capacity per visit-day' })
  @ApiOkResponse({ type: TeamList })
  list(): Promise<TeamList> {
    return this.teams.list();
  }

  @Post()
  @HttpCode(201)
  @Roles(...KEEPERS)
  @ApiOperation({ summary: 'Add a team (regency scope)' })
  @ApiCreatedResponse({ type: TeamView })
  create(@Body() dto: CreateTeamDto, @CurrentPrincipal() principal: Principal): Promise<TeamView> {
    return this.teams.create(dto, principal);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One team' })
  @ApiOkResponse({ type: TeamView })
  get(@Param('id', uuidParam()) id: string): Promise<TeamView> {
    return this.teams.get(id);
  }

  @Patch(':id')
  @Roles(...KEEPERS)
  @ApiOperation({ summary: 'Change a team at the version read (regency scope)' })
  @ApiOkResponse({ type: TeamView })
  update(@Param('id', uuidParam()) id: string, @Body() dto: UpdateTeamDto, @CurrentPrincipal() principal: Principal): Promise<TeamView> {
    return this.teams.update(id, dto, principal);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...KEEPERS)
  @ApiOperation({ summary: 'Remove a team (regency scope); plans keep its name' })
  @ApiNoContentResponse()
  remove(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    return this.teams.remove(id, principal);
  }
}

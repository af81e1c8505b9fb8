import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@adminduk/platform';
import { READERS } from '../common/roles';
import { CapacityQuery, CapacityView, ProjectionQuery, ProjectionView } from './projection.dto';
import { ProjectionService } from './projection.service';

@ApiTags('projection')
@Controller('projection')
export class ProjectionController {
  constructor(private readonly projection: ProjectionService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'When each kecamatan and the regency reach the e-KTP recording target at the current capacity' })
  @ApiOkResponse({ type: ProjectionView })
  project(@Query() query: ProjectionQuery, @CurrentPrincipal() principal: Principal): Promise<ProjectionView> {
    return this.projection.project(query, principal);
  }

  @Get('capacity')
  @Roles(...READERS)
  @ApiOperation({ summary: 'What capacity (team-days per week, teams) reaches the target by a date, for the regency and for every kecamatan (regency scope)' })
  @ApiOkResponse({ type: CapacityView })
  capacity(@Query() query: CapacityQuery, @CurrentPrincipal() principal: Principal): Promise<CapacityView> {
    return this.projection.capacity(query, principal);
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@adminduk/platform';
import { OfficeClockService } from '../common/office-clock.service';
import { READERS } from '../common/roles';
import { BacklogQuery, BacklogView, VillageResidentsView } from './backlog.dto';
import { BacklogService } from './backlog.service';

@ApiTags('backlog')
@Controller('backlog')
export class BacklogController {
  constructor(
    private readonly backlog: BacklogService,
    private readonly clock: OfficeClockService,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'What is waiting, per village, per kecamatan and in total, as of today: e-KTP recordings, birth deeds, KIA, open applications, documents to hand over',
    description: 'Counts only, within your region scope; kept current from the identity and deeds events.',
  })
  @ApiOkResponse({ type: BacklogView })
  get(@Query() query: BacklogQuery, @CurrentPrincipal() principal: Principal): Promise<BacklogView> {
    return this.backlog.report(this.clock.today(), principal, query.districtCode);
  }

  @Get('villages/:code/residents')
  @Roles(...READERS)
  @ApiOperation({
    summary: "Who in one village is waiting for what, as of today: the residents behind the village's counts, by resident id",
    description:
      'The living residents of the village (10-digit code) with at least one thing due, ordered by resident id, unpaged. No names or NIKs: join the ids with the identity service. 400 INVALID_CODE, 404 VILLAGE_NOT_FOUND, 403 OUTSIDE_REGION as GET /villages/{code}.',
  })
  @ApiOkResponse({ type: VillageResidentsView })
  residents(@Param('code') code: string, @CurrentPrincipal() principal: Principal): Promise<VillageResidentsView> {
    return this.backlog.villageResidents(code, this.clock.today(), principal);
  }
}

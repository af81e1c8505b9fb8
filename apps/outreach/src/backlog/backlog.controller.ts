import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@adminduk/platform';
import { OfficeClockService } from '../common/office-clock.service';
import { READERS } from '../common/roles';
import { BacklogQuery, BacklogView } from './backlog.dto';
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
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@adminduk/platform';
import { ServiceTimesQuery, ServiceTimesView } from './service-times.dto';
import { ServiceTimesService } from './service-times.service';

@ApiTags('reports')
@Controller('reports')
export class ServiceTimesController {
  constructor(private readonly times: ServiceTimesService) {}

  @Get('service-times')
  @Roles('analyst', 'operator', 'registrar')
  @ApiOperation({ summary: 'BLAS / OMAS: days from the event to the deed in hand (median, 90th percentile) and timeliness, for the events of a period in your region' })
  @ApiOkResponse({ type: ServiceTimesView })
  summary(@Query() query: ServiceTimesQuery, @CurrentPrincipal() principal: Principal): Promise<ServiceTimesView> {
    return this.times.summary(query, principal);
  }
}

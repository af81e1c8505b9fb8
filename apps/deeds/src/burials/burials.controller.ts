import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles, uuidParam, type Principal } from '@adminduk/platform';
import { BurialListQuery, BurialPage, BurialReportDto, BurialView } from './burial.dto';
import { BurialsService } from './burials.service';

@ApiTags('burials')
@Controller('burials')
export class BurialsController {
  constructor(private readonly burials: BurialsService) {}

  @Post()
  @Roles('partner')
  @ApiOperation({
    summary: 'A cemetery keeper, parish, mosque or village reports a burial of its burial register (Buku Pokok Pemakaman): 201 new, 200 already recorded',
    description:
      'The burial is matched with the deaths: by the NIK, else by the particulars (village, sex, name, the day of death or the 30 days before the burial); ' +
      'an ambiguous match is none. A death nobody reported becomes a death case (NOTIFIED, channel PARTNER) waiting for the family’s report.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'the same key on a retry gets the first answer, and nothing is written twice' })
  @ApiCreatedResponse({ type: BurialView, description: 'the burial, recorded and matched' })
  @ApiOkResponse({ type: BurialView, description: 'the burial was already recorded: that record' })
  async record(
    @Body() dto: BurialReportDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BurialView> {
    const outcome = await this.burials.record(dto, principal, idempotencyKey);
    void reply.status(outcome.status);
    return outcome.view;
  }

  @Get()
  @Roles('partner', 'operator', 'registrar')
  @ApiOperation({
    summary: 'Burials, newest first: a partner’s own; for the office, those of its region (filters: village, burial days, match). No name, no NIK.',
  })
  @ApiOkResponse({ type: BurialPage })
  list(@Query() query: BurialListQuery, @CurrentPrincipal() principal: Principal): Promise<BurialPage> {
    return this.burials.list(query, principal);
  }

  @Get(':id')
  @Roles('partner', 'operator', 'registrar')
  @ApiOperation({ summary: "One burial and the status of its death record: a partner's own (another institution's is 404), or one of the office's region (another is 404)" })
  @ApiOkResponse({ type: BurialView })
  get(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal): Promise<BurialView> {
    return this.burials.get(id, principal);
  }
}

import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@adminduk/platform';
import { KEEPERS, READERS } from '../common/roles';
import { UpdateVillageDto, VillageList, VillageQuery, VillageView } from './village.dto';
import { VillagesService } from './villages.service';

@ApiTags('villages')
@Controller('villages')
export class VillagesController {
  constructor(private readonly villages: VillagesService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The villages of your region scope with their travel times (seeded from the region data of REGENCY_CODE)' })
  @ApiOkResponse({ type: VillageList })
  list(@Query() query: VillageQuery, @CurrentPrincipal() principal: Principal): Promise<VillageList> {
    return this.villages.list(query, principal);
  }

  @Get(':code')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One village (10-digit code)' })
  @ApiOkResponse({ type: VillageView })
  get(@Param('code') code: string, @CurrentPrincipal() principal: Principal): Promise<VillageView> {
    return this.villages.get(code, principal);
  }

  @Patch(':code')
  @Roles(...KEEPERS)
  @ApiOperation({ summary: "Change a village's travel time or take it out of planning, at the version read" })
  @ApiOkResponse({ type: VillageView })
  update(@Param('code') code: string, @Body() dto: UpdateVillageDto, @CurrentPrincipal() principal: Principal): Promise<VillageView> {
    return this.villages.update(code, dto, principal);
  }
}

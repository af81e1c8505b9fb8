import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scope, uuidParam, type Principal } from '@adminduk/platform';
import { RegisterResidentDto, ResidentPage, ResidentSearchQuery, ResidentView, UpdateResidentDto } from './resident.dto';
import { ResidentUpdateService } from './resident-update.service';
import { ResidentsService } from './residents.service';

@ApiTags('residents')
@Controller('residents')
export class ResidentsController {
  constructor(
    private readonly residents: ResidentsService,
    private readonly updates: ResidentUpdateService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Register a resident; the NIK is checked, or issued when none is given' })
  @ApiCreatedResponse({ type: ResidentView })
  register(@Body() dto: RegisterResidentDto, @CurrentPrincipal() principal: Principal): Promise<ResidentView> {
    return this.residents.register(dto, principal);
  }

  @Get()
  @Roles('operator', 'registrar', 'integrator')
  @Scope('residents')
  @ApiOperation({ summary: 'Search residents by NIK, by name and birth date, by village, or by family card (id or No. KK)' })
  @ApiOkResponse({ type: ResidentPage })
  search(@Query() query: ResidentSearchQuery, @CurrentPrincipal() principal: Principal): Promise<ResidentPage> {
    return this.residents.search(query, principal);
  }

  @Get(':id')
  @Roles('operator', 'registrar', 'integrator')
  @Scope('residents')
  @ApiOperation({ summary: 'Read a resident' })
  @ApiOkResponse({ type: ResidentView })
  get(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal): Promise<ResidentView> {
    return this.residents.get(id, principal);
  }

  @Patch(':id')
  @Roles('operator', 'registrar')
  @ApiOperation({
    summary: "Correct a resident's record (clerical errors) at the version read",
    description:
      'Only the fields given change. Birth date and sex must still fit the NIK (else 422 NIK_MISMATCH: a data correction outside this endpoint). ' +
      'NIK, marital status (deeds) and kecamatan / village (POST /residents/{id}/move) are not edited here (422 FIELD_NOT_EDITABLE).',
  })
  @ApiOkResponse({ type: ResidentView })
  update(@Param('id', uuidParam()) id: string, @Body() dto: UpdateResidentDto, @CurrentPrincipal() principal: Principal): Promise<ResidentView> {
    return this.updates.update(id, dto, principal);
  }
}

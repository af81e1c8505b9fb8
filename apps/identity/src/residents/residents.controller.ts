import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, uuidParam, type Principal } from '@adminduk/platform';
import { RegisterResidentDto, ResidentPage, ResidentSearchQuery, ResidentView } from './resident.dto';
import { ResidentsService } from './residents.service';

@ApiTags('residents')
@Controller('residents')
export class ResidentsController {
  constructor(private readonly residents: ResidentsService) {}

  @Post()
  @HttpCode(201)
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Register a resident; the NIK is checked, or issued when none is given' })
  @ApiCreatedResponse({ type: ResidentView })
  register(@Body() dto: RegisterResidentDto, @CurrentPrincipal() principal: Principal): Promise<ResidentView> {
    return this.residents.register(dto, principal);
  }

  @Get()
  @Roles('operator', 'registrar', 'analyst', 'integrator')
  @ApiOperation({ summary: 'Search residents by NIK, by name and birth date, by village or by family card' })
  @ApiOkResponse({ type: ResidentPage })
  search(@Query() query: ResidentSearchQuery, @CurrentPrincipal() principal: Principal): Promise<ResidentPage> {
    return this.residents.search(query, principal);
  }

  @Get(':id')
  @Roles('operator', 'registrar', 'analyst', 'integrator')
  @ApiOperation({ summary: 'Read a resident' })
  @ApiOkResponse({ type: ResidentView })
  get(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal): Promise<ResidentView> {
    return this.residents.get(id, principal);
  }
}

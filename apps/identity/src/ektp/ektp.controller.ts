import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, uuidParam, type Principal } from '@adminduk/platform';
import { EktpActionDto, EktpView } from './ektp.dto';
import { EktpService } from './ektp.service';

@ApiTags('ektp')
@Controller('residents/:id/ektp')
export class EktpController {
  constructor(private readonly ektp: EktpService) {}

  @Get()
  @Roles('operator', 'registrar', 'analyst', 'integrator')
  @ApiOperation({ summary: "A resident's e-KTP: status (derived from the actions and the resident's age and marital status), recordings, prints, issues, reprints" })
  @ApiOkResponse({ type: EktpView })
  get(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal): Promise<EktpView> {
    return this.ektp.get(id, principal);
  }

  @Post('actions')
  @HttpCode(201)
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Record one e-KTP action (biometrics recorded, print-ready, sent for printing, printed, issued, lost/damaged/changed → reprint), with the version you read' })
  @ApiCreatedResponse({ type: EktpView })
  act(@Param('id', uuidParam()) id: string, @Body() dto: EktpActionDto, @CurrentPrincipal() principal: Principal): Promise<EktpView> {
    return this.ektp.act(id, dto, principal);
  }
}

import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scope, uuidParam, type Principal } from '@adminduk/platform';
import { DeathDto, MoveDto, MoveOutDto, ResidentStatusView, ReturnDto } from './resident-status.dto';
import { ResidentStatusService } from './resident-status.service';

@ApiTags('resident-status')
@Controller('residents/:id')
export class ResidentStatusController {
  constructor(private readonly status: ResidentStatusService) {}

  @Get('status')
  @Roles('operator', 'registrar', 'integrator')
  @Scope('residents')
  @ApiOperation({ summary: "A resident's status in the register (alive, deceased, moved out), with the moves and the death" })
  @ApiOkResponse({ type: ResidentStatusView })
  get(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal): Promise<ResidentStatusView> {
    return this.status.get(id, principal);
  }

  @Post('death')
  @HttpCode(200)
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Record the death of a resident: deceased, and nothing can change afterwards' })
  @ApiOkResponse({ type: ResidentStatusView })
  die(@Param('id', uuidParam()) id: string, @Body() dto: DeathDto, @CurrentPrincipal() principal: Principal): Promise<ResidentStatusView> {
    return this.status.die(id, dto, principal);
  }

  @Post('move-out')
  @HttpCode(200)
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Record a move out of the regency (pindah) to another regency or province' })
  @ApiOkResponse({ type: ResidentStatusView })
  moveOut(@Param('id', uuidParam()) id: string, @Body() dto: MoveOutDto, @CurrentPrincipal() principal: Principal): Promise<ResidentStatusView> {
    return this.status.moveOut(id, dto, principal);
  }

  @Post('return')
  @HttpCode(200)
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Record the return (datang) of a resident who had moved out, to an address in the regency' })
  @ApiOkResponse({ type: ResidentStatusView })
  comeBack(@Param('id', uuidParam()) id: string, @Body() dto: ReturnDto, @CurrentPrincipal() principal: Principal): Promise<ResidentStatusView> {
    return this.status.comeBack(id, dto, principal);
  }

  @Post('move')
  @HttpCode(200)
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Record a move within the regency (new village or kecamatan; the NIK stays): the caller must cover both kecamatan' })
  @ApiOkResponse({ type: ResidentStatusView })
  move(@Param('id', uuidParam()) id: string, @Body() dto: MoveDto, @CurrentPrincipal() principal: Principal): Promise<ResidentStatusView> {
    return this.status.move(id, dto, principal);
  }
}

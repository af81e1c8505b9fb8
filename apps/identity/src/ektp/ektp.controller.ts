import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scope, uuidParam, type Principal } from '@adminduk/platform';
import { EktpActionDto, EktpView } from './ektp.dto';
import { EktpService } from './ektp.service';

@ApiTags('ektp')
@Controller('residents/:id/ektp')
export class EktpController {
  constructor(private readonly ektp: EktpService) {}

  @Get()
  @Roles('operator', 'registrar', 'integrator')
  @Scope('documents')
  @ApiOperation({ summary: "A resident's e-KTP: status (derived from the actions and the resident's age and marital status), recordings, prints, issues, reprints" })
  @ApiOkResponse({ type: EktpView })
  get(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal): Promise<EktpView> {
    return this.ektp.get(id, principal);
  }

  @Post('actions')
  @HttpCode(201)
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Record one e-KTP action (biometrics recorded, print-ready, sent for printing, printed, issued, lost/damaged/changed → reprint), with the version you read' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'the same key on a retry (a lost answer, an offline outbox sending again) gets the first answer again, and nothing is written twice; the same key with another request is 422 IDEMPOTENCY_KEY_REUSED. Keys are per caller.',
  })
  @ApiCreatedResponse({ type: EktpView })
  act(
    @Param('id', uuidParam()) id: string,
    @Body() dto: EktpActionDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EktpView> {
    return this.ektp.act(id, dto, principal, idempotencyKey);
  }
}

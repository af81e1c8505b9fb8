import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, uuidParam, type Principal } from '@adminduk/platform';
import { KiaActionDto, KiaView } from './kia.dto';
import { KiaService } from './kia.service';

@ApiTags('kia')
@Controller('residents/:id/kia')
export class KiaController {
  constructor(private readonly kia: KiaService) {}

  @Get()
  @Roles('operator', 'registrar', 'analyst', 'integrator')
  @ApiOperation({ summary: "A child's KIA (Kartu Identitas Anak): eligibility and type today, cards printed and issued, expiry" })
  @ApiOkResponse({ type: KiaView })
  get(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal): Promise<KiaView> {
    return this.kia.get(id, principal);
  }

  @Post('actions')
  @HttpCode(201)
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Record one KIA action (print by type, issue, reissue after loss or damage), with the version you read' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'the same key on a retry (a lost answer, an offline outbox sending again) gets the first answer again, and nothing is written twice; the same key with another request is 422 IDEMPOTENCY_KEY_REUSED. Keys are per caller.',
  })
  @ApiCreatedResponse({ type: KiaView })
  act(
    @Param('id', uuidParam()) id: string,
    @Body() dto: KiaActionDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<KiaView> {
    return this.kia.act(id, dto, principal, idempotencyKey);
  }
}

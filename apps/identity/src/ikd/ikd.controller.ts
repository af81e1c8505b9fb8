import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scope, uuidParam, type Principal } from '@adminduk/platform';
import { IkdActionDto, IkdView } from './ikd.dto';
import { IkdService } from './ikd.service';

@ApiTags('ikd')
@Controller('residents/:id/ikd')
export class IkdController {
  constructor(private readonly ikd: IkdService) {}

  @Get()
  @Roles('operator', 'registrar', 'integrator')
  @Scope('documents')
  @ApiOperation({ summary: "A resident's IKD (Identitas Kependudukan Digital): status (derived from the actions), what may happen next, history" })
  @ApiOkResponse({ type: IkdView })
  get(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal): Promise<IkdView> {
    return this.ikd.get(id, principal);
  }

  @Post('actions')
  @HttpCode(201)
  @Roles('operator', 'registrar')
  @ApiOperation({
    summary:
      'Record one IKD action (activated on a phone, deactivated with a reason, activated again), at the office or on an outreach visit, with the version you read. Needs a living resident with a recorded e-KTP.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'the same key on a retry gets the first answer again, and nothing is written twice; the same key with another request is 422 IDEMPOTENCY_KEY_REUSED. Keys are per caller.',
  })
  @ApiCreatedResponse({ type: IkdView })
  act(
    @Param('id', uuidParam()) id: string,
    @Body() dto: IkdActionDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<IkdView> {
    return this.ikd.act(id, dto, principal, idempotencyKey);
  }
}

import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles, type Principal } from '@adminduk/platform';
import { KuaMarriageDto, KuaMarriageView } from './kua-marriage.dto';
import { KuaMarriagesService } from './kua-marriages.service';

@ApiTags('kua-marriages')
@Controller('kua-marriages')
export class KuaMarriagesController {
  constructor(private readonly kua: KuaMarriagesService) {}

  @Post()
  @Roles('partner', 'operator', 'registrar')
  @ApiOperation({ summary: 'Report a Muslim marriage recorded by the KUA: no deed; identity sets both spouses KAWIN_TERCATAT (deeds.marriage.registered.v1, route KUA)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'the same key on a retry gets the first answer' })
  @ApiCreatedResponse({ type: KuaMarriageView, description: 'recorded' })
  @ApiOkResponse({ type: KuaMarriageView, description: 'this marriage was already reported' })
  async report(
    @Body() dto: KuaMarriageDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<KuaMarriageView> {
    const outcome = await this.kua.report(dto, principal, idempotencyKey);
    void reply.status(outcome.status);
    return outcome.view;
  }
}

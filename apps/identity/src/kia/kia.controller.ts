import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiCreatedResponse({ type: KiaView })
  act(@Param('id', uuidParam()) id: string, @Body() dto: KiaActionDto, @CurrentPrincipal() principal: Principal): Promise<KiaView> {
    return this.kia.act(id, dto, principal);
  }
}

/** GET /audit: who read or changed which record, when and through which endpoint. Admins only, within their region. */
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/roles.decorator';
import type { Principal } from '../auth/principal';
import { AuditPage, AuditQuery } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'The audit trail: reads, searches and changes of records, filtered by record, caller and time',
    description: 'Records are named by id, never by NIK or name. A filter on resourceId also finds the searches that returned the record.',
  })
  @ApiOkResponse({ type: AuditPage })
  list(@Query() query: AuditQuery, @CurrentPrincipal() principal: Principal): Promise<AuditPage> {
    return this.audit.list(query, principal);
  }
}

import { Controller, Get, Param, Query, type PipeTransform } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Problem, Roles, type Principal } from '@adminduk/platform';
import { VillageDocumentsPage, VillageDocumentsQuery } from './village-documents.dto';
import { VillageDocumentsService } from './village-documents.service';

/** `:code` of a desa / kelurahan: 10 digits without dots, else 400 INVALID_CODE (as outreach's GET /villages/{code}). */
class VillageCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^\d{10}$/.test(value)) throw Problem.badRequest('INVALID_CODE', 'the village code in the path must be 10 digits');
    return value;
  }
}

@ApiTags('village-documents')
@Controller('villages/:code/documents')
export class VillageDocumentsController {
  constructor(private readonly documents: VillageDocumentsService) {}

  @Get()
  @Roles('operator', 'registrar')
  @ApiOperation({
    summary: "A village's e-KTP and KIA states in one paged answer (the living residents, by resident id), to take on an outreach visit",
    description:
      'Each item is what GET /residents/{id}/ektp and /kia say of status, version and allowed actions; a document whose stored history no longer folds is null, ' +
      'with EKTP_HISTORY_INCONSISTENT / KIA_HISTORY_INCONSISTENT in problems. No names, NIKs or addresses: join with GET /residents?villageCode=. ' +
      'As every path with a village code: 400 INVALID_CODE unless 10 digits, 404 VILLAGE_NOT_FOUND for a code that is no desa / kelurahan, 403 OUTSIDE_REGION outside your region.',
  })
  @ApiParam({ name: 'code', description: 'desa / kelurahan code, 10 digits', example: '5316012002' })
  @ApiOkResponse({ type: VillageDocumentsPage })
  list(@Param('code', new VillageCodePipe()) code: string, @Query() query: VillageDocumentsQuery, @CurrentPrincipal() principal: Principal): Promise<VillageDocumentsPage> {
    return this.documents.list(code, query, principal);
  }
}

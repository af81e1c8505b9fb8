import { Controller, Get, Headers, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal, Roles, uuidParam, type Principal } from '@adminduk/platform';
import { ImportsHttpService } from './imports-http.service';
import { IMPORT_UPLOAD_TYPES, ImportJobView, ImportListQuery, ImportRejectionsPage, ImportRejectionsQuery, ImportResultView, ImportUploadQuery } from './imports.dto';

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsHttpService) {}

  @Post()
  @Roles('operator', 'registrar')
  @ApiOperation({
    summary: "Import a register file: a village's OpenSID or BIP spreadsheet, or a file in the register's own layout (the body is the file)",
    description:
      'The same import as the command `import <file>` (apps/identity/src/import/README.md): every row checked, every family card imported whole or not at all, ' +
      'the same file again resumes an unfinished import or is refused when done (409 IMPORT_ALREADY_COMPLETED). The request waits for the import; ' +
      'the answer is the job with its first rejected rows (all: GET /imports/{id}/rejections). Files up to IMPORT_UPLOAD_MAX_BYTES (default 16 MiB; 413 beyond): ' +
      'a regency\'s register goes through the command. `village` is needed for OpenSID and BIP files (400 IMPORT_VILLAGE_REQUIRED) and must be in your region (403 OUTSIDE_REGION); ' +
      'without it your region must be the whole regency (403 REGENCY_SCOPE_REQUIRED). A file in no known layout: 400 IMPORT_HEADER_INVALID or IMPORT_FORMAT_UNKNOWN.',
  })
  @ApiConsumes(...Object.keys(IMPORT_UPLOAD_TYPES))
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiHeader({ name: 'Content-Disposition', required: false, description: 'attachment; filename="penduduk-labolewa.xlsx" (the name kept with the job)' })
  @ApiCreatedResponse({ type: ImportResultView })
  upload(
    @Query() query: ImportUploadQuery,
    @Headers('content-type') contentType: string | undefined,
    @Headers('content-disposition') contentDisposition: string | undefined,
    @Headers('content-length') contentLength: string | undefined,
    @Req() request: FastifyRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ImportResultView> {
    return this.imports.upload(query.village, { contentType, contentDisposition, contentLength }, request.raw, principal);
  }

  @Get()
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'The latest imports you may see (of villages in your region; imports without a village to a regency-wide region), newest first' })
  @ApiOkResponse({ type: [ImportJobView] })
  list(@Query() query: ImportListQuery, @CurrentPrincipal() principal: Principal): Promise<ImportJobView[]> {
    return this.imports.list(query.limit ?? 20, principal);
  }

  @Get(':id')
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'An import: its file, village, counters and state' })
  @ApiOkResponse({ type: ImportJobView })
  get(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal): Promise<ImportJobView> {
    return this.imports.get(id, principal);
  }

  @Get(':id/rejections')
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: "An import's rejected rows in file order: the row, the masked NIK and No. KK, every rule broken (no names, addresses or birth dates)" })
  @ApiOkResponse({ type: ImportRejectionsPage })
  rejections(@Param('id', uuidParam()) id: string, @Query() query: ImportRejectionsQuery, @CurrentPrincipal() principal: Principal): Promise<ImportRejectionsPage> {
    return this.imports.rejections(id, query.after ?? 0, query.limit ?? 200, principal);
  }
}

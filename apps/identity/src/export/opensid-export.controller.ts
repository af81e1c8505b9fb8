import { PassThrough } from 'node:stream';
import { Controller, Get, Logger, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { attachment, AuditService, canAccessRegion, CurrentPrincipal, Problem, Roles, type Principal } from '@adminduk/platform';
import { OpenSidExportQuery } from './opensid-export.dto';
import { EXPORT_RESOURCE, exportFileName, OpenSidExportService, XLSX_CONTENT_TYPE } from './opensid-export.service';

@ApiTags('registers')
@Controller('registers')
export class OpenSidExportController {
  private readonly logger = new Logger(OpenSidExportController.name);

  constructor(
    private readonly exports: OpenSidExportService,
    private readonly audit: AuditService,
  ) {}

  @Get('opensid.xlsx')
  @Roles('registrar', 'operator')
  @ApiOperation({
    summary: "A village's or a kecamatan's register in OpenSID's format impor penduduk (.xlsx), streamed",
    description:
      'The living residents on their active family card, card by card (No. KK), members in card order: one sheet `<village code> <name>` per village, and a `Kode Data` sheet. ' +
      'Give `village` (10 digits) or `district` (6 digits): 400 EXPORT_REGION_REQUIRED for neither or both, EXPORT_VILLAGE_INVALID / EXPORT_DISTRICT_INVALID for a code that is not a current one of the regency; ' +
      '403 OUTSIDE_REGION when your region does not cover it. One audit entry (resource `register-export`) names every resident in the file, written before the file is sent.',
  })
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async download(@Query() query: OpenSidExportQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const region = this.exports.region(query);
    if (!canAccessRegion(principal, region.code)) {
      await this.audit.recordNow({ action: 'SEARCH', resourceType: EXPORT_RESOURCE, regionCode: region.code, results: [], outcome: 'DENIED' });
      throw Problem.forbidden('OUTSIDE_REGION', `${region.kind === 'village' ? 'desa / kelurahan' : 'kecamatan'} ${region.code} is outside your region`);
    }
    const prepared = await this.exports.prepare(region, {});
    const body = new PassThrough();
    this.exports.write(prepared, body).catch((error: unknown) => {
      // Headers are sent: the client sees a cut download (an unreadable workbook), the log says why (no personal data).
      this.logger.error(`OpenSID export ${prepared.auditId} failed: ${error instanceof Error ? error.message : String(error)}`);
      body.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    void reply.header('cache-control', 'no-store');
    return new StreamableFile(body, { type: XLSX_CONTENT_TYPE, disposition: attachment(exportFileName(region)) });
  }
}

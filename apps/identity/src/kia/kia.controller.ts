import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiFileDownload, ApiFileUpload, attachmentFor, CurrentPrincipal, Roles, Scope, uuidParam, type Principal } from '@adminduk/platform';
import { KiaActionDto, KiaDocumentQuery, KiaDocumentView, KiaView } from './kia.dto';
import { KiaDocumentsService } from './kia-documents.service';
import { KiaService } from './kia.service';

@ApiTags('kia')
@Controller('residents/:id/kia')
export class KiaController {
  constructor(
    private readonly kia: KiaService,
    private readonly documents: KiaDocumentsService,
  ) {}

  @Get()
  @Roles('operator', 'registrar', 'integrator')
  @Scope('documents')
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

  @Post('documents')
  @Roles('operator', 'registrar')
  @ApiOperation({
    summary:
      "Add a document to the child's KIA application (a photo or scan of the birth deed, KK, parents' KTP-el, the child's photo; for a reissue the police's letter of loss or the damaged card): the body is the file (PDF, JPEG or PNG, 2 MiB at most by default)",
  })
  @ApiFileUpload()
  @ApiCreatedResponse({ type: KiaDocumentView })
  upload(
    @Param('id', uuidParam()) id: string,
    @Query() query: KiaDocumentQuery,
    @Headers('content-type') contentType: string | undefined,
    @Headers('content-disposition') contentDisposition: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<KiaDocumentView> {
    return this.documents.upload(id, query, { contentType, contentDisposition, idempotencyKey }, body, principal);
  }

  @Get('documents/:documentId/content')
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: "Download a document of a KIA application" })
  @ApiFileDownload()
  async content(
    @Param('id', uuidParam()) id: string,
    @Param('documentId', uuidParam()) documentId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const file = await this.documents.content(id, documentId, principal);
    void reply.header('content-type', file.contentType).header('cache-control', 'no-store').header('content-disposition', attachmentFor(`dokumen-kia-${documentId}`, file.contentType)).header('x-content-type-options', 'nosniff');
    return file.bytes;
  }
}

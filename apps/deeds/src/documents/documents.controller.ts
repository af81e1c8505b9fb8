import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles, uuidParam, type Principal } from '@adminduk/platform';
import { DocumentView } from '../cases/deed.dto';
import { DeclarationDto, UPLOAD_TYPES, UploadQuery } from './document.dto';
import { DocumentsService } from './documents.service';

@ApiTags('documents')
@Controller('deeds/:id')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post('documents')
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: "Upload a document of the application's checklist: the body is the file (PDF, JPEG or PNG); its name, if any, in Content-Disposition" })
  @ApiHeader({ name: 'Content-Disposition', required: false, description: 'attachment; filename="ktp-ibu.pdf"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'the same key on a retry gets the document stored the first time (201), and nothing is stored twice; keys are per caller' })
  @ApiConsumes(...UPLOAD_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: DocumentView })
  upload(
    @Param('id', uuidParam()) id: string,
    @Query() query: UploadQuery,
    @Headers('content-type') contentType: string | undefined,
    @Headers('content-disposition') contentDisposition: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DocumentView> {
    return this.documents.upload(id, query, { contentType, contentDisposition, idempotencyKey }, body, principal);
  }

  @Post('declarations')
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Record an SPTJM declaration taken down at the office (instead of a birth letter, or of the proof of marriage)' })
  @ApiCreatedResponse({ type: DocumentView })
  declare(@Param('id', uuidParam()) id: string, @Body() dto: DeclarationDto, @CurrentPrincipal() principal: Principal): Promise<DocumentView> {
    return this.documents.declare(id, dto, principal);
  }

  @Get('documents/:documentId/content')
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Download an uploaded document' })
  @ApiProduces(...UPLOAD_TYPES)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async content(
    @Param('id', uuidParam()) id: string,
    @Param('documentId', uuidParam()) documentId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const file = await this.documents.content(id, documentId, principal);
    void reply.header('content-type', file.contentType).header('cache-control', 'no-store');
    return file.bytes;
  }
}

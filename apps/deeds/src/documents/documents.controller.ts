import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiFileDownload, ApiFileUpload, attachmentFor, CurrentPrincipal, Roles, uuidParam, type Principal } from '@adminduk/platform';
import { DocumentView } from '../cases/deed.dto';
import { DeclarationDto, UploadQuery } from './document.dto';
import { DocumentsService } from './documents.service';

@ApiTags('documents')
@Controller('deeds/:id')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post('documents')
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: "Upload a document of the application's checklist: the body is the file (PDF, JPEG or PNG); its name, if any, in Content-Disposition" })
  @ApiFileUpload()
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
  @ApiFileDownload()
  async content(
    @Param('id', uuidParam()) id: string,
    @Param('documentId', uuidParam()) documentId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const file = await this.documents.content(id, documentId, principal);
    void reply.header('content-type', file.contentType).header('cache-control', 'no-store').header('content-disposition', attachmentFor(`dokumen-${documentId}`, file.contentType));
    return file.bytes;
  }
}

import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { attachment, CurrentPrincipal, ProblemException, Public, Roles, uuidParam, type Principal } from '@adminduk/platform';
import { prefersHtml, VERIFICATION_PAGE_HEADERS, verificationPage, verificationProblemPage } from '../verify/verification-page.mapper';
import { CopiesService } from './copies.service';
import { SigningKeysView, VerificationView } from './copy.dto';

@ApiTags('copies')
@Controller()
export class CopiesController {
  constructor(private readonly copies: CopiesService) {}

  @Get('deeds/:id/copies/:copyId/pdf')
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'The PDF of a copy, to print on plain paper' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async pdf(
    @Param('id', uuidParam()) id: string,
    @Param('copyId', uuidParam()) copyId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const pdf = await this.copies.renderPdf(id, copyId, principal);
    // Saved as a file, named by the copy (not by the person: a file name ends up in download folders and logs).
    void reply.header('content-type', 'application/pdf').header('cache-control', 'no-store').header('content-disposition', attachment(`kutipan-${copyId}.pdf`));
    return Buffer.from(pdf);
  }

  @Public()
  @Get('verify/:code')
  @ApiTags('verification')
  @ApiOperation({
    summary: "Anyone: is the copy with this code (from its QR code) valid, superseded by a correction, or annulled? No personal data",
    // The HTML page is described here and not as a second content type of the 200: with both, generated clients
    // type every answer as `VerificationView | string`, although API callers only ever get JSON.
    description:
      'JSON by default. A browser (an Accept header preferring `text/html`, as a phone scanning the QR code sends) gets the same answer as a ' +
      'small HTML page in Bahasa Indonesia instead, also for an unknown (404) or malformed (400) code.',
  })
  @ApiOkResponse({ type: VerificationView })
  async verify(@Param('code') code: string, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<VerificationView | string> {
    void reply.header('vary', 'Accept');
    if (!prefersHtml(accept)) return this.copies.verify(code);
    let html: string;
    try {
      html = verificationPage(await this.copies.verify(code));
    } catch (error) {
      // An unknown or malformed code is an answer for the person holding the paper; anything else (the database
      // down) stays a problem+json, logged by the ProblemFilter.
      if (!(error instanceof ProblemException) || (error.status !== 404 && error.status !== 400)) throw error;
      void reply.status(error.status);
      html = verificationProblemPage(error.status, code);
    }
    void reply.headers(VERIFICATION_PAGE_HEADERS);
    return html;
  }

  @Public()
  @Get('signing-keys')
  @ApiTags('verification')
  @ApiOperation({ summary: 'The public keys of the electronic signature (Ed25519) on copies, to check a signature offline' })
  @ApiOkResponse({ type: SigningKeysView })
  keys(): SigningKeysView {
    return this.copies.keys();
  }
}

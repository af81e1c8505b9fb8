import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Public, Roles, uuidParam, type Principal } from '@adminduk/platform';
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
    void reply.header('content-type', 'application/pdf').header('cache-control', 'no-store');
    return Buffer.from(pdf);
  }

  @Public()
  @Get('verify/:code')
  @ApiTags('verification')
  @ApiOperation({ summary: "Anyone: is the copy with this code (from its QR code) valid, superseded by a correction, or annulled? No personal data" })
  @ApiOkResponse({ type: VerificationView })
  verify(@Param('code') code: string): Promise<VerificationView> {
    return this.copies.verify(code);
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

import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@adminduk/platform';
import { DashboardAssets, type DashboardFile } from './dashboard.assets';

/**
 * Only the page's own origin may supply scripts, styles, images and data: no inline script, no CDN, no web font
 * (the office may be offline from the internet), and the page cannot be framed by another site.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The dashboard is a page for people, not part of the API: it is left out of the OpenAPI document (which
 * integrators generate clients from) and described in the service's README instead.
 */
@ApiExcludeController()
@Public()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly assets: DashboardAssets) {}

  @Get()
  async page(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    await this.send(reply, await this.assets.get('index.html'), ifNoneMatch);
  }

  @Get('assets/:file')
  async asset(@Param('file') file: string, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    await this.send(reply, await this.assets.get(file), ifNoneMatch);
  }

  private async send(reply: FastifyReply, file: DashboardFile, ifNoneMatch: string | undefined): Promise<void> {
    void reply
      .header('content-security-policy', DASHBOARD_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      // No hashed file names (no build step): always revalidate, which the ETag makes a cheap 304.
      .header('cache-control', 'no-cache')
      .header('etag', file.etag);
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === file.etag)) {
      await reply.code(304).send();
      return;
    }
    await reply.code(200).header('content-type', file.contentType).send(file.body);
  }
}

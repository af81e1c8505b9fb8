/**
 * Uploaded documents arrive as the request body itself, read up to DEEDS_UPLOAD_MAX_BYTES (413 BODY_TOO_LARGE
 * beyond): the platform's registerUploadParser, with this service's limit.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { registerUploadParser } from '@adminduk/platform';
import { DEEDS_CONFIG, type DeedsConfig } from '../deeds.config';

@Injectable()
export class UploadParserService implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(DEEDS_CONFIG) private readonly config: DeedsConfig,
  ) {}

  onModuleInit(): void {
    registerUploadParser(this.adapterHost.httpAdapter?.getInstance() as FastifyInstance | undefined, this.config.uploadMaxBytes);
  }
}

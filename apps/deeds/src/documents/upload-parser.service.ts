/**
 * Uploaded documents arrive as the request body itself (`Content-Type: application/pdf`, `image/jpeg` or
 * `image/png`), read into a Buffer up to DEEDS_UPLOAD_MAX_BYTES (413 BODY_TOO_LARGE beyond; the JSON bodies of
 * the API keep the platform's smaller limit). Any other content type is refused by Fastify before Nest (415).
 *
 * The limit is enforced here while reading, because Fastify's own limit for a parser is overridden by the
 * server-wide BODY_LIMIT_BYTES on every route.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { DEEDS_CONFIG, type DeedsConfig } from '../deeds.config';
import { UPLOAD_TYPES } from './document.dto';

function tooLarge(limit: number): Error {
  return Object.assign(new Error(`the document is larger than ${limit} bytes`), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
}

@Injectable()
export class UploadParserService implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(DEEDS_CONFIG) private readonly config: DeedsConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance() as FastifyInstance | undefined;
    if (!fastify || fastify.hasContentTypeParser(UPLOAD_TYPES[0])) return;
    const limit = this.config.uploadMaxBytes;
    fastify.addContentTypeParser([...UPLOAD_TYPES], (request, payload, done) => {
      if (Number(request.headers['content-length']) > limit) {
        done(tooLarge(limit), undefined);
        payload.resume();
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      let failed = false;
      payload.on('data', (chunk: Buffer) => {
        if (failed) return;
        received += chunk.length;
        if (received > limit) {
          failed = true;
          done(tooLarge(limit), undefined);
          return;
        }
        chunks.push(chunk);
      });
      payload.on('error', (error) => {
        if (!failed) {
          failed = true;
          done(Object.assign(error, { statusCode: 400 }), undefined);
        }
      });
      payload.on('end', () => {
        if (!failed) done(null, Buffer.concat(chunks));
      });
    });
  }
}

/**
 * Uploaded documents (a deed application's letters, a KIA application's photos): the request body is the file
 * itself (`Content-Type: application/pdf`, `image/jpeg` or `image/png`), its name, if any, in Content-Disposition
 * (never in the URL, which is logged: names are personal data).
 *
 * - `registerUploadParser` reads such bodies into a Buffer up to the service's own limit (413 BODY_TOO_LARGE beyond;
 *   the JSON bodies keep the platform's smaller BODY_LIMIT_BYTES). The limit is enforced while reading, because
 *   Fastify's limit for a parser is overridden by the server-wide body limit on every route. Other content types are
 *   refused by Fastify before Nest (415).
 * - `readUpload` checks what arrived: one of the types (415 UNSUPPORTED_MEDIA_TYPE), not empty (400
 *   DOCUMENT_EMPTY), and its first bytes those of the declared type (400 DOCUMENT_CONTENT_MISMATCH), so that a file
 *   renamed `.jpg` is not stored as an image.
 */
import { createHash } from 'node:crypto';
import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { Problem, ProblemException } from '../errors/problem';

export const UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type UploadType = (typeof UPLOAD_TYPES)[number];

/** The first bytes of each accepted type. */
const SIGNATURES: Readonly<Record<UploadType, readonly number[]>> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

export function contentTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The file name of `Content-Disposition: attachment; filename="ktp.pdf"`: its last path segment, printable, at most 200 characters. */
export function fileNameOf(header: string | undefined): string | null {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header ?? '');
  if (!match?.[1]) return null;
  let name = match[1];
  try {
    name = decodeURIComponent(name);
  } catch {
    // keep it as sent
  }
  const base = name.split(/[\\/]/).pop()?.replace(/[^\p{L}\p{N} ._()+-]/gu, '_').trim().slice(0, 200);
  return base ? base : null;
}

/** An upload that passed `readUpload`. */
export interface Upload {
  readonly contentType: UploadType;
  readonly bytes: Buffer;
  readonly size: number;
  /** SHA-256 of the bytes, hex. */
  readonly sha256: string;
  readonly fileName: string | null;
}

/** The body and headers of an upload request, checked (415, 400 DOCUMENT_EMPTY, 400 DOCUMENT_CONTENT_MISMATCH). */
export function readUpload(headers: { readonly contentType?: string; readonly contentDisposition?: string }, body: unknown): Upload {
  const contentType = contentTypeOf(headers.contentType);
  if (!(UPLOAD_TYPES as readonly string[]).includes(contentType) || !Buffer.isBuffer(body)) {
    throw new ProblemException(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', `send the file itself as the body, with Content-Type ${UPLOAD_TYPES.join(', ')}`);
  }
  if (body.length === 0) throw Problem.badRequest('DOCUMENT_EMPTY', 'the file is empty');
  if (!SIGNATURES[contentType as UploadType].every((byte, i) => body[i] === byte)) {
    throw Problem.badRequest('DOCUMENT_CONTENT_MISMATCH', `the file is not a ${contentType} file (its first bytes say otherwise)`);
  }
  return {
    contentType: contentType as UploadType,
    bytes: body,
    size: body.length,
    sha256: createHash('sha256').update(body).digest('hex'),
    fileName: fileNameOf(headers.contentDisposition),
  };
}

function tooLarge(limit: number): Error {
  return Object.assign(new Error(`the document is larger than ${limit} bytes`), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
}

/** Reads PDF, JPEG and PNG bodies into a Buffer of at most `limit` bytes (once per server). */
export function registerUploadParser(fastify: FastifyInstance | undefined, limit: number): void {
  if (!fastify || fastify.hasContentTypeParser(UPLOAD_TYPES[0])) return;
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

/**
 * The OpenAPI description of an upload endpoint (the body is the file; its name in Content-Disposition; an optional
 * Idempotency-Key), in one place for every service that takes documents.
 */
export function ApiFileUpload(): MethodDecorator {
  return applyDecorators(
    ApiHeader({ name: 'Content-Disposition', required: false, description: 'attachment; filename="kk.jpg"' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'the same key on a retry gets the document stored the first time (201), and nothing is stored twice; keys are per caller' }),
    ApiConsumes(...UPLOAD_TYPES),
    ApiBody({ schema: { type: 'string', format: 'binary' } }),
  );
}

/** The OpenAPI description of a stored document's download: the file, as PDF, JPEG or PNG. */
export function ApiFileDownload(): MethodDecorator {
  return applyDecorators(ApiProduces(...UPLOAD_TYPES), ApiOkResponse({ schema: { type: 'string', format: 'binary' } }));
}

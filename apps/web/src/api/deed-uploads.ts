/**
 * What the deeds service takes as a document of an application (POST /deeds/{id}/documents), checked before the
 * file is sent or kept for sending: the clerk's upload at the desk and the village team's photo on a visit.
 */
/** The upload limit: the deeds service's default DEEDS_UPLOAD_MAX_BYTES (2 MiB); a larger limit set there is not known here. */
export const UPLOAD_MAX_BYTES = 2 * 1024 * 1024;

const SIGNATURES: Readonly<Record<string, readonly number[]>> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};
const BY_EXTENSION: Readonly<Record<string, string>> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };

/** The content type to send a file as: its declared type when accepted, else by its extension; undefined: refused. */
export function uploadType(file: { readonly name: string; readonly type: string }): string | undefined {
  if (file.type in SIGNATURES) return file.type;
  if (file.type !== '' && file.type !== 'application/octet-stream') return undefined;
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  return BY_EXTENSION[ext];
}

/**
 * Whether the deeds service would take this file, with its code when not: UNSUPPORTED_MEDIA_TYPE (not PDF, JPEG or
 * PNG), DOCUMENT_EMPTY, BODY_TOO_LARGE, DOCUMENT_CONTENT_MISMATCH (its first bytes are not of its type, as the
 * service checks them).
 */
export function uploadProblem(file: { readonly name: string; readonly type: string; readonly size: number }, firstBytes: Uint8Array): string | undefined {
  const type = uploadType(file);
  if (!type) return 'UNSUPPORTED_MEDIA_TYPE';
  if (file.size === 0) return 'DOCUMENT_EMPTY';
  if (file.size > UPLOAD_MAX_BYTES) return 'BODY_TOO_LARGE';
  const signature = SIGNATURES[type] ?? [];
  if (!signature.every((byte, i) => firstBytes[i] === byte)) return 'DOCUMENT_CONTENT_MISMATCH';
  return undefined;
}

/** `Content-Disposition` for a file name (RFC 5987: a header carries ASCII only). */
export function contentDisposition(fileName: string): string {
  return `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

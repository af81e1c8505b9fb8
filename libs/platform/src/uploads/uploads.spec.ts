import { createHash } from 'node:crypto';
import { ProblemException } from '../errors/problem';
import { contentTypeOf, fileNameOf, readUpload } from './uploads';

describe('upload headers', () => {
  it.each([
    ['application/pdf', 'application/pdf'],
    ['Image/JPEG; charset=binary', 'image/jpeg'],
    [undefined, ''],
  ])('reads the content type of %j as %j', (header, expected) => {
    expect(contentTypeOf(header)).toBe(expected);
  });

  it.each([
    ['attachment; filename="ktp-ibu.pdf"', 'ktp-ibu.pdf'],
    ["attachment; filename*=UTF-8''surat%20lahir%20W%C3%A9a.pdf", 'surat lahir Wéa.pdf'],
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment; filename="C:\\\\scan\\\\kk;1.png"', 'kk'],
    ['attachment; filename="a<b>|c.png"', 'a_b__c.png'],
    ['inline', null],
    [undefined, null],
  ])('reads the file name of %j as %j', (header, expected) => {
    expect(fileNameOf(header)).toBe(expected);
  });
});

describe('readUpload', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  const problemOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      const e = error as ProblemException;
      return [e.status, e.code];
    }
    return undefined;
  };

  it('accepts a file whose first bytes are those of its type, with its digest and name', () => {
    expect(readUpload({ contentType: 'image/png', contentDisposition: 'attachment; filename="kk.png"' }, png)).toEqual({
      contentType: 'image/png',
      bytes: png,
      size: 11,
      sha256: createHash('sha256').update(png).digest('hex'),
      fileName: 'kk.png',
    });
  });

  it.each([
    ['another type', { contentType: 'text/plain' }, png, [415, 'UNSUPPORTED_MEDIA_TYPE']],
    ['a body that is not bytes', { contentType: 'image/png' }, { a: 1 }, [415, 'UNSUPPORTED_MEDIA_TYPE']],
    ['an empty file', { contentType: 'image/png' }, Buffer.alloc(0), [400, 'DOCUMENT_EMPTY']],
    ['a PDF sent as a JPEG', { contentType: 'image/jpeg' }, Buffer.from('%PDF-1.7'), [400, 'DOCUMENT_CONTENT_MISMATCH']],
  ])('refuses %s', (_what, headers, body, expected) => {
    expect(problemOf(() => readUpload(headers, body))).toEqual(expected);
  });
});

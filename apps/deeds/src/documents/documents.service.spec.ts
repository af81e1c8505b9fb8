import { contentTypeOf, fileNameOf } from './documents.service';

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

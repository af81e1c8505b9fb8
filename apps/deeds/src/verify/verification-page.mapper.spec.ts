// Who gets the HTML page of /verify/{code} and who keeps JSON, read from the Accept headers real callers send;
// and that the page never lets a value of the copy become markup.
import { createHash } from 'node:crypto';
import type { VerificationView } from '../copies/copy.dto';
import { escapeHtml, prefersHtml, VERIFICATION_PAGE_CSP, verificationPage } from './verification-page.mapper';

describe('prefersHtml: content negotiation for /verify', () => {
  it.each([
    ['Chrome on Android scanning the QR code', 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7'],
    ['Firefox', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'],
    ['Safari on iOS', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'],
    ['a caller that prefers HTML but accepts JSON', 'application/json;q=0.5, text/html'],
    ['text/* with spaces and upper case', ' TEXT/* ; q=1 , application/json ; q=0.2'],
  ])('gives %s the HTML page', (_who, accept) => {
    expect(prefersHtml(accept)).toBe(true);
  });

  it.each([
    ['no Accept header (openapi-fetch, most HTTP libraries)', undefined],
    ['an empty Accept header', ''],
    ['fetch and curl (*/*)', '*/*'],
    ['an API caller asking for JSON', 'application/json'],
    ['problem+json and JSON', 'application/json, application/problem+json'],
    ['a tie between JSON and HTML (JSON is the default)', 'application/json, text/html'],
    ['HTML refused with q=0', 'text/html;q=0, */*'],
    ['HTML named below JSON', 'text/html;q=0.4, application/json'],
    ['garbage', 'this is not a media range'],
  ])('keeps JSON for %s', (_who, accept) => {
    expect(prefersHtml(accept)).toBe(false);
  });
});

const view: VerificationView = {
  code: 'ABCDEFGHJKMNPQRS',
  status: 'VALID',
  documentName: 'Kutipan Akta Kelahiran',
  deedType: 'BIRTH',
  deedNumber: '5316-KL-28112026-0001',
  deedVersion: 1,
  currentDeedVersion: 1,
  registeredOn: '2026-11-28',
  issuedOn: '2026-11-28',
  registeredBy: 'Kabupaten Nagekeo',
  signature: { algorithm: 'Ed25519', keyId: '0123456789abcdef', check: 'VALID', signedPayload: '{}', value: 'x' },
};

describe('verificationPage', () => {
  it('says the status in Indonesian words and shows what is printed on the copy, with Indonesian dates', () => {
    const html = verificationPage(view);
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('<h1>SAH</h1>');
    expect(html).toContain('Kutipan Akta Kelahiran');
    expect(html).toContain('5316-KL-28112026-0001');
    expect(html).toContain('28 November 2026');
    expect(html).toContain('ABCDEFGHJKMNPQRS');
  });

  it.each([
    ['SUPERSEDED', 'SUDAH DIGANTI'],
    ['ANNULLED', 'DIBATALKAN'],
    ['INVALID', 'TIDAK SAH'],
  ] as const)('names %s as %s', (status, word) => {
    const html = verificationPage({ ...view, status, ...(status === 'ANNULLED' ? { annulledOn: '2026-12-01' } : {}) });
    expect(html).toContain(`<h1>${word}</h1>`);
    expect(html).toContain(`data-status="${status}"`);
    if (status === 'ANNULLED') expect(html).toContain('1 Desember 2026');
  });

  it('escapes every value, so a stored value cannot inject markup', () => {
    const html = verificationPage({ ...view, deedNumber: '<script>alert(1)</script>', registeredBy: 'Kab. "Nagekeo" & co' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Kab. &quot;Nagekeo&quot; &amp; co');
    expect(escapeHtml(`'`)).toBe('&#39;');
  });

  it('allows by its hash exactly the inline style the page carries, and nothing else to load', () => {
    const html = verificationPage(view);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    expect(VERIFICATION_PAGE_CSP).toContain(`style-src 'sha256-${hash}'`);
    expect(VERIFICATION_PAGE_CSP).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<img|<link|<iframe|\bsrc=|\bhref=|url\(/i);
  });
});

/**
 * /verify/{code} for people: the QR code on a kutipan akta leads a phone's browser here. A browser asks for
 * text/html, so it gets a small page in Bahasa Indonesia that says plainly whether the copy in the person's hand
 * is valid (SAH), superseded by a correction (SUDAH DIGANTI), annulled (DIBATALKAN) or not genuine (TIDAK SAH),
 * with the facts printed on the copy to compare: the document, its number, the date of registration and of
 * issue, the office, the code. No name, no NIK: only what the paper already shows to whoever holds it.
 *
 * API callers (no Accept, `*\/*`, application/json) keep the JSON VerificationView: JSON stays the default.
 *
 * The page is self-contained: one inline style allowed by its hash in a strict Content-Security-Policy, no
 * script, no image, no font, no link to anything outside; it is readable without the style (semantic HTML,
 * status in words and not only in colour) and scales on a small screen.
 */
import { createHash } from 'node:crypto';
import { indonesianDate } from '../copies/kutipan-pdf.service';
import type { VerificationStatus, VerificationView } from '../copies/copy.dto';

/** One entry of an Accept header: a media range and its weight. */
interface AcceptRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

function parseAccept(header: string): AcceptRange[] {
  const ranges: AcceptRange[] = [];
  for (const part of header.split(',')) {
    const [range, ...params] = part.split(';').map((s) => s.trim());
    const [type, subtype] = (range ?? '').toLowerCase().split('/');
    if (!type || !subtype) continue;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=').map((s) => s.trim());
      if (name?.toLowerCase() === 'q') {
        const parsed = Number(value);
        q = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      }
    }
    ranges.push({ type, subtype, q });
  }
  return ranges;
}

/** The weight the header gives a media type: that of the most specific range matching it (RFC 9110 §12.5.1). */
function weightOf(ranges: readonly AcceptRange[], type: string, subtype: string): number {
  const exact = ranges.find((r) => r.type === type && r.subtype === subtype);
  if (exact) return exact.q;
  const family = ranges.find((r) => r.type === type && r.subtype === '*');
  if (family) return family.q;
  const any = ranges.find((r) => r.type === '*' && r.subtype === '*');
  return any ? any.q : 0;
}

/**
 * True when the caller asks for HTML rather than JSON: text/html is named (or text/*) with a weight above that
 * of application/json. Browsers send `text/html,…,*\/*;q=0.8`; fetch, curl and openapi-fetch send `*\/*` or
 * nothing, and get JSON. On a tie JSON wins, as the documented default of the API.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = parseAccept(accept);
  const namesHtml = ranges.some((r) => r.type === 'text' && (r.subtype === 'html' || r.subtype === '*'));
  if (!namesHtml) return false;
  const html = weightOf(ranges, 'text', 'html');
  return html > 0 && html > weightOf(ranges, 'application', 'json');
}

const escapes: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML element or attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

/** The one style of the page; the CSP allows exactly this text by its SHA-256. */
const STYLE = [
  ':root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.5;color:#1a1a1a;background:#f4f4f4}',
  'body{margin:0;padding:1rem}',
  'main{max-width:32rem;margin:0 auto;background:#fff;border-radius:.5rem;padding:1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}',
  'header p{margin:0;font-size:.95rem;color:#444}',
  '.status{margin:1rem 0;padding:1rem;border-radius:.5rem;border:3px solid;font-size:1.05rem}',
  '.status h1{margin:0 0 .25rem;font-size:2rem;letter-spacing:.02em}',
  '.status p{margin:0}',
  '.VALID{border-color:#0a6b2c;background:#e7f6ec;color:#0a4a20}',
  '.SUPERSEDED{border-color:#8a5a00;background:#fff5dd;color:#5c3c00}',
  '.ANNULLED,.INVALID,.NOT_FOUND,.BAD_CODE{border-color:#a01919;background:#fdeaea;color:#6e0f0f}',
  'dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:.35rem 1rem}',
  'dt{color:#555}',
  'dd{margin:0;font-weight:600;overflow-wrap:anywhere}',
  '.code{font-family:ui-monospace,Menlo,Consolas,monospace;letter-spacing:.08em}',
  'footer{margin-top:1.25rem;font-size:.85rem;color:#555}',
].join('');

const STYLE_HASH = createHash('sha256').update(STYLE, 'utf8').digest('base64');

/** Nothing may load or run but the page's own style; no framing, no forms, no base URL (XSS and clickjacking). */
export const VERIFICATION_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers of every verification page (success or not). */
export const VERIFICATION_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': VERIFICATION_PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  // The status of a copy changes (a correction, an annulment): a phone must ask again, not show an old answer.
  'cache-control': 'no-store',
  vary: 'Accept',
};

/** What a page says for each outcome: a word to read at a glance, and what it means for the holder. */
const VERDICTS: Readonly<Record<VerificationStatus, { readonly word: string; readonly meaning: (v: VerificationView) => string }>> = {
  VALID: {
    word: 'SAH',
    meaning: (v) => `Kutipan ini diterbitkan oleh Dinas Kependudukan dan Pencatatan Sipil ${v.registeredBy} dan tanda tangan elektroniknya cocok. Cocokkan data di bawah dengan yang tercetak pada kertas.`,
  },
  SUPERSEDED: {
    word: 'SUDAH DIGANTI',
    meaning: () => 'Akta ini telah dibetulkan setelah kutipan ini diterbitkan, sehingga kutipan ini tidak berlaku lagi. Pemegang dapat meminta kutipan terbaru di Dinas Dukcapil.',
  },
  ANNULLED: {
    word: 'DIBATALKAN',
    meaning: (v) => `Akta ini telah dibatalkan berdasarkan putusan pengadilan${v.annulledOn ? ` pada ${indonesianDate(v.annulledOn)}` : ''}. Kutipan ini tidak berlaku.`,
  },
  INVALID: {
    word: 'TIDAK SAH',
    meaning: () => 'Tanda tangan elektronik kutipan ini tidak cocok dengan data yang tersimpan. Jangan terima dokumen ini; laporkan ke Dinas Dukcapil.',
  },
};

function page(statusClass: string, word: string, machineStatus: string, meaning: string, details: readonly (readonly [string, string, string?])[]): string {
  const rows = details.map(([term, value, cls]) => `<dt>${escapeHtml(term)}</dt><dd${cls ? ` class="${cls}"` : ''}>${escapeHtml(value)}</dd>`).join('');
  return [
    '<!doctype html>',
    '<html lang="id">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${escapeHtml(word)} — Verifikasi Kutipan Akta</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    '<header><p>Verifikasi Kutipan Akta Pencatatan Sipil</p><p>Dinas Kependudukan dan Pencatatan Sipil</p></header>',
    `<section class="status ${statusClass}" role="status" aria-live="polite" data-status="${escapeHtml(machineStatus)}">`,
    `<h1>${escapeHtml(word)}</h1>`,
    `<p>${escapeHtml(meaning)}</p>`,
    '</section>',
    rows ? `<section aria-label="Data kutipan"><dl>${rows}</dl></section>` : '',
    '<footer><p>Halaman ini hanya menampilkan data yang tercetak pada kutipan; tidak ada nama atau NIK. Status: ',
    `<span class="code">${escapeHtml(machineStatus)}</span>.</p></footer>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The page for a copy that was found: its status, and what is printed on it. */
export function verificationPage(view: VerificationView): string {
  const verdict = VERDICTS[view.status];
  const details: [string, string, string?][] = [
    ['Dokumen', view.documentName],
    ['Nomor akta', view.deedNumber ?? '-'],
    ['Tanggal pencatatan', indonesianDate(view.registeredOn)],
    ['Kutipan diterbitkan', indonesianDate(view.issuedOn)],
    ['Dicatat oleh', view.registeredBy],
    ['Kode verifikasi', view.code, 'code'],
  ];
  if (view.status === 'ANNULLED' && view.annulledOn) details.push(['Dibatalkan', indonesianDate(view.annulledOn)]);
  return page(view.status, verdict.word, view.status, verdict.meaning(view), details);
}

/**
 * The page for a code that names no copy (404: the paper was not issued by this office, or the code was mistyped)
 * or is not a code at all (400). A malformed code is not echoed: it is whatever was typed into the address bar.
 */
export function verificationProblemPage(status: 400 | 404, code: string): string {
  if (status === 404) {
    return page(
      'NOT_FOUND',
      'TIDAK DITEMUKAN',
      'INVALID',
      'Tidak ada kutipan akta dengan kode ini: dokumen ini tidak diterbitkan oleh kantor ini. Periksa kembali kode yang tercetak di bawah kode QR; jika kode sudah benar, jangan terima dokumen ini.',
      [['Kode verifikasi', code, 'code']],
    );
  }
  return page(
    'BAD_CODE',
    'KODE TIDAK VALID',
    'INVALID',
    'Kode verifikasi terdiri dari 16 huruf A–Z dan angka 2–7, seperti yang tercetak di bawah kode QR pada kutipan. Periksa kembali kode yang dimasukkan.',
    [],
  );
}

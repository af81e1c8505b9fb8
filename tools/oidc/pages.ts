/**
 * The development provider's own pages, in Bahasa Indonesia as the office says it (DESIGN.md, "Words on
 * screen"): sign in (*Masuk*), sign out (*Keluar*), signed out, and errors. Plain HTML forms that POST, no
 * JavaScript; one inline style sheet allowed by its hash in a strict Content-Security-Policy; nothing loaded from
 * elsewhere. Every value a page shows is escaped.
 */
import { createHash } from 'node:crypto';

/** HTML-escapes text for element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Readable at 390 px and at 1366 px; text contrast at least 7:1 (#1b1f24 on white, white on #0a4d8c, #8a1116 on
 * #fdecea); a visible focus ring on every control; controls at least 44 px high; 16 px inputs (no zoom on phones).
 */
const STYLE = `
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:100%;line-height:1.5;color:#1b1f24;background:#eef1f4}
body{margin:0;padding:1rem}
main{max-width:26rem;margin:2rem auto;background:#fff;border:1px solid #c9d1d9;border-radius:.5rem;padding:1.5rem}
header{max-width:26rem;margin:0 auto;font-size:.875rem;color:#39424c}
h1{font-size:1.5rem;margin:0 0 .75rem}
p{margin:0 0 1rem}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
input{display:block;width:100%;min-height:2.75rem;padding:.5rem .75rem;font:inherit;font-size:1rem;color:#1b1f24;background:#fff;border:1px solid #5b6570;border-radius:.375rem}
input[aria-invalid=true]{border-color:#8a1116;border-width:2px}
button,.button{display:inline-flex;align-items:center;justify-content:center;min-height:2.75rem;padding:.5rem 1.25rem;font:inherit;font-weight:600;border-radius:.375rem;border:2px solid #0a4d8c;cursor:pointer;text-decoration:none;text-align:center}
.primary{width:100%;margin-top:1.5rem;color:#fff;background:#0a4d8c}
.primary:hover{background:#083d6f}
.secondary{color:#0a4d8c;background:#fff}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.5rem}
.actions>*{flex:1 1 8rem;margin:0}
.actions .primary{margin-top:0}
.actions form{display:flex}
.actions form>button{flex:1}
a{color:#0a4d8c}
:focus-visible{outline:3px solid #0a4d8c;outline-offset:2px}
.primary:focus-visible{outline-color:#1b1f24}
.error{padding:.75rem;border-left:4px solid #8a1116;background:#fdecea;color:#8a1116;font-weight:600}
.note{margin-top:1.5rem;font-size:.875rem;color:#39424c}
dl{font-size:.875rem;margin:0}
dt{font-weight:600}
dd{margin:0 0 .5rem;overflow-wrap:anywhere}
`;

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'`;

/**
 * The Content-Security-Policy of every page here: nothing but the one style sheet; forms may post only to the
 * provider itself and be redirected on to the app (browsers apply form-action to the redirects after a submit).
 */
export function pageSecurityHeaders(formTargets: readonly string[]): Record<string, string> {
  const targets = [...new Set(formTargets)].join(' ');
  return {
    'Content-Security-Policy': `default-src 'none'; style-src ${STYLE_HASH}; form-action 'self' ${targets}; frame-ancestors 'none'; base-uri 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

const NOTE = 'Penyedia masuk untuk pengembangan (bukan untuk kantor). Akun contoh tercantum saat <code>npm start</code> berjalan.';

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Adminduk Nagekeo</title>
<style>${STYLE}</style>
</head>
<body>
<header>Adminduk · Dinas Kependudukan dan Pencatatan Sipil Kabupaten Nagekeo</header>
<main>
${body}
<p class="note">${NOTE}</p>
</main>
</body>
</html>
`;
}

export interface LoginPage {
  /** Where the form posts (the interaction's login path). */
  readonly action: string;
  /** Where "Batal" posts (the interaction's cancel path). */
  readonly cancelAction: string;
  /** The name typed before, shown again after a failed attempt (never the password). */
  readonly username?: string;
  /** True after a failed attempt: one message for an unknown name and a wrong password alike. */
  readonly failed?: boolean;
}

export const LOGIN_FAILED = 'Nama pengguna atau kata sandi salah.';

export function loginPage(page: LoginPage): string {
  const failed = page.failed === true;
  const invalid = failed ? ' aria-invalid="true" aria-describedby="login-error"' : '';
  const username = page.username ?? '';
  return layout(
    'Masuk',
    `<h1>Masuk</h1>
<p>Masuk ke Adminduk dengan nama pengguna dan kata sandi Anda.</p>
${failed ? `<p class="error" id="login-error" role="alert">${LOGIN_FAILED}</p>` : ''}
<form method="post" action="${escapeHtml(page.action)}">
<label for="username">Nama pengguna</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(username)}"${invalid}${username ? '' : ' autofocus'}>
<label for="password">Kata sandi</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${invalid}${username ? ' autofocus' : ''}>
<button class="primary" type="submit">Masuk</button>
</form>
<div class="actions">
<form method="post" action="${escapeHtml(page.cancelAction)}"><button class="secondary" type="submit">Batal</button></form>
</div>`,
  );
}

export interface LogoutPage {
  /** The provider's end-session confirmation endpoint. */
  readonly action: string;
  /** The provider's anti-forgery value for this confirmation. */
  readonly xsrf: string;
  /** Where "Batal" leads: back to the app, still signed in. */
  readonly cancelHref?: string;
}

export function logoutPage(page: LogoutPage): string {
  return layout(
    'Keluar',
    `<h1>Keluar</h1>
<p>Keluar dari Adminduk di perangkat ini? Untuk bekerja lagi, Anda perlu masuk kembali.</p>
<div class="actions">
<form method="post" action="${escapeHtml(page.action)}">
<input type="hidden" name="xsrf" value="${escapeHtml(page.xsrf)}">
<button class="primary" type="submit" name="logout" value="yes" autofocus>Keluar</button>
</form>
${page.cancelHref ? `<a class="button secondary" href="${escapeHtml(page.cancelHref)}">Batal</a>` : ''}
</div>`,
  );
}

export function signedOutPage(appHref?: string): string {
  return layout(
    'Sudah keluar',
    `<h1>Anda sudah keluar</h1>
<p>Anda sudah keluar dari Adminduk.</p>
${appHref ? `<p><a href="${escapeHtml(appHref)}">Kembali ke Adminduk</a></p>` : ''}`,
  );
}

export interface ErrorPage {
  readonly title: string;
  readonly message: string;
  /** Technical details for a developer (an OAuth error code and its description), shown escaped. */
  readonly details?: Readonly<Record<string, string>>;
  readonly appHref?: string;
}

export function errorPage(page: ErrorPage): string {
  const details = Object.entries(page.details ?? {}).filter(([, v]) => v !== '');
  return layout(
    page.title,
    `<h1>${escapeHtml(page.title)}</h1>
<p>${escapeHtml(page.message)}</p>
${page.appHref ? `<p><a href="${escapeHtml(page.appHref)}">Kembali ke Adminduk</a></p>` : ''}
${
  details.length > 0
    ? `<h2 class="note">Keterangan teknis</h2>
<dl>${details.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`
    : ''
}`,
  );
}

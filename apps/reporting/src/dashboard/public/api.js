// The reporting service's public read API (apps/reporting/src/api/shapes.ts), called from the page's own origin.
// URLs are relative to the page (/dashboard → /indicators …) so the dashboard also works behind a path prefix.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const base = new URL('.', document.baseURI);

export function apiUrl(path, params = {}) {
  const url = new URL(path, base);
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== '') url.searchParams.set(key, value);
  return url;
}

async function getJson(path, params, signal) {
  let response;
  try {
    response = await fetch(apiUrl(path, params), { headers: { accept: 'application/json' }, signal });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'Layanan laporan tidak dapat dihubungi. Periksa jaringan, lalu muat ulang halaman.');
  }
  if (response.ok) return response.json();
  // Errors are problem+json with a stable code; show the person the detail and keep the code for support.
  let problem = {};
  try {
    problem = await response.json();
  } catch {
    /* not JSON: a proxy's error page */
  }
  throw new ApiError(response.status, problem.code || `HTTP_${response.status}`, problem.detail || problem.title || `Permintaan gagal (HTTP ${response.status}).`);
}

const enc = encodeURIComponent;

export const api = {
  region: (code, signal) => getJson(`regions/${enc(code)}`, {}, signal),
  indicators: (region, date, signal) => getJson('indicators', { region, date }, signal),
  ranking: (id, region, date, signal) => getJson(`indicators/${enc(id)}/ranking`, { region, date }, signal),
  series: (id, region, from, to, signal) => getJson(`indicators/${enc(id)}/series`, { region, from, to }, signal),
  exportUrl: (id, format, region, date) => apiUrl(`exports/${enc(id)}.${format}`, { region, date }).href,
};

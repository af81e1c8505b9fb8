/**
 * The scorecard as the office sends it upward: a CSV (RFC 4180, UTF-8, one row per Ministry indicator) and a printable
 * page in Bahasa Indonesia (one A4 page; the browser prints it or saves it as PDF). Both show the same rows as
 * GET /scorecard, including "tidak diukur sistem" where nothing was measured or entered.
 */
import { createHash } from 'node:crypto';
import { cell } from '../api/exports';
import type { ScorecardResponse, ScorecardRow } from './scorecard.service';

export const SCORECARD_CSV_COLUMNS = [
  'year',
  'as_of',
  'region_code',
  'indicator',
  'name',
  'unit',
  'measurement',
  'status',
  'value',
  'value_region',
  'covered',
  'total',
  'target',
  'target_year',
  'meets_target',
  'gap',
  'entered_by',
  'entered_at',
  'note',
  'target_source',
] as const;

/** A spreadsheet runs a cell starting with = + - @ as a formula: free text gets a leading apostrophe. */
function text(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function scorecardCsv(card: ScorecardResponse): string {
  const lines = [SCORECARD_CSV_COLUMNS.join(',')];
  for (const r of card.indicators) {
    const record: Record<(typeof SCORECARD_CSV_COLUMNS)[number], string | number | boolean | null> = {
      year: card.year,
      as_of: card.asOf,
      region_code: card.region.code,
      indicator: r.id,
      name: r.nameId,
      unit: r.unit,
      measurement: r.measurement,
      status: r.status,
      value: r.suppressed && r.value === null ? '< 5' : r.value,
      value_region: r.valueRegion,
      covered: r.covered,
      total: r.total,
      target: r.target,
      target_year: r.targetYear,
      meets_target: r.meetsTarget,
      gap: r.gap,
      entered_by: text(r.entry?.enteredBy),
      entered_at: r.entry?.enteredAt ?? null,
      note: text(r.entry?.note),
      target_source: r.targetSource,
    };
    lines.push(SCORECARD_CSV_COLUMNS.map((c) => cell(record[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;margin:1.5rem;line-height:1.35}
h1{font-size:1.3rem;margin:0 0 .25rem}p.meta{margin:0 0 1rem;color:#444}
table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{border:1px solid #999;padding:.35rem .45rem;text-align:left;vertical-align:top}
th{background:#eee}td.num{text-align:right;white-space:nowrap}
.ok{color:#0b6b2b;font-weight:600}.short{color:#a11;font-weight:600}.none{color:#555;font-style:italic}
footer{margin-top:1rem;font-size:.8rem;color:#444}
@media print{body{margin:0}@page{size:A4 landscape;margin:12mm}}
`;

/** The page's CSP allows exactly its own inline style (by hash): nothing else inline, no script at all. */
export const SCORECARD_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function esc(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const number = (n: number): string => n.toLocaleString('id-ID', { maximumFractionDigits: 2 });

function shown(r: ScorecardRow, n: number | null): string {
  if (n === null) return '';
  return r.unit === 'PERCENT' ? `${number(n)}%` : number(n);
}

function valueCell(r: ScorecardRow): string {
  if (r.suppressed && r.value === null) return '&lt; 5';
  if (r.status === 'NOT_MEASURED') return '<span class="none">tidak diukur sistem</span>';
  if (r.value === null) return '<span class="none">belum ada data</span>';
  const of = r.unit === 'PERCENT' && r.covered !== null && r.total !== null ? `<br><small>${number(r.covered)} dari ${number(r.total)}</small>` : '';
  return `${esc(shown(r, r.value))}${of}`;
}

function standingCell(r: ScorecardRow): string {
  if (r.meetsTarget === true) return '<span class="ok">Tercapai</span>';
  if (r.meetsTarget === false) return `<span class="short">Belum tercapai</span> (kurang ${esc(shown(r, r.gap))})`;
  return r.target === null ? '<span class="none">tanpa target</span>' : '<span class="none">—</span>';
}

function sourceCell(r: ScorecardRow): string {
  if (r.status === 'ENTERED' && r.entry) {
    const at = r.entry.enteredAt.slice(0, 10);
    return `Diisi manual oleh ${esc(r.entry.enteredBy ?? 'kantor')}, ${esc(at)}${r.entry.note ? `: ${esc(r.entry.note)}` : ''}`;
  }
  if (r.status === 'NOT_MEASURED') return 'Belum diisi';
  return r.byRegion ? 'Dihitung sistem' : 'Dihitung sistem (seluruh kabupaten)';
}

export function scorecardPage(card: ScorecardResponse, officeName: string): string {
  const rows = card.indicators
    .map(
      (r, i) =>
        `<tr><td class="num">${i + 1}</td><td><strong>${esc(r.nameId)}</strong><br><small>${esc(r.formula)}</small></td>` +
        `<td class="num">${r.target === null ? '<span class="none">—</span>' : `${esc(shown(r, r.target))}${r.targetYear !== null && r.targetYear !== card.year ? `<br><small>(target ${r.targetYear})</small>` : ''}`}</td>` +
        `<td class="num">${valueCell(r)}</td><td>${standingCell(r)}</td><td>${sourceCell(r)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapor Indikator Kemendagri ${card.year} — ${esc(card.region.name)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Rapor Indikator Kinerja Dukcapil (Kemendagri) Tahun ${card.year}</h1>
<p class="meta">${esc(officeName)} · Wilayah: ${esc(card.region.name)} (${esc(card.region.code)}) · Data per ${esc(card.asOf)}</p>
<table>
<thead><tr><th scope="col">No</th><th scope="col">Indikator</th><th scope="col">Target</th><th scope="col">Capaian</th><th scope="col">Status</th><th scope="col">Sumber</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<footer>Target: pengumuman Direktur Jenderal Dukcapil Kemendagri (Maret 2023) untuk tahun 2023; tahun berikutnya memakai target terakhir yang diumumkan.
"Dihitung sistem": dari data Adminduk. "Diisi manual": nilai yang dimasukkan kantor, dengan nama pengisi dan tanggalnya.
Angka di bawah 5 orang ditampilkan "&lt; 5" pada laporan publik.</footer>
</main>
</body>
</html>
`;
}

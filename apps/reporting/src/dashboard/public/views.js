// Rendering: plain DOM building (never innerHTML with data, so a region or indicator name cannot inject markup).

import { lineChart } from './chart.js';
import { CHILD_LEVEL_NAMES, LEVEL_NAMES, SUPPRESSED_NOTE, SUPPRESSED_VALUE, TARGET_SOURCES, formatCount, formatDate, formatDetail, formatTarget, formatValue, headline } from './format.js';
import { DETAILS, DETAILS_FOLDED, INDICATORS, PARTS } from './labels.js';
import { formatRoute } from './route.js';

/** h('p', { class: 'x' }, 'text', child, …): an element with attributes and children (strings become text). */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

/** The indicator's name as the office says it (the API's English name when the dashboard does not know it). */
export const indicatorName = (indicator) => INDICATORS[indicator.id]?.name ?? indicator.name;

/** Kemendagri village codes say the kind in their 7th digit: 1 kelurahan, 2 desa, 3 desa adat (0: not known). */
const VILLAGE_KINDS = { 1: 'Kelurahan', 2: 'Desa', 3: 'Desa adat' };

/** 'Kabupaten Nagekeo', 'Kecamatan Aesesa', 'Kelurahan Mbay I': the level in front unless the name already says it. */
export function regionLabel(region) {
  const level = region.level === 'VILLAGE' ? VILLAGE_KINDS[region.code.charAt(6)] : region.level === 'REGENCY' ? 'Kabupaten' : LEVEL_NAMES[region.level];
  if (!level || /^(kabupaten|kota|kab\.|kecamatan|desa|kelurahan)\s/i.test(region.name)) return region.name;
  return `${level} ${region.name}`;
}

/** Regency › Kecamatan › Desa: every ancestor a link, the current region marked as the current page. */
export function breadcrumbs(chain, state) {
  return chain.map((region, i) =>
    i === chain.length - 1
      ? h('li', {}, h('span', { 'aria-current': 'page' }, regionLabel(region)))
      : h('li', {}, h('a', { href: formatRoute({ ...state, region: region.code }) }, regionLabel(region))),
  );
}

function badge(indicator) {
  if (indicator.meetsTarget === true) return h('p', { class: 'badge met' }, h('span', { 'aria-hidden': 'true' }, '✓ '), 'Tercapai');
  if (indicator.meetsTarget === false) return h('p', { class: 'badge unmet' }, h('span', { 'aria-hidden': 'true' }, '✗ '), 'Belum tercapai');
  const why = indicator.target === null ? 'Tanpa target' : 'Belum ada data';
  return h('p', { class: 'badge none' }, why);
}

/** A bar of the parts of the breakdown, proportional to their counts (a picture of the table beside it). */
function partsBar(parts, total) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 100 6');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', 'parts-bar');
  svg.setAttribute('aria-hidden', 'true');
  let x = 0;
  parts.forEach((part, i) => {
    if (!(total > 0) || part.count <= 0) return;
    const w = (part.count / total) * 100;
    const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    for (const [k, v] of Object.entries({ x, y: 0, width: w, height: 6, class: `part part-${i % 6}` })) rect.setAttribute(k, String(v));
    svg.append(rect);
    x += w;
  });
  return svg;
}

function partsTable(indicator) {
  const { parts, total } = indicator;
  // A withheld count (null) has no share either: the share would give it back.
  const share = (count) => (total > 0 && count !== null ? formatValue('PERCENT', Math.round((count / total) * 10000) / 100) : '—');
  return h(
    'table',
    { class: 'parts' },
    h('caption', { class: 'visually-hidden' }, `Rincian ${indicatorName(indicator)}`),
    h('thead', { class: 'visually-hidden' }, h('tr', {}, h('th', { scope: 'col' }, 'Bagian'), h('th', { scope: 'col' }, 'Jumlah'), h('th', { scope: 'col' }, 'Porsi'))),
    h(
      'tbody',
      {},
      parts.map((part, i) =>
        h(
          'tr',
          { 'data-part': part.key },
          h('th', { scope: 'row' }, h('span', { class: `swatch part-${i % 6}`, 'aria-hidden': 'true' }), PARTS[part.key] ?? part.label),
          h('td', { class: 'count' }, formatCount(part.count)),
          h('td', { class: 'share' }, share(part.count)),
        ),
      ),
    ),
    h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, 'Jumlah'), h('td', { class: 'total' }, formatCount(total)), h('td', { class: 'share' }, total > 0 ? '100%' : '—'))),
  );
}

/** The indicator's other figures (median, 90th percentile, visits, …) and the period it covers. */
function details(indicator) {
  const all = indicator.details ?? {};
  const lines = Object.entries(all)
    // A figure without a value (no target, so no shortfall) says nothing: left out.
    .filter(([key, value]) => !DETAILS_FOLDED.has(key) && value !== null && value !== undefined)
    .map(([key, value]) => [DETAILS[key] ?? key, formatDetail(value)]);
  const period = all.periodFrom && all.periodTo ? h('p', { class: 'period' }, `Periode ${formatDate(all.periodFrom)} – ${formatDate(all.periodTo)}`) : null;
  const list = lines.length > 0 ? h('dl', { class: 'details' }, lines.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)])) : null;
  return [period, list];
}

/** One card per indicator: the figure, the target and whether it is met, and the breakdown adding up to the total. */
export function indicatorCard(indicator, state, selected) {
  const target = formatTarget(indicator.unit, indicator.target);
  const headingId = `card-${indicator.id}`;
  return h(
    'li',
    {},
    h(
      'article',
      { class: selected ? 'card selected' : 'card', 'data-indicator': indicator.id, 'aria-labelledby': headingId },
      h('h3', { id: headingId }, h('a', { href: formatRoute({ ...state, indicator: indicator.id }), 'aria-current': selected ? 'true' : null }, indicatorName(indicator))),
      h('p', { class: 'api-name', lang: 'en' }, indicator.name),
      h('p', { class: 'value' }, headline(indicator)),
      indicator.unit === 'DATE' && typeof indicator.details?.weeksToTarget === 'number' && indicator.details.weeksToTarget > 0 ? h('p', { class: 'sub' }, `${formatValue('COUNT', indicator.details.weeksToTarget)} minggu lagi`) : null,
      h('p', { class: 'target' }, target ? `Target ${target}` : 'Tanpa target', target && indicator.targetSource ? h('small', {}, ` (${TARGET_SOURCES[indicator.targetSource] ?? indicator.targetSource})`) : null),
      badge(indicator),
      indicator.parts.length > 0 ? [partsBar(indicator.parts, indicator.total), partsTable(indicator)] : h('p', { class: 'total-only' }, `Jumlah: ${formatCount(indicator.total)}`),
      details(indicator),
      indicator.suppressed?.length > 0 ? h('p', { class: 'suppressed-note' }, SUPPRESSED_NOTE) : null,
      h(
        'details',
        { class: 'definition' },
        h('summary', {}, 'Cara menghitung'),
        INDICATORS[indicator.id] ? h('p', {}, INDICATORS[indicator.id].about) : null,
        h('p', { lang: 'en' }, indicator.definition),
      ),
    ),
  );
}

/** The children of the region ranked by the indicator, worst first; each name drills down into that region. */
export function rankingTable(ranking, indicator, state) {
  const childLevel = CHILD_LEVEL_NAMES[ranking.region.level] ?? 'wilayah';
  const best = Math.max(...ranking.rows.map((r) => r.value ?? 0), indicator.unit === 'PERCENT' ? 100 : 0, 1);
  const table = h(
    'table',
    { class: 'ranking', id: 'ranking-table' },
    h('caption', {}, `${indicatorName(indicator)}: ${childLevel} di ${regionLabel(ranking.region)}, terburuk lebih dahulu, per ${formatDate(ranking.asOf)}`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Peringkat'),
        h('th', { scope: 'col' }, childLevel[0].toUpperCase() + childLevel.slice(1)),
        h('th', { scope: 'col', class: 'num' }, 'Nilai'),
        h('th', { scope: 'col', class: 'num' }, 'Jumlah dasar'),
        h('th', { scope: 'col', class: 'bar-col' }, h('span', { class: 'visually-hidden' }, 'Grafik')),
      ),
    ),
    h(
      'tbody',
      {},
      ranking.rows.map((row) => {
        const bar = h('span', { class: 'bar' });
        // CSSOM, not a style attribute: the Content-Security-Policy allows no inline styles.
        bar.style.width = `${row.value === null ? 0 : Math.max(0, Math.min(100, (row.value / best) * 100))}%`;
        return h(
          'tr',
          { 'data-region': row.code },
          h('td', { class: 'rank' }, String(row.rank)),
          h('th', { scope: 'row' }, h('a', { href: formatRoute({ ...state, region: row.code }) }, row.name)),
          // A withheld figure reads as none, named in its tooltip (a word would not fit a phone's column).
          h('td', { class: 'num value', title: row.suppressed && row.value === null ? SUPPRESSED_VALUE : null }, formatValue(indicator.unit, row.value)),
          h('td', { class: 'num' }, formatCount(row.total)),
          h('td', { class: 'bar-col', 'aria-hidden': 'true' }, h('span', { class: 'bar-track' }, bar)),
        );
      }),
    ),
  );
  // On a phone the table scrolls sideways inside its panel instead of widening the page.
  return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Tabel peringkat' }, table);
}

/** The chart and, for screen readers and copying, the same points as a table. */
export function seriesView(series, indicator, width) {
  const measured = series.points.filter((p) => p.value !== null);
  const first = series.points[0];
  const last = series.points[series.points.length - 1];
  if (!first) return [h('p', {}, 'Belum ada data untuk rentang ini.')];
  const summary =
    measured.length === 0
      ? `Tidak ada nilai dari ${formatDate(first.date)} sampai ${formatDate(last.date)}.`
      : `${measured.length} hari bernilai dari ${formatDate(first.date)} sampai ${formatDate(last.date)}; terakhir ${formatValue(indicator.unit, measured[measured.length - 1].value)}.`;
  // Before historyFrom the records do not date what the indicator counts (a register imported without the dates).
  const history =
    series.historyFrom && series.historyFrom > first.date
      ? `Riwayat tercatat sejak ${formatDate(series.historyFrom)}: register yang diimpor tidak menyebut tanggal sebelum itu, jadi hari-hari sebelumnya tidak bernilai.`
      : '';
  const chart = lineChart({ points: series.points, unit: indicator.unit, target: indicator.unit === 'DATE' ? null : indicator.target, title: `Tren ${indicatorName(indicator)}, ${regionLabel(series.region)}`, description: `${summary} ${history}`.trim(), width });
  const table = h(
    'table',
    { class: 'series-table' },
    h('caption', {}, `Tren ${indicatorName(indicator)} per hari`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Tanggal'), h('th', { scope: 'col', class: 'num' }, 'Nilai'), h('th', { scope: 'col', class: 'num' }, 'Jumlah dasar'))),
    h(
      'tbody',
      {},
      // Newest first: the day people look for.
      [...series.points].reverse().map((p) =>
        h('tr', {}, h('th', { scope: 'row' }, formatDate(p.date)), h('td', { class: 'num' }, p.known === false ? 'tidak tercatat' : formatValue(indicator.unit, p.value)), h('td', { class: 'num' }, p.known === false ? '–' : formatCount(p.total))),
      ),
    ),
  );
  return [h('figure', { class: 'chart-figure' }, chart, h('figcaption', {}, summary, history ? h('span', { class: 'history-note' }, ` ${history}`) : null)), h('details', { class: 'table-fallback' }, h('summary', {}, 'Tabel data tren'), table)];
}

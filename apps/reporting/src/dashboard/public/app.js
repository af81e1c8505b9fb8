// The dashboard's controller: reads the state from the URL hash, fetches what the view needs, renders it.
// Every navigation (a card, a breadcrumb, a ranking row, the date, the range) is a change of the hash, so the
// back button works and every view can be shared as a link.

import { api } from './api.js';
import { CHILD_LEVEL_NAMES, LEVEL_NAMES, formatDate } from './format.js';
import { RANGES, addDays, formatRoute, parseRoute } from './route.js';
import { breadcrumbs, h, indicatorCard, indicatorName, rankingTable, regionLabel, seriesView } from './views.js';

const $ = (id) => document.getElementById(id);
const regency = document.querySelector('meta[name="adminduk-regency"]')?.content;
const home = /^\d{4}$/.test(regency ?? '') ? regency : '5316';

let inFlight = null;
/** The series on screen, redrawn at the new width when the window is resized or the phone turned. */
let lastSeries = null;

function drawSeries() {
  if (!lastSeries) return;
  const open = $('series').querySelector('details')?.open ?? false;
  const width = $('series').clientWidth || 720;
  $('series').replaceChildren(...seriesView(lastSeries.series, lastSeries.selected, width));
  const details = $('series').querySelector('details');
  if (details) details.open = open;
}
/** The newest day the service has figures for (learnt from the first answer without a date): the picker's max. */
let latestAsOf = null;

const currentState = () => parseRoute(location.hash, home);
const go = (state) => {
  location.hash = formatRoute(state);
};

/** The region and its ancestors, regency first (at most two more requests: kecamatan, regency). */
async function regionChain(info, signal) {
  const chain = [info.region];
  let parent = info.parent;
  while (parent) {
    chain.unshift(parent);
    parent = chain.length < 4 ? (await api.region(parent.code, signal)).parent : null;
  }
  return chain;
}

function setBusy(busy, message) {
  document.body.dataset.state = busy ? 'loading' : 'ready';
  $('main').setAttribute('aria-busy', String(busy));
  if (message !== undefined) $('status').textContent = message;
}

function showError(error) {
  document.body.dataset.state = 'error';
  $('main').setAttribute('aria-busy', 'false');
  const box = $('error');
  box.replaceChildren(
    h('p', {}, h('strong', {}, 'Data tidak dapat ditampilkan. '), error.message),
    error.code ? h('p', { class: 'code' }, `Kode: ${error.code}`) : null,
    h('p', {}, h('a', { href: formatRoute({ region: home, indicator: null, date: null }) }, `Kembali ke ${LEVEL_NAMES.REGENCY.toLowerCase()}`)),
  );
  box.hidden = false;
  $('status').textContent = '';
  // No figures of the previous view under a failed one: they would be read as this view's.
  $('cards').replaceChildren();
  $('focus').hidden = true;
  lastSeries = null;
}

async function render() {
  const state = currentState();
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  const { signal } = controller;
  setBusy(true, 'Memuat…');
  $('error').hidden = true;

  try {
    const [info, indicators] = await Promise.all([api.region(state.region, signal), api.indicators(state.region, state.date, signal)]);
    const selected = indicators.indicators.find((i) => i.id === state.indicator) ?? indicators.indicators[0];
    if (!selected) throw new Error('Layanan tidak mengirim indikator.');
    const asOf = indicators.asOf;
    if (!state.date && (!latestAsOf || asOf > latestAsOf)) latestAsOf = asOf;
    const hasChildren = info.children.length > 0;
    const [chain, ranking, series] = await Promise.all([
      regionChain(info, signal),
      hasChildren ? api.ranking(selected.id, state.region, state.date ?? asOf, signal) : Promise.resolve(null),
      api.series(selected.id, state.region, addDays(asOf, -(state.range - 1)), asOf, signal),
    ]);
    if (signal.aborted) return;
    const view = { ...state, indicator: selected.id };

    const title = regionLabel(info.region);
    document.title = `${title} — Dasbor Indikator Kependudukan`;
    $('page-title').textContent = `Dasbor Indikator ${title}`;
    $('breadcrumbs').replaceChildren(...breadcrumbs(chain, view));

    const childForm = $('child-form');
    childForm.hidden = !hasChildren;
    if (hasChildren) {
      const childLevel = CHILD_LEVEL_NAMES[info.region.level] ?? 'wilayah';
      $('child-label').textContent = `Buka ${childLevel}`;
      $('child-region').replaceChildren(...info.children.map((c) => h('option', { value: c.code }, c.name)));
    }

    const input = $('as-of');
    input.value = asOf;
    if (latestAsOf) input.max = latestAsOf;
    $('range').value = String(state.range);

    $('cards').replaceChildren(...indicators.indicators.map((i) => indicatorCard(i, view, i.id === selected.id)));

    $('focus').hidden = false;
    $('h-focus').textContent = indicatorName(selected);
    lastSeries = { series, selected };
    drawSeries();
    $('h-ranking').textContent = hasChildren ? `Peringkat ${CHILD_LEVEL_NAMES[info.region.level]} (terburuk lebih dahulu)` : 'Peringkat';
    $('ranking').replaceChildren(
      ranking && ranking.rows.length > 0
        ? rankingTable(ranking, selected, view)
        : h('p', {}, `${title} tidak mempunyai wilayah di bawahnya untuk diperingkat.`),
    );

    const date = state.date ?? asOf;
    $('exports').replaceChildren(
      ...['csv', 'json'].map((format) =>
        h(
          'li',
          {},
          h('a', { href: api.exportUrl(selected.id, format, state.region, date), download: true, 'data-format': format }, `${indicatorName(selected)} — ${format.toUpperCase()}`),
          h('small', {}, format === 'csv' ? ' untuk Excel/LibreOffice' : ' untuk aplikasi lain'),
        ),
      ),
    );

    setBusy(false, `Menampilkan ${title} per ${formatDate(asOf)}.`);
  } catch (error) {
    if (error.name === 'AbortError' || signal.aborted) return;
    showError(error);
  }
}

$('as-of-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const value = $('as-of').value;
  if (value) go({ ...currentState(), date: value });
});
$('latest').addEventListener('click', () => go({ ...currentState(), date: null }));
$('range').addEventListener('change', (event) => {
  const range = Number(event.target.value);
  if (RANGES.includes(range)) go({ ...currentState(), range });
});
$('child-form').addEventListener('submit', (event) => {
  event.preventDefault();
  go({ ...currentState(), region: $('child-region').value });
});

let resizeTimer = null;
let drawnWidth = 0;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    if ($('series').clientWidth !== drawnWidth) {
      drawnWidth = $('series').clientWidth;
      drawSeries();
    }
  }, 150);
});

// Only '#/…' hashes are dashboard states: the skip link (#main) must not reload the view.
window.addEventListener('hashchange', () => {
  if (location.hash.startsWith('#/') || location.hash === '') void render();
});
if (!location.hash.startsWith('#/')) history.replaceState(null, '', formatRoute(currentState()));
void render();

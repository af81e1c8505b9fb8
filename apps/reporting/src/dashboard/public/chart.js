// A hand-written SVG line chart of one indicator over time. The chart is a picture for sighted readers
// (role="img" with a text summary); the same points are in a table beside it for screen readers and for copying.

import { formatShortDate, formatValue } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';
const M = { top: 16, right: 16, bottom: 32, left: 56 };

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A round upper bound for the axis: 100 for percentages, else the next 1/2/5 × 10^n above the maximum. */
function niceMax(unit, max) {
  if (unit === 'PERCENT') return 100;
  if (!(max > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * step >= max) return m * step;
  return 10 * step;
}

/**
 * Draws `points` ({ date, value }[], one per day) into a new <svg>. Days without a value break the line. For the
 * projection (DATE) a value is a day, drawn as the weeks from the point's day to it.
 * `target` (in the same unit) is drawn as a dashed line.
 */
export function lineChart({ points, unit, target, title, description, width = 720 }) {
  // Drawn at the width it is shown at, so that the labels keep their size on a phone.
  const W = Math.max(280, Math.round(width));
  const H = W < 500 ? 220 : 260;
  // The projection's figure is a day: drawn as the weeks from the point's own day to it (its tooltip keeps the day).
  const num = (p) => (p.value === null ? null : unit === 'DATE' && typeof p.value === 'string' ? (Date.parse(p.value) - Date.parse(p.date)) / 604_800_000 : p.value);
  const values = points.map(num).filter((v) => v !== null);
  const top = niceMax(unit, Math.max(...values, target ?? 0, 0));
  const innerW = W - M.left - M.right;
  const innerH = H - M.top - M.bottom;
  const x = (i) => M.left + (points.length <= 1 ? innerW / 2 : (i * innerW) / (points.length - 1));
  const y = (v) => M.top + innerH - (Math.min(v, top) / top) * innerH;

  const titleId = `chart-title-${Math.random().toString(36).slice(2)}`;
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': `${titleId} ${titleId}-d`, class: 'chart', preserveAspectRatio: 'xMidYMid meet' });
  svg.append(el('title', { id: titleId }, title), el('desc', { id: `${titleId}-d` }, description));

  // Horizontal grid lines with their values.
  const grid = el('g', { class: 'grid', 'aria-hidden': 'true' });
  for (let i = 0; i <= 4; i++) {
    const v = (top * i) / 4;
    grid.append(el('line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v) }));
    grid.append(el('text', { x: M.left - 8, y: y(v) + 4, 'text-anchor': 'end' }, unit === 'PERCENT' ? `${v}%` : formatValue('COUNT', v)));
  }
  svg.append(grid);

  // About six date labels along the bottom, always including the last day.
  const axis = el('g', { class: 'axis', 'aria-hidden': 'true' });
  const every = Math.max(1, Math.ceil(points.length / Math.max(2, Math.floor(W / 110))));
  points.forEach((p, i) => {
    if (i % every !== 0 && i !== points.length - 1) return;
    if (i !== points.length - 1 && points.length - 1 - i < every / 2) return; // keep labels from overlapping the last one
    // The first and last labels are anchored inwards so that they stay inside the picture.
    const anchor = points.length > 1 && i === 0 ? 'start' : points.length > 1 && i === points.length - 1 ? 'end' : 'middle';
    axis.append(el('text', { x: x(i), y: H - 10, 'text-anchor': anchor }, formatShortDate(p.date)));
  });
  svg.append(axis);

  if (target !== null && target !== undefined && target <= top) {
    const t = el('g', { class: 'target', 'aria-hidden': 'true' });
    t.append(el('line', { x1: M.left, x2: W - M.right, y1: y(target), y2: y(target) }));
    t.append(el('text', { x: W - M.right, y: y(target) - 6, 'text-anchor': 'end' }, `Target ${formatValue(unit, target)}`));
    svg.append(t);
  }

  // The line, broken where a day has no value, and one dot per measured day (with its figure as a tooltip).
  const line = el('g', { class: 'series' });
  let run = [];
  const flush = () => {
    if (run.length > 1) line.append(el('polyline', { points: run.join(' ') }));
    run = [];
  };
  const dots = el('g', { class: 'points' });
  points.forEach((p, i) => {
    const v = num(p);
    if (v === null) return flush();
    run.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    const dot = el('circle', { cx: x(i).toFixed(1), cy: y(v).toFixed(1), r: points.length > 120 ? 1.5 : 2.5, class: 'point', 'data-date': p.date });
    dot.append(el('title', {}, `${formatShortDate(p.date)}: ${formatValue(unit, p.value)}`));
    dots.append(dot);
  });
  flush();
  svg.append(line, dots);
  return svg;
}

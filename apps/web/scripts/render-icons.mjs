#!/usr/bin/env node
// Draws the app's PNG icons (192 and 512 px, for the web app manifest and iOS home screens) from the same
// geometry as public/icon.svg, with a small rasteriser of its own (4×4 samples per pixel) and PNG encoding by
// node:zlib: no image tool or browser needed. Run after changing the drawing (keep the SVG and SHAPES in step),
// and commit the PNGs:   node apps/web/scripts/render-icons.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];

// The drawing on a 512 × 512 canvas, back to front (as in icon.svg).
const inRoundRect = (x, y, w, h, r) => (px, py) => {
  if (px < x || px > x + w || py < y || py > y + h) return false;
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
};
const inCircle = (cx, cy, r) => (px, py) => (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
const inUpperHalfEllipse = (cx, cy, rx, ry) => (px, py) => py <= cy && ((px - cx) / rx) ** 2 + ((py - cy) / ry) ** 2 <= 1;
function nearPolyline(points, width) {
  return (px, py) =>
    points.slice(1).some(([x2, y2], i) => {
      const [x1, y1] = points[i];
      const dx = x2 - x1;
      const dy = y2 - y1;
      const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)));
      return (px - x1 - t * dx) ** 2 + (py - y1 - t * dy) ** 2 <= (width / 2) ** 2;
    });
}

const SHAPES = [
  [() => true, '#0b4f71'],
  [inRoundRect(120, 150, 272, 212, 22), '#ffffff'],
  [inRoundRect(120, 150, 272, 44, 22), '#e3f0f7'],
  [inRoundRect(120, 172, 272, 22, 0), '#e3f0f7'],
  [inCircle(190, 252, 30), '#0b4f71'],
  [inUpperHalfEllipse(190, 336, 48, 52), '#0b4f71'],
  [inRoundRect(258, 232, 104, 16, 8), '#0b4f71'],
  [inRoundRect(258, 266, 84, 16, 8), '#4a5560'],
  [inRoundRect(258, 300, 96, 16, 8), '#4a5560'],
  [inCircle(356, 168, 47), '#ffffff'],
  [inCircle(356, 168, 37), '#1b5e20'],
  [nearPolyline([[336, 168], [350, 182], [376, 154]], 12), '#ffffff'],
].map(([inside, colour]) => [inside, hex(colour)]);

function render(size) {
  const n = 4;
  const scale = 512 / size;
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3); // filter byte 0, then RGB
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const px = (x + (sx + 0.5) / n) * scale;
          const py = (y + (sy + 0.5) / n) * scale;
          let colour = SHAPES[0][1];
          for (const [inside, c] of SHAPES) if (inside(px, py)) colour = c;
          for (let k = 0; k < 3; k++) sum[k] += colour[k];
        }
      }
      for (let k = 0; k < 3; k++) row[1 + x * 3 + k] = Math.round(sum[k] / (n * n));
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, raw) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');
for (const size of [192, 512]) writeFileSync(join(publicDir, `icon-${size}.png`), render(size));

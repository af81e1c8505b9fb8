/**
 * Exports of one indicator for a region and its children (GET /exports/{id}.csv | .json): one row for the region
 * itself, then one per child region (kecamatan of the regency, villages of a kecamatan). Columns: the region, the
 * day, the indicator's value, target and total, one column per part of its breakdown (`part_<KEY>`, adding up to
 * `total` on every row) and one per detail (`detail_<name>`), then `suppressed`: the columns withheld on the row as
 * small counts (public exports: indicators/small-cells.ts), separated by spaces. A withheld count is null in JSON and
 * "< 5" in CSV; a withheld percentage or derived detail is null / empty. CSV is RFC 4180 (comma, CRLF, quotes
 * doubled), UTF-8, so that a spreadsheet opens it as it is.
 */
import type { ExportTable } from '../indicators/indicators.service';

export function exportColumns(table: ExportTable): string[] {
  const first = table.rows[0]?.indicator;
  const parts = first ? first.parts.map((p) => `part_${p.key}`) : [];
  const details = first ? Object.keys(first.details).map((k) => `detail_${k}`) : [];
  return ['region_code', 'region_name', 'level', 'as_of', 'indicator', 'unit', 'value', 'projected_date', 'target', 'target_source', 'meets_target', 'total', ...parts, ...details, 'suppressed'];
}

/** The export column of a withheld field's path (IndicatorValue.suppressed). */
function columnOf(path: string): string {
  if (path.startsWith('parts.')) return `part_${path.slice('parts.'.length)}`;
  if (path.startsWith('details.')) return `detail_${path.slice('details.'.length)}`;
  return path;
}

export function exportRecords(table: ExportTable): Record<string, string | number | boolean | null>[] {
  return table.rows.map((r) => {
    const v = r.indicator;
    const record: Record<string, string | number | boolean | null> = {
      region_code: r.code,
      region_name: r.name,
      level: r.level,
      as_of: table.asOf,
      indicator: v.id,
      unit: v.unit,
      value: v.value,
      projected_date: v.date ?? null,
      target: v.target,
      target_source: v.targetSource,
      meets_target: v.meetsTarget,
      total: v.total,
    };
    for (const p of v.parts) record[`part_${p.key}`] = p.count;
    for (const [k, d] of Object.entries(v.details)) record[`detail_${k}`] = d;
    record.suppressed = v.suppressed && v.suppressed.length > 0 ? v.suppressed.map(columnOf).join(' ') : null;
    return record;
  });
}

/** Columns that hold counts of people: total, the parts, and the counting details. */
const COUNT_COLUMN = /^(total|part_.+|detail_(count|datedRecordings|newWajibKtpNextYear|shortfall|openedCases))$/;

export function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: ExportTable): string {
  const columns = exportColumns(table);
  const lines = [columns.join(',')];
  for (const record of exportRecords(table)) {
    const withheld = new Set(String(record.suppressed ?? '').split(' '));
    // A withheld count reads "< 5"; a withheld percentage or service time stays empty (it is no count).
    lines.push(columns.map((c) => (withheld.has(c) && COUNT_COLUMN.test(c) ? cell('< 5') : cell(record[c]))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

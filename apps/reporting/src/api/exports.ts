/**
 * Exports of one indicator for a region and its children (GET /exports/{id}.csv | .json): one row for the region
 * itself, then one per child region (kecamatan of the regency, villages of a kecamatan). Columns: the region, the
 * day, the indicator's value, target and total, one column per part of its breakdown (`part_<KEY>`, adding up to
 * `total` on every row) and one per detail (`detail_<name>`). CSV is RFC 4180 (comma, CRLF, quotes doubled), UTF-8,
 * so that a spreadsheet opens it as it is.
 */
import type { ExportTable } from '../indicators/indicators.service';

export function exportColumns(table: ExportTable): string[] {
  const first = table.rows[0]?.indicator;
  const parts = first ? first.parts.map((p) => `part_${p.key}`) : [];
  const details = first ? Object.keys(first.details).map((k) => `detail_${k}`) : [];
  return ['region_code', 'region_name', 'level', 'as_of', 'indicator', 'unit', 'value', 'projected_date', 'target', 'target_source', 'meets_target', 'total', ...parts, ...details];
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
    return record;
  });
}

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: ExportTable): string {
  const columns = exportColumns(table);
  const lines = [columns.join(',')];
  for (const record of exportRecords(table)) lines.push(columns.map((c) => cell(record[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

// Numbers and dates as the office reads them: Indonesian conventions (84,45%; 122.478; 27 Nov 2026).

const integer = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const decimal = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });
const longDate = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortDate = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/**
 * A count; null is a count the public answer withholds (the API's `suppressed`), read "< 5": 1 to 4 people, or a
 * count withheld beside one so that it cannot be recomputed (a complement, which may be larger: marking it apart
 * would tell which one is small).
 */
export const formatCount = (n) => (n === null || n === undefined ? '< 5' : integer.format(n));

/** Said on a figure whose small counts are withheld (the public figures; the office signed in reads them exact). */
export const SUPPRESSED_NOTE = 'Jumlah di bawah 5 orang, dan jumlah lain yang dapat dipakai untuk menghitungnya kembali, disamarkan untuk melindungi data pribadi.';
export const SUPPRESSED_VALUE = 'Disamarkan (jumlah < 5)';

function dateOf(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}
export const formatDate = (iso) => longDate.format(dateOf(iso));
export const formatShortDate = (iso) => shortDate.format(dateOf(iso));

/** A figure in its unit, or a dash when there is nothing to measure. The projection's (DATE) figure is a day. */
export function formatValue(unit, value) {
  if (value === null || value === undefined) return '—';
  switch (unit) {
    case 'PERCENT':
      return `${percent.format(value)}%`;
    case 'DAYS':
      return `${decimal.format(value)} hari`;
    case 'DATE':
      return typeof value === 'string' ? formatDate(value) : `${decimal.format(value)} minggu`;
    default:
      return decimal.format(value);
  }
}

/** Why the projection names no day (details.reason: ektpTargetDate's EKTP_PROJECTION_REASON_CODES). */
export const PROJECTION_REASONS = {
  NO_DATED_HISTORY: 'Belum dapat diproyeksikan: tidak ada perekaman bertanggal dalam 8 minggu terakhir',
  HISTORY_TOO_SHORT: 'Belum dapat diproyeksikan: riwayat perekaman bertanggal kurang dari seminggu',
  PACE_NOT_ABOVE_INFLOW: 'Tidak tercapai dengan laju perekaman sekarang',
  BEYOND_HORIZON: 'Tidak tercapai dalam 10 tahun',
};

/** The card's headline: the figure, or for the projection the day the target is reached. */
export function headline(indicator) {
  if (indicator.suppressed?.includes('value')) return SUPPRESSED_VALUE;
  if (indicator.unit !== 'DATE') return formatValue(indicator.unit, indicator.value);
  const day = typeof indicator.value === 'string' ? indicator.value : indicator.date;
  if (day) return formatDate(day);
  // No day: the reason the projection gives (nobody wajib KTP: nothing to say).
  return PROJECTION_REASONS[indicator.details?.reason] ?? '—';
}

/** The target in the indicator's unit: a ceiling for service times, a floor for the rest. */
export function formatTarget(unit, target) {
  if (target === null || target === undefined) return null;
  switch (unit) {
    case 'PERCENT':
      return `≥ ${decimal.format(target)}%`;
    case 'DAYS':
      return `≤ ${decimal.format(target)} hari`;
    case 'DATE':
      // The projection's target is the e-KTP recording target it projects to.
      return `perekaman e-KTP ${decimal.format(target)}%`;
    default:
      return `≥ ${decimal.format(target)}`;
  }
}

export const TARGET_SOURCES = {
  MINISTRY_2023: 'target Kemendagri 2023',
  LEGAL_DEADLINE: 'batas waktu undang-undang',
  OFFICE: 'target Dinas',
};

export const LEVEL_NAMES = { REGENCY: 'Kabupaten', DISTRICT: 'Kecamatan', VILLAGE: 'Desa/Kelurahan' };
export const CHILD_LEVEL_NAMES = { REGENCY: 'kecamatan', DISTRICT: 'desa/kelurahan', VILLAGE: null };

export function formatDetail(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return decimal.format(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  return String(value);
}

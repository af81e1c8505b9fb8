/**
 * Desa and kelurahan (villages, 4 digits under the kecamatan: 53.16.01.2002). The first digit of the
 * village part is 1 for a kelurahan, 2 for a desa and 3 for a desa adat (Permendagri 58/2021 code scheme).
 * Kept out of the main entry point: 83k names that NIK validation never needs.
 */
import { VILLAGES, RETIRED_VILLAGES } from './villages.data.js';
import { decodeGrouped, normaliseName, normaliseRegionCode } from '../regions/compact.js';
import { dotRegionCode } from '../regions/regions.js';

export interface Village {
  /** Digits only: '5316012002'. */
  readonly code: string;
  /** '53.16.01.2002' */
  readonly dottedCode: string;
  readonly kind: 'kelurahan' | 'desa' | 'desa_adat';
  readonly name: string;
  /** The kecamatan's code, digits only: '531601'. */
  readonly districtCode: string;
  /** True when the code is no longer in the current edition (village codes are renumbered too). */
  readonly historical: boolean;
  readonly editions?: { readonly first: number; readonly last: number };
}

interface VillageIndex {
  readonly byCode: Map<string, Village>;
  readonly byDistrict: Map<string, Village[]>;
  readonly all: Village[];
  readonly names: string[];
}

let index: VillageIndex | undefined;

const KINDS: Record<string, Village['kind']> = { '1': 'kelurahan', '2': 'desa', '3': 'desa_adat' };

function villageIndex(): VillageIndex {
  if (index) return index;
  const all: Village[] = [];
  for (const [data, historical] of [[VILLAGES, false], [RETIRED_VILLAGES, true]] as const) {
    for (const rec of decodeGrouped(data, 4)) {
      all.push({
        code: rec.code,
        dottedCode: dotRegionCode(rec.code),
        kind: KINDS[rec.code[6] as string] ?? 'desa',
        name: rec.name,
        districtCode: rec.code.slice(0, 6),
        historical,
        ...(rec.editions ? { editions: rec.editions } : {}),
      });
    }
  }
  all.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const byCode = new Map<string, Village>();
  const byDistrict = new Map<string, Village[]>();
  for (const v of all) {
    byCode.set(v.code, v);
    const list = byDistrict.get(v.districtCode);
    if (list) list.push(v);
    else byDistrict.set(v.districtCode, [v]);
  }
  index = { byCode, byDistrict, all, names: all.map((v) => normaliseName(v.name)) };
  return index;
}

const DOTTED = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;
const PLAIN = /^\d{10}$/;

/**
 * The village with this code ('53.16.01.2002' or '5316012002'), current or historical, or undefined.
 *
 * @example findVillage('53.16.01.2002')?.name // 'Labolewa'
 */
export function findVillage(code: string): Village | undefined {
  const digits = normaliseRegionCode(code, DOTTED, PLAIN);
  return digits === undefined ? undefined : villageIndex().byCode.get(digits);
}

/**
 * The villages of a kecamatan ('53.16.01' or '531601'), by code; current ones unless includeHistorical.
 *
 * @example listVillages('531601').length // 18
 */
export function listVillages(districtCode: string, options?: { readonly includeHistorical?: boolean }): Village[] {
  const digits = normaliseRegionCode(districtCode, /^\d{2}\.\d{2}\.\d{2}$/, /^\d{6}$/);
  const list = digits === undefined ? undefined : villageIndex().byDistrict.get(digits);
  if (!list) return [];
  return options?.includeHistorical ? [...list] : list.filter((v) => !v.historical);
}

/**
 * Villages whose name matches (case and punctuation ignored): exact matches first, then names starting with
 * the query, then names containing it; optionally within one region (a province, regency or kecamatan code).
 *
 * @example findVillagesByName('Labolewa', { within: '5316' })[0]?.code // '5316012002'
 */
export function findVillagesByName(
  query: string,
  options?: { readonly within?: string; readonly includeHistorical?: boolean },
): Village[] {
  if (typeof query !== 'string') return [];
  const wanted = normaliseName(query);
  if (wanted === '') return [];
  const within = options?.within === undefined ? '' : options.within.replace(/\./g, '');
  const { all, names } = villageIndex();
  const ranked: Array<[number, Village]> = [];
  for (let i = 0; i < all.length; i++) {
    const village = all[i] as Village;
    if (!village.code.startsWith(within)) continue;
    if (!options?.includeHistorical && village.historical) continue;
    const name = names[i] as string;
    const rank = name === wanted ? 0 : name.startsWith(wanted) ? 1 : name.includes(wanted) ? 2 : -1;
    if (rank >= 0) ranked.push([rank, village]);
  }
  return ranked.sort((a, b) => a[0] - b[0] || (a[1].code < b[1].code ? -1 : 1)).map(([, v]) => v);
}

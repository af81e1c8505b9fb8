/**
 * Indonesian region codes (kode wilayah, Kemendagri): provinces (2 digits), regencies and cities
 * (kabupaten 01–69, kota 71–99 under the province) and kecamatan (2 more digits). The data is the 2025
 * edition (Kepmendagri 300.2.2-2430/2025) plus the codes retired since 2016, flagged `historical`: a NIK
 * keeps the code of the kecamatan where it was first issued (PP 37/2007 art. 37), so old codes stay valid.
 *
 * Villages (desa / kelurahan, 83k) are in the separate entry point `@adminduk/domain/villages`.
 */
import { PROVINCES, REGENCIES, RETIRED_REGENCIES, DISTRICTS, RETIRED_DISTRICTS } from './regions.data.js';
import { decodeFlat, decodeGrouped, normaliseName, normaliseRegionCode, type CompactRecord } from './compact.js';

export type RegionLevel = 'province' | 'regency' | 'district';

export interface Region {
  /** Digits only, as in a NIK: '53', '5316', '531601'. */
  readonly code: string;
  /** The official dotted form: '53', '53.16', '53.16.01'. */
  readonly dottedCode: string;
  /** province, regency (kabupaten or kota) or district (kecamatan). */
  readonly level: RegionLevel;
  /** For regencies: 'kabupaten' (codes 01–69) or 'kota' (71–99). */
  readonly regencyKind?: 'kabupaten' | 'kota';
  /** The name as in the source, with its prefix ('Kabupaten Nagekeo', 'Kota Kupang'). */
  readonly name: string;
  /** The parent region's code (digits), or null for a province. */
  readonly parentCode: string | null;
  /** True for a code that is no longer in the current edition (see `editions`). */
  readonly historical: boolean;
  /** For historical codes: the first and last archived edition (year) the code appears in. */
  readonly editions?: { readonly first: number; readonly last: number };
}

export interface ListOptions {
  /** Also list retired codes (default false). */
  readonly includeHistorical?: boolean;
}

export function dotRegionCode(code: string): string {
  return code.replace(/^(\d{2})(\d{2})?(\d{2})?(\d{4})?$/, (_, a: string, b?: string, c?: string, d?: string) =>
    [a, b, c, d].filter(Boolean).join('.'),
  );
}

function toRegion(rec: CompactRecord, historical: boolean): Region {
  const level: RegionLevel = rec.code.length === 2 ? 'province' : rec.code.length === 4 ? 'regency' : 'district';
  const region: Region = {
    code: rec.code,
    dottedCode: dotRegionCode(rec.code),
    level,
    name: rec.name,
    parentCode: level === 'province' ? null : rec.code.slice(0, rec.code.length - 2),
    historical,
  };
  return {
    ...region,
    ...(level === 'regency' ? { regencyKind: +rec.code.slice(2) >= 71 ? ('kota' as const) : ('kabupaten' as const) } : {}),
    ...(rec.editions ? { editions: rec.editions } : {}),
  };
}

interface RegionIndex {
  readonly byCode: Map<string, Region>;
  readonly children: Map<string, Region[]>;
  readonly all: Region[];
  readonly names: Map<Region, string>;
}

let index: RegionIndex | undefined;

function regionIndex(): RegionIndex {
  if (index) return index;
  const all = [
    ...decodeFlat(PROVINCES, 2).map((r) => toRegion(r, false)),
    ...decodeFlat(REGENCIES, 4).map((r) => toRegion(r, false)),
    ...decodeFlat(RETIRED_REGENCIES, 4).map((r) => toRegion(r, true)),
    ...decodeGrouped(DISTRICTS, 2).map((r) => toRegion(r, false)),
    ...decodeGrouped(RETIRED_DISTRICTS, 2).map((r) => toRegion(r, true)),
  ].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const byCode = new Map<string, Region>();
  const children = new Map<string, Region[]>();
  const names = new Map<Region, string>();
  for (const region of all) {
    byCode.set(region.code, region);
    names.set(region, normaliseName(stripPrefix(region.name)));
    if (region.parentCode !== null) {
      const siblings = children.get(region.parentCode);
      if (siblings) siblings.push(region);
      else children.set(region.parentCode, [region]);
    }
  }
  index = { byCode, children, all, names };
  return index;
}

const DOTTED = /^\d{2}(\.\d{2}(\.\d{2})?)?$/;
const PLAIN = /^(\d{2}|\d{4}|\d{6})$/;

/**
 * The province, regency or kecamatan with this code, given with or without dots ('53.16' or '5316'),
 * current or historical; undefined when the code is unknown or malformed.
 */
export function findRegion(code: string): Region | undefined {
  const digits = normaliseRegionCode(code, DOTTED, PLAIN);
  return digits === undefined ? undefined : regionIndex().byCode.get(digits);
}

function filtered(regions: readonly Region[] | undefined, options: ListOptions | undefined): Region[] {
  if (!regions) return [];
  return options?.includeHistorical ? [...regions] : regions.filter((r) => !r.historical);
}

/** All provinces, by code. */
export function listProvinces(): Region[] {
  return regionIndex().all.filter((r) => r.level === 'province');
}

/** The regencies and cities of a province (code with or without dots), by code. */
export function listRegencies(provinceCode: string, options?: ListOptions): Region[] {
  const digits = normaliseRegionCode(provinceCode, DOTTED, PLAIN);
  return digits?.length === 2 ? filtered(regionIndex().children.get(digits), options) : [];
}

/** The kecamatan of a regency or city (code with or without dots), by code. */
export function listDistricts(regencyCode: string, options?: ListOptions): Region[] {
  const digits = normaliseRegionCode(regencyCode, DOTTED, PLAIN);
  return digits?.length === 4 ? filtered(regionIndex().children.get(digits), options) : [];
}

const PREFIX = /^(provinsi|prov\.?|kabupaten|kab\.?|kota administrasi|kota adm\.?|kota|kecamatan|kec\.?)\s+/i;

function stripPrefix(name: string): string {
  return name.replace(PREFIX, '');
}

export interface FindByNameOptions extends ListOptions {
  readonly level?: RegionLevel;
}

/**
 * Regions whose name matches, ignoring case, punctuation and prefixes such as 'Kabupaten', 'Kab.', 'Kota'
 * or 'Kecamatan'. Exact matches come first, then names starting with the query, then names containing it;
 * within each group, by code. A prefix in the query narrows the level ('Kota Kupang' finds the city only).
 */
export function findRegionsByName(query: string, options?: FindByNameOptions): Region[] {
  if (typeof query !== 'string') return [];
  const prefix = PREFIX.exec(query.trim())?.[1]?.toLowerCase();
  const wanted = normaliseName(stripPrefix(query.trim()));
  if (wanted === '') return [];
  const { all, names } = regionIndex();
  const ranked: Array<[number, Region]> = [];
  for (const region of all) {
    if (options?.level && region.level !== options.level) continue;
    if (!options?.includeHistorical && region.historical) continue;
    if (prefix && !prefixFits(prefix, region)) continue;
    const name = names.get(region) as string;
    const rank = name === wanted ? 0 : name.startsWith(wanted) ? 1 : name.includes(wanted) ? 2 : -1;
    if (rank >= 0) ranked.push([rank, region]);
  }
  return ranked.sort((a, b) => a[0] - b[0] || (a[1].code < b[1].code ? -1 : 1)).map(([, r]) => r);
}

function prefixFits(prefix: string, region: Region): boolean {
  if (prefix.startsWith('prov')) return region.level === 'province';
  if (prefix.startsWith('kab')) return region.regencyKind === 'kabupaten';
  if (prefix.startsWith('kota')) return region.regencyKind === 'kota';
  return region.level === 'district';
}

// ---- fast code tables for identifier checks (NIK, No. KK) -------------------------------------------

/** Status of a code in the tables below: 0 unknown, 1 in the current edition, 2 retired. */
export type CodeStatus = 0 | 1 | 2;
export const CODE_UNKNOWN = 0;
export const CODE_CURRENT = 1;
export const CODE_RETIRED = 2;

let provinceTable: Uint8Array | undefined;
let regencyTable: Uint8Array | undefined;
let districtTable: Uint8Array | undefined;

function buildTables(): void {
  const provinces = new Uint8Array(100);
  const regencies = new Uint8Array(10_000);
  const districts = new Uint8Array(1_000_000);
  for (const r of decodeFlat(PROVINCES, 2)) provinces[+r.code] = CODE_CURRENT;
  for (const r of decodeFlat(REGENCIES, 4)) regencies[+r.code] = CODE_CURRENT;
  for (const r of decodeFlat(RETIRED_REGENCIES, 4)) regencies[+r.code] = CODE_RETIRED;
  for (const r of decodeGrouped(DISTRICTS, 2)) districts[+r.code] = CODE_CURRENT;
  for (const r of decodeGrouped(RETIRED_DISTRICTS, 2)) districts[+r.code] = CODE_RETIRED;
  provinceTable = provinces;
  regencyTable = regencies;
  districtTable = districts;
}

export interface CodeTables {
  /** Indexed by the 2-digit province code as a number. */
  readonly provinces: Uint8Array;
  /** Indexed by the 4-digit regency code as a number. */
  readonly regencies: Uint8Array;
  /** Indexed by the 6-digit kecamatan code as a number. */
  readonly districts: Uint8Array;
}

/** The status tables themselves (built on first use), for the identifier parsers' hot path. */
export function codeTables(): CodeTables {
  if (districtTable === undefined) buildTables();
  return { provinces: provinceTable as Uint8Array, regencies: regencyTable as Uint8Array, districts: districtTable as Uint8Array };
}

/** Status of a 2-digit province code given as a number (53). */
export function provinceCodeStatus(province: number): CodeStatus {
  if (provinceTable === undefined) buildTables();
  return (provinceTable as Uint8Array)[province] as CodeStatus;
}

/** Status of a 4-digit regency code given as a number (5316). */
export function regencyCodeStatus(regency: number): CodeStatus {
  if (regencyTable === undefined) buildTables();
  return (regencyTable as Uint8Array)[regency] as CodeStatus;
}

/** Status of a 6-digit kecamatan code given as a number (531601). */
export function districtCodeStatus(district: number): CodeStatus {
  if (districtTable === undefined) buildTables();
  return (districtTable as Uint8Array)[district] as CodeStatus;
}

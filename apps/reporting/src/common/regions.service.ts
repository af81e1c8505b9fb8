/**
 * The regions the reporting service reports on: the office's regency (REGENCY_CODE), its kecamatan and its
 * desa / kelurahan (current edition of the domain library's region data), plus the "village not known" bucket of
 * each kecamatan (code <kecamatan>0000: events that name no village) so that villages always add up to their
 * kecamatan. Codes in the API are digits without dots.
 */
import { Inject, Injectable } from '@nestjs/common';
import { findRegion, listDistricts } from '@adminduk/domain';
import { findVillage, listVillages } from '@adminduk/domain/villages';
import { Problem, SERVICE_CONFIG, type ServiceConfig } from '@adminduk/platform';
import type { RegionLevel, RegionRef } from '../api/shapes';

export const UNKNOWN_VILLAGE_SUFFIX = '0000';

@Injectable()
export class RegionsService {
  readonly regencyCode: string;
  readonly regency: RegionRef;
  private readonly districts: RegionRef[];
  private readonly villagesByDistrict = new Map<string, RegionRef[]>();

  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    this.regencyCode = config.regencyCode;
    this.regency = { code: this.regencyCode, name: findRegion(this.regencyCode)?.name ?? this.regencyCode, level: 'REGENCY' };
    this.districts = listDistricts(this.regencyCode).map((d) => ({ code: d.code, name: d.name, level: 'DISTRICT' as const }));
    for (const d of this.districts) {
      this.villagesByDistrict.set(d.code, listVillages(d.code).map((v) => ({ code: v.code, name: v.name, level: 'VILLAGE' as const })));
    }
  }

  /** The region of a code from the API; 400 for a malformed code, 404 for one not in this regency. */
  resolve(code: string | undefined): RegionRef {
    const c = code ?? this.regencyCode;
    if (!/^(\d{4}|\d{6}|\d{10})$/.test(c)) {
      throw Problem.badRequest('REGION_CODE_INVALID', 'a region code is 4 (regency), 6 (kecamatan) or 10 (desa / kelurahan) digits without dots', [
        { code: 'REGION_CODE_INVALID', field: 'region', message: `${c} is not 4, 6 or 10 digits` },
      ]);
    }
    const found = this.find(c);
    if (!found) throw Problem.notFound('REGION_NOT_FOUND', `${c} is not the regency ${this.regencyCode} or one of its kecamatan or villages`);
    return found;
  }

  find(code: string): RegionRef | undefined {
    if (code === this.regencyCode) return this.regency;
    if (!code.startsWith(this.regencyCode)) return undefined;
    if (code.length === 6) return this.districts.find((d) => d.code === code) ?? this.fromData(code);
    if (code.length !== 10) return undefined;
    const district = code.slice(0, 6);
    const listed = this.villagesByDistrict.get(district)?.find((v) => v.code === code);
    if (listed) return listed;
    if (code.endsWith(UNKNOWN_VILLAGE_SUFFIX) && this.find(district)) return this.unknownVillage(district);
    return this.fromData(code);
  }

  /** The region's children: kecamatan of the regency, villages of a kecamatan (with any other codes the data holds). */
  children(region: RegionRef, codesInData: Iterable<string> = []): RegionRef[] {
    if (region.level === 'VILLAGE') return [];
    const listed = region.level === 'REGENCY' ? this.districts : this.villagesByDistrict.get(region.code) ?? [];
    const length = region.level === 'REGENCY' ? 6 : 10;
    const seen = new Set(listed.map((r) => r.code));
    const extra: RegionRef[] = [];
    for (const code of codesInData) {
      const child = code.slice(0, length);
      if (!child.startsWith(region.code) || seen.has(child)) continue;
      seen.add(child);
      const found = this.find(child);
      if (found) extra.push(found);
    }
    return [...listed, ...extra].sort((a, b) => a.code.localeCompare(b.code));
  }

  parent(region: RegionRef): RegionRef | null {
    if (region.level === 'REGENCY') return null;
    return region.level === 'DISTRICT' ? this.regency : (this.find(region.code.slice(0, 6)) ?? null);
  }

  /** Every listed village of the regency (the ones that can be "not visited"). */
  listedVillages(): RegionRef[] {
    return [...this.villagesByDistrict.values()].flat();
  }

  isListedVillage(code: string): boolean {
    return this.villagesByDistrict.get(code.slice(0, 6))?.some((v) => v.code === code) ?? false;
  }

  private unknownVillage(district: string): RegionRef {
    return { code: `${district}${UNKNOWN_VILLAGE_SUFFIX}`, name: 'Desa / kelurahan tidak tercatat', level: 'VILLAGE' };
  }

  /** A code of the regency that the current edition no longer lists (a retired code still in old records). */
  private fromData(code: string): RegionRef | undefined {
    const level: RegionLevel = code.length === 6 ? 'DISTRICT' : 'VILLAGE';
    const name = code.length === 6 ? findRegion(code)?.name : findVillage(code)?.name;
    return name ? { code, name, level } : undefined;
  }
}

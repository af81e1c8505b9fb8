/**
 * The checks of a deed's data before anything is written, each problem reported at once:
 * - 400 FIELD_NOT_FOR_DEED_TYPE: particulars a deed type does not take (a `deceased` on a birth);
 * - 422 DEED_DATA_INVALID, with one item per problem: address codes that are not current codes of this regency
 *   (DISTRICT_UNKNOWN, VILLAGE_UNKNOWN), fields the stage needs (FIELD_REQUIRED), NIKs and No. KK the domain
 *   library refuses (its codes), a Muslim marriage (MARRIAGE_ROUTE_KUA: the KUA records it, see POST
 *   /kua-marriages), the facts of the natural key (CASE_KEY_FACT_MISSING / _INVALID) and an event reported
 *   before it happened (REPORT_BEFORE_EVENT).
 */
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { classifyTimeliness, deedCaseKey, findRegion, marriageRoute, parseKkNumber, parseNik, type DeedType } from '@adminduk/domain';
import { findVillage } from '@adminduk/domain/villages';
import { Problem, SERVICE_CONFIG, type ProblemItem, type ServiceConfig } from '@adminduk/platform';
import { fieldPaths, foreignGroups, missingPaths, PARTICULAR_RULES, valueAt, type Particulars } from './particulars.dto';

export type Stage = 'notify' | 'open' | 'submit';

export interface DeedFacts {
  readonly deedType: DeedType;
  readonly eventDate: string;
  readonly districtCode: string;
  readonly villageCode?: string | null;
  readonly particulars: Particulars;
}

@Injectable()
export class DeedChecksService {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  /** Throws the problem of the facts (see the module comment); returns the digest of the natural key. */
  check(facts: DeedFacts, stage: Stage, reportedAt: string): string {
    const foreign = foreignGroups(facts.deedType, facts.particulars);
    if (foreign.length > 0) {
      throw Problem.badRequest(
        'FIELD_NOT_FOR_DEED_TYPE',
        `a ${facts.deedType} takes ${PARTICULAR_RULES[facts.deedType].groups.join(', ')}`,
        foreign.map((g) => ({ code: 'FIELD_NOT_FOR_DEED_TYPE', field: `particulars.${g}`, message: `${g} is not a particular of a ${facts.deedType}` })),
      );
    }
    const items: ProblemItem[] = [...this.addressProblems(facts.districtCode, facts.villageCode ?? undefined), ...this.particularProblems(facts, stage, reportedAt)];
    const timeliness = classifyTimeliness(facts.deedType, { eventDate: facts.eventDate, reportedAt });
    if (!timeliness.ok) items.push(...timeliness.errors.map((e) => ({ code: e.code, field: 'eventDate', message: e.message })));
    const key = deedCaseKey(facts.deedType, {
      eventDate: facts.eventDate,
      motherNik: facts.particulars.mother?.nik,
      motherName: facts.particulars.mother?.fullName,
      villageCode: facts.villageCode ?? undefined,
      childOrder: facts.particulars.child?.childOrder,
      deceasedNik: facts.particulars.deceased?.nik,
      husbandNik: facts.particulars.husband?.nik,
      wifeNik: facts.particulars.wife?.nik,
      courtDecisionNumber: facts.particulars.courtDecision?.number,
      birthDeedNumber: facts.particulars.birthDeedNumber,
    });
    if (!key.ok) items.push(...key.errors.map((e) => ({ code: e.code, message: e.message })));
    if (items.length > 0 || !key.ok) throw Problem.unprocessable('DEED_DATA_INVALID', 'the deed data is incomplete or invalid', items);
    return createHash('sha256').update(key.value, 'utf8').digest('hex');
  }

  /** The kecamatan and desa must be current codes of this office's regency. */
  addressProblems(districtCode: string, villageCode?: string): ProblemItem[] {
    const items: ProblemItem[] = [];
    const district = findRegion(districtCode);
    if (!district || district.level !== 'district' || district.historical || !districtCode.startsWith(this.config.regencyCode)) {
      items.push({ code: 'DISTRICT_UNKNOWN', field: 'districtCode', message: `${districtCode} is not a current kecamatan of regency ${this.config.regencyCode}` });
    }
    if (villageCode !== undefined) {
      const village = findVillage(villageCode);
      if (!village || village.historical || !villageCode.startsWith(districtCode)) {
        items.push({ code: 'VILLAGE_UNKNOWN', field: 'villageCode', message: `${villageCode} is not a current desa / kelurahan of kecamatan ${districtCode}` });
      }
    }
    return items;
  }

  private particularProblems(facts: DeedFacts, stage: Stage, reportedAt: string): ProblemItem[] {
    const { deedType, particulars } = facts;
    const rule = PARTICULAR_RULES[deedType];
    const required = stage === 'notify' ? rule.toNotify : stage === 'submit' ? rule.toSubmit : [];
    const items: ProblemItem[] = missingPaths(particulars, required).map((path) => ({
      code: 'FIELD_REQUIRED',
      field: `particulars.${path}`,
      message: `a ${deedType} needs ${path} ${stage === 'notify' ? 'in the report' : 'before it is submitted'}`,
    }));
    const asOf = reportedAt.slice(0, 10);
    for (const path of fieldPaths(deedType).filter((p) => p.endsWith('.nik'))) {
      const nik = valueAt(particulars, path);
      if (typeof nik !== 'string') continue;
      const parsed = parseNik(nik, { asOf });
      if (!parsed.ok) items.push(...parsed.errors.map((e) => ({ code: e.code, field: `particulars.${path}`, message: e.message })));
    }
    if (particulars.kkNumber !== undefined) {
      const kk = parseKkNumber(particulars.kkNumber, { asOf });
      if (!kk.ok) items.push(...kk.errors.map((e) => ({ code: e.code, field: 'particulars.kkNumber', message: e.message })));
    }
    if (deedType === 'MARRIAGE' && particulars.religion !== undefined) {
      const route = marriageRoute(particulars.religion);
      if (route.ok && route.value.deedType === null) {
        items.push({
          code: 'MARRIAGE_ROUTE_KUA',
          field: 'particulars.religion',
          message: 'a Muslim marriage is recorded by the KUA and gets no akta perkawinan (UU 23/2006 art. 8(2)): report it with POST /kua-marriages',
        });
      }
    }
    return items;
  }
}

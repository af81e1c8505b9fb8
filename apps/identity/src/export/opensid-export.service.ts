/**
 * A village's or a kecamatan's register in OpenSID's "format impor penduduk", as an .xlsx workbook written with
 * exceljs's streaming WorkbookWriter: one data sheet per village (`<village code> <name>`), the living residents on
 * their active family card, card by card (by No. KK), the members in the card's order; then a `Kode Data` sheet with
 * the code lists (OpenSID's importer skips it by name, and so does the register's).
 *
 * Memory is bounded by a page of cards (PAGE_CARDS) and the ids of the residents exported (for the audit, ~100 bytes
 * each): the rows are read page by page from the database and each row is committed to the stream as written.
 *
 * Audit (UU 27/2022): before the first row leaves, one SEARCH entry of resource `register-export`, in the region
 * exported, whose results name every resident in the file (written in one transaction: the entry, then its results
 * in chunks). Residents who joined the village between that entry and the reading of their page are not exported
 * (they are not in the entry); a resident who died or moved meanwhile is left out of the file and stays named.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import ExcelJS from 'exceljs';
import { BLOOD_TYPES, EDUCATION_LEVELS, findRegion, foldEktp, MARITAL_STATUSES, RELIGIONS, SHDK, type EktpStatus } from '@adminduk/domain';
import { findVillage, listVillages } from '@adminduk/domain/villages';
import { AuditEntryResult, AuditService, localDate, Problem, SERVICE_CONFIG, type ServiceConfig } from '@adminduk/platform';
import { EktpActionRecord } from '../ektp/ektp-action.entity';
import { ektpActionOf } from '../ektp/ektp.service';
import { FamilyCard } from '../family-cards/family-card.entity';
import { FamilyCardMembership } from '../family-cards/family-card-membership.entity';
import { checkImportVillage } from '../import/opensid-row.mapper';
import { EKTP_STATUS_REKAM, EXPORT_COLUMNS, openSidRow, sheetName, type ExportResident } from './opensid-row';

export const EXPORT_RESOURCE = 'register-export';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Cards read per query (their members and e-KTP logs in one more query each). */
const PAGE_CARDS = 1000;
/** Resident ids read per query for the audit entry, and written per insert. */
const ID_PAGE = 10_000;

export interface ExportVillage {
  readonly code: string;
  readonly name: string;
}

/** What is exported: a village, or every village of a kecamatan. */
export interface ExportRegion {
  readonly kind: 'village' | 'district';
  /** 10 digits (village) or 6 (kecamatan). */
  readonly code: string;
  readonly districtCode: string;
  readonly villages: readonly ExportVillage[];
}

export interface ExportRequest {
  readonly village?: string;
  readonly district?: string;
}

export interface ExportOptions {
  /** The command's actor (`cli:<login>`): the audit entry's actor when no request carries a caller. */
  readonly actor?: string;
  /** Written to the audit entry's endpoint when no request is being served (the command). */
  readonly endpoint?: string;
  /** Resident ids read per query for the audit entry (tests make it small to page); default ID_PAGE. */
  readonly idPage?: number;
}

export interface ExportOutcome {
  readonly region: ExportRegion;
  readonly residents: number;
  readonly cards: number;
  readonly sheets: readonly { readonly name: string; readonly residents: number }[];
  readonly auditId: string;
  readonly elapsedMs: number;
}

/** A checked region and the ids the audit entry named: the export proper may start. */
export interface PreparedExport {
  readonly region: ExportRegion;
  readonly auditId: string;
  readonly residentIds: ReadonlySet<string>;
  readonly startedAt: number;
}

/**
 * `--village` / `?village=` or `--district` / `?district=`: exactly one. A village as the OpenSID import takes it
 * (checkImportVillage: a current desa / kelurahan of a current kecamatan of the office's regency); a kecamatan: a
 * current kecamatan of the regency (6 digits, dots allowed). Problem codes: EXPORT_REGION_REQUIRED,
 * EXPORT_VILLAGE_INVALID, EXPORT_DISTRICT_INVALID (400).
 */
export function resolveExportRegion(request: ExportRequest, regencyCode: string): ExportRegion {
  const village = request.village?.trim();
  const district = request.district?.trim();
  if ((village ? 1 : 0) + (district ? 1 : 0) !== 1) {
    throw Problem.badRequest('EXPORT_REGION_REQUIRED', 'give either a village (desa / kelurahan, 10 digits) or a district (kecamatan, 6 digits), not both');
  }
  if (village) {
    const checked = checkImportVillage(village, regencyCode);
    if (!checked.ok) throw Problem.badRequest('EXPORT_VILLAGE_INVALID', checked.problem);
    const code = checked.village.villageCode;
    return { kind: 'village', code, districtCode: checked.village.districtCode, villages: [{ code, name: findVillage(code)?.name ?? code }] };
  }
  const code = (district as string).replace(/\./g, '');
  if (!/^\d{6}$/.test(code)) throw Problem.badRequest('EXPORT_DISTRICT_INVALID', 'the district is a 6-digit kecamatan code (dots allowed), e.g. 531601');
  const found = findRegion(code);
  if (!found || found.level !== 'district' || found.historical) throw Problem.badRequest('EXPORT_DISTRICT_INVALID', `${code} is not a current kecamatan code`);
  if (!code.startsWith(regencyCode)) throw Problem.badRequest('EXPORT_DISTRICT_INVALID', `kecamatan ${code} is outside regency ${regencyCode}, the regency of this office`);
  return { kind: 'district', code, districtCode: code, villages: listVillages(code).map((v) => ({ code: v.code, name: v.name })) };
}

/** The file name offered for a region: `opensid-<code>.xlsx`. */
export function exportFileName(region: ExportRegion): string {
  return `opensid-${region.code}.xlsx`;
}

@Injectable()
export class OpenSidExportService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** The region of a request, checked against the office's regency (400 with a stable code). */
  region(request: ExportRequest): ExportRegion {
    return resolveExportRegion(request, this.config.regencyCode);
  }

  /**
   * Writes the audit entry naming every resident to be exported (committed before anything is disclosed) and
   * returns what the export needs. The caller has checked the region and the caller's scope.
   */
  async prepare(region: ExportRegion, options: ExportOptions = {}): Promise<PreparedExport> {
    const startedAt = performance.now();
    const villageCodes = region.villages.map((v) => v.code);
    const ids: string[] = [];
    const em = this.em.fork();
    const connection = em.getConnection();
    const marks = villageCodes.map(() => '?').join(', ');
    const idPage = options.idPage ?? ID_PAGE;
    for (let after: string | undefined; ; ) {
      const rows = await connection.execute<{ id: string }[]>(
        `select m.resident_id as id from family_card_membership m join family_card c on c.id = m.card_id join resident r on r.id = m.resident_id ` +
          `where c.village_code in (${marks}) and c.status = 'ACTIVE' and r.status = 'ALIVE'${after !== undefined ? ' and m.resident_id > ?' : ''} order by m.resident_id limit ${idPage}`,
        [...villageCodes, ...(after !== undefined ? [after] : [])],
      );
      for (const row of rows) ids.push(String(row.id));
      if (rows.length < idPage) break;
      after = ids[ids.length - 1];
    }
    const auditId = await em.transactional(async (tx) => {
      const entry = this.audit.record(tx, { action: 'SEARCH', resourceType: EXPORT_RESOURCE, regionCode: region.code, results: [] });
      entry.resultCount = ids.length;
      if (entry.actorKind === 'system' && options.actor) entry.actorId = options.actor.slice(0, 200);
      if (!entry.endpoint && options.endpoint) entry.endpoint = options.endpoint;
      await tx.flush();
      for (let i = 0; i < ids.length; i += ID_PAGE) {
        await tx.insertMany(
          AuditEntryResult,
          ids.slice(i, i + ID_PAGE).map((resourceId) => ({ entry: entry.id, resourceId })),
        );
      }
      return entry.id;
    });
    return { region, auditId, residentIds: new Set(ids), startedAt };
  }

  /** prepare() and write() in one: the command's path. */
  async exportTo(region: ExportRegion, out: Writable, options: ExportOptions = {}): Promise<ExportOutcome> {
    return this.write(await this.prepare(region, options), out);
  }

  /** Writes the workbook to `out` (ended when done), page by page. */
  async write(prepared: PreparedExport, out: Writable): Promise<ExportOutcome> {
    const { region, residentIds } = prepared;
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const asOf = localDate(this.config.utcOffset);
    const sheets: { name: string; residents: number }[] = [];
    let residents = 0;
    let cards = 0;
    for (const village of region.villages) {
      const name = sheetName(village.code, village.name);
      const sheet = workbook.addWorksheet(name);
      sheet.addRow([...EXPORT_COLUMNS]).commit();
      let written = 0;
      for (let after: string | undefined; ; ) {
        const page = await this.page(village.code, after, residentIds, asOf);
        for (const card of page.cards) {
          for (const resident of card) sheet.addRow(openSidRow(resident)).commit();
          written += card.length;
          if (card.length > 0) cards++;
        }
        if (out.writableNeedDrain) await once(out, 'drain');
        if (page.last === undefined) break;
        after = page.last;
      }
      sheet.commit();
      sheets.push({ name, residents: written });
      residents += written;
    }
    addCodeSheet(workbook);
    await workbook.commit();
    return { region, residents, cards, sheets, auditId: prepared.auditId, elapsedMs: performance.now() - prepared.startedAt };
  }

  /** One page of a village's active cards (by No. KK after `after`) with their living members in card order. */
  private async page(villageCode: string, after: string | undefined, audited: ReadonlySet<string>, asOf: string): Promise<{ cards: ExportResident[][]; last?: string }> {
    const em = this.em.fork();
    const found = await em.find(
      FamilyCard,
      { villageCode, status: 'ACTIVE', ...(after !== undefined ? { kkNumber: { $gt: after } } : {}) },
      { orderBy: { kkNumber: 'asc' }, limit: PAGE_CARDS, fields: ['id', 'kkNumber'] },
    );
    if (found.length === 0) return { cards: [] };
    const memberships = await em.find(FamilyCardMembership, { card: { $in: found.map((c) => c.id) } }, { populate: ['resident'], orderBy: { position: 'asc' } });
    const byCard = new Map<string, FamilyCardMembership[]>();
    for (const m of memberships) {
      if (m.resident.status !== 'ALIVE' || !audited.has(m.resident.id)) continue;
      const list = byCard.get(m.card.id);
      if (list) list.push(m);
      else byCard.set(m.card.id, [m]);
    }
    const residentIds = [...byCard.values()].flat().map((m) => m.resident.id);
    const logs = new Map<string, EktpActionRecord[]>();
    if (residentIds.length > 0) {
      for (const row of await em.find(EktpActionRecord, { residentId: { $in: residentIds } }, { orderBy: { residentId: 'asc', seq: 'asc' } })) {
        const log = logs.get(row.residentId);
        if (log) log.push(row);
        else logs.set(row.residentId, [row]);
      }
    }
    const cards = found.map((card) =>
      (byCard.get(card.id) ?? []).map((m): ExportResident => {
        const r = m.resident;
        const ektp = foldEktp((logs.get(r.id) ?? []).map(ektpActionOf), { birthDate: r.birthDate, maritalStatus: r.maritalStatus }, { asOf });
        return {
          nik: r.nik,
          kkNumber: card.kkNumber,
          relationship: m.relationship,
          fullName: r.fullName,
          birthPlace: r.birthPlace,
          birthDate: r.birthDate,
          sex: r.sex,
          religion: r.religion,
          maritalStatus: r.maritalStatus,
          education: r.education ?? null,
          bloodType: r.bloodType ?? null,
          occupation: r.occupation ?? null,
          motherName: r.motherName,
          fatherName: r.fatherName ?? null,
          address: r.address,
          ...(ektp.ok ? { ektp: ektp.value.status } : {}),
        };
      }),
    );
    return { cards, ...(found.length === PAGE_CARDS ? { last: found[found.length - 1]?.kkNumber } : {}) };
  }
}

/** OpenSID's `Kode Data` sheet: the numbers written, with their labels (skipped by both importers). */
function addCodeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const sheet = workbook.addWorksheet('Kode Data');
  const row = (values: (string | number)[]) => sheet.addRow(values).commit();
  row(['kolom', 'kode', 'arti']);
  row(['sex', 1, 'LAKI-LAKI']);
  row(['sex', 2, 'PEREMPUAN']);
  for (const r of RELIGIONS) row(['agama_id', r.siakCode, r.label.toUpperCase()]);
  for (const e of EDUCATION_LEVELS) row(['pendidikan_kk_id', e.code, e.label.toUpperCase()]);
  row(['status_kawin', 1, 'BELUM KAWIN']);
  row(['status_kawin', 2, 'KAWIN']);
  row(['status_kawin', 3, 'CERAI HIDUP']);
  row(['status_kawin', 4, 'CERAI MATI']);
  for (const m of MARITAL_STATUSES.filter((s) => s.code.includes('TERCATAT'))) row(['status_kawin', m.label.toUpperCase(), 'status KK (tercatat / belum tercatat): OpenSID tidak membedakannya']);
  for (const s of SHDK) row(['kk_level', s.code, s.label.toUpperCase()]);
  for (const b of BLOOD_TYPES) row(['golongan_darah_id', b.code, b.label]);
  const rekam: [EktpStatus, string][] = [
    ['NOT_YET_COMPULSORY', 'BELUM WAJIB'],
    ['NOT_RECORDED', 'BELUM REKAM'],
    ['RECORDED', 'SUDAH REKAM'],
    ['PRINTED', 'CARD PRINTED'],
    ['PRINT_READY', 'PRINT READY RECORD'],
    ['SENT_FOR_PRINTING', 'SENT FOR CARD PRINTING'],
    ['ISSUED', 'CARD ISSUED'],
  ];
  for (const [state, label] of rekam) row(['status_rekam', EKTP_STATUS_REKAM[state], label]);
  row(['status_dasar', 1, 'HIDUP']);
  sheet.commit();
}

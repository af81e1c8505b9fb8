/**
 * The audit trail of reads and changes of people's records (UU 27/2022; DESIGN.md house rule 8).
 *
 * How an application service uses it: inject AuditService and
 *
 * - for a change, in the change's own transaction (the row is saved with the change, or not at all):
 *
 *       await em.transactional(async (tx) => {
 *         …create or change the record…
 *         this.audit.record(tx, { action: 'CREATE', resourceType: 'resident', resourceId: resident.id, regionCode: resident.districtCode });
 *       });
 *
 * - for a read, before the record is returned (its own short transaction, shared with the reads recorded at the same
 *   moment; if the row cannot be written the read fails rather than disclose a record without a trace):
 *
 *       await this.audit.recordNow({ action: 'READ', resourceType: 'resident', resourceId: id, regionCode: resident.districtCode });
 *
 * - for a search, one row listing what it returned (each result names a record someone has now seen):
 *
 *       await this.audit.recordNow({ action: 'SEARCH', resourceType: 'resident', results: items.map((r) => ({ id: r.id, regionCode: r.districtCode })) });
 *
 * - for a read refused because the record lies outside the caller's region: the same with `outcome: 'DENIED'`.
 *
 * Who, through which endpoint and in which request come from the request context (set for every HTTP request
 * and by message consumers); callers never pass them. Name records by id: a NIK (any run of 16 digits), a name
 * or an address must never be given, and an identifier that looks like a NIK is refused as a bug.
 */
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { canAccessRegion, type Principal } from '../auth/principal';
import { currentContext, type RequestContext } from '../context/request-context';
import { Problem } from '../errors/problem';
import { AuditEntry, AuditEntryResult, type AuditAction, type AuditActorKind, type AuditOutcome } from './audit-entry.entity';
import type { AuditEntryView, AuditPage, AuditQuery } from './audit.dto';
import { SERVICE_CONFIG } from '../config/tokens';
import type { ServiceConfig } from '../config/service-config';
import { officeInstant } from '../time/office-instant';

export interface AuditRecordInput {
  readonly action: AuditAction;
  /** Kebab-case kind of record: 'resident', 'family-card', 'ektp', … */
  readonly resourceType: string;
  /** The record read or changed (required except for SEARCH): its id, never a NIK. */
  readonly resourceId?: string;
  /** The record's region (kecamatan code): admins see the entries of their region only. */
  readonly regionCode?: string;
  /** SEARCH only: the records returned, with their regions. */
  readonly results?: readonly { readonly id: string; readonly regionCode?: string | null }[];
  /** Default SUCCESS. */
  readonly outcome?: AuditOutcome;
}

/** A caller passed something an audit row must not hold, or left out what it must: a bug, not bad input. */
export class InvalidAuditEntryError extends Error {
  constructor(detail: string) {
    super(`invalid audit entry: ${detail}`);
    this.name = 'InvalidAuditEntryError';
  }
}

const RESOURCE_TYPE = /^[a-z][a-z0-9-]{0,39}$/;
const RESOURCE_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const SIXTEEN_DIGITS = /\d{16}/;
const REGION_LEVELS = [10, 6, 4, 2] as const;

/** Most rows written by one group commit of recordNow (a bound on one statement's size). */
const GROUP_LIMIT = 500;

interface Waiting {
  readonly entry: AuditEntry;
  readonly resolve: (entry: AuditEntry) => void;
  readonly reject: (error: unknown) => void;
}

@Injectable()
export class AuditService {
  /** recordNow's rows waiting for the next group commit. */
  private readonly waiting: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly em: EntityManager,
    /** The office's offset: GET /audit writes `at` in it (time/office-instant.ts). */
    @Inject(SERVICE_CONFIG) private readonly config: Pick<ServiceConfig, 'utcOffset'>,
  ) {}

  /** Adds an audit row to the unit of work of `em`: the caller's flush or transaction writes it with the change. */
  record(em: EntityManager, input: AuditRecordInput): AuditEntry {
    const entry = this.entryOf(input);
    em.persist(entry);
    return entry;
  }

  /**
   * Writes an audit row at once, for reads and searches (which change nothing), and resolves when it is committed.
   *
   * Group commit: the rows of the reads made at the same moment are written together, in one transaction of
   * multi-row inserts (what a burst of reads costs is a few statements, not three round trips each: the REST
   * benchmark's reads per second). A row waits at most for the write under way; when a write fails, every read
   * whose row it held fails (nothing is disclosed without its trace).
   */
  async recordNow(input: AuditRecordInput): Promise<AuditEntry> {
    // Built here, in the caller's request context (who, which endpoint, which request).
    const entry = this.entryOf(input);
    return new Promise<AuditEntry>((resolve, reject) => {
      this.waiting.push({ entry, resolve, reject });
      if (!this.writing) {
        this.writing = true;
        setImmediate(() => void this.writeWaiting());
      }
    });
  }

  /** Writes the waiting rows, a group at a time, until none wait. */
  private async writeWaiting(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, GROUP_LIMIT);
        try {
          const em = this.em.fork();
          for (const w of group) em.persist(w.entry);
          await em.flush();
          for (const w of group) w.resolve(w.entry);
        } catch (error) {
          for (const w of group) w.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private entryOf(input: AuditRecordInput): AuditEntry {
    check(input);
    const context = currentContext();
    const actor = actorOf(context);
    const entry = new AuditEntry();
    entry.actorId = actor.id.slice(0, 200);
    entry.actorKind = actor.kind;
    entry.actorRoles = [...actor.roles];
    entry.action = input.action;
    entry.resourceType = input.resourceType;
    entry.resourceId = input.resourceId;
    entry.outcome = input.outcome ?? 'SUCCESS';
    entry.endpoint = context?.endpoint?.slice(0, 200);
    entry.requestId = context?.requestId;
    if (input.results) {
      const ids = [...new Set(input.results.map((r) => r.id))];
      entry.resultCount = input.results.length;
      for (const id of ids) {
        const result = new AuditEntryResult();
        result.entry = entry;
        result.resourceId = id;
        entry.results.add(result);
      }
      entry.regionCode = digits(input.regionCode) ?? (input.results.length > 0 ? regionCovering(input.results.map((r) => r.regionCode)) : scopeRegion(context?.principal));
    } else {
      entry.regionCode = digits(input.regionCode);
    }
    return entry;
  }

  /** GET /audit: entries in the caller's region scope, oldest first, filtered and paged by id. */
  async list(query: AuditQuery, principal: Principal): Promise<AuditPage> {
    if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) {
      throw Problem.badRequest('AUDIT_RANGE_INVALID', 'from must be before to');
    }
    if (query.resourceId && SIXTEEN_DIGITS.test(query.resourceId)) {
      throw Problem.badRequest('NIK_IS_NOT_AN_ID', 'the audit trail names records by id, never by NIK: look the resident up first and use its id');
    }
    if (principal.regions.length === 0) return { items: [] };
    const where: FilterQuery<AuditEntry>[] = [];
    if (query.resourceType) where.push({ resourceType: query.resourceType });
    if (query.resourceId) where.push({ $or: [{ resourceId: query.resourceId }, { results: { resourceId: query.resourceId } }] });
    if (query.actorId) where.push({ actorId: query.actorId });
    if (query.action) where.push({ action: query.action });
    if (query.from) where.push({ at: { $gte: new Date(query.from) } });
    if (query.to) where.push({ at: { $lt: new Date(query.to) } });
    if (!principal.regions.includes('*')) {
      where.push({ $or: principal.regions.map((prefix) => ({ regionCode: { $like: `${prefix}%` } })) });
    }
    if (query.after) where.push({ id: { $gt: query.after } });
    const limit = query.limit ?? 50;
    const em = this.em.fork();
    const rows = await em.find(AuditEntry, where.length > 0 ? { $and: where } : {}, { orderBy: { id: 'asc' }, limit: limit + 1 });
    const page = rows.slice(0, limit).filter((e) => canAccessRegion(principal, e.regionCode));
    const searches = page.filter((e) => e.resultCount != null).map((e) => e.id);
    const results = searches.length > 0 ? await em.find(AuditEntryResult, { entry: { $in: searches } }, { orderBy: { resourceId: 'asc' } }) : [];
    const idsOf = new Map<string, string[]>();
    for (const r of results) idsOf.set(r.entry.id, [...(idsOf.get(r.entry.id) ?? []), r.resourceId]);
    const items = page.map((e) => toView(e, idsOf.get(e.id), this.config.utcOffset));
    return { items, ...(rows.length > limit ? { next: rows[limit - 1]?.id } : {}) };
  }
}

/**
 * The smallest region (province 2, regency 4, kecamatan 6 or desa 10 digits) that holds every code; undefined
 * when a code is missing or the codes share no province.
 */
export function regionCovering(codes: readonly (string | null | undefined)[]): string | undefined {
  const clean = codes.map(digits);
  if (clean.length === 0 || clean.some((c) => c === undefined)) return undefined;
  const [first, ...rest] = clean as string[];
  let common = first as string;
  for (const code of rest) {
    let i = 0;
    while (i < common.length && i < code.length && common[i] === code[i]) i++;
    common = common.slice(0, i);
  }
  const level = REGION_LEVELS.find((n) => n <= common.length);
  return level ? common.slice(0, level) : undefined;
}

function check(input: AuditRecordInput): void {
  if (!RESOURCE_TYPE.test(input.resourceType)) throw new InvalidAuditEntryError(`resourceType must be kebab-case, got ${JSON.stringify(input.resourceType)}`);
  const ids = [...(input.resourceId !== undefined ? [input.resourceId] : []), ...(input.results ?? []).map((r) => r.id)];
  for (const id of ids) {
    if (SIXTEEN_DIGITS.test(id)) throw new InvalidAuditEntryError('a record is named by its id, never by a NIK or KK number');
    if (!RESOURCE_ID.test(id)) throw new InvalidAuditEntryError('a record id has 1–100 letters, digits, dots, dashes, colons or underscores');
  }
  if (input.action === 'SEARCH') {
    if (!input.results) throw new InvalidAuditEntryError('a SEARCH lists its results (an empty list when it found nothing)');
  } else {
    if (!input.resourceId) throw new InvalidAuditEntryError(`a ${input.action} names the record (resourceId)`);
    if (input.results) throw new InvalidAuditEntryError('only a SEARCH has results');
  }
}

function actorOf(context: RequestContext | undefined): { id: string; kind: AuditActorKind; roles: readonly string[] } {
  const principal = context?.principal;
  if (principal) return { id: principal.id, kind: principal.kind, roles: principal.roles };
  // Without a caller: a public HTTP endpoint, or work that no request started (a message, a job).
  if (context?.endpoint && /^[A-Z]+ \//.test(context.endpoint)) return { id: 'anonymous', kind: 'anonymous', roles: [] };
  return { id: 'system', kind: 'system', roles: [] };
}

/** For a search that found nothing: the region it was limited to (the caller's scope), if one region holds it. */
function scopeRegion(principal: Principal | undefined): string | undefined {
  if (!principal || principal.regions.length === 0 || principal.regions.includes('*')) return undefined;
  return regionCovering(principal.regions);
}

function digits(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  const d = code.replace(/\./g, '');
  return /^\d{1,10}$/.test(d) ? d : undefined;
}

function toView(e: AuditEntry, resultIds: string[] | undefined, utcOffset: string): AuditEntryView {
  return {
    id: e.id,
    at: officeInstant(e.at, utcOffset),
    actorId: e.actorId,
    actorKind: e.actorKind,
    actorRoles: [...e.actorRoles],
    action: e.action,
    resourceType: e.resourceType,
    ...(e.resourceId ? { resourceId: e.resourceId } : {}),
    ...(e.regionCode ? { regionCode: e.regionCode } : {}),
    ...(e.resultCount != null ? { resultCount: e.resultCount, resultIds: resultIds ?? [] } : {}),
    ...(e.endpoint ? { endpoint: e.endpoint } : {}),
    ...(e.requestId ? { requestId: e.requestId } : {}),
    outcome: e.outcome,
  };
}

/** The views of a deed record: everything the domain derives, read from the fold (never from stored flags alone). */
import {
  allowedActions,
  checkDocuments,
  classifyTimeliness,
  DEED_TYPE_RULES,
  deedServiceDurations,
  type DeedState,
  type DocumentKind,
} from '@adminduk/domain';
import type { DeedCopy } from '../copies/deed-copy.entity';
import type { DeedDocument } from '../documents/deed-document.entity';
import type { DeedActionRecord } from './deed-action.entity';
import type { DeedNotification } from './deed-notification.entity';
import type { DeedRecord } from './deed-record.entity';
import type { CopyView, DeedSummaryView, DeedView, DocumentView, NotificationView } from './deed.dto';
import type { ParticularsDto } from './particulars.dto';

export type CopyStatus = CopyView['status'];

/** A copy is superseded once its deed was corrected after it, and annulled with its deed. */
export function copyStatus(copy: DeedCopy, record: Pick<DeedRecord, 'status' | 'deedVersion'>): CopyStatus {
  if (record.status === 'ANNULLED') return 'ANNULLED';
  return copy.deedVersion < record.deedVersion ? 'SUPERSEDED' : 'VALID';
}

export function toDocumentView(d: DeedDocument): DocumentView {
  return {
    id: d.id,
    kind: d.kind,
    source: d.source,
    ...(d.contentType ? { contentType: d.contentType } : {}),
    ...(d.size != null ? { size: d.size } : {}),
    ...(d.sha256 ? { sha256: d.sha256 } : {}),
    ...(d.fileName ? { fileName: d.fileName } : {}),
    addedAt: d.addedAt,
    addedBy: d.addedBy,
  };
}

export interface DeedParts {
  readonly record: DeedRecord;
  readonly state: DeedState | null;
  readonly actions: readonly DeedActionRecord[];
  readonly documents: readonly DeedDocument[];
  readonly copies: readonly DeedCopy[];
  readonly notifications: readonly DeedNotification[];
  readonly verificationUrl: (code: string) => string;
  /** A moment as the office writes it (OfficeClockService.instant): every instant in a response is at the office's offset. */
  readonly instant: (moment: Date) => string;
}

export function toDeedView({ record, state, actions, documents, copies, notifications, verificationUrl, instant }: DeedParts): DeedView {
  const rule = DEED_TYPE_RULES[record.deedType];
  const byIndex = (i: number) => actions[i]?.actorId ?? 'unknown';
  const checklist = checkDocuments(record.deedType, documents.map((d) => d.kind as DocumentKind), { parentsMarried: record.parentsMarried ?? true });
  const timeliness = state ? classifyTimeliness(record.deedType, { eventDate: state.eventDate, reportedAt: state.reportedOn }) : undefined;
  const durations = state ? deedServiceDurations(state) : undefined;
  const milestone = (v: string | null | undefined) => v ?? null;
  return {
    id: record.id,
    deedType: record.deedType,
    documentName: rule.documentName,
    status: record.status,
    version: record.actionCount,
    deedVersion: record.deedVersion,
    deedNumber: record.deedNumber ?? null,
    channel: record.channel,
    visitId: record.visitId ?? null,
    districtCode: record.districtCode,
    villageCode: record.villageCode ?? null,
    eventDate: record.eventDate,
    timeliness:
      timeliness?.ok && state
        ? { ...timeliness.value, deadlineDays: rule.deadlineDays, source: rule.deadlineSource, reportedOn: state.reportedOn }
        : null,
    headDecision: state?.headDecision ? { ...state.headDecision } : null,
    programme: rule.programme,
    particulars: record.particulars as ParticularsDto,
    parentsMarried: record.parentsMarried ?? null,
    documents: documents.map(toDocumentView),
    checklist: checklist.ok
      ? {
          complete: checklist.value.complete,
          satisfied: checklist.value.satisfied.map((s) => ({ ...s })),
          missing: checklist.value.missing.map((m) => ({ ...m, anyOf: [...m.anyOf] })),
          notApplicable: [...checklist.value.notApplicable],
        }
      : { complete: false, satisfied: [], missing: [], notApplicable: [] },
    allowedActions: state ? [...allowedActions(state.status, record.deedType)] : ['SUBMIT'],
    waitingFor: record.waitingFor ?? null,
    waitReason: record.lastWaitCode ?? null,
    nextRetryAt: record.nextRetryAt ? instant(record.nextRetryAt) : null,
    linkProblems: record.linkProblems ?? null,
    milestones: {
      eventDate: record.eventDate,
      notifiedAt: milestone(record.notifiedAt),
      notifiedBy: state?.notifiedBy ?? null,
      submittedAt: milestone(state?.submittedAt),
      verifiedAt: milestone(state?.verifiedAt),
      registeredAt: milestone(record.registeredAt),
      issuedAt: milestone(record.issuedAt),
    },
    durations: durations?.ok ? { ...durations.value } : { eventToNotified: null, notifiedToRegistered: null, registeredToIssued: null, eventToIssued: null },
    rejections: (state?.rejections ?? []).map((r) => ({ at: r.at, by: r.actor.id ?? r.actor.role, reason: r.reason })),
    corrections: (state?.corrections ?? []).map((c) => ({ version: c.version, at: c.at, by: c.actor.id ?? c.actor.role, changes: c.changes.map((x) => ({ ...x })), reason: c.reason })),
    annulment: state?.annulment
      ? { at: state.annulment.at, by: state.annulment.actor.id ?? state.annulment.actor.role, courtDecision: { ...state.annulment.courtDecision }, reason: state.annulment.reason }
      : null,
    archive: state?.archive ? { at: state.archive.at, by: state.archive.actor.id ?? state.archive.actor.role, reason: state.archive.reason } : null,
    copies: copies.map((c) => toCopyView(c, record, verificationUrl)),
    notifications: notifications.map((n) => ({ id: n.id, partnerId: n.partnerId, partnerKind: n.partnerKind, receivedAt: n.receivedAt, outcome: n.outcome })),
    history: (state?.history ?? []).map((h) => {
      const row = actions[h.index];
      return {
        index: h.index,
        type: h.type,
        at: h.at,
        role: h.role,
        by: byIndex(h.index),
        status: h.status,
        ...(row?.channel ? { channel: row.channel } : {}),
        ...(row?.visitId ? { visitId: row.visitId } : {}),
      };
    }),
  };
}

export function toCopyView(c: DeedCopy, record: DeedRecord, verificationUrl: (code: string) => string): CopyView {
  return {
    id: c.id,
    code: c.code,
    deedVersion: c.deedVersion,
    issuedAt: c.issuedAt,
    status: copyStatus(c, record),
    verificationUrl: verificationUrl(c.code),
    pdf: `/deeds/${record.id}/copies/${c.id}/pdf`,
    ...(c.content.childNik ? { childNikSource: c.content.childNik.source } : {}),
  };
}

export function toSummaryView(r: DeedRecord): DeedSummaryView {
  return {
    id: r.id,
    deedType: r.deedType,
    status: r.status,
    deedNumber: r.deedNumber ?? null,
    districtCode: r.districtCode,
    villageCode: r.villageCode ?? null,
    eventDate: r.eventDate,
    timeliness: r.timeliness ?? null,
    waitingFor: r.waitingFor ?? null,
    notifiedAt: r.notifiedAt ?? null,
    registeredAt: r.registeredAt ?? null,
    issuedAt: r.issuedAt ?? null,
    version: r.actionCount,
  };
}

/**
 * A partner's report as the partner sees it. `inScope`: the case lies in the partner's region scope. A report that
 * landed on a case elsewhere (the same death reported from another kecamatan) shows only that it joined a case:
 * not its status, deed number or date, which would tell the partner about a case outside its region.
 */
export function toNotificationView(n: DeedNotification, record: DeedRecord, inScope = true): NotificationView {
  return {
    id: n.id,
    deedId: record.id,
    deedType: record.deedType,
    duplicate: n.outcome === 'DUPLICATE',
    status: inScope ? record.status : null,
    ready: inScope && (record.status === 'ISSUED' || record.status === 'RECORDED'),
    deedNumber: inScope ? (record.deedNumber ?? null) : null,
    eventDate: inScope ? record.eventDate : null,
    receivedAt: n.receivedAt,
  };
}

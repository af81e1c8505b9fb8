/**
 * Copies of deeds: made in the transaction of the ISSUE (or, for a stillbirth, RECORD) action, signed (TTE, see
 * signing.service.ts), rendered as PDF on request, and verified by anyone from their code. A copy verifies as
 * SUPERSEDED once its deed was corrected after it, as ANNULLED once its deed was annulled, and as INVALID when
 * its signature no longer checks (the stored copy was altered). A birth's kutipan prints the child's NIK, asked of
 * identity before the issue (childNikFor) and kept with the copy.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { DEED_TYPE_RULES, findRegion, type DeedState } from '@adminduk/domain';
import { findVillage } from '@adminduk/domain/villages';
import { AuditService, Problem, ProblemException, SERVICE_CONFIG, type Principal, type ServiceConfig } from '@adminduk/platform';
import { DEEDS_CONFIG, type DeedsConfig } from '../deeds.config';
import { DeedAccessService, DEED_RESOURCE } from '../cases/deed-access.service';
import { DeedRecord } from '../cases/deed-record.entity';
import { DeedActionRecord } from '../cases/deed-action.entity';
import { copyStatus } from '../cases/deed.mapper';
import { canonicalJson, SigningService } from './signing.service';
import { IdentityLinkService } from '../registration/identity-link.service';
import { DeedCopy, type ChildNikOnCopy, type CopyContent } from './deed-copy.entity';
import { childNikOf, KutipanPdfService } from './kutipan-pdf.service';
import type { SigningKeysView, VerificationView } from './copy.dto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const CODE_PATTERN = /^[A-Z2-7]{16}$/;

/** 80 random bits as 16 base32 characters: not guessable, easy to type from paper. */
export function newVerificationCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

@Injectable()
export class CopiesService {
  constructor(
    private readonly em: EntityManager,
    private readonly signing: SigningService,
    private readonly pdf: KutipanPdfService,
    private readonly access: DeedAccessService,
    private readonly audit: AuditService,
    private readonly identity: IdentityLinkService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(DEEDS_CONFIG) private readonly deeds: DeedsConfig,
  ) {}

  /**
   * The child's NIK for a kutipan akta kelahiran about to be issued, asked BEFORE the issue's transaction (no lock is
   * held while identity answers); undefined for other deed types. The NIK the deed itself names (a late birth deed of
   * a child on the register) is printed as the deed says, without asking. Otherwise identity is asked which resident
   * the deed belongs to (identity.rpc.resident.by-birth-deed.v1, the registration's client and time-out):
   * - found: its NIK is printed (source IDENTITY);
   * - not found (identity has not registered the newborn yet, or holds the deed for review): the kutipan prints "-"
   *   and the copy says NOT_YET_REGISTERED; a further copy issued later asks again;
   * - no answer (NATS down, no identity instance, time-out, an invalid reply): 503 IDENTITY_UNAVAILABLE and nothing is
   *   issued. The clerk retries in a moment: a kutipan without the NIK the child already has would be handed over as
   *   final.
   */
  async childNikFor(record: DeedRecord): Promise<ChildNikOnCopy | undefined> {
    if (record.deedType !== 'BIRTH') return undefined;
    const named = childNikOf(record.particulars);
    if (named) return { nik: named, source: 'DEED' };
    const child = await this.identity.childOfBirthDeed(record.id);
    if (child.kind === 'unavailable') {
      throw new ProblemException(503, 'IDENTITY_UNAVAILABLE', 'Service unavailable', `identity did not say the child's NIK (${child.code}): nothing was issued; try again in a moment`);
    }
    return child.kind === 'found' ? { nik: child.nik, source: 'IDENTITY' } : { nik: null, source: 'NOT_YET_REGISTERED' };
  }

  /**
   * A new signed copy of the deed as it stands in `state`, in the caller's transaction; a birth kutipan with the
   * child's NIK from childNikFor.
   */
  create(tx: EntityManager, record: DeedRecord, state: DeedState, issuedBy: string, issuedAt: string, childNik?: ChildNikOnCopy): DeedCopy {
    const rule = DEED_TYPE_RULES[record.deedType];
    const registeredAt = record.deedType === 'STILLBIRTH' ? state.recordedAt : state.registeredAt;
    const issuer = this.deeds.kutipan;
    const content: CopyContent = {
      documentName: rule.documentName,
      deedType: record.deedType,
      deedNumber: state.deedNumber ?? state.letterNumber,
      deedVersion: state.version,
      registeredOn: (registeredAt ?? issuedAt).slice(0, 10),
      issuedOn: issuedAt.slice(0, 10),
      eventDate: state.eventDate,
      regencyName: findRegion(this.config.regencyCode)?.name ?? this.config.regencyCode,
      districtName: findRegion(record.districtCode)?.name ?? record.districtCode,
      villageName: record.villageCode ? (findVillage(record.villageCode)?.name ?? null) : null,
      particulars: record.particulars,
      headDecision: state.headDecision ? { ...state.headDecision } : null,
      corrections: state.corrections.length,
      // The regency of the record's kecamatan (where the event is registered), printed as the place of the event.
      eventRegencyName: findRegion(record.districtCode.slice(0, 4))?.name ?? findRegion(this.config.regencyCode)?.name ?? this.config.regencyCode,
      issuePlace: issuer.issuePlace,
      official: { title: issuer.officialTitle, name: issuer.officialName, nip: issuer.officialNip },
      ...(childNik ? { childNik: { ...childNik } } : {}),
    };
    const copy = new DeedCopy();
    copy.deedId = record.id;
    copy.code = newVerificationCode();
    copy.deedVersion = state.version;
    copy.issuedAt = issuedAt;
    copy.issuedBy = issuedBy;
    copy.content = content;
    const signed = this.signing.sign({
      v: 1,
      kind: 'adminduk-deed-copy',
      code: copy.code,
      copyId: copy.id,
      deedId: record.id,
      deedType: record.deedType,
      documentName: content.documentName,
      deedNumber: content.deedNumber,
      deedVersion: content.deedVersion,
      registeredOn: content.registeredOn,
      issuedAt,
      regencyCode: this.config.regencyCode,
      particularsSha256: createHash('sha256').update(canonicalJson(record.particulars), 'utf8').digest('hex'),
    });
    copy.signedPayload = signed.signedPayload;
    copy.signature = signed.signature;
    copy.keyId = signed.keyId;
    tx.persist(copy);
    return copy;
  }

  /** GET /deeds/{id}/copies/{copyId}/pdf: the copy as PDF (personal data: the read is audited). */
  async renderPdf(deedId: string, copyId: string, principal: Principal): Promise<Uint8Array> {
    const record = await this.access.find(deedId, principal, 'READ');
    const copy = await this.em.fork().findOne(DeedCopy, { id: copyId, deedId });
    if (!copy) throw Problem.notFound('COPY_NOT_FOUND', `deed ${deedId} has no copy ${copyId}`);
    await this.audit.recordNow({ action: 'READ', resourceType: DEED_RESOURCE, resourceId: record.id, regionCode: record.districtCode });
    return this.pdf.render(copy);
  }

  /** GET /verify/{code}: public; the status of the copy and nothing private. */
  async verify(code: string): Promise<VerificationView> {
    if (!CODE_PATTERN.test(code)) throw Problem.badRequest('VERIFICATION_CODE_INVALID', 'a verification code is 16 letters A–Z and digits 2–7, as printed under the QR code');
    const em = this.em.fork();
    const copy = await em.findOne(DeedCopy, { code });
    if (!copy) throw Problem.notFound('COPY_NOT_FOUND', 'no copy has this verification code: the document was not issued by this office');
    const record = await em.findOneOrFail(DeedRecord, { id: copy.deedId });
    const check = this.signing.check(copy.signedPayload, copy.signature, copy.keyId);
    let signedCode: unknown;
    try {
      signedCode = (JSON.parse(copy.signedPayload) as { code?: unknown }).code;
    } catch {
      signedCode = undefined;
    }
    const valid = check === 'VALID' && signedCode === code;
    const status = valid ? copyStatus(copy, record) : 'INVALID';
    const annulment = status === 'ANNULLED' ? await this.annulledOn(em, record.id) : undefined;
    return {
      code,
      status,
      documentName: copy.content.documentName,
      deedType: record.deedType,
      deedNumber: copy.content.deedNumber,
      deedVersion: copy.deedVersion,
      currentDeedVersion: record.deedVersion,
      registeredOn: copy.content.registeredOn,
      issuedOn: copy.content.issuedOn,
      registeredBy: copy.content.regencyName,
      ...(annulment ? { annulledOn: annulment } : {}),
      signature: { algorithm: 'Ed25519', keyId: copy.keyId, check: signedCode === code ? check : 'INVALID', signedPayload: copy.signedPayload, value: copy.signature },
    };
  }

  keys(): SigningKeysView {
    return { keys: this.signing.publicKeys() };
  }

  private async annulledOn(em: EntityManager, deedId: string): Promise<string | undefined> {
    const annul = await em.findOne(DeedActionRecord, { deedId, type: 'ANNUL' }, { orderBy: { seq: 'desc' } });
    return annul?.at.slice(0, 10);
  }
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEED_TYPES, type DeedType } from '@adminduk/domain';

export const VERIFICATION_STATUSES = ['VALID', 'SUPERSEDED', 'ANNULLED', 'INVALID'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export class SignatureView {
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: 'Ed25519';
  @ApiProperty({ description: 'the signing key (GET /signing-keys)' }) keyId!: string;
  @ApiProperty({ enum: ['VALID', 'INVALID', 'UNKNOWN_KEY'], description: 'the signature checked now, against the key' }) check!: 'VALID' | 'INVALID' | 'UNKNOWN_KEY';
  @ApiProperty({ description: 'the canonical JSON that was signed (public fields only; the particulars as a SHA-256 digest)' }) signedPayload!: string;
  @ApiProperty({ description: 'the Ed25519 signature over signedPayload, base64url' }) value!: string;
}

/** What anyone may learn of a copy from its code: whether it is valid, and no personal data. */
export class VerificationView {
  @ApiProperty() code!: string;
  @ApiProperty({
    enum: VERIFICATION_STATUSES,
    description: 'VALID; SUPERSEDED: the deed was corrected after this copy (a newer copy exists or can be issued); ANNULLED: the deed was annulled by a court; INVALID: the signature does not check',
  })
  status!: VerificationStatus;
  @ApiProperty({ example: 'Kutipan Akta Kelahiran' }) documentName!: string;
  @ApiProperty({ enum: DEED_TYPES }) deedType!: DeedType;
  @ApiProperty({ type: String, nullable: true }) deedNumber!: string | null;
  @ApiProperty({ description: 'the deed version this copy shows' }) deedVersion!: number;
  @ApiProperty({ description: 'the deed version now' }) currentDeedVersion!: number;
  @ApiProperty() registeredOn!: string;
  @ApiProperty() issuedOn!: string;
  @ApiProperty({ example: 'Kabupaten Nagekeo', description: 'the office that registered it' }) registeredBy!: string;
  @ApiPropertyOptional({ description: 'ANNULLED: the day of the annulment' }) annulledOn?: string;
  @ApiProperty({ type: SignatureView }) signature!: SignatureView;
}

export class SigningKeyView {
  @ApiProperty() keyId!: string;
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: 'Ed25519';
  @ApiProperty({ description: 'SPKI PEM' }) publicKeyPem!: string;
  @ApiProperty({ description: 'signs new copies' }) current!: boolean;
}

export class SigningKeysView {
  @ApiProperty({ type: [SigningKeyView] }) keys!: SigningKeyView[];
}

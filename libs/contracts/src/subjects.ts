/**
 * NATS subjects: one `as const` map, named `<service>.<aggregate>.<fact>.v<N>` for events and
 * `<service>.rpc.<aggregate>.<question>.v<N>` for request/reply.
 *
 * DO NOT RENAME a published subject or change its payload incompatibly: consumers and stored streams
 * depend on it. Add a `.v2` beside it instead, and keep publishing `.v1` until every consumer has moved.
 */
export const SUBJECTS = {
  identity: {
    residentRegistered: 'identity.resident.registered.v1',
    residentStatusChanged: 'identity.resident.status-changed.v1',
    residentMaritalStatusChanged: 'identity.resident.marital-status-changed.v1',
    residentCorrected: 'identity.resident.corrected.v1',
    residentBirthDeedLinked: 'identity.resident.birth-deed-linked.v1',
    residentBirthDeedUnlinked: 'identity.resident.birth-deed-unlinked.v1',
    familyCardChanged: 'identity.family-card.changed.v1',
    ektpStatusChanged: 'identity.ektp.status-changed.v1',
    kiaStatusChanged: 'identity.kia.status-changed.v1',
    ikdStatusChanged: 'identity.ikd.status-changed.v1',
    agreementUsed: 'identity.agreement.used.v1',
  },
  identityRpc: {
    residentByNik: 'identity.rpc.resident.by-nik.v1',
    familyCardByNumber: 'identity.rpc.family-card.by-number.v1',
    residentByBirthDeed: 'identity.rpc.resident.by-birth-deed.v1',
  },
  deeds: {
    birthRegistered: 'deeds.birth.registered.v1',
    deathRegistered: 'deeds.death.registered.v1',
    marriageRegistered: 'deeds.marriage.registered.v1',
    divorceRegistered: 'deeds.divorce.registered.v1',
    recognitionRegistered: 'deeds.recognition.registered.v1',
    legitimationRegistered: 'deeds.legitimation.registered.v1',
    adoptionRegistered: 'deeds.adoption.registered.v1',
    deedStatusChanged: 'deeds.deed.status-changed.v1',
    deedCorrected: 'deeds.deed.corrected.v1',
    deedAnnulled: 'deeds.deed.annulled.v1',
    burialRecorded: 'deeds.burial.recorded.v1',
    agreementUsed: 'deeds.agreement.used.v1',
  },
  outreach: {
    planPublished: 'outreach.plan.published.v1',
    visitCompleted: 'outreach.visit.completed.v1',
    agreementUsed: 'outreach.agreement.used.v1',
  },
} as const;

type Leaves<T> = T extends string ? T : { [K in keyof T]: Leaves<T[K]> }[keyof T];

/** Every subject string. */
export type Subject = Leaves<typeof SUBJECTS>;
export type EventSubject = Leaves<typeof SUBJECTS.identity> | Leaves<typeof SUBJECTS.deeds> | Leaves<typeof SUBJECTS.outreach>;
export type RpcSubject = Leaves<typeof SUBJECTS.identityRpc>;

/** The stream that holds a service's events: its subjects are `<service>.>` (request/reply is not stored). */
export const STREAMS = {
  identity: { name: 'IDENTITY', subjects: ['identity.resident.>', 'identity.family-card.>', 'identity.ektp.>', 'identity.kia.>', 'identity.ikd.>', 'identity.agreement.>'] },
  deeds: { name: 'DEEDS', subjects: ['deeds.birth.>', 'deeds.death.>', 'deeds.marriage.>', 'deeds.divorce.>', 'deeds.recognition.>', 'deeds.legitimation.>', 'deeds.adoption.>', 'deeds.deed.>', 'deeds.burial.>', 'deeds.agreement.>'] },
  outreach: { name: 'OUTREACH', subjects: ['outreach.plan.>', 'outreach.visit.>', 'outreach.agreement.>'] },
} as const;

/** The service that publishes a subject: its first segment. */
export function producerOf(subject: string): string {
  return subject.slice(0, subject.indexOf('.'));
}

/**
 * The identity service's consumers of the deeds service's registered-deed events (DeedEventsHandler; entities
 * DeedEventApplication and DeedEventReview, listed in identity.database.ts):
 *
 * | subject                        | durable                             | effect                                          |
 * | ------------------------------ | ----------------------------------- | ----------------------------------------------- |
 * | deeds.birth.registered.v1      | identity-deeds-birth-registered     | the child registered with a new NIK (origin     |
 * |                                |                                     | BIRTH), added to the parents' card as a newborn, |
 * |                                |                                     | its KIA printed (UNDER_5 for a birth on time)    |
 * | deeds.death.registered.v1      | identity-deeds-death-registered     | DIE in the status log (effective the date of    |
 * |                                |                                     | death); removed from the card with reason DEATH  |
 * |                                |                                     | (head succession and Cerai Mati by the domain)   |
 * | deeds.marriage.registered.v1   | identity-deeds-marriage-registered  | both spouses to maritalStatusAfter              |
 * | deeds.divorce.registered.v1    | identity-deeds-divorce-registered   | both spouses to Cerai Hidup Tercatat; a head's  |
 * |                                |                                     | spouse leaves the head's card                   |
 * | deeds.recognition.registered.v1   | identity-deeds-recognition-registered   | the father's name recorded on the   |
 * | deeds.legitimation.registered.v1  | identity-deeds-legitimation-registered  | child (compared first)              |
 * | deeds.adoption.registered.v1      | identity-deeds-adoption-registered      | the child leaves their card and     |
 * |                                   |                                         | joins the adopter's as Anak, under  |
 * |                                   |                                         | the deed's name                     |
 *
 * A birth deed's child, registered from it or (a late birth deed with childNik) already on the register, is linked
 * to the deed by identity.resident.birth-deed-linked.v1 (no second resident for a late birth deed).
 *
 * Everything an event changes is written in the consumer's inbox transaction with its outbox events
 * (identity.resident.registered, resident.birth-deed-linked, family-card.changed, kia.status-changed,
 * resident.status-changed, resident.marital-status-changed) and audit rows, whose actor is 'system'. It takes effect once: the inbox
 * drops a redelivered event, and the deed's claim (DeedEventApplication, keyed by deed id and subject, inserted
 * first) drops a second event of the same deed, so a birth never registers a second child.
 *
 * Failure handling: three outcomes, chosen by what could make the event succeed later.
 *
 * 1. Retry (transient): anything that is not a rule of the register — the database unreachable, a lock or
 *    serialization failure, a concurrent writer caught by a unique index or an optimistic lock (a NIK, a No. KK,
 *    a resident's version), a second instance claiming the same deed. The handler throws, the whole transaction
 *    (inbox row included) is rolled back, and the platform delivers the event again with a growing delay.
 * 2. Dead letter: a message that is not a valid event of its subject (the platform's edge check, at once), and an
 *    event whose retries are exhausted (10 deliveries: a bug, or an outage longer than the backoff). A valid
 *    event is never dead-lettered for a rule of the register: re-publishing it could not help, since the facts
 *    would be the same.
 * 3. Review queue (DeedEventReview, a stable code per row; see DEED_EVENT_REVIEW_CODES): the event is valid but
 *    the register cannot apply all of it by itself. What can be applied is applied, the rest is a review item in
 *    the same transaction, the event is acknowledged, and an operator finishes it through the ordinary endpoints.
 *    - A NIK that is no resident's (the deceased, a spouse: often a resident of another regency): what concerns
 *      known residents is applied; NIK_NOT_IN_REGISTER. Not retried: the register does not learn of people by
 *      waiting.
 *    - A birth whose parents are on no card: the child is still registered, with a NIK, on no card
 *      (BIRTH_NO_FAMILY_CARD), because the deed is registered and the child needs a NIK and a record; the KIA is
 *      still printed. With no address at all (no card, no village in the event, no living parent in the
 *      register) nothing is registered (BIRTH_ADDRESS_UNKNOWN). A resident with the child's name, birth date and
 *      mother's name is not registered a second time (BIRTH_POSSIBLE_DUPLICATE).
 *    - A death whose card needs a choice the rules cannot make (HEAD_CHOICE_REQUIRED: several wives, adult twins,
 *      no adult; RELATIONSHIP_CHOICE_REQUIRED) or refuses the removal: the resident is recorded DECEASED anyway,
 *      stays on the card, and DEATH_CARD_NEEDS_OPERATOR names the card; the operator removes them with
 *      newHeadResidentId / relationships. A death the status log refuses (moved out of the regency, a date after
 *      today) changes nothing: DEATH_NOT_RECORDED.
 *    - An impossible marriage or divorce (same NIK twice, wrong sex, a spouse not alive, a wife or an
 *      unpermitted husband already Kawin Tercatat, a divorce of someone not married, a card the new statuses
 *      would break): neither spouse is changed; MARRIAGE_NOT_APPLIED / DIVORCE_NOT_APPLIED with the reasons.
 *    - After a divorce of a head and their Suami / Istri: the spouse who is not the head leaves the card (the
 *      rules do not allow an unmarried spouse on a card) and DIVORCED_SPOUSE_WITHOUT_CARD asks for their card.
 *
 *    - A person the deed changes (the deceased, a parent named by NIK, a spouse) whose reported name, birth date or
 *      sex does not match the register's record under that NIK (the domain's matchParticulars): nothing is
 *      applied; the event is held in a PARTICULARS_MISMATCH review with the differences, until a registrar
 *      confirms it (POST /deed-event-reviews/{id}/confirm: applied then, audited) or rejects it (…/reject).
 *
 * The review items are in the identity database (deed_event_review, status OPEN) and each is logged at warn
 * level with its code and ids only (no names, no NIKs). Registrars and operators list them (GET
 * /deed-event-reviews, pending ones of their region) and read one (GET /deed-event-reviews/{id}); only held events
 * are resolved through this API: the others are finished through the ordinary endpoints.
 */
import { Module } from '@nestjs/common';
import { FamilyCardsService } from '../family-cards/family-cards.service';
import { KiaService } from '../kia/kia.service';
import { ResidentStatusModule } from '../resident-status/resident-status.module';
import { ResidentStatusService } from '../resident-status/resident-status.service';
import { ResidentUpdateService } from '../residents/resident-update.service';
import { ResidentsService } from '../residents/residents.service';
import { DeedAmendmentsService } from './deed-amendments.service';
import { DeedEventJournalService } from './deed-event-journal.service';
import { DeedEventReviewsController } from './deed-event-reviews.controller';
import { DeedEventReviewsService } from './deed-event-reviews.service';
import { DeedEventsHandler } from './deed-events.handler';
import { DeedEventsService } from './deed-events.service';

@Module({
  // ResidentStatusModule exports the resident access and office clock; the stateless application services whose
  // transactional methods the consumers reuse are provided here again (their modules export nothing).
  imports: [ResidentStatusModule],
  controllers: [DeedEventReviewsController],
  providers: [
    ResidentsService,
    ResidentUpdateService,
    FamilyCardsService,
    KiaService,
    ResidentStatusService,
    DeedEventJournalService,
    DeedEventsService,
    DeedAmendmentsService,
    DeedEventsHandler,
    DeedEventReviewsService,
  ],
})
export class DeedEventsModule {}

package org.integratedcommunities.referrals.queryside.escalation;

import java.time.LocalDate;
import java.time.ZoneId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.integratedcommunities.referrals.kernel.referral.AcknowledgementOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.LadoInformedEvent;
import org.integratedcommunities.referrals.kernel.referral.LadoNotificationOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.MoveOnPeriodEndingEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralAcceptedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralClosedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralDeclinedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcomeRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralProgressRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRedirectedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralReturnedForInformationEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralSuspendedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralWithdrawnEvent;
import org.springframework.stereotype.Component;

/**
 * Keeps the escalation list ({@code escalation}) in step with the referral events: a row for every escalation event,
 * ended by the first later event that did what was due or took the referral away from the agency it escalated against
 * ({@link EscalationResolution}). Its own processing group, with its own bookkeeping of each referral
 * ({@code escalation_referral}), so that it never reads another group's tables, which may lag or be mid-replay.
 *
 * <p>Times are the events' own (when it escalated, was accepted, ...), never the time of projection, so a replay writes
 * the same rows.
 */
@Component
@ProcessingGroup(EscalationProjection.PROCESSING_GROUP)
class EscalationProjection {

    static final String PROCESSING_GROUP = "escalations";

    /** Days are UK days, as the command side counts them: a move-on period is due at the start of the day it ends. */
    private static final ZoneId UK = ZoneId.of("Europe/London");

    private final EscalationRepository repository;

    EscalationProjection(EscalationRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    void on(ReferralRaisedEvent event, @SequenceNumber long sequence) {
        repository.referralRaised(event, sequence);
    }

    @EventHandler
    void on(AcknowledgementOverdueEvent event, @SequenceNumber long sequence) {
        repository.escalated(
                event.referralId(),
                sequence,
                EscalationKind.ACKNOWLEDGEMENT_OVERDUE,
                event.partnershipId(),
                event.receivingAgencyId(),
                event.escalatedAt(),
                event.acknowledgeBy(),
                null,
                null);
    }

    @EventHandler
    void on(MoveOnPeriodEndingEvent event, @SequenceNumber long sequence) {
        LocalDate endsOn = event.moveOnEndsOn();
        repository.escalated(
                event.referralId(),
                sequence,
                EscalationKind.MOVE_ON_PERIOD_ENDING,
                event.partnershipId(),
                event.receivingAgencyId(),
                event.escalatedAt(),
                endsOn.atStartOfDay(UK).toInstant(),
                endsOn,
                event.openNeeds());
    }

    @EventHandler
    void on(LadoNotificationOverdueEvent event, @SequenceNumber long sequence) {
        repository.escalated(
                event.referralId(),
                sequence,
                EscalationKind.LADO_NOTIFICATION_OVERDUE,
                event.partnershipId(),
                event.receivingAgencyId(),
                event.escalatedAt(),
                event.dueAt(),
                null,
                null);
    }

    @EventHandler
    void on(ReferralAcceptedEvent event, @SequenceNumber long sequence) {
        repository.resolved(event.referralId(), EscalationResolution.ACCEPTED, event.acceptedAt(), sequence);
    }

    @EventHandler
    void on(ReferralDeclinedEvent event, @SequenceNumber long sequence) {
        repository.resolved(event.referralId(), EscalationResolution.DECLINED, event.declinedAt(), sequence);
    }

    @EventHandler
    void on(ReferralReturnedForInformationEvent event, @SequenceNumber long sequence) {
        repository.resolved(
                event.referralId(), EscalationResolution.RETURNED_FOR_INFORMATION, event.returnedAt(), sequence);
    }

    @EventHandler
    void on(ReferralProgressRecordedEvent event, @SequenceNumber long sequence) {
        repository.needsMet(event.referralId(), event.needsMet(), event.recordedAt(), sequence);
    }

    @EventHandler
    void on(LadoInformedEvent event, @SequenceNumber long sequence) {
        repository.resolved(event.referralId(), EscalationResolution.LADO_INFORMED, event.informedAt(), sequence);
    }

    @EventHandler
    void on(ReferralOutcomeRecordedEvent event, @SequenceNumber long sequence) {
        repository.resolved(event.referralId(), EscalationResolution.OUTCOME_RECORDED, event.recordedAt(), sequence);
    }

    @EventHandler
    void on(ReferralRedirectedEvent event, @SequenceNumber long sequence) {
        repository.redirected(
                event.referralId(),
                event.previousReceivingAgencyId(),
                event.receivingAgencyId(),
                event.redirectedAt(),
                sequence);
    }

    @EventHandler
    void on(ReferralWithdrawnEvent event, @SequenceNumber long sequence) {
        repository.resolved(event.referralId(), EscalationResolution.WITHDRAWN, event.withdrawnAt(), sequence);
    }

    @EventHandler
    void on(ReferralSuspendedEvent event, @SequenceNumber long sequence) {
        repository.resolved(event.referralId(), EscalationResolution.SUSPENDED, event.suspendedAt(), sequence);
    }

    @EventHandler
    void on(ReferralClosedEvent event, @SequenceNumber long sequence) {
        repository.resolved(event.referralId(), EscalationResolution.CLOSED, event.closedAt(), sequence);
    }

    @ResetHandler
    void reset() {
        repository.deleteAll();
    }
}

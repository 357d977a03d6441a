package org.integratedcommunities.referrals.queryside.referral;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.integratedcommunities.referrals.kernel.referral.AcknowledgementOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.InformationProvidedEvent;
import org.integratedcommunities.referrals.kernel.referral.LadoInformedEvent;
import org.integratedcommunities.referrals.kernel.referral.LadoNotificationOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.MoveOnPeriodEndingEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralAcceptedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralAssignedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralClosedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralDeclinedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcomeRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralProgressRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRedirectedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralReferredOnEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralReturnedForInformationEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralStatus;
import org.integratedcommunities.referrals.kernel.referral.ReferralSuspendedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralWithdrawnEvent;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code referral_summary} in step with the referral events: the inbox and outbox of every agency. Every event
 * of a referral moves its row to that event's version ({@code last_event_sequence}) and time, once.
 *
 */
@Component
@ProcessingGroup(ReferralSummaryProjection.PROCESSING_GROUP)
class ReferralSummaryProjection {

    static final String PROCESSING_GROUP = "referral-summaries";

    private final ReferralSummaryRepository repository;

    ReferralSummaryProjection(ReferralSummaryRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    void on(ReferralRaisedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        repository.insertRaised(event, sequence, at);
    }

    @EventHandler
    void on(ReferralAcceptedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        repository.assigned(event.referralId(), ReferralStatus.ACCEPTED, event.assignee(), sequence, at);
    }

    @EventHandler
    void on(ReferralAssignedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        repository.assigned(event.referralId(), null, event.assignee(), sequence, at);
    }

    @EventHandler
    void on(ReferralDeclinedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        repository.statusChanged(event.referralId(), ReferralStatus.DECLINED, sequence, at);
    }

    @EventHandler
    void on(ReferralReturnedForInformationEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        repository.statusChanged(event.referralId(), ReferralStatus.RETURNED_FOR_INFORMATION, sequence, at);
    }

    @EventHandler
    void on(InformationProvidedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        repository.backInTheInbox(event.referralId(), null, event.acknowledgeBy(), sequence, at);
    }

    @EventHandler
    void on(ReferralRedirectedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        repository.backInTheInbox(event.referralId(), event.receivingAgencyId(), event.acknowledgeBy(), sequence, at);
    }

    @EventHandler
    void on(ReferralWithdrawnEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        repository.statusChanged(event.referralId(), ReferralStatus.WITHDRAWN, sequence, at);
    }

    @EventHandler
    void on(ReferralProgressRecordedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        repository.statusChanged(event.referralId(), ReferralStatus.IN_PROGRESS, sequence, at);
    }

    @EventHandler
    void on(ReferralOutcomeRecordedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        repository.outcomeRecorded(event.referralId(), event.outcome(), event.recordedAt(), sequence, at);
    }

    @EventHandler
    void on(ReferralClosedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        repository.statusChanged(event.referralId(), ReferralStatus.CLOSED, sequence, at);
    }

    @EventHandler
    void on(ReferralSuspendedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        repository.suspended(event.referralId(), event.reason(), event.suspendedAt(), sequence, at);
    }

    @EventHandler
    void on(ReferralReferredOnEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        repository.referredOn(event.referralId(), event.onwardReferralId(), sequence, at);
    }

    @EventHandler
    void on(LadoInformedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        repository.ladoInformed(event.referralId(), event.informedAt(), sequence, at);
    }

    @EventHandler
    void on(AcknowledgementOverdueEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        repository.acknowledgementOverdue(event.referralId(), event.escalatedAt(), sequence, at);
    }

    @EventHandler
    void on(MoveOnPeriodEndingEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        repository.moveOnPeriodEnding(event.referralId(), event.openNeeds(), event.escalatedAt(), sequence, at);
    }

    @EventHandler
    void on(LadoNotificationOverdueEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        repository.ladoOverdue(event.referralId(), event.escalatedAt(), sequence, at);
    }

    @ResetHandler
    void reset() {
        repository.deleteAll();
    }
}

package org.integratedcommunities.referrals.queryside.referral;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.integratedcommunities.referrals.kernel.referral.InformationProvidedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralAcceptedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralClosedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralDeclinedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcomeRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralProgressRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRedirectedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralReturnedForInformationEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralStatus;
import org.integratedcommunities.referrals.kernel.referral.ReferralSuspendedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralWithdrawnEvent;
import org.springframework.stereotype.Component;

/** Keeps {@code referral_summary} in step with the referral events: the inbox and outbox of every agency. */
@Component
@ProcessingGroup(ReferralSummaryProjection.PROCESSING_GROUP)
class ReferralSummaryProjection {

    static final String PROCESSING_GROUP = "referral-summaries";

    private final ReferralSummaryRepository repository;

    ReferralSummaryProjection(ReferralSummaryRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    void on(ReferralRaisedEvent event, @SequenceNumber long sequenceNumber) {
        repository.insertRaised(event, sequenceNumber);
    }

    @EventHandler
    void on(ReferralAcceptedEvent event, @SequenceNumber long sequenceNumber) {
        repository.updateStatus(event.referralId(), ReferralStatus.ACCEPTED, sequenceNumber);
    }

    @EventHandler
    void on(ReferralDeclinedEvent event, @SequenceNumber long sequenceNumber) {
        repository.updateStatus(event.referralId(), ReferralStatus.DECLINED, sequenceNumber);
    }

    @EventHandler
    void on(ReferralReturnedForInformationEvent event, @SequenceNumber long sequenceNumber) {
        repository.updateStatus(event.referralId(), ReferralStatus.RETURNED_FOR_INFORMATION, sequenceNumber);
    }

    @EventHandler
    void on(InformationProvidedEvent event, @SequenceNumber long sequenceNumber) {
        repository.updateStatus(event.referralId(), ReferralStatus.RAISED, sequenceNumber);
    }

    @EventHandler
    void on(ReferralRedirectedEvent event, @SequenceNumber long sequenceNumber) {
        repository.redirect(event.referralId(), event.receivingAgencyId(), sequenceNumber);
    }

    @EventHandler
    void on(ReferralWithdrawnEvent event, @SequenceNumber long sequenceNumber) {
        repository.updateStatus(event.referralId(), ReferralStatus.WITHDRAWN, sequenceNumber);
    }

    @EventHandler
    void on(ReferralProgressRecordedEvent event, @SequenceNumber long sequenceNumber) {
        repository.updateStatus(event.referralId(), ReferralStatus.IN_PROGRESS, sequenceNumber);
    }

    @EventHandler
    void on(ReferralOutcomeRecordedEvent event, @SequenceNumber long sequenceNumber) {
        repository.updateStatus(event.referralId(), ReferralStatus.OUTCOME_RECORDED, sequenceNumber);
    }

    @EventHandler
    void on(ReferralClosedEvent event, @SequenceNumber long sequenceNumber) {
        repository.updateStatus(event.referralId(), ReferralStatus.CLOSED, sequenceNumber);
    }

    @EventHandler
    void on(ReferralSuspendedEvent event, @SequenceNumber long sequenceNumber) {
        repository.updateStatus(event.referralId(), ReferralStatus.SUSPENDED, sequenceNumber);
    }

    @ResetHandler
    void reset() {
        repository.deleteAll();
    }
}

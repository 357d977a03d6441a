package org.integratedcommunities.referrals.queryside.indicators;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.integratedcommunities.referrals.kernel.referral.AcknowledgementOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.InformationProvidedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralAcceptedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralDeclinedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcomeRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralProgressRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRedirectedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralReturnedForInformationEvent;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code partnership_indicator_referral} in step with the referral events: the categorical facts the partnership
 * indicators are computed from, one row per referral. Its own processing group, so that the indicators never depend on
 * another group's progress or replay. The events it does not handle (withdrawal, closure, assignment, ...) change
 * nothing the indicators show.
 *
 * <p>Every change is applied once: a row moves only to a higher sequence ({@link PartnershipIndicatorsRepository}).
 * Times come from the events, never from the clock, so a replay rebuilds the same rows.
 */
@Component
@ProcessingGroup(PartnershipIndicatorsProjection.PROCESSING_GROUP)
class PartnershipIndicatorsProjection {

    static final String PROCESSING_GROUP = "partnership-indicators";

    private final PartnershipIndicatorsRepository repository;

    PartnershipIndicatorsProjection(PartnershipIndicatorsRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    void on(ReferralRaisedEvent event, @SequenceNumber long sequence) {
        repository.insertRaised(event, sequence);
    }

    @EventHandler
    void on(ReferralAcceptedEvent event, @SequenceNumber long sequence) {
        repository.acknowledged(event.referralId(), event.acceptedAt(), sequence);
    }

    @EventHandler
    void on(ReferralReturnedForInformationEvent event, @SequenceNumber long sequence) {
        repository.acknowledged(event.referralId(), event.returnedAt(), sequence);
    }

    @EventHandler
    void on(ReferralDeclinedEvent event, @SequenceNumber long sequence) {
        repository.declined(event.referralId(), event.reason(), event.declinedAt(), sequence);
    }

    @EventHandler
    void on(InformationProvidedEvent event, @SequenceNumber long sequence) {
        repository.newDeadline(event.referralId(), null, event.acknowledgeBy(), sequence);
    }

    @EventHandler
    void on(ReferralRedirectedEvent event, @SequenceNumber long sequence) {
        repository.newDeadline(event.referralId(), event.receivingAgencyId().value(), event.acknowledgeBy(), sequence);
    }

    @EventHandler
    void on(AcknowledgementOverdueEvent event, @SequenceNumber long sequence) {
        repository.acknowledgementOverdue(event.referralId(), sequence);
    }

    @EventHandler
    void on(ReferralProgressRecordedEvent event, @SequenceNumber long sequence) {
        repository.moveOnNeedsMet(event.referralId(), event.needsMet(), event.recordedAt(), sequence);
    }

    @EventHandler
    void on(ReferralOutcomeRecordedEvent event, @SequenceNumber long sequence) {
        repository.outcomeRecorded(event.referralId(), event.outcome(), event.recordedAt(), sequence);
    }

    @ResetHandler
    void reset() {
        repository.deleteAll();
    }
}

package org.integratedcommunities.referrals.queryside.referral;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
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

    @ResetHandler
    void reset() {
        repository.deleteAll();
    }
}

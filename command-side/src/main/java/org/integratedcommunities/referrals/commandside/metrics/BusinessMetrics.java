package org.integratedcommunities.referrals.commandside.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.integratedcommunities.referrals.kernel.referral.AcknowledgementOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralDeclinedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.springframework.stereotype.Component;

/**
 * The business counters, for Prometheus: referrals raised by type, acknowledgement SLA breaches by type, declines by
 * reason. Tags are the domain's small fixed vocabularies, never an id. Counted where the events are stored (a
 * subscribing processor), and only once their transaction has committed, so a refused or rolled-back command counts
 * nothing; a replay of the read side counts nothing either.
 */
@Component
@ProcessingGroup(BusinessMetrics.PROCESSING_GROUP)
class BusinessMetrics {

    static final String PROCESSING_GROUP = "business-metrics";

    private final MeterRegistry registry;

    BusinessMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @EventHandler
    void on(ReferralRaisedEvent event) {
        afterCommit(Counter.builder("icr.referrals.raised")
                .description("Referrals raised, by type")
                .tag("type", event.type().name())
                .register(registry));
    }

    @EventHandler
    void on(AcknowledgementOverdueEvent event) {
        afterCommit(Counter.builder("icr.sla.breaches")
                .description("Acknowledgement SLAs breached (escalated), by referral type")
                .tag("type", event.type().name())
                .register(registry));
    }

    @EventHandler
    void on(ReferralDeclinedEvent event) {
        afterCommit(Counter.builder("icr.referrals.declined")
                .description("Referrals declined, by reason")
                .tag("reason", event.reason().name())
                .register(registry));
    }

    private static void afterCommit(Counter counter) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> counter.increment());
        } else {
            counter.increment();
        }
    }
}

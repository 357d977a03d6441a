package org.integratedcommunities.referrals.commandside.eventstore;

import java.time.Clock;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.integratedcommunities.referrals.kernel.identity.ActorMetaData;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store is Axon's JDBC storage engine on PostgreSQL (configured by Axon's JDBC auto-configuration, schema
 * owned by Flyway in {@code db/eventstore}). This adds what the audit trail needs on every event: the acting user,
 * agency and partnership, copied from the command's metadata, and the correlation and causation ids.
 */
@Configuration
public class EventStoreConfiguration {

    @Bean
    CorrelationDataProvider actorCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(
                ActorMetaData.USER_ID, ActorMetaData.AGENCY_ID, ActorMetaData.PARTNERSHIP_ID, ActorMetaData.ROLES);
    }

    /** Correlation and causation ids; declared because any provider of our own replaces Axon's default one. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

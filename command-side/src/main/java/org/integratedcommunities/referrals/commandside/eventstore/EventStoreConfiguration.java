package org.integratedcommunities.referrals.commandside.eventstore;

import java.time.Clock;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.integratedcommunities.referrals.kernel.identity.ActorMetaData;
import org.springframework.beans.factory.annotation.Qualifier;
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

    /** Events read per query, when an aggregate is loaded and when the consent-withdrawal policy tails the store. */
    static final int EVENTS_PER_QUERY = 100;

    /**
     * Axon's JDBC engine as its auto-configuration builds it, except that a batch of an aggregate's events shorter than
     * a full batch ends the aggregate's stream. Axon's default reads on until a batch comes back empty (safe even if
     * events were deleted), which costs every command on an existing aggregate a second, empty query; this store is
     * append-only (erasure destroys keys, never events), so a short batch is the last.
     */
    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .batchSize(EVENTS_PER_QUERY)
                .finalAggregateBatchPredicate(batch -> batch.size() < EVENTS_PER_QUERY)
                .build();
    }

    /**
     * Axon's event store and bus as its auto-configuration builds it (same monitor and spans), but a commit does not
     * wake the reader of the consent-withdrawal policy: see {@link PolledEventStore}.
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration) {
        return new PolledEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

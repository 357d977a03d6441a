package org.integratedcommunities.referrals.queryside.projection;

import java.time.Duration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * How projections run, for every processing group of the query side:
 *
 * <ul>
 *   <li><b>Never lose an event.</b> A failing event goes to the group's dead-letter queue (Axon's JDBC sequenced queue,
 *       table {@code read_model.dead_letter_entry}, created by Flyway) and its referral waits behind it while the
 *       others flow ({@link DeadLetterQueueForEveryProcessingGroup}); nothing is logged and skipped.
 *   <li><b>Exactly once.</b> Read models, tokens and dead letters live in one database and commit in the batch's one
 *       transaction; a failed event is undone whole, by a savepoint of its own when its batch is retried after the
 *       failure ({@link SavepointPerEvent}).
 *   <li><b>Late commits.</b> The event store's {@code global_index} is taken at insert, but transactions commit in
 *       another order: a gap is waited for up to the gap timeout (below).
 * </ul>
 *
 * The processors' own settings (pooled streaming, batch size, claim timeout, transaction timeouts) are in
 * {@code application.yml} under {@code axon}.
 */
@Configuration
class ProjectionConfiguration {

    /** Errors of handlers outside a dead-letter queue (there are none today) fail the batch rather than vanish. */
    @Bean
    ConfigurerModule propagateProjectionErrors() {
        return configurer -> configurer
                .eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }

    /** Axon's default names are camel case ({@code DeadLetterEntry.deadLetterIdentifier}); Flyway's are these. */
    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_identifier")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /** Replaces Axon's per-processor switch: see {@link DeadLetterQueueForEveryProcessingGroup}. */
    @Bean
    DeadLetterQueueProviderConfigurerModule deadLetterQueueForEveryProcessingGroup(
            EventProcessorProperties properties,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            DeadLetterSchema schema,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer genericSerializer,
            PlatformTransactionManager transactions) {
        return new DeadLetterQueueForEveryProcessingGroup(
                properties,
                processingGroup -> configuration -> JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(processingGroup)
                        .connectionProvider(connectionProvider)
                        .transactionManager(transactionManager)
                        .schema(schema)
                        .eventSerializer(eventSerializer)
                        .genericSerializer(genericSerializer)
                        .build(),
                transactions);
    }

    /**
     * The event store the processors read from, as Axon's auto-configuration builds it, but looking for new events
     * every {@code fetchDelay} rather than every second. The command side appends in another process, so nothing in
     * this process tells the reader: it polls, one indexed query, so 10 a second cost PostgreSQL next to nothing.
     * {@link EventStoreWakeUp} makes the processors look at the reader as soon as the command side's commit is
     * notified, instead of every 500 ms. Measured by infra/bench (read-your-write lag, docs/performance.md).
     *
     * <p>The exception resolver Axon then leaves out comes from the shared {@code PostgresEventStoreSchema}.
     */
    @Bean
    EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            @Value("${icr.projections.fetch-delay:100ms}") Duration fetchDelay) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis())
                .build();
    }

    /** Wakes the pooled processors when events are appended: see {@link EventStoreWakeUp}. */
    @Bean
    EventStoreWakeUp eventStoreWakeUp(
            DataSourceProperties database, @Value("${icr.projections.fetch-delay:100ms}") Duration fetchDelay) {
        return new EventStoreWakeUp(database, fetchDelay.toMillis());
    }

    /** Every pooled processor reads the event store through {@link EventStoreWakeUp#wakeable}. */
    @Bean
    ConfigurerModule wakeProcessorsOnAppend(EventStoreWakeUp wakeUp) {
        return configurer -> configurer
                .eventProcessing()
                .registerPooledStreamingEventProcessorConfiguration(
                        (configuration, builder) -> builder.messageSource(wakeUp.wakeable(configuration.eventStore())));
    }

    /**
     * The event store as the query side reads it: Axon's JDBC engine, as its auto-configuration would build it, with
     * the gap handling spelled out (Axon exposes no properties for it).
     *
     * <p>{@code global_index} is a sequence taken when the command side inserts an event, but transactions commit in
     * their own order: an event with a lower index can become visible after one with a higher index has been read. The
     * token remembers such gaps and looks for them again on every fetch, for {@code gapTimeout} after the events that
     * follow them were stamped, and within {@code maxGapOffset} indexes of the head. So every command-side transaction
     * that appends events must commit well within the gap timeout of its INSERT: this side relies on the command side
     * keeping {@code statement_timeout} and {@code idle_in_transaction_session_timeout} at most 10 s and its unit of
     * work under 30 s (README, "How the code is laid out"). An event committed later than that is skipped for good.
     * {@code maxGapOffset} must exceed the events appended in one gap timeout (10,000 in 60 s is 166 a second, far
     * above this platform's rate).
     *
     * <p>The processors share what they read: a batch read after a token is handed as it is to every processor that asks
     * for the batch after the same token soon after ({@link SharedReadEventStorageEngine}); a replay reads and upcasts
     * the store about once instead of once per projection. {@code sharedBatches} full batches are kept at most.
     */
    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema,
            @Value("${icr.projections.gap-timeout:60s}") Duration gapTimeout,
            @Value("${icr.projections.max-gap-offset:10000}") int maxGapOffset,
            @Value("${icr.projections.fetch-batch-size:500}") int fetchBatchSize,
            @Value("${icr.projections.shared-batches:20}") int sharedBatches,
            @Value("${icr.projections.fetch-delay:100ms}") Duration fetchDelay) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .gapTimeout(Math.toIntExact(gapTimeout.toMillis()))
                .maxGapOffset(maxGapOffset)
                // Events read per query. Axon's default of 100 made a replay (every processor reading the whole store
                // from the start) mostly round trips; a live reader gets what is new either way.
                .batchSize(fetchBatchSize)
                // global_index is a BIGSERIAL starting at 1: a gap below the first event read is a gap too.
                .lowestGlobalSequence(1);
        return new SharedReadEventStorageEngine(builder, sharedBatches, fetchDelay.toNanos());
    }
}

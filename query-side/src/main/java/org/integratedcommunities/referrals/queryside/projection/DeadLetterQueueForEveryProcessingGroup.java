package org.integratedcommunities.referrals.queryside.projection;

import java.util.function.Function;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Every processing group of the query side gets a dead-letter queue, without anyone having to remember it: a new
 * projection is covered the moment it exists.
 *
 * <p>Axon's own module turns the queue on per processor ({@code axon.eventhandling.processors.<name>.dlq.enabled},
 * off by default). This one is of the same type, so Axon's backs off, and it turns the queue on for every group. For
 * each group it also:
 *
 * <ul>
 *   <li>decides failures with a {@link LoudDeadLetterPolicy} (logged at ERROR; passing failures retried instead);
 *   <li>lets a reset clear the group's dead letters: a replay rebuilds its read models from the first event, so the
 *       old letters are void (kept, they would park their referrals again, and the replayed failures twice);
 *   <li>undoes a failed event alone ({@link SavepointPerEvent}: its batch is retried with a savepoint per event), so a
 *       dead-lettered event leaves nothing half applied and a failure inside PostgreSQL does not doom the batch.
 * </ul>
 */
final class DeadLetterQueueForEveryProcessingGroup extends DeadLetterQueueProviderConfigurerModule {

    private final Function<String, Function<Configuration, SequencedDeadLetterQueue<EventMessage<?>>>> queues;
    private final PlatformTransactionManager transactions;

    DeadLetterQueueForEveryProcessingGroup(
            EventProcessorProperties properties,
            Function<String, Function<Configuration, SequencedDeadLetterQueue<EventMessage<?>>>> queues,
            PlatformTransactionManager transactions) {
        super(properties, queues);
        this.queues = queues;
        this.transactions = transactions;
    }

    @Override
    public void configureModule(Configurer configurer) {
        EventProcessingConfigurer processing = configurer.eventProcessing();
        // Axon asks for a group's queue while it assembles the group's handlers, before it builds the dead-lettering
        // invoker, so the group's policy and invoker settings registered here are in place when they are read.
        processing.registerDeadLetterQueueProvider(processingGroup -> {
            processing.registerDeadLetterPolicy(
                    processingGroup, configuration -> new LoudDeadLetterPolicy(processingGroup));
            processing.registerDeadLetteringEventHandlerInvokerConfiguration(
                    processingGroup,
                    (configuration, invoker) -> invoker.allowReset(true)
                            // Remembers, per claimed segment, which sequences are in the queue (empty at the claim:
                            // none), so an event of a sequence that is not there skips the query per event.
                            .enableSequenceIdentifierCache());
            return queues.apply(processingGroup);
        });
        processing.registerDefaultHandlerInterceptor(
                (configuration, processorName) -> new SavepointPerEvent(transactions));
    }
}

package org.integratedcommunities.referrals.queryside.projection;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes sure that an event whose handling fails can be undone alone: the rows its handlers wrote are rolled back and
 * the rest of the batch, the dead letter and the token still commit.
 *
 * <p>Without it a dead-lettered event would be half applied (the handlers' writes before the failure commit with the
 * batch), and a failure inside PostgreSQL (a constraint, a cast) would abort the whole transaction, so the dead letter
 * itself could not be written: the batch would fail for ever, holding up every referral of its segment.
 *
 * <p>A savepoint per event would do it, but costs two round trips to PostgreSQL per event and processor (a third of a
 * replay's time went to them) for failures that almost never happen. So a batch runs without savepoints; when one of
 * its events fails for a reason of its own, {@link Event#undo} (called by the {@link LoudDeadLetterPolicy}) remembers
 * the batch's events and throws: the whole batch rolls back (nothing of it applied, its token unmoved) and Axon retries
 * it, this time with a savepoint for each of those events. The failing event fails again, is rolled back to its
 * savepoint and dead-lettered alone, and the rest of the batch commits. The events remembered are forgotten when a
 * batch that handled them commits, or after {@link #FORGET_AFTER} (another replica may have taken the segment and
 * retried the batch; were the retry here slower than that, it would fail once more and remember them again). Outside
 * a processor's batch (a dead letter being retried on its own) every event has a savepoint, as there is no batch to
 * retry.
 */
final class SavepointPerEvent implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String RESOURCE = SavepointPerEvent.class.getName();
    private static final TransactionDefinition NESTED =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);

    private final PlatformTransactionManager transactions;

    /** How long a failed batch's events are remembered for its retry: far longer than a segment takes to be retried. */
    static final Duration FORGET_AFTER = Duration.ofMinutes(10);

    /**
     * The events of this processor's batches that failed without savepoints, each with when it was remembered (epoch
     * milliseconds): each gets a savepoint when it is retried.
     */
    private final Map<String, Long> toIsolate = new ConcurrentHashMap<>();

    SavepointPerEvent(PlatformTransactionManager transactions) {
        this.transactions = transactions;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return chain.proceed();
        }
        String eventIdentifier = unitOfWork.getMessage().getIdentifier();
        boolean batch = unitOfWork instanceof BatchingUnitOfWork<?>;
        Event event;
        if (!batch || toIsolate.containsKey(eventIdentifier)) {
            // Outside a processor's batch (a dead letter being retried) there is no batch to retry: always a savepoint.
            event = new Event(unitOfWork, transactions.getTransaction(NESTED));
            unitOfWork.afterCommit(committed -> toIsolate.remove(eventIdentifier));
        } else {
            event = new Event(unitOfWork, null);
        }
        Object outer = unitOfWork.resources().put(RESOURCE, event);
        try {
            Object result = chain.proceed();
            event.release();
            return result;
        } catch (Exception | Error e) {
            event.rollBack();
            throw e;
        } finally {
            if (outer == null) {
                unitOfWork.resources().remove(RESOURCE);
            } else {
                unitOfWork.resources().put(RESOURCE, outer);
            }
        }
    }

    /** The event being handled on this thread, if it is handled in a transaction. */
    static Optional<Event> current() {
        return CurrentUnitOfWork.map(unitOfWork -> unitOfWork.<Event>getResource(RESOURCE));
    }

    /** One event in its batch: under a savepoint (rolled back or released once) or not. */
    final class Event {

        private final UnitOfWork<? extends EventMessage<?>> batch;
        private final TransactionStatus savepoint;

        private Event(UnitOfWork<? extends EventMessage<?>> batch, TransactionStatus savepoint) {
            this.batch = batch;
            this.savepoint = savepoint;
        }

        /**
         * Undoes what the event's handlers wrote, leaving the rest of the batch as it is: rolls back to the event's
         * savepoint, or, if it has none, remembers the batch's events and throws {@link RetryWithSavepointException}
         * so that the whole batch rolls back and is retried with a savepoint for each of them. All of them rather than
         * this one alone: a batch with several failing events is then retried once, not once per failing event.
         */
        void undo(Throwable failure) {
            if (savepoint == null && batch instanceof BatchingUnitOfWork<?> batching) {
                long now = System.currentTimeMillis();
                toIsolate.values().removeIf(rememberedAt -> now - rememberedAt > FORGET_AFTER.toMillis());
                batching.getMessages().forEach(message -> toIsolate.put(message.getIdentifier(), now));
                throw new RetryWithSavepointException(batch.getMessage().getIdentifier(), failure);
            }
            rollBack();
        }

        private void rollBack() {
            if (savepoint != null && !savepoint.isCompleted()) {
                transactions.rollback(savepoint);
            }
        }

        private void release() {
            if (savepoint != null && !savepoint.isCompleted()) {
                transactions.commit(savepoint);
            }
        }
    }

    /** Rolls back a batch in which an event without a savepoint failed: it is retried with a savepoint per event. */
    static final class RetryWithSavepointException extends RuntimeException {

        RetryWithSavepointException(String eventIdentifier, Throwable failure) {
            super(
                    "Event " + eventIdentifier + " failed in a batch without savepoints: the batch is rolled back and"
                            + " retried with a savepoint for each of its events",
                    failure);
        }
    }
}

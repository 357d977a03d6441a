package org.integratedcommunities.referrals.queryside.projection;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * What happens to an event whose handling failed, in one processing group.
 *
 * <ul>
 *   <li>A failure that may pass by itself (a statement timeout, a deadlock, a serialization failure, a lost
 *       connection) is not the event's fault: it is thrown on, so the whole batch rolls back, its token stays where it
 *       was, and the processor retries the batch with back-off.
 *   <li>Anything else: first its handlers' writes are undone ({@link SavepointPerEvent}), so nothing of it is half
 *       applied (in a batch without savepoints this rolls the batch back, to be retried with a savepoint for the event,
 *       which then fails again and comes back here). Then it dead-letters the event, and with it every later event of
 *       the same sequence (the same aggregate, so the same referral), while the other sequences keep flowing. It is logged at ERROR with the processing
 *       group, the event's type, identifier and aggregate, never its payload.
 * </ul>
 */
final class LoudDeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(LoudDeadLetterPolicy.class);

    private final String processingGroup;

    LoudDeadLetterPolicy(String processingGroup) {
        this.processingGroup = processingGroup;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        EventMessage<?> event = letter.message();
        String aggregate = event instanceof DomainEventMessage<?> domainEvent
                ? domainEvent.getType() + " " + domainEvent.getAggregateIdentifier() + " at sequence "
                        + domainEvent.getSequenceNumber()
                : "none";
        if (isTransient(cause)) {
            log.warn(
                    "Processing group {} could not handle {} (event {}, aggregate {}) for a passing reason ({}): the"
                            + " batch is rolled back and retried",
                    processingGroup,
                    event.getPayloadType().getName(),
                    event.getIdentifier(),
                    aggregate,
                    cause.getClass().getName());
            throw cause instanceof RuntimeException runtime ? runtime : new RetryBatchException(cause);
        }
        // Undo the event's writes alone; in a batch without savepoints this throws, and the batch is retried with one.
        SavepointPerEvent.current().ifPresent(current -> current.undo(cause));
        log.error(
                "Processing group {} failed on {} (event {}, aggregate {}): DEAD-LETTERED in dead_letter_entry; later"
                        + " events of that aggregate wait behind it until it is retried or evicted",
                processingGroup,
                event.getPayloadType().getName(),
                event.getIdentifier(),
                aggregate,
                cause);
        return Decisions.enqueue(ThrowableCause.truncated(cause));
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection lost; 40: serialization failure or deadlock; 53: out of resources;
                // 57: query cancelled (statement_timeout) or server shutting down; 55P03: lock not available.
                if (state.startsWith("08")
                        || state.startsWith("40")
                        || state.startsWith("53")
                        || state.startsWith("57")
                        || state.equals("55P03")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** Carries a checked, passing failure out of the handler so that the batch is retried. */
    static final class RetryBatchException extends RuntimeException {

        RetryBatchException(Throwable cause) {
            super("Retrying the batch after a passing failure", cause);
        }
    }
}

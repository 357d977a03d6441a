package org.integratedcommunities.referrals.queryside.web;

import java.util.Objects;
import java.util.function.Function;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The query side's other way to read for a user, beside {@link ReadModelReads}: what is not in the read model, namely
 * one aggregate's events in the event store and the sealed personal data they carry, opened with the personal-data
 * vault (whose keys are in the event store's schema too).
 *
 * <p>Neither can be read as the query role (it has no grant on {@code event_store}), so these reads run as the login
 * role, outside row-level security. Hence the rule for callers: read here only what a read through
 * {@link ReadModelReads} has just shown the actor may see, and only up to the version that read saw.
 *
 * <p>Like {@link ReadModelReads}, this is a bridge from the reactive web edge to blocking work: the work runs on the
 * bounded-elastic scheduler, never inside another transaction (a read-model read's transaction runs as the query role,
 * which could read none of this).
 */
@Component
public class EventStoreReads {

    private final EventStore eventStore;

    EventStoreReads(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Runs {@code work} off the event loop with access to the event store; an empty result completes empty. */
    public <T> Mono<T> read(Function<EventStoreRead, T> work) {
        Objects.requireNonNull(work, "work");
        return Mono.fromCallable(() -> readNow(work)).subscribeOn(Schedulers.boundedElastic());
    }

    private <T> T readNow(Function<EventStoreRead, T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("An event store read must not run inside another transaction");
        }
        EventStoreRead read = new EventStoreRead(eventStore);
        try {
            return work.apply(read);
        } finally {
            read.close();
        }
    }
}

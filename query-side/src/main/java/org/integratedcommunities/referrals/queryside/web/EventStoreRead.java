package org.integratedcommunities.referrals.queryside.web;

import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * A read of the event store in progress, made by {@link EventStoreReads} and usable only inside it. Callers read an
 * aggregate here only after a read through {@link ReadModelReads} has shown that the actor may see it.
 */
public final class EventStoreRead {

    private final EventStore eventStore;
    private boolean open = true;

    EventStoreRead(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * The aggregate's events from its first up to and including {@code upToSequence} (the version the read model
     * showed), in order. Snapshots are not used: every event is read.
     */
    public List<DomainEventMessage<?>> events(String aggregateIdentifier, long upToSequence) {
        if (!open) {
            throw new IllegalStateException("This read has ended: read inside EventStoreReads.read");
        }
        return eventStore
                .readEvents(aggregateIdentifier, 0)
                .asStream()
                .takeWhile(event -> event.getSequenceNumber() <= upToSequence)
                .<DomainEventMessage<?>>map(event -> event)
                .toList();
    }

    void close() {
        open = false;
    }
}

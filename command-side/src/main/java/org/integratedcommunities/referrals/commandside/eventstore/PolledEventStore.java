package org.integratedcommunities.referrals.commandside.eventstore;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's {@link EmbeddedEventStore}, except that a command's commit does not wake the store's reader. The reader feeds
 * the command side's only streaming processor, the consent-withdrawal policy (the registers are subscribing and get
 * events in the storing transaction). Axon's store wakes it after every commit, and each wake-up is a read
 * transaction of one or two queries (the events, then, once caught up, an empty read and Axon's look for a gap):
 * about as many read transactions as commands, for a policy that handles one kind of event in a hundred.
 *
 * <p>Without the wake-up the reader polls: it reads until it is caught up and then waits Axon's fetch delay (1 s)
 * before it looks again, so under load it reads a second's events in one query. The policy reacts to a withdrawal of
 * consent within about a second instead of at once, as it already does for a withdrawal stored by another
 * command-side replica (whose commit never woke this one); nothing is lost or skipped, the stream and its tokens are
 * Axon's.
 */
class PolledEventStore extends EmbeddedEventStore {

    PolledEventStore(Builder builder) {
        super(builder);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        // no wake-up: the reader finds these events at its next poll
    }
}

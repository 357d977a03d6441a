package org.integratedcommunities.referrals.queryside.web;

import java.util.Objects;
import java.util.function.Function;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The bridge from the reactive web edge to Axon's subscription queries (Axon's reactor extension is not used): a
 * subscription query as one {@link Flux}, its initial result first and then its updates.
 *
 * <p>The subscription is made, and the initial query dispatched, on the bounded-elastic scheduler, never on the event
 * loop: Axon's query bus opens a JDBC transaction around every handler, and a handler may block. The update handler
 * is registered before the initial query runs, so nothing that happens in between is lost (Axon buffers it). When the
 * client goes away (cancel), fails or the stream ends, the subscription is cancelled and Axon forgets it. A client too
 * slow to keep up with its updates is cut off rather than let them pile up here; it reconnects and gets a fresh
 * initial result.
 */
@Component
public class LiveQueries {

    /** Updates held for a slow client before it is cut off. */
    static final int MOST_PENDING_UPDATES = 256;

    private final QueryGateway queries;

    LiveQueries(QueryGateway queries) {
        this.queries = queries;
    }

    /**
     * Subscribes to {@code query}; {@code initial} and {@code update} turn its initial result and its updates into
     * what the stream carries. An empty initial result is left out.
     */
    public <Q, I, U, T> Flux<T> subscribe(
            Q query, Class<I> initialType, Class<U> updateType, Function<I, T> initial, Function<U, T> update) {
        Objects.requireNonNull(query, "query");
        return Flux.using(
                        () -> queries.subscriptionQuery(
                                query, ResponseTypes.instanceOf(initialType), ResponseTypes.instanceOf(updateType)),
                        (SubscriptionQueryResult<I, U> result) -> Flux.concat(
                                result.initialResult().map(initial),
                                result.updates()
                                        .onBackpressureBuffer(MOST_PENDING_UPDATES)
                                        .map(update)),
                        SubscriptionQueryResult::cancel)
                .subscribeOn(Schedulers.boundedElastic());
    }
}

package org.integratedcommunities.referrals.queryside.ui;

import java.time.Duration;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * After a form's command succeeds, the page it redirects to reads the read model, which the projections bring up to
 * date a moment later. Waiting here, briefly, until the read model shows the step means the next page shows what the
 * user just did; if it takes longer than {@link #PATIENCE}, the user is sent on anyway (the page is then a moment old,
 * never wrong: the step has happened).
 */
public final class ReadModelCatchUp {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final int POLLS = 50;
    /** How long a successful step waits for the read model before going on anyway. */
    public static final Duration PATIENCE = POLL.multipliedBy(POLLS);

    private ReadModelCatchUp() {}

    /** Completes once {@code shown} (a read, asked afresh at every poll) answers true, or after {@link #PATIENCE}. */
    public static Mono<Void> until(Supplier<Mono<Boolean>> shown) {
        return Mono.defer(shown)
                .filter(Boolean::booleanValue)
                .repeatWhenEmpty(POLLS, polls -> polls.delayElements(POLL))
                .onErrorResume(IllegalStateException.class, stillBehind -> Mono.empty())
                .then();
    }
}

package org.integratedcommunities.referrals.queryside.audit.replay;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.queryside.audit.replay.VerifiedReplay.Report;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Verified replays as auditors start them: one at a time, on a thread of their own, with their progress and their
 * report kept in memory (this replica's; a run is an audit action, its result is meant to be read and exported, not
 * stored as a read model).
 */
@Component
class ReplayVerifications implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReplayVerifications.class);
    /** How long the live processors get to reach the head the rebuild used. */
    private static final Duration LIVE_CATCH_UP = Duration.ofMinutes(2);

    enum State {
        RUNNING,
        DONE,
        FAILED
    }

    /** A run as its caller sees it. */
    record Run(
            UUID id,
            @JsonIgnore PartnershipId partnership,
            State state,
            Instant startedAt,
            Instant finishedAt,
            long eventsToReplay,
            long eventsReplayed,
            Report report,
            String failure) {

        Run withTotal(long events) {
            return new Run(id, partnership, state, startedAt, finishedAt, events, eventsReplayed, report, failure);
        }

        Run withReplayed(long events) {
            return new Run(id, partnership, state, startedAt, finishedAt, eventsToReplay, events, report, failure);
        }

        Run ended(State end, Instant at, Report result, String why) {
            return new Run(id, partnership, end, startedAt, at, eventsToReplay, eventsReplayed, result, why);
        }
    }

    private final VerifiedReplay replay;
    private final EventProcessingConfiguration processing;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "verified-replay");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<UUID, AtomicReference<Run>> runs = new ConcurrentHashMap<>();
    private final AtomicReference<UUID> running = new AtomicReference<>();
    private final Clock clock = Clock.systemUTC();

    ReplayVerifications(VerifiedReplay replay, EventProcessingConfiguration processing) {
        this.replay = replay;
        this.processing = processing;
    }

    /**
     * Starts a run for an auditor of {@code partnership}; empty if one is already running (the rebuild is
     * platform-wide: one at a time).
     */
    synchronized Optional<Run> start(PartnershipId partnership) {
        if (running.get() != null) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        AtomicReference<Run> run =
                new AtomicReference<>(new Run(id, partnership, State.RUNNING, clock.instant(), null, 0, 0, null, null));
        runs.put(id, run);
        running.set(id);
        executor.execute(() -> execute(run));
        return Optional.of(run.get());
    }

    /** A run started by an auditor of {@code partnership}; another partnership's runs do not exist for it. */
    Optional<Run> find(UUID id, PartnershipId partnership) {
        return Optional.ofNullable(runs.get(id))
                .map(AtomicReference::get)
                .filter(run -> run.partnership().equals(partnership));
    }

    private void execute(AtomicReference<Run> run) {
        try {
            Report report = replay.run(
                    run.get().partnership(),
                    new VerifiedReplay.Progress() {
                        @Override
                        public void total(long events) {
                            run.updateAndGet(r -> r.withTotal(events));
                        }

                        @Override
                        public void replayed(long events) {
                            run.updateAndGet(r -> r.withReplayed(events));
                        }
                    },
                    this::awaitLiveProcessorsPast);
            run.updateAndGet(r -> r.ended(State.DONE, clock.instant(), report, null));
            log.info(
                    "Verified replay {}: {} events replayed, {} differences",
                    run.get().id(),
                    report.eventsReplayed(),
                    report.differences());
        } catch (RuntimeException e) {
            log.error("Verified replay {} failed", run.get().id(), e);
            run.updateAndGet(r -> r.ended(
                    State.FAILED,
                    clock.instant(),
                    null,
                    "The replay failed (" + e.getClass().getSimpleName() + "); the query side's log has the details."));
        } finally {
            running.set(null);
        }
    }

    /** Waits until every live processor has every segment at or past {@code head}, so the comparison is like for like. */
    private void awaitLiveProcessorsPast(long head) {
        Instant deadline = clock.instant().plus(LIVE_CATCH_UP);
        while (clock.instant().isBefore(deadline)) {
            boolean caughtUp = processing.eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance)
                    .map(StreamingEventProcessor.class::cast)
                    .allMatch(processor -> !processor.processingStatus().isEmpty()
                            && processor.processingStatus().values().stream()
                                    .map(EventTrackerStatus::getCurrentPosition)
                                    .allMatch(position -> position.orElse(-1) >= head));
            if (caughtUp) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the live read models", e);
            }
        }
        log.warn("The live processors did not reach {} within {}: comparing anyway", head, LIVE_CATCH_UP);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}

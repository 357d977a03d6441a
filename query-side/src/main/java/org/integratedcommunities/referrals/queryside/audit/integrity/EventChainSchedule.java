package org.integratedcommunities.referrals.queryside.audit.integrity;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the chainer every {@code interval} on a thread of its own, from start-up until shut-down (stopped before the
 * data source closes). Every replica runs it; the chainer's lock on the head lets one of them work at a time. A failed
 * pass is logged and retried at the next interval: the chain only ever waits, it never skips.
 */
final class EventChainSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventChainSchedule.class);

    private final EventChainer chainer;
    private final DataSource dataSource;
    private final boolean enabled;
    private final Duration interval;
    private ScheduledExecutorService executor;

    EventChainSchedule(EventChainer chainer, DataSource dataSource, boolean enabled, Duration interval) {
        this.chainer = chainer;
        this.dataSource = dataSource;
        this.enabled = enabled;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (!enabled || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "event-chainer");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::pass, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pass() {
        try (Connection connection = dataSource.getConnection()) {
            EventChainer.Pass pass = chainer.chain(connection);
            if (pass.events() > 0 || pass.checkpoints() > 0) {
                log.debug(
                        "Chained {} events and {} gap runs, {} checkpoints, head {}",
                        pass.events(),
                        pass.gapRuns(),
                        pass.checkpoints(),
                        pass.head());
            }
        } catch (Exception e) {
            log.warn("Extending the event chain failed; retrying at the next interval", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}

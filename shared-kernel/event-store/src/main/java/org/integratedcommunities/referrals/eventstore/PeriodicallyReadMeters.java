package org.integratedcommunities.referrals.eventstore;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Gauges whose values are read from the database every so often on a thread of their own, so that a scrape (on the
 * web server's event loop) only reads numbers already there and never waits for a query. A failed reading is tried
 * again at the next interval and the gauges keep their last values meanwhile; the first failure is logged with its
 * cause, the ones after it only at debug level until a reading succeeds again, so a database that is down for an hour
 * does not fill the log with a stack trace every few seconds.
 */
public abstract class PeriodicallyReadMeters implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String threadName;
    private final Duration interval;
    private ScheduledExecutorService executor;
    /** Whether the last reading failed; touched only by the reading thread. */
    private boolean failing;

    protected PeriodicallyReadMeters(String threadName, Duration interval) {
        this.threadName = threadName;
        this.interval = interval;
    }

    /** Registers the gauges, once, when the application starts. */
    protected abstract void registerMeters();

    /** Reads the values now and sets the gauges. */
    protected abstract void read();

    @Override
    public synchronized void start() {
        registerMeters();
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::readQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void readQuietly() {
        try {
            read();
            if (failing) {
                log.info("Reading the {} gauges works again", threadName);
                failing = false;
            }
        } catch (RuntimeException e) {
            if (failing) {
                log.debug("Reading the {} gauges failed again; trying again in {}", threadName, interval, e);
            } else {
                log.warn("Reading the {} gauges failed; trying again every {}", threadName, interval, e);
                failing = true;
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}

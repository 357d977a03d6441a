package org.integratedcommunities.referrals.queryside.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code icr.dead_letters{processing_group}}: how many events each processing group holds in its dead-letter queue,
 * for Prometheus (an alert on it above zero is the way an operator learns a projection is stuck on an event). Counted
 * every 15 s on a thread of its own, so a scrape (on the web server's event loop) only reads a number.
 */
@Component
class DeadLetterMetrics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterMetrics.class);
    private static final long INTERVAL_SECONDS = 15;

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;

    DeadLetterMetrics(JdbcTemplate jdbc, EventProcessingConfiguration processing, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.registry = registry;
    }

    @Override
    public synchronized void start() {
        for (String group : processing.eventProcessors().keySet()) {
            AtomicLong count = counts.computeIfAbsent(group, name -> new AtomicLong());
            Gauge.builder("icr.dead_letters", count, AtomicLong::get)
                    .description("Events in the processing group's dead-letter queue")
                    .tag("processing_group", group)
                    .register(registry);
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dead-letter-metrics");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::count, 0, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    private void count() {
        try {
            Map<String, Long> found = new ConcurrentHashMap<>();
            jdbc.query("SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group", row -> {
                found.put(row.getString(1), row.getLong(2));
            });
            counts.forEach((group, count) -> count.set(found.getOrDefault(group, 0L)));
        } catch (RuntimeException e) {
            log.warn("Counting dead letters failed; trying again in {} s", INTERVAL_SECONDS, e);
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

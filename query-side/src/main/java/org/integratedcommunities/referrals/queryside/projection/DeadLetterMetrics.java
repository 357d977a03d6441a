package org.integratedcommunities.referrals.queryside.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.integratedcommunities.referrals.eventstore.PeriodicallyReadMeters;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code icr.dead_letters{processing_group}}: how many events each processing group holds in its dead-letter queue,
 * for Prometheus (an alert on it above zero is the way an operator learns a projection is stuck on an event). Counted
 * every 15 s.
 */
@Component
class DeadLetterMetrics extends PeriodicallyReadMeters {

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    DeadLetterMetrics(JdbcTemplate jdbc, EventProcessingConfiguration processing, MeterRegistry registry) {
        super("dead-letter-metrics", Duration.ofSeconds(15));
        this.jdbc = jdbc;
        this.processing = processing;
        this.registry = registry;
    }

    @Override
    protected void registerMeters() {
        for (String group : processing.eventProcessors().keySet()) {
            AtomicLong count = counts.computeIfAbsent(group, name -> new AtomicLong());
            Gauge.builder("icr.dead_letters", count, AtomicLong::get)
                    .description("Events in the processing group's dead-letter queue")
                    .tag("processing_group", group)
                    .register(registry);
        }
    }

    @Override
    protected void read() {
        Map<String, Long> found = new ConcurrentHashMap<>();
        jdbc.query("SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group", row -> {
            found.put(row.getString(1), row.getLong(2));
        });
        counts.forEach((group, count) -> count.set(found.getOrDefault(group, 0L)));
    }
}

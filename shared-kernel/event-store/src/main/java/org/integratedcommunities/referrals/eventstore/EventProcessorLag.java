package org.integratedcommunities.referrals.eventstore;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code eventProcessor.lag{eventProcessor}}: how many events each streaming processor (one per processing group) is
 * behind the head of the event store, for Prometheus. It is the head's global index minus the position of the
 * processor's furthest-behind segment: as its token table holds it, so a processor that is stopped, failing or
 * replaying on any replica shows how far behind it is (a stopped one has no status in memory), or as this replica's
 * processor has it in memory when that is further on. A rolled-back insert leaves a gap in the global index that
 * counts as one event here until the processor passes it; that is within the gauge's purpose, telling "keeping up"
 * from "falling behind".
 *
 * <p>Read every {@link #INTERVAL} (two indexed queries and a few tokens deserialized), never per event. A processor
 * without a token yet reads {@code NaN}.
 */
public final class EventProcessorLag extends PeriodicallyReadMeters {

    static final String METER = "eventProcessor.lag";

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final long UNKNOWN = Long.MIN_VALUE;

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Serializer tokenSerializer;
    private final MeterRegistry registry;
    private final String headQuery;
    private final String tokensQuery;
    /** The streaming processors by name, each with its gauge's value. */
    private final Map<String, Tracked> processors = new ConcurrentHashMap<>();

    /** A processor and its lag ({@link #UNKNOWN} until it has a token). */
    private record Tracked(StreamingEventProcessor processor, AtomicLong lag) {}

    /** @param tokenSerializer the serializer the token store writes tokens with */
    public EventProcessorLag(
            EventProcessingConfiguration processing,
            JdbcTemplate jdbc,
            EventSchema events,
            TokenSchema tokens,
            Serializer tokenSerializer,
            MeterRegistry registry) {
        super("event-processor-lag", INTERVAL);
        this.processing = processing;
        this.jdbc = jdbc;
        this.tokenSerializer = tokenSerializer;
        this.registry = registry;
        this.headQuery =
                "SELECT coalesce(max(" + events.globalIndexColumn() + "), 0) FROM " + events.domainEventTable();
        this.tokensQuery = "SELECT " + tokens.processorNameColumn() + ", " + tokens.segmentColumn() + ", "
                + tokens.tokenTypeColumn() + ", " + tokens.tokenColumn() + " FROM " + tokens.tokenTable();
    }

    @Override
    protected void registerMeters() {
        // Streaming processors only: a subscribing one handles events in the transaction that stores them.
        processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .forEach(processor -> {
                    AtomicLong lag = new AtomicLong(UNKNOWN);
                    processors.put(processor.getName(), new Tracked(processor, lag));
                    Gauge.builder(METER, lag, value -> value.get() == UNKNOWN ? Double.NaN : value.get())
                            .description("Events between the head of the event store and the processor's"
                                    + " furthest-behind segment")
                            .tag(EventProcessorMetrics.PROCESSOR_TAG, processor.getName())
                            .register(registry);
                });
    }

    /** Reads the head, the tokens and the processors' own status now, and sets every processor's gauge. */
    @Override
    public void read() {
        long head = jdbc.queryForObject(headQuery, Long.class);
        Map<String, Map<Integer, Long>> stored = new HashMap<>();
        jdbc.query(tokensQuery, row -> {
            String processor = row.getString(1);
            if (processors.containsKey(processor)) {
                stored.computeIfAbsent(processor, name -> new HashMap<>())
                        .put(row.getInt(2), position(row.getString(3), row.getBytes(4)));
            }
        });
        processors.forEach((name, tracked) -> {
            Map<Integer, Long> segments = stored.getOrDefault(name, new HashMap<>());
            // A segment this replica works on is further on in memory than in its token, which is stored when a batch
            // of its own commits or, for a segment whose events all went to the others, when its claim is extended
            // (every few seconds): without this the gauge would show those few seconds' events as lag.
            tracked.processor()
                    .processingStatus()
                    .forEach((segment, status) -> status.getCurrentPosition()
                            .ifPresent(position -> segments.merge(segment, position, Math::max)));
            OptionalLong lowest =
                    segments.values().stream().mapToLong(Long::longValue).min();
            tracked.lag().set(lowest.isPresent() ? Math.max(0, head - lowest.getAsLong()) : UNKNOWN);
        });
    }

    /** A segment's position: the global index it has handled up to, 0 when it has handled nothing yet. */
    private long position(String tokenType, byte[] serialized) {
        if (tokenType == null || serialized == null) {
            return 0;
        }
        TrackingToken token =
                tokenSerializer.deserialize(new SimpleSerializedObject<>(serialized, byte[].class, tokenType, null));
        return token == null ? 0 : Math.max(0, token.position().orElse(0));
    }
}

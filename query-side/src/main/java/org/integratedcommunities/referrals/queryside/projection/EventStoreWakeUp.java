package org.integratedcommunities.referrals.queryside.projection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;

/**
 * Wakes the pooled streaming processors when the command side appends events, instead of leaving them to look every
 * 500 ms.
 *
 * <p>Axon's pooled processor asks its event stream for an availability callback; the embedded event store's streams
 * offer none, so an idle coordinator looks at its stream every 500 ms, which was most of a command's read-your-write
 * lag. Here each processor's stream is wrapped ({@link #wakeable}) to accept the callback, and a listener on
 * PostgreSQL's channel {@code icr_events_appended} (sent by the event table's trigger when an appending transaction
 * commits, Flyway {@code V20} of the event store) calls it.
 *
 * <p>The callback only tells the coordinator to look at its stream now; the stream itself is read, as before, only by
 * the coordinator's own thread, so gap handling, tokens and batches are unchanged. The notification can arrive before
 * the event store's reader (which fetches every {@code icr.projections.fetch-delay}) has the events, so each wake-up
 * calls the callbacks a few times over the next fetch interval. And because a notification can be lost (the
 * listener's connection drops), every callback is also called every 500 ms, as Axon would have looked anyway.
 */
final class EventStoreWakeUp implements SmartLifecycle {

    static final String CHANNEL = "icr_events_appended";

    private static final Logger log = LoggerFactory.getLogger(EventStoreWakeUp.class);
    private static final long FALLBACK_MILLIS = 500;

    private final DataSourceProperties database;
    private final List<Long> wakeUpDelaysMillis;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-store-wake-up");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running;
    private Thread listener;

    /**
     * @param fetchDelayMillis how often the event store's reader fetches: the wake-ups spread over a little more
     */
    EventStoreWakeUp(DataSourceProperties database, long fetchDelayMillis) {
        this.database = database;
        long step = Math.max(5, fetchDelayMillis / 4);
        this.wakeUpDelaysMillis = List.of(0L, step, 2 * step, 3 * step, 4 * step + 10, 6 * step + 20);
    }

    /** The source as the processors see it: the same events, with streams that take an availability callback. */
    StreamableMessageSource<TrackedEventMessage<?>> wakeable(StreamableMessageSource<TrackedEventMessage<?>> source) {
        return new WakeableSource(source);
    }

    @Override
    public void start() {
        running = true;
        scheduler.scheduleWithFixedDelay(this::wakeAll, FALLBACK_MILLIS, FALLBACK_MILLIS, TimeUnit.MILLISECONDS);
        listener = new Thread(this::listen, "event-store-listener");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        scheduler.shutdownNow();
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void wakeAll() {
        callbacks.forEach(callback -> {
            try {
                callback.run();
            } catch (RuntimeException e) {
                log.warn("Waking an event processor failed", e);
            }
        });
    }

    private void appended() {
        for (long delay : wakeUpDelaysMillis) {
            scheduler.schedule(this::wakeAll, delay, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Listens until stopped; reconnects when the connection fails, after 1 s, doubling up to 30 s while it keeps failing
     * (the 500 ms fallback covers the gap).
     */
    private void listen() {
        long backOffMillis = 1_000;
        while (running) {
            try (Connection connection = DriverManager.getConnection(
                            database.determineUrl(), database.determineUsername(), database.determinePassword());
                    Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                PGConnection postgres = connection.unwrap(PGConnection.class);
                backOffMillis = 1_000;
                appended(); // anything appended while not listening
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(1_000);
                    if (notifications != null && notifications.length > 0) {
                        appended();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn(
                            "Listening for appended events failed; polling every {} ms, retrying in {} ms: {}",
                            FALLBACK_MILLIS,
                            backOffMillis,
                            e.getMessage());
                    try {
                        Thread.sleep(backOffMillis);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    backOffMillis = Math.min(backOffMillis * 2, 30_000);
                }
            }
        }
    }

    private final class WakeableSource implements StreamableMessageSource<TrackedEventMessage<?>> {
        private final StreamableMessageSource<TrackedEventMessage<?>> source;

        WakeableSource(StreamableMessageSource<TrackedEventMessage<?>> source) {
            this.source = source;
        }

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
            return new WakeableStream(source.openStream(trackingToken));
        }

        @Override
        public TrackingToken createTailToken() {
            return source.createTailToken();
        }

        @Override
        public TrackingToken createHeadToken() {
            return source.createHeadToken();
        }

        @Override
        public TrackingToken createTokenAt(java.time.Instant dateTime) {
            return source.createTokenAt(dateTime);
        }

        @Override
        public TrackingToken createTokenSince(java.time.Duration duration) {
            return source.createTokenSince(duration);
        }
    }

    /** The stream, unchanged, but taking the coordinator's callback (dropped when the stream closes). */
    private final class WakeableStream implements BlockingStream<TrackedEventMessage<?>> {
        private final BlockingStream<TrackedEventMessage<?>> stream;
        private volatile Runnable callback;

        WakeableStream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public boolean hasNextAvailable() {
            return stream.hasNextAvailable();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public Stream<TrackedEventMessage<?>> asStream() {
            return stream.asStream();
        }

        @Override
        public void close() {
            Runnable current = callback;
            if (current != null) {
                callbacks.remove(current);
            }
            stream.close();
        }
    }
}

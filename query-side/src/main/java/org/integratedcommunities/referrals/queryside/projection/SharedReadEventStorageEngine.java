package org.integratedcommunities.referrals.queryside.projection;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC event storage engine, reading the event stream once for all the processors that read the same part of
 * it at about the same time.
 *
 * <p>Each projection is its own processor with its own token, so in a replay each of the eight read and upcast the
 * whole store itself, the same batches one after the other. Here a batch fetched after a token is kept, as the upcast
 * and lazily deserialized messages, and a reader asking for the batch after an <em>equal</em> token (the same index
 * and the same gaps) gets those same messages instead of a query. Its answer is exactly what a reader with that token
 * got moments before: it is as if that reader had been a little slower. Gaps stay in the tokens the batch carries, so
 * the reader looks for them again on its next fetch as it always did, and an event committed late into a gap is read
 * then, once. A reader that asks while another is fetching after the same token waits for that fetch.
 *
 * <p>Only batches that came back full are kept for long (a replay's), and only the last {@code maxBatches} of them, so
 * memory stays bounded; a short batch (the live tail's) is reused only within {@code shortBatchNanos}, the reader's
 * fetch interval, and an empty one never. The messages are shared between processors' threads: their payloads are
 * immutable records, deserialized on first use by whichever thread gets there first.
 */
final class SharedReadEventStorageEngine extends JdbcEventStorageEngine {

    private final int maxBatches;
    private final long shortBatchNanos;
    /** Where a reader with this token would start: a fetch after it, or a row inside a fetch. Guarded by itself. */
    private final Map<TrackingToken, Position> positions = new HashMap<>();
    /** The fetches kept, oldest first. Guarded by {@link #positions}. */
    private final ArrayDeque<Fetch> kept = new ArrayDeque<>();

    private final AtomicLong batchesFetched = new AtomicLong();
    private final AtomicLong batchesShared = new AtomicLong();

    SharedReadEventStorageEngine(JdbcEventStorageEngine.Builder builder, int maxBatches, long shortBatchNanos) {
        super(builder);
        this.maxBatches = maxBatches;
        this.shortBatchNanos = shortBatchNanos;
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return StreamSupport.stream(new SharedBatches(trackingToken), false);
    }

    /** The batch after {@code lastToken}: fetched now, or (part of) one fetched moments ago that covers it. */
    Batch batchAfter(TrackingToken lastToken) {
        Position position;
        Fetch fetch = null;
        synchronized (positions) {
            position = positions.get(lastToken);
            if (position != null && position.fetch().stale(System.nanoTime(), shortBatchNanos)) {
                drop(position.fetch());
                position = null;
            }
            if (position == null) {
                fetch = new Fetch(lastToken);
                positions.put(lastToken, new Position(fetch, 0));
                kept.addLast(fetch);
                while (kept.size() > maxBatches) {
                    drop(kept.peekFirst());
                }
            }
        }
        if (fetch == null) {
            batchesShared.incrementAndGet();
            try {
                return position.fetch().result.join().after(position.row());
            } catch (CompletionException | CancellationException failedElsewhere) {
                // The other reader's fetch failed: this reader fetches for itself, and fails on its own if it must.
                return fetch(lastToken);
            }
        }
        try {
            Batch batch = fetch(lastToken);
            fetch.fetchedAt = System.nanoTime();
            fetch.full = batch.rows() >= batchSize();
            synchronized (positions) {
                if (batch.rows() == 0) {
                    drop(fetch);
                } else if (kept.contains(fetch)) {
                    // A reader whose token is that of a row of this batch starts after that row.
                    for (int row = 1; row < batch.rows(); row++) {
                        positions.put(batch.rowTokens().get(row - 1), new Position(fetch, row));
                    }
                }
            }
            fetch.result.complete(batch);
            return batch;
        } catch (RuntimeException e) {
            synchronized (positions) {
                drop(fetch);
            }
            fetch.result.completeExceptionally(e);
            throw e;
        }
    }

    /** Batches read from the database, and batches handed on to another reader instead (for the benchmark). */
    long[] batchesFetchedAndShared() {
        return new long[] {batchesFetched.get(), batchesShared.get()};
    }

    private Batch fetch(TrackingToken lastToken) {
        batchesFetched.incrementAndGet();
        List<? extends TrackedEventData<?>> data = fetchTrackedEvents(lastToken, batchSize());
        if (data.isEmpty()) {
            return new Batch(List.of(), List.of(), new int[] {0});
        }
        List<TrackedEventMessage<?>> messages = EventUtils.upcastAndDeserializeTrackedEvents(
                        data.stream(), getEventSerializer(), upcasterChain)
                .toList();
        List<TrackingToken> rowTokens =
                data.stream().map(TrackedEventData::trackingToken).toList();
        // An upcaster may drop or split a row's message: the first message after each row, found by the row's token,
        // which the row's messages carry.
        int[] firstMessageAfterRow = new int[rowTokens.size() + 1];
        int message = 0;
        for (int row = 1; row <= rowTokens.size(); row++) {
            while (message < messages.size()
                    && messages.get(message).trackingToken().equals(rowTokens.get(row - 1))) {
                message++;
            }
            firstMessageAfterRow[row] = message;
        }
        return new Batch(messages, rowTokens, firstMessageAfterRow);
    }

    /** Forgets a fetch and every position in it (called holding {@link #positions}). */
    private void drop(Fetch fetch) {
        kept.remove(fetch);
        positions.remove(fetch.after, new Position(fetch, 0));
        if (fetch.result.isDone() && !fetch.result.isCompletedExceptionally()) {
            List<TrackingToken> rowTokens = fetch.result.join().rowTokens();
            for (int row = 1; row < rowTokens.size(); row++) {
                positions.remove(rowTokens.get(row - 1), new Position(fetch, row));
            }
        }
    }

    /** A place to start reading: after {@code row} rows of {@code fetch}. */
    private record Position(Fetch fetch, int row) {}

    /**
     * The messages of one fetch and the tokens of its rows: a reader goes on after the last row's token (an upcaster
     * may drop or split messages, so the last message's token is not always the last row's).
     */
    record Batch(List<TrackedEventMessage<?>> messages, List<TrackingToken> rowTokens, int[] firstMessageAfterRow) {

        int rows() {
            return rowTokens.size();
        }

        TrackingToken lastToken() {
            return rowTokens.get(rowTokens.size() - 1);
        }

        /** What a fetch after the token of row {@code row} returned, as far as this fetch went. */
        Batch after(int row) {
            if (row == 0) {
                return this;
            }
            return new Batch(
                    messages.subList(firstMessageAfterRow[row], messages.size()),
                    rowTokens.subList(row, rowTokens.size()),
                    Arrays.stream(firstMessageAfterRow, row, firstMessageAfterRow.length)
                            .map(index -> index - firstMessageAfterRow[row])
                            .toArray());
        }
    }

    /** One fetch after a token, in progress or done. */
    private static final class Fetch {
        final TrackingToken after;
        final CompletableFuture<Batch> result = new CompletableFuture<>();
        volatile long fetchedAt;
        volatile boolean full;

        Fetch(TrackingToken after) {
            this.after = after;
        }

        /** A short batch is reused only within the fetch interval; a full one while it is among the last kept. */
        boolean stale(long now, long shortBatchNanos) {
            return result.isDone() && !full && now - fetchedAt > shortBatchNanos;
        }
    }

    /** A reader's stream: batch after batch until one comes back empty, as Axon's batching engine reads. */
    private final class SharedBatches extends Spliterators.AbstractSpliterator<TrackedEventMessage<?>> {
        private TrackingToken lastToken;
        private Iterator<TrackedEventMessage<?>> messages;

        SharedBatches(TrackingToken trackingToken) {
            super(Long.MAX_VALUE, NONNULL | ORDERED | DISTINCT | CONCURRENT);
            this.lastToken = trackingToken;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventMessage<?>> action) {
            while (messages == null || !messages.hasNext()) {
                Batch batch = batchAfter(lastToken);
                if (batch.rows() == 0) {
                    return false;
                }
                lastToken = batch.lastToken();
                messages = batch.messages().iterator();
            }
            action.accept(messages.next());
            return true;
        }
    }
}

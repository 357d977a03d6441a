package org.integratedcommunities.referrals.queryside.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A benchmark, not a timed test: how fast {@link ProjectionReplay} rebuilds every read model from a large event store.
 * Writes events per second to {@code target/bench/replay.json} (infra/bench gathers it); asserts only that the replay
 * caught up and rebuilt the referrals.
 *
 * <p>The store is made large quickly but representatively: a template of real lifecycles (the events the command side
 * stores for them, appended through Axon's JDBC event store with its serializer — raise, accept, progress, return for
 * information, redirect, decline, withdraw, suspend, escalations, outcomes, close; cases; access-log entries) is
 * projected, then its referral events are copied in SQL with a new referral id per copy (in the aggregate identifier
 * and inside the payload), keeping their interleaving, until the store holds the number of events asked for. Every
 * copied referral is therefore a distinct referral that every projection inserts and updates as it would a real one.
 *
 * <p>System property {@code icr.bench.replayEvents} (default 1,500: the test suite's smoke size).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class ReplayBenchmark {

    /** About 50,000 events a statement. */
    private static final int COPIES_PER_STATEMENT = 50;

    private static final TestDatabase database = TestDatabase.create("replaybench");
    private static final int TEMPLATE_REFERRALS = 200;

    private final int events = Integer.getInteger("icr.bench.replayEvents", 1_500);

    /**
     * System property {@code icr.bench.replayOnly}: the processors to replay (comma separated), the others staying idle
     * at the head. For measuring what one processor, or a few, cost alone (docs/performance.md, the replay's floor).
     */
    private final List<String> only = List.of(
                    System.getProperty("icr.bench.replayOnly", "").split(","))
            .stream()
            .filter(name -> !name.isBlank())
            .toList();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ProjectionTestSupport.useDatabase(database, registry);
    }

    @AfterAll
    static void dropDatabase(@Autowired EventProcessingConfiguration processing) {
        QuerySideTestSupport.stopProcessorsAndDrop(processing, database);
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    ProjectionReplay replay;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventStorageEngine storageEngine;

    @Test
    void everyReadModelRebuiltFromTheWholeStore() throws Exception {
        ProjectionTestSupport.appendLifecycles(eventStore, TEMPLATE_REFERRALS, 20, 5);
        ProjectionTestSupport.awaitCaughtUp(processing, jdbc, Duration.ofSeconds(120));

        // Copies are made with the processors stopped, so the only pass over them is the replay's.
        streamingProcessors().forEach(StreamingEventProcessor::shutDown);
        long copies = copyReferralEventsUpTo(events);
        long stored = jdbc.queryForObject("SELECT count(*) FROM event_store.domain_event_entry", Long.class);
        double averagePayloadBytes = jdbc.queryForObject(
                "SELECT avg(octet_length(payload)) FROM event_store.domain_event_entry", Double.class);

        // As if the processors had been running when the copies were appended: their tokens at the head, so that the
        // reset marks every event as a replay (handlers that disallow replay, such as live notifications, skip them),
        // as it does in a real replay of a live store.
        long head = jdbc.queryForObject("SELECT max(global_index) FROM event_store.domain_event_entry", Long.class);
        jdbc.update(
                "UPDATE read_model.token_entry SET token = convert_to(?, 'UTF8'), token_type = ?",
                "{\"index\":" + head + ",\"gaps\":[]}",
                GapAwareTrackingToken.class.getName());

        long[] batchesBefore = batches();
        long started = System.nanoTime();
        List<String> replayed = only.isEmpty() ? replay.replayAll() : replayOnly();
        Map<String, Double> catchUpSeconds = timeEachCatchUp(head, started, Duration.ofMinutes(30));
        ProjectionTestSupport.awaitCaughtUp(processing, jdbc, Duration.ofMinutes(1));
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] batchesAfter = batches();

        ObjectNode result = new ObjectMapper().createObjectNode();
        result.put("benchmark", "replay: every projection reset and rebuilt from the whole event store");
        result.put("events", stored);
        result.put("copiesOfTheTemplate", copies);
        result.put("averagePayloadBytes", Math.round(averagePayloadBytes));
        result.put("processors", replayed.size());
        result.put("seconds", Math.round(seconds * 10) / 10.0);
        result.put("eventsPerSecond", Math.round(stored / seconds));
        // How often the processors read a batch themselves, and how often one was handed on from another processor.
        result.put("batchesRead", batchesAfter[0] - batchesBefore[0]);
        result.put("batchesShared", batchesAfter[1] - batchesBefore[1]);
        ObjectNode perProcessor = result.putObject("secondsToCatchUpPerProcessor");
        catchUpSeconds.forEach(perProcessor::put);
        result.put("ranAt", Instant.now().toString());
        Path out = Path.of("target/bench/replay.json");
        Files.createDirectories(out.getParent());
        Files.writeString(
                out, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.out.printf(
                "Replay of %d events by %d processors: %.1f s, %d events/s (written to %s); caught up after: %s%n",
                stored,
                replayed.size(),
                seconds,
                result.get("eventsPerSecond").asLong(),
                out.toAbsolutePath(),
                catchUpSeconds);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_model.referral_summary", Long.class))
                .as("every referral, template and copies, rebuilt")
                .isEqualTo(
                        TEMPLATE_REFERRALS * (only.isEmpty() || only.contains("referral-summaries") ? 1 + copies : 1));
    }

    /** As {@link ProjectionReplay#replayAll}, for the processors of {@link #only}. */
    private List<String> replayOnly() {
        List<StreamingEventProcessor> processors = streamingProcessors();
        processors.forEach(StreamingEventProcessor::shutDown);
        processors.stream()
                .filter(processor -> only.contains(processor.getName()))
                .forEach(StreamingEventProcessor::resetTokens);
        processors.forEach(StreamingEventProcessor::start);
        return only;
    }

    /**
     * Seconds from {@code started} until each processor caught up with {@code head}, slowest last: the replay ends with
     * the slowest, so this says which processors to look at.
     */
    private Map<String, Double> timeEachCatchUp(long head, long started, Duration atMost) throws InterruptedException {
        List<StreamingEventProcessor> processors = streamingProcessors().stream()
                .filter(processor -> only.isEmpty() || only.contains(processor.getName()))
                .toList();
        // From the processors' own status only, no query: the replay's workers may hold every pooled connection.
        int segments = jdbc.queryForObject(
                "SELECT count(*) FROM read_model.token_entry WHERE processor_name = ?",
                Integer.class,
                processors.get(0).getName());
        Map<String, Double> seconds = new HashMap<>();
        long deadline = System.nanoTime() + atMost.toNanos();
        while (seconds.size() < processors.size() && System.nanoTime() < deadline) {
            for (StreamingEventProcessor processor : processors) {
                Map<Integer, EventTrackerStatus> status = processor.processingStatus();
                boolean caughtUp = status.size() == segments
                        && status.values().stream()
                                .allMatch(segment -> !segment.isErrorState()
                                        && segment.getCurrentPosition().orElse(-1) >= head);
                if (!seconds.containsKey(processor.getName()) && caughtUp) {
                    seconds.put(processor.getName(), Math.round((System.nanoTime() - started) / 1e8) / 10.0);
                }
            }
            Thread.sleep(100);
        }
        Map<String, Double> slowestLast = new LinkedHashMap<>();
        seconds.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .forEach(entry -> slowestLast.put(entry.getKey(), entry.getValue()));
        return slowestLast;
    }

    private long[] batches() {
        return storageEngine instanceof SharedReadEventStorageEngine shared
                ? shared.batchesFetchedAndShared()
                : new long[] {0, 0};
    }

    private List<StreamingEventProcessor> streamingProcessors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList();
    }

    /**
     * Copies the template's referral events, a new referral id per copy, until the store holds about the target: a
     * statement per {@link #COPIES_PER_STATEMENT} copies, each well inside the pool's 10 s statement timeout.
     */
    private long copyReferralEventsUpTo(int target) {
        long stored = jdbc.queryForObject("SELECT count(*) FROM event_store.domain_event_entry", Long.class);
        long templateHead =
                jdbc.queryForObject("SELECT max(global_index) FROM event_store.domain_event_entry", Long.class);
        long perCopy = jdbc.queryForObject(
                "SELECT count(*) FROM event_store.domain_event_entry WHERE type = 'Referral'", Long.class);
        long copies = Math.max(0, (target - stored + perCopy - 1) / perCopy);
        for (long first = 1; first <= copies; first += COPIES_PER_STATEMENT) {
            copy(templateHead, first, Math.min(copies, first + COPIES_PER_STATEMENT - 1));
        }
        return copies;
    }

    /** Copies number {@code first} to {@code last} of the template (the referral events up to {@code templateHead}). */
    private void copy(long templateHead, long first, long last) {
        jdbc.update("""
                INSERT INTO event_store.domain_event_entry (event_identifier, meta_data, payload, payload_revision,
                    payload_type, time_stamp, aggregate_identifier, sequence_number, type)
                SELECT gen_random_uuid()::text, e.meta_data,
                       convert_to(replace(convert_from(e.payload, 'UTF8'), e.aggregate_identifier, copy.id), 'UTF8'),
                       e.payload_revision, e.payload_type, e.time_stamp, copy.id, e.sequence_number, e.type
                FROM generate_series(?, ?) AS n
                CROSS JOIN event_store.domain_event_entry e
                CROSS JOIN LATERAL (SELECT md5(e.aggregate_identifier || ':' || n)::uuid::text AS id) copy
                WHERE e.type = 'Referral' AND e.global_index <= ?
                ORDER BY n, e.global_index
                """, first, last, templateHead);
    }
}

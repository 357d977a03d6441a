package org.integratedcommunities.referrals.queryside.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.ESOL;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.append;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.newReferral;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.raised;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The processors share what they read from the event store ({@link SharedReadEventStorageEngine}): a reader handed a
 * batch another reader fetched must see exactly what it would have seen reading a little earlier, and so must still
 * find an event committed late into a gap, once, and never an event twice.
 *
 * <p>Readers here are the engine's streams, as each processor's coordinator opens them; the processors themselves are
 * stopped so that only these readers use the engine. The fetch interval is long, so that a batch fetched by one reader
 * is certainly still there for the next (no timing in the test).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "icr.projections.fetch-delay=10m")
@DirtiesContext
class SharedReadIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("shared_read");

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
    EventStorageEngine engine;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @BeforeEach
    void onlyTheseReaders() {
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
    }

    @Test
    void aSharedBatchKeepsItsGapsSoALateCommitIsReadOnceByEveryReader() throws Exception {
        ReferralId warmUp = newReferral();
        append(eventStore, warmUp, 0, raised(warmUp, ESOL));
        Reader first = new Reader(null);
        first.readAll();
        TrackingToken beforeTheGap = first.token;

        ReferralId late = newReferral();
        ReferralId early = newReferral();
        ReferralId earlier = newReferral();
        Reader second = new Reader(beforeTheGap);
        Reader middle;
        Reader afterTheCommit = new Reader(beforeTheGap);
        try (Connection longTransaction = database.connect()) {
            longTransaction.setAutoCommit(false);
            LateCommitIntegrationTest.insertWithoutCommitting(longTransaction, eventSerializer, late);
            append(eventStore, earlier, 0, raised(earlier, ESOL));
            append(eventStore, early, 0, raised(early, ESOL));

            long[] before = shared();
            first.readAll();
            assertThat(first.aggregates()).containsExactly(warmUp.toString(), earlier.toString(), early.toString());
            second.readAll();
            assertThat(shared()[1])
                    .as("the second reader was handed the first one's batch")
                    .isGreaterThan(before[1]);
            assertThat(second.aggregates()).containsExactly(earlier.toString(), early.toString());
            assertThat(second.token).isEqualTo(first.token);

            // A reader whose token is that of a row inside the shared batch starts after that row.
            middle = new Reader(second.events.get(0).trackingToken());
            long[] beforeMiddle = shared();
            middle.readAll();
            assertThat(shared()[1]).as("handed the rest of the batch").isGreaterThan(beforeMiddle[1]);
            assertThat(middle.aggregates()).containsExactly(early.toString());

            longTransaction.commit();
        }

        // Handed the batch fetched before the commit, as if it had read then: the gap is in its tokens.
        afterTheCommit.readAll();
        assertThat(afterTheCommit.aggregates()).contains(late.toString());
        for (Reader reader : List.of(first, second, middle)) {
            reader.readAll();
            assertThat(reader.aggregates())
                    .as("the late commit found in the gap")
                    .contains(late.toString());
        }
        for (Reader reader : List.of(first, second, middle, afterTheCommit)) {
            reader.readAll();
            assertThat(reader.aggregates()).as("no event read twice").doesNotHaveDuplicates();
        }
        assertThat(afterTheCommit.aggregates())
                .containsExactlyInAnyOrder(earlier.toString(), early.toString(), late.toString());
    }

    private long[] shared() {
        return ((SharedReadEventStorageEngine) engine).batchesFetchedAndShared();
    }

    /** One processor's reading: a stream from its token until there is nothing more, then again from where it got. */
    private final class Reader {
        TrackingToken token;
        final List<TrackedEventMessage<?>> events = new ArrayList<>();

        Reader(TrackingToken token) {
            this.token = token;
        }

        void readAll() {
            engine.readEvents(token, false).forEach(event -> {
                events.add(event);
                token = event.trackingToken();
            });
        }

        List<String> aggregates() {
            return events.stream()
                    .map(event ->
                            ((org.axonframework.eventhandling.DomainEventMessage<?>) event).getAggregateIdentifier())
                    .toList();
        }
    }
}

package org.integratedcommunities.referrals.queryside.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.ESOL;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.PROCESSING_GROUP;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.append;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.awaitCaughtUp;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.newReferral;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.raised;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.integratedcommunities.referrals.eventstore.EventProcessorLag;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
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
 * {@code eventProcessor.lag}: a stopped processor's gauge goes up by each event stored, the others' read 0 once they
 * have handled them, and it goes back to 0 when the processor is started and catches up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class EventProcessorLagIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("processor_lag");
    private static final String ANOTHER_PROCESSOR = "referral-timelines";

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
    EventProcessorLag lag;

    @Autowired
    MeterRegistry registry;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aStoppedProcessorsLagCountsTheEventsStoredAndFallsToZeroWhenItCatchesUp() {
        ReferralId first = newReferral();
        append(eventStore, first, 0, raised(first, ESOL));
        awaitCaughtUp(processing, jdbc, Duration.ofSeconds(30));
        assertLag(PROCESSING_GROUP, 0);

        StreamingEventProcessor summaries = processing
                .eventProcessor(PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        summaries.shutDown();
        // Stopped, its lag is read from its tokens alone: a segment that the first event did not go to stores its
        // position only every few seconds, so the stopped processor will read that event again (and skip it).
        lag.read();
        double whenStopped = lagOf(PROCESSING_GROUP);
        assertThat(whenStopped).isBetween(0.0, 1.0);

        for (int i = 0; i < 3; i++) {
            ReferralId referral = newReferral();
            append(eventStore, referral, 0, raised(referral, ESOL));
        }

        assertLag(PROCESSING_GROUP, whenStopped + 3);
        assertLag(ANOTHER_PROCESSOR, 0);

        summaries.start();
        awaitCaughtUp(processing, jdbc, Duration.ofSeconds(30));
        assertLag(PROCESSING_GROUP, 0);
    }

    /**
     * Reads the lag until the processor's gauge shows {@code expected}: a running processor stores its token when its
     * batch commits, and the gauge's own reading every few seconds may land between a read here and the assertion.
     */
    private void assertLag(String processor, double expected) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            lag.read();
            assertThat(lagOf(processor)).as("lag of %s", processor).isEqualTo(expected);
        });
    }

    private double lagOf(String processor) {
        return registry.get("eventProcessor.lag")
                .tag("eventProcessor", processor)
                .gauge()
                .value();
    }
}

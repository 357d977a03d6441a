package org.integratedcommunities.referrals.queryside.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.ESOL;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.PROCESSING_GROUP;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.accepted;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.append;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.closed;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.newReferral;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.progress;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.raised;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralProgressRecordedEvent;
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A poison event: one referral's event fails in the projection. It lands in the dead-letter queue, the later events of
 * the same referral are parked behind it (sequenced), other referrals keep being projected, and the failure is logged
 * at ERROR without the event's payload.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class PoisonEventIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("poison");

    /** A marker in the poison event's sealed note: it must never reach the log. */
    private static final String PAYLOAD_MARKER = "UE9JU09OLXBheWxvYWQtbWFya2Vy";

    private static final ReferralId POISONED = newReferral();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ProjectionTestSupport.useDatabase(database, registry);
    }

    @AfterAll
    static void dropDatabase(@Autowired EventProcessingConfiguration processing) {
        QuerySideTestSupport.stopProcessorsAndDrop(processing, database);
    }

    /** A second handler in the projection's processing group that cannot stomach one referral's progress. */
    @TestConfiguration
    static class Poison {

        @Bean
        PoisonedProgressHandler poisonedProgressHandler() {
            return new PoisonedProgressHandler();
        }

        @Bean
        UnconfiguredProjection unconfiguredProjection() {
            return new UnconfiguredProjection();
        }
    }

    /** A projection someone has just added, in a processing group that no configuration mentions. */
    @ProcessingGroup(UnconfiguredProjection.PROCESSING_GROUP)
    static class UnconfiguredProjection {

        static final String PROCESSING_GROUP = "brand-new-projection";

        @EventHandler
        void on(ReferralProgressRecordedEvent event) {}
    }

    @ProcessingGroup(PROCESSING_GROUP)
    static class PoisonedProgressHandler {

        @EventHandler
        void on(ReferralProgressRecordedEvent event) {
            if (event.referralId().equals(POISONED)) {
                throw new IllegalStateException("this projection cannot take referral " + event.referralId());
            }
        }
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void everyProcessingGroupHasADeadLetterQueueWithoutAnyoneAskingForIt() {
        assertThat(processing.deadLetterQueue(PROCESSING_GROUP)).isPresent();
        assertThat(processing.deadLetterQueue(UnconfiguredProjection.PROCESSING_GROUP))
                .as("a processing group no configuration mentions")
                .isPresent();
        assertThat(processing.sequencedDeadLetterProcessor(UnconfiguredProjection.PROCESSING_GROUP))
                .as("and its events go through the dead-lettering invoker")
                .isPresent();
    }

    @Test
    void thePoisonEventIsDeadLetteredItsReferralWaitsBehindItAndOthersFlow(CapturedOutput output) {
        ReferralId healthy = newReferral();
        ReferralId later = newReferral();

        append(eventStore, POISONED, 0, raised(POISONED, ESOL));
        append(eventStore, healthy, 0, raised(healthy, ESOL));
        append(eventStore, POISONED, 1, accepted(POISONED));
        append(eventStore, healthy, 1, accepted(healthy));
        append(eventStore, POISONED, 2, progress(POISONED, PAYLOAD_MARKER));
        append(eventStore, healthy, 2, progress(healthy, "aGVhbHRoeQ"));
        append(eventStore, POISONED, 3, closed(POISONED));
        append(eventStore, healthy, 3, closed(healthy));
        append(eventStore, later, 0, raised(later, ESOL));

        await().atMost(Duration.ofSeconds(30)).until(() -> status(later) != null && "CLOSED".equals(status(healthy)));
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters().size() == 2);

        assertThat(status(POISONED))
                .as("applied up to the event before the poison, and not a step further")
                .isEqualTo("ACCEPTED");
        assertThat(status(healthy)).isEqualTo("CLOSED");
        assertThat(status(later)).isEqualTo("RAISED");

        List<Map<String, Object>> letters = deadLetters();
        assertThat(letters)
                .extracting("sequence_identifier", "aggregate_identifier", "sequence_number", "payload_type")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                POISONED.toString(),
                                POISONED.toString(),
                                2L,
                                ReferralProgressRecordedEvent.class.getName()),
                        org.assertj.core.groups.Tuple.tuple(
                                POISONED.toString(),
                                POISONED.toString(),
                                3L,
                                org.integratedcommunities.referrals.kernel.referral.ReferralClosedEvent.class
                                        .getName()));
        assertThat(letters.get(0).get("cause_type")).isEqualTo(IllegalStateException.class.getName());
        assertThat(letters.get(1).get("cause_type")).as("parked, not failed").isNull();

        await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("DEAD-LETTERED"));
        String errorLine = output.getOut()
                .lines()
                .filter(line -> line.contains("DEAD-LETTERED"))
                .findFirst()
                .orElseThrow();
        assertThat(errorLine)
                .contains("ERROR")
                .contains(PROCESSING_GROUP)
                .contains(ReferralProgressRecordedEvent.class.getName())
                .contains(POISONED.toString());
        assertThat(output.getOut() + output.getErr()).doesNotContain(PAYLOAD_MARKER);
    }

    private String status(ReferralId referralId) {
        return jdbc
                .queryForList(
                        "SELECT status FROM read_model.referral_summary WHERE referral_id = ?",
                        String.class,
                        referralId.value())
                .stream()
                .findFirst()
                .orElse(null);
    }

    private List<Map<String, Object>> deadLetters() {
        return jdbc.queryForList(
                "SELECT sequence_identifier, aggregate_identifier, sequence_number, payload_type, cause_type"
                        + " FROM read_model.dead_letter_entry WHERE processing_group = ? ORDER BY sequence_index",
                PROCESSING_GROUP);
    }
}

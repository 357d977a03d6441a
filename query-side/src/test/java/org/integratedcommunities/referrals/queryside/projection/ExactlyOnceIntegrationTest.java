package org.integratedcommunities.referrals.queryside.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.ESOL;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.PROCESSING_GROUP;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.append;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.newReferral;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.raised;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A projection's row changes, its token and its dead letters commit in one transaction, and each event is undone whole
 * when it fails: an event is applied exactly once, or not at all and dead-lettered, never half.
 *
 * <p>A probe handler in the projection's processing group counts, in a read-model table, how often it applied each
 * referral's raised event, in a deliberately non-idempotent way ({@code applied = applied + 1}): a count above one
 * would mean that a failed attempt's write survived while its token did not advance.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class ExactlyOnceIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("exactly_once");

    /** What the probe does, after writing, for a referral: nothing by default. */
    enum Trouble {
        NONE,
        /** Fails once for a reason that passes (a lost lock, a timeout): the batch must be retried. */
        PASSING_FAILURE_ONCE,
        /** Fails every time, in Java, after writing: the event must be dead-lettered and its write undone. */
        FAILS_AFTER_WRITING,
        /** Fails every time inside PostgreSQL, which aborts the transaction: the same, and the batch still commits. */
        FAILS_IN_THE_DATABASE
    }

    private static final Map<ReferralId, Trouble> troubles = new ConcurrentHashMap<>();
    private static final Map<ReferralId, AtomicInteger> attempts = new ConcurrentHashMap<>();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ProjectionTestSupport.useDatabase(database, registry);
    }

    @BeforeAll
    static void createProbeTable(@Autowired JdbcTemplate jdbc) {
        jdbc.execute("CREATE TABLE read_model.probe_applied (referral_id UUID PRIMARY KEY, applied INT NOT NULL)");
    }

    @AfterAll
    static void dropDatabase(@Autowired EventProcessingConfiguration processing) {
        QuerySideTestSupport.stopProcessorsAndDrop(processing, database);
    }

    @TestConfiguration
    static class Probe {

        @Bean
        ProbeHandler probeHandler(JdbcTemplate jdbc) {
            return new ProbeHandler(jdbc);
        }
    }

    @ProcessingGroup(PROCESSING_GROUP)
    static class ProbeHandler {

        private final JdbcTemplate jdbc;

        ProbeHandler(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @EventHandler
        void on(ReferralRaisedEvent event) {
            ReferralId referralId = event.referralId();
            int attempt = attempts.computeIfAbsent(referralId, id -> new AtomicInteger())
                    .incrementAndGet();
            jdbc.update(
                    "INSERT INTO read_model.probe_applied (referral_id, applied) VALUES (?, 1)"
                            + " ON CONFLICT (referral_id) DO UPDATE SET applied = probe_applied.applied + 1",
                    referralId.value());
            switch (troubles.getOrDefault(referralId, Trouble.NONE)) {
                case NONE -> {}
                case PASSING_FAILURE_ONCE -> {
                    if (attempt == 1) {
                        throw new TransientDataAccessResourceException("simulated: the database was busy");
                    }
                }
                case FAILS_AFTER_WRITING -> throw new IllegalStateException("simulated: a bug after the write");
                case FAILS_IN_THE_DATABASE ->
                    jdbc.update("INSERT INTO read_model.probe_applied (referral_id, applied) VALUES (NULL, 0)");
            }
        }
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aBatchThatFailsForAPassingReasonIsRolledBackWholeAndRetriedAndAppliedOnce() {
        ReferralId flaky = newReferral();
        ReferralId neighbour = newReferral();
        troubles.put(flaky, Trouble.PASSING_FAILURE_ONCE);
        // Two referrals appended together: whichever batch they share is rolled back and retried whole.
        append(eventStore, flaky, 0, raised(flaky, ESOL));
        append(eventStore, neighbour, 0, raised(neighbour, ESOL));

        await().atMost(Duration.ofSeconds(60)).until(() -> summaryExists(flaky) && summaryExists(neighbour));

        assertThat(attempts.get(flaky).get())
                .as("the failed attempt was retried")
                .isGreaterThanOrEqualTo(2);
        assertThat(applied(flaky))
                .as("the failed attempt's write was rolled back with its batch: applied exactly once")
                .isEqualTo(1);
        assertThat(applied(neighbour)).isEqualTo(1);
        assertThat(deadLetters(flaky))
                .as("a passing failure is retried, not dead-lettered")
                .isEmpty();
    }

    @Test
    void anEventThatFailsAfterWritingIsDeadLetteredAndNothingOfItRemains() {
        assertDeadLetteredWhole(Trouble.FAILS_AFTER_WRITING, IllegalStateException.class.getName());
    }

    @Test
    void anEventThatFailsInsidePostgresqlIsDeadLetteredAndTheRestOfItsBatchCommits() {
        // PostgreSQL aborts a transaction at its first failed statement: without the event's savepoint, neither the
        // dead letter nor anything else of the batch could be written, and the batch would fail for ever.
        assertDeadLetteredWhole(
                Trouble.FAILS_IN_THE_DATABASE, "org.springframework.dao.DataIntegrityViolationException");
    }

    private void assertDeadLetteredWhole(Trouble trouble, String causeType) {
        ReferralId before = newReferral();
        ReferralId broken = newReferral();
        ReferralId after = newReferral();
        troubles.put(broken, trouble);
        append(eventStore, before, 0, raised(before, ESOL));
        append(eventStore, broken, 0, raised(broken, ESOL));
        append(eventStore, after, 0, raised(after, ESOL));

        await().atMost(Duration.ofSeconds(30)).until(() -> summaryExists(before) && summaryExists(after));
        await().atMost(Duration.ofSeconds(10)).until(() -> !deadLetters(broken).isEmpty());

        assertThat(deadLetters(broken)).extracting("cause_type").containsExactly(causeType);
        assertThat(applied(broken)).as("the probe's own write was rolled back").isZero();
        assertThat(summaryExists(broken))
                .as("nor did the projection's row of the same event survive: the whole event is undone")
                .isFalse();
        assertThat(applied(before)).isEqualTo(1);
        assertThat(applied(after)).isEqualTo(1);
        assertThat(attempts.get(broken).get())
                .as("failed once in its batch without savepoints, then once more under its own savepoint and"
                        + " dead-lettered: not retried further")
                .isEqualTo(2);
    }

    @Test
    void aFailingEventInABatchWithoutSavepointsEndsAsOneDeadLetterAndTheRestOfItsBatchIsAppliedOnce() {
        // Many referrals committed together, so that the failing event shares its batch with others: the first
        // attempt (no savepoints) fails and rolls back the whole batch; the retry isolates each event under a
        // savepoint, dead-letters the failing one alone and commits the rest.
        List<ReferralId> referrals = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            referrals.add(newReferral());
        }
        ReferralId broken = referrals.get(17);
        troubles.put(broken, Trouble.FAILS_IN_THE_DATABASE);
        eventStore.publish(referrals.stream()
                .<EventMessage<?>>map(referral -> new GenericDomainEventMessage<>(
                        "Referral", referral.toString(), 0, raised(referral, ESOL), MetaData.with("userId", "someone")))
                .toList());

        List<ReferralId> healthy =
                referrals.stream().filter(referral -> !referral.equals(broken)).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> healthy.stream().allMatch(this::summaryExists));
        await().atMost(Duration.ofSeconds(10)).until(() -> !deadLetters(broken).isEmpty());

        assertThat(deadLetters(broken))
                .extracting("cause_type")
                .containsExactly("org.springframework.dao.DataIntegrityViolationException");
        assertThat(applied(broken)).as("nothing of the failing event applied").isZero();
        assertThat(summaryExists(broken)).isFalse();
        assertThat(attempts.get(broken).get())
                .as("once in the batch without savepoints, once isolated")
                .isEqualTo(2);
        assertThat(healthy)
                .as("the rest of the batch applied, exactly once, though the first attempt at it was rolled back")
                .allSatisfy(referral -> assertThat(applied(referral)).isEqualTo(1));
        assertThat(healthy)
                .allSatisfy(referral -> assertThat(deadLetters(referral)).isEmpty());
    }

    private boolean summaryExists(ReferralId referralId) {
        Integer count = jdbc.queryForObject(
                "SELECT count(*) FROM read_model.referral_summary WHERE referral_id = ?",
                Integer.class,
                referralId.value());
        return count != null && count > 0;
    }

    private int applied(ReferralId referralId) {
        List<Integer> applied = jdbc.queryForList(
                "SELECT applied FROM read_model.probe_applied WHERE referral_id = ?",
                Integer.class,
                referralId.value());
        return applied.isEmpty() ? 0 : applied.get(0);
    }

    private List<Map<String, Object>> deadLetters(ReferralId referralId) {
        return jdbc.queryForList(
                "SELECT cause_type FROM read_model.dead_letter_entry WHERE processing_group = ?"
                        + " AND sequence_identifier = ?",
                PROCESSING_GROUP,
                referralId.toString());
    }
}

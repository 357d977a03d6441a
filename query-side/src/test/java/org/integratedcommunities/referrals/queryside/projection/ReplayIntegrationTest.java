package org.integratedcommunities.referrals.queryside.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.awaitCaughtUp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
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
 * The read models can be rebuilt from the events at any time: project a few hundred events, checksum every read-model
 * table, reset every processor, let the replay catch up, and every table is identical.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class ReplayIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("replay");

    /** Not rebuilt from events: the processors' positions, dead letters, Flyway's history, who has signed in. */
    private static final List<String> NOT_READ_MODELS =
            List.of("token_entry", "dead_letter_entry", "flyway_schema_history", "agency_colleagues");

    private static final int REFERRALS = 80;
    private static final int CASES = 20;
    private static final int ACCESS_LOG_ENTRIES = 5;

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

    @Test
    void aReplayRebuildsEveryReadModelIdentically() {
        int events = ProjectionTestSupport.appendLifecycles(eventStore, REFERRALS, CASES, ACCESS_LOG_ENTRIES);
        assertThat(events).isBetween(300, 500);
        awaitCaughtUp(processing, jdbc, Duration.ofSeconds(120));

        Map<String, String> before = checksums();
        assertThat(before).as("every read-model table").containsKeys("referral_summary", "case_file");
        assertThat(before)
                .as("every read-model table has rows, so that its checksum means something")
                .allSatisfy((table, checksum) -> assertThat(checksum).doesNotStartWith("0:"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_model.referral_summary", Integer.class))
                .isEqualTo(REFERRALS);
        assertThat(jdbc.queryForList("SELECT DISTINCT status FROM read_model.referral_summary", String.class))
                .as("the lifecycles end in different states, so the checksum means something")
                .hasSizeGreaterThanOrEqualTo(5);

        // Spoil the read model: only a replay from the events, which empties the tables first, puts it right.
        jdbc.update("UPDATE read_model.referral_summary SET status = 'SPOILED' WHERE referral_id IN"
                + " (SELECT referral_id FROM read_model.referral_summary ORDER BY referral_id LIMIT 3)");
        jdbc.update("DELETE FROM read_model.referral_summary WHERE referral_id IN"
                + " (SELECT referral_id FROM read_model.referral_summary ORDER BY referral_id DESC LIMIT 2)");
        assertThat(checksums()).isNotEqualTo(before);

        List<String> replayed = replay.replayAll();
        assertThat(replayed).contains(ProjectionTestSupport.PROCESSING_GROUP);
        awaitCaughtUp(processing, jdbc, Duration.ofSeconds(120));

        assertThat(checksums()).isEqualTo(before);
    }

    /** Every read-model table of the schema, found afresh (a new projection's table is covered without a change here). */
    private Map<String, String> checksums() {
        List<String> tables = jdbc.queryForList(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'read_model'"
                        + " AND table_type = 'BASE TABLE' ORDER BY table_name",
                String.class);
        Map<String, String> checksums = new TreeMap<>();
        for (String table : tables) {
            if (!NOT_READ_MODELS.contains(table)) {
                checksums.put(
                        table,
                        jdbc.queryForObject(
                                "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '')"
                                        + " FROM read_model." + table + " t",
                                String.class));
            }
        }
        return checksums;
    }
}

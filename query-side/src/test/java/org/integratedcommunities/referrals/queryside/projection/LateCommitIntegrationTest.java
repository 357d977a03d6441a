package org.integratedcommunities.referrals.queryside.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.ESOL;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.JOBCENTRE;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.append;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.newReferral;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.raised;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Insert order is not commit order: a transaction takes its {@code global_index} when it inserts, and may commit after
 * a later one. The query side must not step over the gap for good: an event committed late, within the gap timeout,
 * is still projected.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class LateCommitIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("late_commit");

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
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anEventCommittedAfterALaterOneIsStillProjected() throws Exception {
        ReferralId warmUp = newReferral();
        ReferralId late = newReferral();
        ReferralId early = newReferral();
        // The processors hold a token already, as they would in production.
        append(eventStore, warmUp, 0, raised(warmUp, ESOL));
        await().atMost(Duration.ofSeconds(30)).until(() -> projected(warmUp));

        try (Connection longTransaction = database.connect()) {
            longTransaction.setAutoCommit(false);
            long lateIndex = insertWithoutCommitting(longTransaction, eventSerializer, late);

            append(eventStore, early, 0, raised(early, JOBCENTRE));
            long earlyIndex = jdbc.queryForObject(
                    "SELECT global_index FROM event_store.domain_event_entry WHERE aggregate_identifier = ?",
                    Long.class,
                    early.toString());
            assertThat(earlyIndex).as("the later insert has the higher index").isGreaterThan(lateIndex);

            await().atMost(Duration.ofSeconds(30)).until(() -> projected(early));
            // Let the processors read on past the gap a few times while the first transaction is still open.
            Thread.sleep(3_000);
            assertThat(projected(late)).as("not committed yet").isFalse();

            longTransaction.commit();
        }

        await().atMost(Duration.ofSeconds(30))
                .alias("the late commit is projected, well within the 60 s gap timeout")
                .until(() -> projected(late));
    }

    /** What the command side's event store does for one event, in a transaction left open; its global index. */
    static long insertWithoutCommitting(Connection connection, Serializer eventSerializer, ReferralId referralId)
            throws Exception {
        SerializedObject<byte[]> payload = eventSerializer.serialize(raised(referralId, ESOL), byte[].class);
        SerializedObject<byte[]> metaData = eventSerializer.serialize(MetaData.with("userId", "someone"), byte[].class);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO event_store.domain_event_entry (event_identifier, meta_data, payload, payload_revision,"
                        + " payload_type, time_stamp, aggregate_identifier, sequence_number, type)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING global_index")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setBytes(2, metaData.getData());
            insert.setBytes(3, payload.getData());
            insert.setString(4, payload.getType().getRevision());
            insert.setString(5, payload.getType().getName());
            insert.setString(6, DateTimeUtils.formatInstant(Instant.now()));
            insert.setString(7, referralId.toString());
            insert.setLong(8, 0);
            insert.setString(9, "Referral");
            try (ResultSet inserted = insert.executeQuery()) {
                inserted.next();
                return inserted.getLong(1);
            }
        }
    }

    private boolean projected(ReferralId referralId) {
        Integer count = jdbc.queryForObject(
                "SELECT count(*) FROM read_model.referral_summary WHERE referral_id = ?",
                Integer.class,
                referralId.value());
        return count != null && count > 0;
    }
}

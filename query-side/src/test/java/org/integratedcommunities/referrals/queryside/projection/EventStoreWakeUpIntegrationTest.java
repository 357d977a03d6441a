package org.integratedcommunities.referrals.queryside.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.ESOL;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.append;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.newReferral;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.raised;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.integratedcommunities.referrals.kernel.audit.AccessPurpose;
import org.integratedcommunities.referrals.kernel.audit.AccessedRecord;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.queryside.accesslog.AccessLog;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The event table's trigger (event store Flyway V20, V21) wakes the processors when an aggregate's events are
 * committed, and stays quiet for an access-log entry: a notifying commit queues behind every other one on the server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class EventStoreWakeUpIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("wake_up");

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
    AccessLog accessLog;

    @Test
    void aDomainEventWakesTheReadersAndAnAccessLogEntryDoesNot() throws Exception {
        try (Connection listener = database.connect()) {
            try (Statement listen = listener.createStatement()) {
                listen.execute("LISTEN " + EventStoreWakeUp.CHANNEL);
            }
            PGConnection notifications = listener.unwrap(PGConnection.class);

            ReferralId referralId = newReferral();
            accessLog.record(
                    QuerySideTestSupport.actor("bradford", "bradford-esol", Role.AGENCY_WORKER),
                    AccessedRecord.REFERRAL,
                    List.of(referralId.toString()),
                    AccessPurpose.RECEIVED_THE_REFERRAL);
            // The entry is committed by now, and a notification is delivered at commit: had one been sent, it is here.
            assertThat(received(notifications, 1_000))
                    .as("an access-log entry (no aggregate) sends no notification")
                    .isEmpty();

            append(eventStore, referralId, 0, raised(referralId, ESOL));
            assertThat(received(notifications, 10_000))
                    .as("a referral's event wakes the readers, once for its transaction")
                    .hasSize(1)
                    .allSatisfy(
                            notification -> assertThat(notification.getName()).isEqualTo(EventStoreWakeUp.CHANNEL));
        }
    }

    /** The notifications that arrive within the time given: waits for the first, then takes what else is there. */
    private static List<PGNotification> received(PGConnection connection, int waitMillis) throws Exception {
        List<PGNotification> received = new ArrayList<>();
        PGNotification[] first = connection.getNotifications(waitMillis);
        if (first != null) {
            received.addAll(List.of(first));
            PGNotification[] more = connection.getNotifications(200);
            if (more != null) {
                received.addAll(List.of(more));
            }
        }
        return received;
    }
}

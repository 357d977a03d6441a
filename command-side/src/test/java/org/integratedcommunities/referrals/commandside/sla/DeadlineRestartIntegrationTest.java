package org.integratedcommunities.referrals.commandside.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.integratedcommunities.referrals.deadlineprobe.DeadlineProbe;
import org.integratedcommunities.referrals.deadlineprobe.DeadlineProbe.DeadlineProbeFired;
import org.integratedcommunities.referrals.deadlineprobe.DeadlineProbe.DeadlineProbeStarted;
import org.integratedcommunities.referrals.deadlineprobe.DeadlineProbe.ProbeDue;
import org.integratedcommunities.referrals.deadlineprobe.DeadlineProbe.StartDeadlineProbe;
import org.integratedcommunities.referrals.deadlineprobe.DeadlineProbe.StartLeakyProbe;
import org.integratedcommunities.referrals.deadlineprobe.DeadlineProbeConfiguration;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deadlines survive a restart: one is scheduled in one command-side application, that application is closed before
 * the deadline falls due, the deadline falls due while nothing runs, and a new application on the same PostgreSQL
 * database fires it, as soon as it starts, into a real aggregate's deadline handler ({@code DeadlineProbe}, a
 * test-only aggregate). Also: scheduling joins the command's transaction, and no personal data reaches the table.
 */
class DeadlineRestartIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("deadlines");

    /** db-scheduler's task name for Axon deadlines. */
    private static final String AXON_DEADLINE_TASK = "AxonDeadline";

    private static final String PERSON_NAME = "Jane Example";

    private final ObjectMapper json = new ObjectMapper();

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void aDeadlineScheduledBeforeARestartFiresAfterIt() throws Exception {
        UUID probeId = UUID.randomUUID();
        Instant fireAt;
        try (ConfigurableApplicationContext first = DeadlineProbeConfiguration.startCommandSide(database)) {
            schedulingJoinsTheSpringTransaction(first);
            personalDataIsRefusedWithTheCommand(first);

            fireAt = Instant.now().plusSeconds(8);
            first.getBean(CommandGateway.class)
                    .sendAndWait(GenericCommandMessage.asCommandMessage(new StartDeadlineProbe(probeId, fireAt))
                            .withMetaData(Map.of(
                                    "userId", "3d2a7c1e-0000-4000-8000-000000000001",
                                    "agencyId", "bradford-council-integration",
                                    "partnershipId", "bradford",
                                    "roles", "caseworker")));
            assertThat(scheduledDeadlines()).hasSize(1);
        }
        assertThat(Instant.now())
                .as("the first application must be closed before the deadline is due, or the test proves nothing")
                .isBefore(fireAt);
        assertThat(StoredEventTypes.of(database, probeId))
                .as("not fired before the restart")
                .containsExactly(DeadlineProbeStarted.class.getName());

        byte[] taskData = scheduledDeadlines().get(0);
        storedDeadlineHoldsIdsOnly(taskData, probeId, fireAt);

        // the deadline falls due while no application runs
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), fireAt).toMillis()) + 1000);
        assertThat(StoredEventTypes.of(database, probeId)).containsExactly(DeadlineProbeStarted.class.getName());

        try (ConfigurableApplicationContext second = DeadlineProbeConfiguration.startCommandSide(database)) {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> StoredEventTypes.of(database, probeId).contains(DeadlineProbeFired.class.getName()));
            assertThat(StoredEventTypes.of(database, probeId))
                    .containsExactly(DeadlineProbeStarted.class.getName(), DeadlineProbeFired.class.getName());
            JsonNode fired = firedEvent(probeId);
            assertThat(instant(fired.get("firedAt"))).isAfterOrEqualTo(fireAt);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(scheduledDeadlines())
                            .as("fired once, then removed")
                            .isEmpty());
        }
    }

    /** The row is written on the caller's transaction (TransactionAwareDataSourceProxy): rolled back with it. */
    private void schedulingJoinsTheSpringTransaction(ConfigurableApplicationContext context) throws Exception {
        DeadlineManager deadlines = context.getBean(DeadlineManager.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).executeWithoutResult(status -> {
            UUID someProbe = UUID.randomUUID();
            deadlines.schedule(
                    Instant.now().plusSeconds(3600),
                    DeadlineProbe.DEADLINE,
                    new ProbeDue(someProbe, Instant.now()),
                    new AggregateScopeDescriptor("DeadlineProbe", someProbe));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Integer.class))
                    .as("visible inside the transaction")
                    .isEqualTo(1);
            status.setRollbackOnly();
        });
        assertThat(scheduledDeadlines()).as("rolled back with the transaction").isEmpty();
    }

    /** A payload with a name is refused when the command commits: neither the event nor the deadline is stored. */
    private void personalDataIsRefusedWithTheCommand(ConfigurableApplicationContext context) throws Exception {
        UUID leakyProbe = UUID.randomUUID();
        assertThatThrownBy(() ->
                        context.getBean(CommandGateway.class).sendAndWait(new StartLeakyProbe(leakyProbe, PERSON_NAME)))
                .hasStackTraceContaining("LeakyDue.personName is a String");
        assertThat(StoredEventTypes.of(database, leakyProbe)).isEmpty();
        assertThat(scheduledDeadlines()).isEmpty();
    }

    /** What the deadline table holds: JSON, ids and times only. */
    private void storedDeadlineHoldsIdsOnly(byte[] taskData, UUID probeId, Instant fireAt) throws Exception {
        String text = new String(taskData, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(PERSON_NAME);
        JsonNode details = json.readTree(taskData);
        assertThat(fieldNames(details))
                .containsExactlyInAnyOrder(
                        "deadlineName",
                        "scopeDescriptor",
                        "scopeDescriptorClass",
                        "payload",
                        "payloadClass",
                        "payloadRevision",
                        "metaData");
        assertThat(details.get("deadlineName").asText()).isEqualTo(DeadlineProbe.DEADLINE);

        JsonNode payload = json.readTree(details.get("payload").asText());
        assertThat(fieldNames(payload)).containsExactlyInAnyOrder("probeId", "fireAt");
        assertThat(payload.get("probeId").asText()).isEqualTo(probeId.toString());
        assertThat(instant(payload.get("fireAt"))).isEqualTo(fireAt);

        JsonNode scope = json.readTree(details.get("scopeDescriptor").asText());
        assertThat(scope.toString()).contains(probeId.toString()).contains("DeadlineProbe");

        JsonNode metaData = json.readTree(details.get("metaData").asText());
        assertThat(fieldNames(metaData)).isSubsetOf(DeadlinePayloadPolicy.PERMITTED_METADATA);
        assertThat(metaData.get("userId").asText()).isEqualTo("3d2a7c1e-0000-4000-8000-000000000001");
    }

    private List<byte[]> scheduledDeadlines() throws Exception {
        List<byte[]> rows = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT task_data FROM event_store.scheduled_tasks WHERE task_name = ?")) {
            query.setString(1, AXON_DEADLINE_TASK);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(row.getBytes(1));
                }
            }
        }
        return rows;
    }

    private JsonNode firedEvent(UUID aggregateId) throws Exception {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT payload FROM event_store.domain_event_entry WHERE aggregate_identifier = ?"
                                + " AND payload_type = ?")) {
            query.setString(1, aggregateId.toString());
            query.setString(2, DeadlineProbeFired.class.getName());
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return json.readTree(row.getBytes(1));
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** An instant as Jackson wrote it: ISO text, or decimal epoch seconds. */
    private static Instant instant(JsonNode node) {
        if (node.isTextual()) {
            return Instant.parse(node.asText());
        }
        BigDecimal seconds = node.decimalValue();
        return Instant.ofEpochSecond(
                seconds.longValue(),
                seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }
}

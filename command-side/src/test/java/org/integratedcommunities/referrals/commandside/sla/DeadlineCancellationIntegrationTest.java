package org.integratedcommunities.referrals.commandside.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.integratedcommunities.referrals.deadlineprobe.DeadlineProbe;
import org.integratedcommunities.referrals.deadlineprobe.DeadlineProbe.CancelProbe;
import org.integratedcommunities.referrals.deadlineprobe.DeadlineProbe.DeadlineProbeFired;
import org.integratedcommunities.referrals.deadlineprobe.DeadlineProbe.StartRemindedProbe;
import org.integratedcommunities.referrals.deadlineprobe.DeadlineProbeConfiguration;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cancelling a scope's deadlines ({@link ScopeIndexedDeadlineManager}) removes exactly that scope's deadlines of that
 * name, in the command's transaction, through the scope index rather than by reading every pending deadline; a
 * cancelled deadline never fires while another one does.
 */
class DeadlineCancellationIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("deadline_cancel");

    private static ConfigurableApplicationContext commandSide;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        commandSide = DeadlineProbeConfiguration.startCommandSide(database);
    }

    @AfterAll
    static void stop() {
        commandSide.close();
        database.close();
    }

    @Test
    void cancellingOneScopesDeadlineLeavesItsOtherDeadlinesAndOtherScopes() throws Exception {
        UUID cancelled = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        Instant later = Instant.now().plus(Duration.ofDays(2));
        CommandGateway commands = commandSide.getBean(CommandGateway.class);
        commands.sendAndWait(new StartRemindedProbe(cancelled, later));
        commands.sendAndWait(new StartRemindedProbe(kept, later));
        assertThat(deadlinesOf(cancelled)).containsExactlyInAnyOrder(DeadlineProbe.DEADLINE, DeadlineProbe.REMINDER);

        commands.sendAndWait(new CancelProbe(cancelled));

        assertThat(deadlinesOf(cancelled))
                .as("the other deadline of the scope stays")
                .containsExactly(DeadlineProbe.REMINDER);
        assertThat(deadlinesOf(kept))
                .as("another scope's deadlines stay")
                .containsExactlyInAnyOrder(DeadlineProbe.DEADLINE, DeadlineProbe.REMINDER);
    }

    @Test
    void aCancellationRolledBackWithItsTransactionCancelsNothing() throws Exception {
        UUID probe = UUID.randomUUID();
        commandSide
                .getBean(CommandGateway.class)
                .sendAndWait(new StartRemindedProbe(probe, Instant.now().plus(Duration.ofDays(2))));
        DeadlineManager deadlines = commandSide.getBean(DeadlineManager.class);
        new TransactionTemplate(commandSide.getBean(PlatformTransactionManager.class)).executeWithoutResult(status -> {
            deadlines.cancelAllWithinScope(
                    DeadlineProbe.DEADLINE, new AggregateScopeDescriptor("DeadlineProbe", probe));
            status.setRollbackOnly();
        });
        assertThat(deadlinesOf(probe)).containsExactlyInAnyOrder(DeadlineProbe.DEADLINE, DeadlineProbe.REMINDER);
    }

    @Test
    void aCancelledDeadlineNeverFiresWhileAnotherDueAtTheSameTimeDoes() throws Exception {
        UUID cancelled = UUID.randomUUID();
        UUID fires = UUID.randomUUID();
        Instant soon = Instant.now().plusSeconds(3);
        CommandGateway commands = commandSide.getBean(CommandGateway.class);
        commands.sendAndWait(new StartRemindedProbe(cancelled, soon));
        commands.sendAndWait(new StartRemindedProbe(fires, soon));
        commands.sendAndWait(new CancelProbe(cancelled));

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> StoredEventTypes.of(database, fires).contains(DeadlineProbeFired.class.getName()));
        await().atMost(Duration.ofSeconds(10)).until(() -> deadlinesOf(fires).isEmpty());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deadlinesOf(cancelled).isEmpty());
        assertThat(StoredEventTypes.of(database, cancelled)).doesNotContain(DeadlineProbeFired.class.getName());
    }

    /**
     * With thousands of other scopes' deadlines pending, the cancelling statement reads only its scope's two rows
     * (Axon's read all of them) and deletes the one of its name: PostgreSQL's own account of the statement, run.
     */
    @Test
    void theCancellationReadsOnlyItsScopesRowsThroughTheIndex() throws Exception {
        UUID probe = UUID.randomUUID();
        commandSide
                .getBean(CommandGateway.class)
                .sendAndWait(new StartRemindedProbe(probe, Instant.now().plus(Duration.ofDays(2))));
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("SET search_path = event_store");
            // 3,000 pending deadlines of other scopes, as Axon writes them (the scope is JSON inside the JSON)
            statement.execute("INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time,"
                    + " picked, version, priority)"
                    + " SELECT 'AxonDeadline', gen_random_uuid()::text, convert_to(json_build_object("
                    + "'deadlineName', 'probe-due', 'scopeDescriptor',"
                    + " json_build_object('type', 'DeadlineProbe', 'identifier', gen_random_uuid())::text"
                    + ")::text, 'UTF8'), now() + interval '2 days', false, 1, 0 FROM generate_series(1, 3000)");
            statement.execute("ANALYZE scheduled_tasks");
            String scope = commandSide
                    .getBean("eventSerializer", org.axonframework.serialization.Serializer.class)
                    .serialize(new AggregateScopeDescriptor("DeadlineProbe", probe), String.class)
                    .getData();
            try (PreparedStatement explain = connection.prepareStatement(
                    "EXPLAIN (ANALYZE, FORMAT JSON) " + ScopeIndexedDeadlineManager.CANCEL_WITHIN_SCOPE)) {
                explain.setString(1, scope);
                explain.setString(2, DeadlineProbe.DEADLINE);
                try (ResultSet plan = explain.executeQuery()) {
                    assertThat(plan.next()).isTrue();
                    JsonNode scan = json.readTree(plan.getString(1))
                            .get(0)
                            .get("Plan")
                            .get("Plans")
                            .get(0);
                    assertThat(scan.get("Node Type").asText()).isIn("Index Scan", "Bitmap Heap Scan");
                    assertThat(scan.toString()).contains("scheduled_tasks_axon_deadline_scope_idx");
                    assertThat(scan.get("Actual Rows").asInt()).as("deleted").isEqualTo(1);
                    assertThat(scan.path("Rows Removed by Filter").asInt()
                                    + scan.path("Rows Removed by Index Recheck").asInt())
                            .as("read and left: the scope's other deadline only")
                            .isEqualTo(1);
                }
            }
        }
        assertThat(deadlinesOf(probe)).containsExactly(DeadlineProbe.REMINDER);
    }

    private List<String> deadlinesOf(UUID probeId) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT task_data FROM event_store.scheduled_tasks WHERE task_name = 'AxonDeadline'")) {
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    JsonNode details = json.readTree(row.getBytes(1));
                    if (details.get("scopeDescriptor").asText().contains(probeId.toString())) {
                        names.add(details.get("deadlineName").asText());
                    }
                }
            }
        }
        return names;
    }
}

package org.integratedcommunities.referrals.queryside.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.ESOL;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.JOBCENTRE;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.accepted;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.acknowledgementOverdue;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.awaitCaughtUp;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.caseLifecycle;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.declined;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.newReferral;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.placedOnCourse;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.raised;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.testsupport.ActorClients;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Verified replay over the API: on a healthy store the rebuild from the events equals the live read models (zero
 * differences); after read-model rows are altered, removed or added by hand, exactly those rows are reported.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class VerifiedReplayIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("verified_replay");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        QuerySideTestSupport.useDatabase(database, registry);
    }

    @AfterAll
    static void dropDatabase(@Autowired EventProcessingConfiguration processing) {
        QuerySideTestSupport.stopProcessorsAndDrop(processing, database);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    EventStore eventStore;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    JdbcTemplate jdbc;

    private final Actor auditor = QuerySideTestSupport.actor("bradford", "bradford-council-integration", Role.AUDITOR);
    private final Actor walsallAuditor =
            QuerySideTestSupport.actor("walsall", "walsall-council-integration", Role.AUDITOR);

    @Test
    void aHealthyStoreVerifiesCleanAndRowsChangedByHandAreReportedExactly() {
        List<ReferralId> referrals = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ReferralId id = newReferral();
            referrals.add(id);
            List<Object> life = i % 3 == 0
                    ? List.of(raised(id, ESOL), accepted(id), placedOnCourse(id))
                    : i % 3 == 1
                            ? List.of(raised(id, JOBCENTRE), acknowledgementOverdue(id, JOBCENTRE), declined(id))
                            : List.of(raised(id, ESOL));
            append("Referral", id.toString(), life);
        }
        CaseId caseId = new CaseId(UUID.randomUUID());
        append("Case", caseId.toString(), caseLifecycle(caseId, 0));
        awaitCaughtUp(processing, jdbc, Duration.ofSeconds(60));

        JsonNode clean = runToTheEnd(auditor);
        assertThat(clean.path("report").path("differences").asLong()).isZero();
        assertThat(clean.path("report").path("eventsReplayed").asLong())
                .isEqualTo(clean.path("eventsToReplay").asLong());
        assertThat(clean.path("eventsReplayed").asLong()).isPositive();
        List<String> tables = new ArrayList<>();
        clean.path("report")
                .path("tables")
                .forEach(table -> tables.add(table.path("table").asText()));
        assertThat(tables).contains("referral_summary", "referral_timeline", "case_file", "escalation");
        clean.path("report")
                .path("tables")
                .forEach(table -> assertThat(table.path("liveRows").asLong())
                        .as(table.path("table").asText())
                        .isEqualTo(table.path("rebuiltRows").asLong()));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_namespace WHERE nspname = 'replay_check'", Long.class))
                .as("the scratch schema goes when the run ends")
                .isZero();

        ReferralId altered = referrals.get(0);
        ReferralId removed = referrals.get(2);
        jdbc.update("UPDATE read_model.referral_summary SET status = 'CLOSED' WHERE referral_id = ?", altered.value());
        jdbc.update("DELETE FROM read_model.referral_summary WHERE referral_id = ?", removed.value());
        jdbc.update("DELETE FROM read_model.case_file WHERE case_id = ?", caseId.value());

        JsonNode spoiled = runToTheEnd(auditor);
        JsonNode differences = spoiled.path("report").path("reportedDifferences");
        assertThat(spoiled.path("report").path("differences").asLong()).isEqualTo(3);
        List<String> found = new ArrayList<>();
        differences.forEach(difference -> found.add(difference.path("table").asText() + " "
                + difference.path("kind").asText() + " "
                + difference.path("key").asText()));
        assertThat(found)
                .containsExactlyInAnyOrder(
                        "referral_summary DIFFERENT {\"referral_id\": \"" + altered + "\"}",
                        "referral_summary MISSING_FROM_LIVE {\"referral_id\": \"" + removed + "\"}",
                        "case_file MISSING_FROM_LIVE {\"case_id\": \"" + caseId + "\"}");
        JsonNode different = differences.findParent("live");
        assertThat(different).isNotNull();

        // Another partnership's auditor: the same rebuild, none of Bradford's rows in the report, nor its runs.
        JsonNode walsall = runToTheEnd(walsallAuditor);
        assertThat(walsall.path("report").path("differences").asLong()).isZero();
        assertThat(walsall.path("report").path("unattributedDifferences").asLong())
                .isZero();
        assertThat(walsall.toString()).doesNotContain(altered.toString()).doesNotContain(caseId.toString());
        ActorClients.webTestClient(context, walsallAuditor)
                .get()
                .uri("/api/audit/replay-verifications/" + spoiled.path("id").asText())
                .exchange()
                .expectStatus()
                .isNotFound();

        // Only auditors.
        ActorClients.webTestClient(
                        context, QuerySideTestSupport.actor("bradford", "bradford-esol", Role.AGENCY_MANAGER))
                .post()
                .uri("/api/audit/replay-verifications")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    private JsonNode runToTheEnd(Actor auditor) {
        var started = ActorClients.webTestClient(context, auditor)
                .post()
                .uri("/api/audit/replay-verifications")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult();
        String location = started.getResponseHeaders().getLocation().toString();
        JsonNode[] run = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    run[0] = ActorClients.webTestClient(context, auditor)
                            .get()
                            .uri(location)
                            .exchange()
                            .expectStatus()
                            .isOk()
                            .expectBody(JsonNode.class)
                            .returnResult()
                            .getResponseBody();
                    return !run[0].path("state").asText().equals("RUNNING");
                });
        assertThat(run[0].path("state").asText()).as(run[0].toString()).isEqualTo("DONE");
        return run[0];
    }

    private void append(String type, String aggregateId, List<Object> events) {
        for (int sequence = 0; sequence < events.size(); sequence++) {
            eventStore.publish(new GenericDomainEventMessage<>(
                    type, aggregateId, sequence, events.get(sequence), MetaData.with("userId", "someone")));
        }
    }
}

package org.integratedcommunities.referrals.queryside.audit.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;
import org.integratedcommunities.referrals.kernel.referral.AcknowledgementOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.ReferralAcceptedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralClosedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.testsupport.ActorClients;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The partnership's event log: every event of its records in plain words with who did it (the platform's own deadline
 * events with nobody), filtered, exported as CSV and JSON; nothing of the other partnership; auditors only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class EventLogIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("event_log");

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

    private final Actor caseworker =
            QuerySideTestSupport.actor("bradford", "bradford-council-integration", Role.CASEWORKER);
    private final Actor esolWorker = QuerySideTestSupport.actor("bradford", "bradford-esol", Role.AGENCY_WORKER);
    private final Actor auditor = QuerySideTestSupport.actor("bradford", "bradford-council-integration", Role.AUDITOR);
    private final Actor walsallCaseworker =
            QuerySideTestSupport.actor("walsall", "walsall-council-integration", Role.CASEWORKER);
    private final Actor walsallAuditor =
            QuerySideTestSupport.actor("walsall", "walsall-council-integration", Role.AUDITOR);

    @Test
    void theLogShowsEveryEventOfThePartnershipsRecordsAndExportsThem() {
        ReferralId referral = new ReferralId(UUID.randomUUID());
        publish(referral, 0, QuerySideTestSupport.metaData(caseworker), raised(referral, "bradford", caseworker));
        publish(
                referral,
                1,
                QuerySideTestSupport.metaData(caseworker),
                new AcknowledgementOverdueEvent(
                        referral,
                        new PartnershipId("bradford"),
                        new AgencyId("bradford-esol"),
                        ReferralType.ESOL_PLACEMENT,
                        now(),
                        now()));
        publish(
                referral,
                2,
                QuerySideTestSupport.metaData(esolWorker),
                new ReferralAcceptedEvent(referral, esolWorker.userId(), now()));
        // An event whose payload and metadata name no partnership: its record's does.
        publish(referral, 3, MetaData.emptyInstance(), new ReferralClosedEvent(referral, now()));
        ReferralId walsallReferral = new ReferralId(UUID.randomUUID());
        publish(
                walsallReferral,
                0,
                QuerySideTestSupport.metaData(walsallCaseworker),
                raised(walsallReferral, "walsall", walsallCaseworker));

        JsonNode log = awaitEntries(auditor, "/api/audit/events?recordId=" + referral, 4);
        List<String> types = texts(log.path("items"), "eventType");
        assertThat(types)
                .containsExactly(
                        "ReferralRaisedEvent",
                        "AcknowledgementOverdueEvent",
                        "ReferralAcceptedEvent",
                        "ReferralClosedEvent");
        JsonNode raised = log.path("items").get(0);
        assertThat(raised.path("summary").asText())
                .startsWith("Raised: ESOL_PLACEMENT from bradford-council-integration");
        assertThat(raised.path("userId").asText()).isEqualTo(caseworker.userId().value());
        assertThat(raised.path("agencyId").asText()).isEqualTo("bradford-council-integration");
        assertThat(log.path("items").get(1).path("userId").isNull())
                .as("a deadline that fired was the platform, not the user who raised the referral")
                .isTrue();
        assertThat(log.path("items").get(2).path("agencyId").asText()).isEqualTo("bradford-esol");

        JsonNode accepted = body(get(auditor, "/api/audit/events?type=ReferralAcceptedEvent&agency=bradford-esol")
                .expectStatus()
                .isOk());
        assertThat(texts(accepted.path("items"), "aggregateId")).containsExactly(referral.toString());

        byte[] csv = get(auditor, "/api/audit/events?format=csv&recordId=" + referral)
                .expectStatus()
                .isOk()
                .expectHeader()
                .value(
                        HttpHeaders.CONTENT_DISPOSITION,
                        disposition ->
                                assertThat(disposition).contains("attachment").contains("event-log.csv"))
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).startsWith("event_id,occurred_at,event_type");
        assertThat(lines).hasSize(5);
        assertThat(lines[3]).contains("\"ReferralAcceptedEvent\"").contains("\"bradford-esol\"");

        JsonNode json = body(get(auditor, "/api/audit/events?format=json&recordId=" + referral)
                .expectStatus()
                .isOk());
        assertThat(json).hasSize(4);

        JsonNode everything =
                body(get(auditor, "/api/audit/events?size=200").expectStatus().isOk());
        assertThat(everything.toString()).doesNotContain(walsallReferral.toString());
        JsonNode walsall = awaitEntries(walsallAuditor, "/api/audit/events?recordId=" + walsallReferral, 1);
        assertThat(walsall.toString()).doesNotContain(referral.toString());
        JsonNode walsallAll = body(
                get(walsallAuditor, "/api/audit/events?size=200").expectStatus().isOk());
        assertThat(walsallAll.toString()).doesNotContain(referral.toString());

        get(caseworker, "/api/audit/events").expectStatus().isForbidden();
        JsonNode problem = body(get(auditor, "/api/audit/events?format=xml&from=soon")
                .expectStatus()
                .isBadRequest());
        assertThat(texts(problem.path("errors"), "field")).containsExactlyInAnyOrder("format", "from");

        JsonNode auditorsOwnReads = awaitEntries(
                auditor,
                "/api/audit/events?type=PersonalDataAccessedEvent&user="
                        + auditor.userId().value(),
                1);
        assertThat(auditorsOwnReads.path("items").get(0).path("summary").asText())
                .as("the auditor's reads of the log are themselves in it")
                .contains("EVENT_LOG");
    }

    private ReferralRaisedEvent raised(ReferralId id, String partnership, Actor referrer) {
        DataSubjectId subject = new DataSubjectId(UUID.randomUUID());
        return new ReferralRaisedEvent(
                id,
                ReferralType.ESOL_PLACEMENT,
                new PartnershipId(partnership),
                referrer.agencyId(),
                new AgencyId(partnership + "-esol"),
                new CaseId(subject.value()),
                subject,
                LawfulBasis.CONSENT,
                new ReferralFacts.EsolPlacement(null, Set.of(EsolMode.ONLINE), false, false),
                new Sealed(subject, "c2VhbGVk"),
                null,
                now(),
                null,
                now().plus(Duration.ofDays(14)));
    }

    private void publish(ReferralId id, long sequence, MetaData metaData, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>("Referral", id.toString(), sequence, event, metaData));
    }

    private JsonNode awaitEntries(Actor reader, String path, int count) {
        JsonNode[] page = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    page[0] = body(get(reader, path).expectStatus().isOk());
                    return page[0].path("items").size() >= count;
                });
        return page[0];
    }

    private WebTestClient.ResponseSpec get(Actor actor, String path) {
        return ActorClients.webTestClient(context, actor).get().uri(path).exchange();
    }

    private static JsonNode body(WebTestClient.ResponseSpec response) {
        return response.expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.path(field).asText()));
        return texts;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

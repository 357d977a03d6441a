package org.integratedcommunities.referrals.queryside.audit.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.CaseOpenedEvent;
import org.integratedcommunities.referrals.kernel.casefile.ConsentGivenBy;
import org.integratedcommunities.referrals.kernel.casefile.ConsentWithdrawnEvent;
import org.integratedcommunities.referrals.kernel.casefile.ImmigrationStatus;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasisRecordedEvent;
import org.integratedcommunities.referrals.kernel.casefile.PersonDetails;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.referral.EsolLevel;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.EsolOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.InformationProvidedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralAcceptedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralClosedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcome;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcomeRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralParticulars;
import org.integratedcommunities.referrals.kernel.referral.ReferralProgressRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralReturnedForInformationEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.personaldata.PersonalDataVault;
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
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The auditor's view of a referral as it stood at any moment, rebuilt from the events: at each moment of the
 * referral's life it equals what the live read model showed then; before it was raised there is nothing; another
 * partnership's auditor and other roles see nothing; every such read is itself in the access log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class AuditedRecordsIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("audit_history");
    private static final PartnershipId BRADFORD = new PartnershipId("bradford");

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
    PersonalDataVault vault;

    @Autowired
    JdbcTemplate jdbc;

    private final Actor caseworker =
            QuerySideTestSupport.actor("bradford", "bradford-council-integration", Role.CASEWORKER);
    private final Actor esolWorker = QuerySideTestSupport.actor("bradford", "bradford-esol", Role.AGENCY_WORKER);
    private final Actor auditor = QuerySideTestSupport.actor("bradford", "bradford-council-integration", Role.AUDITOR);
    private final Actor walsallAuditor =
            QuerySideTestSupport.actor("walsall", "walsall-council-integration", Role.AUDITOR);

    @Test
    void atEachMomentOfItsLifeTheRebuiltReferralIsWhatTheLiveViewShowedThen() throws InterruptedException {
        ReferralId id = new ReferralId(UUID.randomUUID());
        DataSubjectId subject = new DataSubjectId(UUID.randomUUID());
        Instant beforeRaised = Instant.now();
        List<Object[]> life = List.of(
                new Object[] {caseworker, raised(id, subject)},
                new Object[] {
                    esolWorker, new ReferralReturnedForInformationEvent(id, vault.seal(subject, "Which days?"), now())
                },
                new Object[] {
                    caseworker,
                    new InformationProvidedEvent(
                            id, vault.seal(subject, "Mondays"), now(), now().plus(Duration.ofDays(7)))
                },
                new Object[] {esolWorker, new ReferralAcceptedEvent(id, esolWorker.userId(), now())},
                new Object[] {
                    esolWorker, new ReferralProgressRecordedEvent(id, vault.seal(subject, "Assessed"), Set.of(), now())
                },
                new Object[] {
                    esolWorker,
                    new ReferralOutcomeRecordedEvent(
                            id,
                            new ReferralOutcome.EsolPlacement(
                                    EsolOutcomeKind.PLACED_ON_COURSE, EsolLevel.ENTRY_2, LocalDate.of(2027, 1, 11)),
                            null,
                            now())
                },
                new Object[] {caseworker, new ReferralClosedEvent(id, now())});

        List<Instant> moments = new ArrayList<>();
        List<JsonNode> liveViews = new ArrayList<>();
        for (int sequence = 0; sequence < life.size(); sequence++) {
            Actor by = (Actor) life.get(sequence)[0];
            eventStore.publish(new GenericDomainEventMessage<>(
                    "Referral", id.toString(), sequence, life.get(sequence)[1], QuerySideTestSupport.metaData(by)));
            liveViews.add(awaitLiveVersion(id, sequence));
            moments.add(Instant.now());
            // The event store keeps times to the millisecond: the next event must not share this moment's.
            Thread.sleep(5);
        }

        for (int sequence = 0; sequence < life.size(); sequence++) {
            JsonNode rebuilt = body(get(auditor, "/api/audit/referrals/" + id + "?asAt=" + moments.get(sequence))
                    .expectStatus()
                    .isOk());
            JsonNode referral = rebuilt.path("referral");
            assertThat(referral.path("version").asLong()).isEqualTo(sequence);
            for (Iterator<String> fields = referral.fieldNames(); fields.hasNext(); ) {
                String field = fields.next();
                assertThat(referral.get(field))
                        .as("%s as at moment %d", field, sequence)
                        .isEqualTo(liveViews.get(sequence).get(field));
            }
            assertThat(rebuilt.path("timeline")).hasSize(sequence + 1);
            assertThat(rebuilt.path("facts").path("kind").asText()).isEqualTo("ESOL_PLACEMENT");
            assertThat(rebuilt.toString())
                    .as("no personal data in an auditor's rebuild")
                    .doesNotContain("Which days")
                    .doesNotContain("Mondays")
                    .doesNotContain("Evenings");
        }
        JsonNode history =
                body(get(auditor, "/api/audit/referrals/" + id).expectStatus().isOk());
        assertThat(history.path("referral").path("status").asText()).isEqualTo("CLOSED");
        assertThat(history.path("timeline")
                        .get(1)
                        .path("actor")
                        .path("agencyId")
                        .asText())
                .isEqualTo("bradford-esol");
        assertThat(history.path("timeline")
                        .get(1)
                        .path("personalData")
                        .path("state")
                        .asText())
                .isEqualTo("WITHHELD");

        get(auditor, "/api/audit/referrals/" + id + "?asAt=" + beforeRaised)
                .expectStatus()
                .isNotFound();
        get(walsallAuditor, "/api/audit/referrals/" + id).expectStatus().isNotFound();
        get(auditor, "/api/audit/referrals/" + UUID.randomUUID()).expectStatus().isNotFound();
        get(esolWorker, "/api/audit/referrals/" + id).expectStatus().isForbidden();
        JsonNode problem = body(get(auditor, "/api/audit/referrals/" + id + "?asAt=last-tuesday")
                .expectStatus()
                .isBadRequest());
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("asAt");

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM event_store.domain_event_entry WHERE payload_type LIKE"
                                + " '%PersonalDataAccessedEvent' AND convert_from(payload, 'UTF8') LIKE ?"
                                + " AND convert_from(payload, 'UTF8') LIKE '%REFERRAL_HISTORY%'",
                        Long.class, "%" + id + "%"))
                .as("each auditor read is in the access log (the other partnership's auditor read nothing)")
                .isEqualTo(life.size() + 2);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM pg_tables WHERE tablename = 'referral_summary'", Long.class))
                .as("the scratch tables do not outlive the rebuild")
                .isEqualTo(1);
    }

    @Test
    void atEachMomentOfItsLifeTheRebuiltCaseIsWhatItsHolderSawThenWithoutThePerson() throws InterruptedException {
        CaseId caseId = new CaseId(UUID.randomUUID());
        DataSubjectId subject = new DataSubjectId(caseId.value());
        PersonDetails person = new PersonDetails(
                "Nadia Karimi",
                LocalDate.of(1992, 3, 4),
                null,
                null,
                null,
                "Dari",
                true,
                ImmigrationStatus.REFUGEE_STATUS);
        List<Object> life = List.of(
                new CaseOpenedEvent(
                        caseId, BRADFORD, caseworker.agencyId(), subject, vault.sealJson(subject, person), now()),
                new LawfulBasisRecordedEvent(
                        caseId,
                        BRADFORD,
                        LawfulBasis.CONSENT,
                        ConsentGivenBy.DATA_SUBJECT,
                        LocalDate.of(2026, 11, 2),
                        Set.of(ReferralType.ESOL_PLACEMENT),
                        Set.of(new AgencyId("bradford-esol")),
                        now()),
                new ConsentWithdrawnEvent(caseId, BRADFORD, now()));
        List<Instant> moments = new ArrayList<>();
        List<JsonNode> liveViews = new ArrayList<>();
        for (int sequence = 0; sequence < life.size(); sequence++) {
            eventStore.publish(new GenericDomainEventMessage<>(
                    "Case",
                    caseId.toString(),
                    sequence,
                    life.get(sequence),
                    QuerySideTestSupport.metaData(caseworker)));
            int version = sequence;
            JsonNode[] live = new JsonNode[1];
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        live[0] = body(get(caseworker, "/api/cases/" + caseId));
                        return live[0] != null
                                && live[0].path("caseFile").path("version").asLong(-1) == version;
                    });
            liveViews.add(live[0].path("caseFile"));
            moments.add(Instant.now());
            Thread.sleep(5);
        }
        for (int sequence = 0; sequence < life.size(); sequence++) {
            JsonNode rebuilt = body(get(auditor, "/api/audit/cases/" + caseId + "?asAt=" + moments.get(sequence))
                    .expectStatus()
                    .isOk());
            assertThat(rebuilt.path("caseFile"))
                    .as("the case as at moment %d", sequence)
                    .isEqualTo(liveViews.get(sequence));
            assertThat(rebuilt.path("history")).hasSize(sequence + 1);
            assertThat(rebuilt.toString()).doesNotContain("Nadia");
        }
        get(walsallAuditor, "/api/audit/cases/" + caseId).expectStatus().isNotFound();
        get(caseworker, "/api/audit/cases/" + caseId).expectStatus().isForbidden();
    }

    private ReferralRaisedEvent raised(ReferralId id, DataSubjectId subject) {
        return new ReferralRaisedEvent(
                id,
                ReferralType.ESOL_PLACEMENT,
                BRADFORD,
                caseworker.agencyId(),
                new AgencyId("bradford-esol"),
                new CaseId(subject.value()),
                subject,
                LawfulBasis.CONSENT,
                new ReferralFacts.EsolPlacement(EsolLevel.ENTRY_1, Set.of(EsolMode.CLASSROOM), true, false),
                vault.sealJson(subject, new ReferralParticulars.EsolPlacement("Evenings", null)),
                null,
                now(),
                null,
                now().plus(Duration.ofDays(14)));
    }

    /** The referral's live detail, as its referrer sees it, once the read model reached this version. */
    private JsonNode awaitLiveVersion(ReferralId id, long version) {
        JsonNode[] live = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    live[0] = ActorClients.webTestClient(context, caseworker)
                            .get()
                            .uri("/api/referrals/" + id)
                            .exchange()
                            .expectBody(JsonNode.class)
                            .returnResult()
                            .getResponseBody();
                    return live[0] != null
                            && live[0].path("version").asLong(-1) == version
                            && live[0].path("timeline").size() == version + 1;
                });
        return live[0];
    }

    private WebTestClient.ResponseSpec get(Actor actor, String path) {
        return ActorClients.webTestClient(context, actor).get().uri(path).exchange();
    }

    private static JsonNode body(WebTestClient.ResponseSpec response) {
        return response.expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

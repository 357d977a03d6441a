package org.integratedcommunities.referrals.queryside.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.ESOL;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.JOBCENTRE;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.accepted;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.acknowledgementOverdue;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.awaitCaughtUp;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.caseLifecycle;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.closed;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.declined;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.informationProvided;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.moveOnPeriodEnding;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.newReferral;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.placedOnCourse;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.progress;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.raised;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.redirected;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.returnedForInformation;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.suspended;
import static org.integratedcommunities.referrals.queryside.projection.ProjectionTestSupport.withdrawn;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.integratedcommunities.referrals.kernel.audit.AccessPurpose;
import org.integratedcommunities.referrals.kernel.audit.AccessedRecord;
import org.integratedcommunities.referrals.kernel.audit.PersonalDataAccessedEvent;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.directory.AgencyRegisteredEvent;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
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
        int events = appendLifecycles();
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

    /**
     * Eighty referrals through five different lifecycles (with escalations and outcomes) and twenty cases and a few access-log entries, their events
     * interleaved as real traffic would be.
     */
    private int appendLifecycles() {
        List<List<Object>> lifecycles = new ArrayList<>();
        List<ReferralId> ids = new ArrayList<>();
        for (int i = 0; i < REFERRALS; i++) {
            ReferralId id = newReferral();
            ids.add(id);
            lifecycles.add(
                    switch (i % 5) {
                        case 0 ->
                            List.of(
                                    raised(id, ESOL),
                                    accepted(id),
                                    progress(id, "b25l"),
                                    progress(id, "dHdv"),
                                    placedOnCourse(id));
                        case 1 ->
                            List.of(
                                    raised(id, ESOL),
                                    returnedForInformation(id),
                                    informationProvided(id),
                                    accepted(id),
                                    progress(id, "b25l"),
                                    progress(id, "dHdv"),
                                    progress(id, "dGhyZWU"),
                                    closed(id));
                        case 2 ->
                            List.of(
                                    raised(id, ESOL),
                                    redirected(id, ESOL, JOBCENTRE),
                                    accepted(id),
                                    progress(id, "b25l"),
                                    withdrawn(id));
                        case 3 -> List.of(raised(id, JOBCENTRE), acknowledgementOverdue(id, JOBCENTRE), declined(id));
                        default ->
                            List.of(
                                    raised(id, JOBCENTRE),
                                    accepted(id),
                                    moveOnPeriodEnding(id, JOBCENTRE),
                                    suspended(id, JOBCENTRE));
                    });
        }
        List<String> aggregateTypes = new ArrayList<>(java.util.Collections.nCopies(REFERRALS, "Referral"));
        List<String> aggregateIds =
                new ArrayList<>(ids.stream().map(ReferralId::toString).toList());
        for (int i = 0; i < CASES; i++) {
            CaseId caseId = new CaseId(UUID.randomUUID());
            lifecycles.add(caseLifecycle(caseId, i));
            aggregateTypes.add("Case");
            aggregateIds.add(caseId.toString());
        }
        int longest = lifecycles.stream().mapToInt(List::size).max().orElse(0);
        int appended = 0;
        for (int step = 0; step < longest; step++) {
            List<EventMessage<?>> round = new ArrayList<>();
            for (int i = 0; i < lifecycles.size(); i++) {
                if (step < lifecycles.get(i).size()) {
                    round.add(new GenericDomainEventMessage<>(
                            aggregateTypes.get(i),
                            aggregateIds.get(i),
                            step,
                            lifecycles.get(i).get(step),
                            MetaData.with("userId", "someone")));
                }
            }
            eventStore.publish(round);
            appended += round.size();
        }
        // The partnership's directory: the agencies the referrals went between, by name.
        List<AgencyRegisteredEvent> agencies = List.of(
                new AgencyRegisteredEvent(
                        ProjectionTestSupport.BRADFORD,
                        ProjectionTestSupport.COUNCIL,
                        "Bradford Council Integration Team",
                        Set.of(),
                        Instant.now()),
                new AgencyRegisteredEvent(
                        ProjectionTestSupport.BRADFORD,
                        ESOL,
                        "Airedale ESOL Learning Centre",
                        Set.of(ReferralType.ESOL_PLACEMENT),
                        Instant.now()),
                new AgencyRegisteredEvent(
                        ProjectionTestSupport.BRADFORD,
                        JOBCENTRE,
                        "Bradford Jobcentre Plus",
                        Set.of(ReferralType.EMPLOYMENT_SUPPORT),
                        Instant.now()));
        for (int sequence = 0; sequence < agencies.size(); sequence++) {
            eventStore.publish(new GenericDomainEventMessage<>(
                    "Partnership",
                    ProjectionTestSupport.BRADFORD.value(),
                    sequence,
                    agencies.get(sequence),
                    MetaData.with("userId", "someone")));
            appended++;
        }
        // The access log's entries are events of no aggregate.
        for (int i = 0; i < ACCESS_LOG_ENTRIES; i++) {
            eventStore.publish(GenericEventMessage.asEventMessage(new PersonalDataAccessedEvent(
                    UUID.randomUUID(),
                    ProjectionTestSupport.BRADFORD,
                    ProjectionTestSupport.COUNCIL,
                    new UserId("caseworker-" + i),
                    "caseworker",
                    AccessedRecord.REFERRAL,
                    List.of(ids.get(i).toString()),
                    AccessPurpose.SENT_THE_REFERRAL,
                    Instant.now())));
            appended++;
        }
        return appended;
    }
}

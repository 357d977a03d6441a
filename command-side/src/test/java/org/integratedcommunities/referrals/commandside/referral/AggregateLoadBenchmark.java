package org.integratedcommunities.referrals.commandside.referral;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.integratedcommunities.referrals.commandside.web.CommandDispatcher;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.ConsentDetails;
import org.integratedcommunities.referrals.kernel.casefile.ConsentGivenBy;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.casefile.OpenCaseCommand;
import org.integratedcommunities.referrals.kernel.casefile.PersonDetails;
import org.integratedcommunities.referrals.kernel.casefile.RecordLawfulBasisCommand;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.referral.AcceptReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.RaiseReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.RecordProgressCommand;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralParticulars;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A benchmark, not a timed test: how long the command side takes to load a referral from the JDBC event store (an
 * Axon {@link EventSourcingRepository} over the application's own event store and serializer) when it has 10, 1,000
 * or 10,000 events, first from its events alone, then from a snapshot taken by the application's {@link Snapshotter}.
 * Writes the median of several loads to {@code target/bench/aggregate-load.json} (infra/bench gathers it); asserts
 * only that each load rebuilt the referral at the right version.
 *
 * <p>The referral is raised, accepted and given one progress note through the command bus (real events); the further
 * progress notes are copies of that stored note with the next sequence numbers, written in SQL because appending
 * 10,000 through commands would take minutes and load the same rows.
 *
 * <p>System property {@code icr.bench.aggregateEvents} (comma-separated sizes, default {@code 10,100}: the test
 * suite's smoke size).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AggregateLoadBenchmark {

    private static final TestDatabase database = TestDatabase.create("aggregateload");
    private static final int LOADS = 7;
    private static final PartnershipId BRADFORD = new PartnershipId("bradford");
    private static final Actor CASEWORKER = new Actor(
            new UserId("3d2a7c1e-0000-4000-8000-000000000001"),
            new AgencyId("bradford-council-integration"),
            BRADFORD,
            EnumSet.of(Role.CASEWORKER));
    private static final Actor WORKER = new Actor(
            new UserId("3d2a7c1e-0000-4000-8000-000000000002"),
            new AgencyId("bradford-esol"),
            BRADFORD,
            EnumSet.of(Role.AGENCY_WORKER));

    private final List<Integer> sizes = Arrays.stream(
                    System.getProperty("icr.bench.aggregateEvents", "10,100").split(","))
            .map(String::trim)
            .map(Integer::valueOf)
            .toList();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("spring.datasource.password", TestDatabase::password);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Autowired
    CommandDispatcher commands;

    @Autowired
    EventStore eventStore;

    @Autowired
    Snapshotter snapshotter;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void referralLoadTimeWithAndWithoutASnapshot() throws Exception {
        EventSourcingRepository<Referral> repository = EventSourcingRepository.builder(Referral.class)
                .eventStore(eventStore)
                .build();
        CaseId caseId = caseWithConsent();

        ObjectNode result = new ObjectMapper().createObjectNode();
        result.put("benchmark", "aggregate load: a referral with N events, from its events and from a snapshot");
        result.put("loadsPerFigure", LOADS);
        ArrayNode loads = result.putArray("loads");
        for (int size : sizes) {
            ReferralId referralId = referralWithEvents(caseId, size);
            double withoutSnapshot = medianLoadMillis(repository, referralId, size);
            snapshotter.scheduleSnapshot(Referral.class, referralId.toString());
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM event_store.snapshot_event_entry WHERE aggregate_identifier = ?",
                            Integer.class,
                            referralId.toString()))
                    .as("a snapshot was stored")
                    .isOne();
            double withSnapshot = medianLoadMillis(repository, referralId, size);
            ObjectNode load = loads.addObject();
            load.put("events", size);
            load.put("withoutSnapshotMs", withoutSnapshot);
            load.put("withSnapshotMs", withSnapshot);
            System.out.printf(
                    "Referral with %d events: load %.2f ms from events, %.2f ms from a snapshot%n",
                    size, withoutSnapshot, withSnapshot);
        }
        result.put("ranAt", Instant.now().toString());
        Path out = Path.of("target/bench/aggregate-load.json");
        Files.createDirectories(out.getParent());
        Files.writeString(
                out, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** Median of several loads (after two not counted), each in its own unit of work, as a command handler's is. */
    private static double medianLoadMillis(EventSourcingRepository<Referral> repository, ReferralId id, int events)
            throws Exception {
        long[] nanos = new long[LOADS];
        for (int i = -2; i < LOADS; i++) {
            long started = System.nanoTime();
            Long version = DefaultUnitOfWork.startAndGet(null)
                    .executeWithResult(() -> repository.load(id.toString()).version())
                    .getPayload();
            long took = System.nanoTime() - started;
            assertThat(version).as("rebuilt up to its last event").isEqualTo(events - 1L);
            if (i >= 0) {
                nanos[i] = took;
            }
        }
        Arrays.sort(nanos);
        return Math.round(nanos[LOADS / 2] / 10_000.0) / 100.0;
    }

    private CaseId caseWithConsent() {
        CaseId caseId = new CaseId(UUID.randomUUID());
        commands.send(
                        new OpenCaseCommand(
                                caseId,
                                new PersonDetails(
                                        "Test Person", LocalDate.of(1990, 1, 1), null, null, null, "Dari", true, null)),
                        CASEWORKER)
                .block();
        commands.send(
                        new RecordLawfulBasisCommand(
                                caseId,
                                null,
                                LawfulBasis.CONSENT,
                                new ConsentDetails(
                                        ConsentGivenBy.DATA_SUBJECT,
                                        LocalDate.of(2026, 11, 1),
                                        Set.of(ReferralType.ESOL_PLACEMENT),
                                        Set.of())),
                        CASEWORKER)
                .block();
        return caseId;
    }

    /** Raise, accept and a progress note through the command bus; then copies of the note up to {@code events}. */
    private ReferralId referralWithEvents(CaseId caseId, int events) {
        ReferralId referralId = new ReferralId(UUID.randomUUID());
        commands.send(
                        new RaiseReferralCommand(
                                referralId,
                                ReferralType.ESOL_PLACEMENT,
                                caseId,
                                WORKER.agencyId(),
                                new ReferralFacts.EsolPlacement(null, Set.of(EsolMode.ONLINE), false, false),
                                new ReferralParticulars.EsolPlacement("Evenings", null),
                                null),
                        CASEWORKER)
                .block();
        commands.send(new AcceptReferralCommand(referralId, null, null), WORKER).block();
        commands.send(new RecordProgressCommand(referralId, null, "Started the course", Set.of()), WORKER)
                .block();
        jdbc.update("""
                INSERT INTO event_store.domain_event_entry (event_identifier, meta_data, payload, payload_revision,
                    payload_type, time_stamp, aggregate_identifier, sequence_number, type)
                SELECT gen_random_uuid()::text, e.meta_data, e.payload, e.payload_revision, e.payload_type,
                       e.time_stamp, e.aggregate_identifier, n, e.type
                FROM event_store.domain_event_entry e, generate_series(3, ? - 1) AS n
                WHERE e.aggregate_identifier = ? AND e.sequence_number = 2
                ORDER BY n
                """, events, referralId.toString());
        return referralId;
    }
}

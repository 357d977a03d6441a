package org.integratedcommunities.referrals.queryside.projection;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.flywaydb.core.Flyway;
import org.integratedcommunities.referrals.kernel.audit.AccessPurpose;
import org.integratedcommunities.referrals.kernel.audit.AccessedRecord;
import org.integratedcommunities.referrals.kernel.audit.PersonalDataAccessedEvent;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.CaseOpenedEvent;
import org.integratedcommunities.referrals.kernel.casefile.ConsentGivenBy;
import org.integratedcommunities.referrals.kernel.casefile.ConsentWithdrawnEvent;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasisRecordedEvent;
import org.integratedcommunities.referrals.kernel.directory.AgencyRegisteredEvent;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;
import org.integratedcommunities.referrals.kernel.referral.AcknowledgementOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.DeclineReason;
import org.integratedcommunities.referrals.kernel.referral.EsolLevel;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.EsolOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.InformationProvidedEvent;
import org.integratedcommunities.referrals.kernel.referral.MoveOnNeed;
import org.integratedcommunities.referrals.kernel.referral.MoveOnPeriodEndingEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralAcceptedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralClosedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralDeclinedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcome;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcomeRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralProgressRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRedirectedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralReturnedForInformationEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralSuspendedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.kernel.referral.ReferralWithdrawnEvent;
import org.integratedcommunities.referrals.kernel.referral.SuspensionReason;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What the projection tests share: a database with the event store schema, and referral events as the command side appends them. */
final class ProjectionTestSupport {

    static final String PROCESSING_GROUP = "referral-summaries";
    static final PartnershipId BRADFORD = new PartnershipId("bradford");
    static final AgencyId COUNCIL = new AgencyId("bradford-council-integration");
    static final AgencyId ESOL = new AgencyId("bradford-esol");
    static final AgencyId JOBCENTRE = new AgencyId("bradford-jobcentre");

    private ProjectionTestSupport() {}

    /** The command side owns the event store schema; here it is created the same way, from the same migration. */
    static void useDatabase(TestDatabase database, DynamicPropertyRegistry registry) {
        Flyway.configure()
                .dataSource(database.url(), TestDatabase.user(), TestDatabase.password())
                .schemas("event_store")
                .locations("classpath:db/eventstore")
                .load()
                .migrate();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("spring.datasource.password", TestDatabase::password);
    }

    /**
     * Waits until every streaming processor has every segment of its token table claimed, not in error,
     * and at or past the newest event in the store.
     */
    static void awaitCaughtUp(EventProcessingConfiguration processing, JdbcTemplate jdbc, Duration atMost) {
        long head = jdbc.queryForObject(
                "SELECT coalesce(max(global_index), 0) FROM event_store.domain_event_entry", Long.class);
        List<StreamingEventProcessor> processors = processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList();
        try {
            await().atMost(atMost)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> processors.stream().allMatch(processor -> caughtUp(processor, jdbc, head)));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "Not caught up with global index " + head + " within " + atMost + ": "
                            + processors.stream()
                                    .map(processor -> processor.getName() + " running=" + processor.isRunning()
                                            + " segments=" + processor.processingStatus())
                                    .toList(),
                    e);
        }
    }

    private static boolean caughtUp(StreamingEventProcessor processor, JdbcTemplate jdbc, long head) {
        Integer segments = jdbc.queryForObject(
                "SELECT count(*) FROM read_model.token_entry WHERE processor_name = ?",
                Integer.class,
                processor.getName());
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        return processor.isRunning()
                && segments != null
                && segments > 0
                && status.size() == segments
                && status.values().stream()
                        // A replaying segment is flagged as replaying until the first event after its reset position:
                        // its position is what tells that the replay has caught up.
                        .allMatch(segment -> !segment.isErrorState()
                                && segment.getCurrentPosition().orElse(-1) >= head);
    }

    static ReferralId newReferral() {
        return new ReferralId(UUID.randomUUID());
    }

    static void append(EventStore eventStore, ReferralId referralId, long sequence, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>(
                "Referral", referralId.toString(), sequence, event, MetaData.with("userId", "someone")));
    }

    static ReferralRaisedEvent raised(ReferralId referralId, AgencyId receiving) {
        Instant at = Instant.now();
        DataSubjectId subject = new DataSubjectId(UUID.randomUUID());
        ReferralFacts facts = receiving.equals(ESOL)
                ? new ReferralFacts.EsolPlacement(null, Set.of(EsolMode.ONLINE), false, false)
                : new ReferralFacts.RefugeePostGrant(
                        java.time.LocalDate.of(2026, 10, 1), 28, Set.of(MoveOnNeed.BANK_ACCOUNT));
        return new ReferralRaisedEvent(
                referralId,
                facts.type(),
                BRADFORD,
                COUNCIL,
                receiving,
                new CaseId(subject.value()),
                subject,
                LawfulBasis.CONSENT,
                facts,
                sealed(subject, "c2VhbGVk"),
                null,
                at,
                null,
                at.plus(Duration.ofDays(14)));
    }

    static ReferralAcceptedEvent accepted(ReferralId referralId) {
        return new ReferralAcceptedEvent(referralId, new UserId("worker-1"), Instant.now());
    }

    static ReferralProgressRecordedEvent progress(ReferralId referralId, String sealedNote) {
        return new ReferralProgressRecordedEvent(
                referralId, sealed(new DataSubjectId(UUID.randomUUID()), sealedNote), Set.of(), Instant.now());
    }

    static ReferralReturnedForInformationEvent returnedForInformation(ReferralId referralId) {
        return new ReferralReturnedForInformationEvent(
                referralId, sealed(new DataSubjectId(UUID.randomUUID()), "cXVlc3Rpb24"), Instant.now());
    }

    static InformationProvidedEvent informationProvided(ReferralId referralId) {
        Instant at = Instant.now();
        return new InformationProvidedEvent(
                referralId, sealed(new DataSubjectId(UUID.randomUUID()), "YW5zd2Vy"), at, at.plus(Duration.ofDays(5)));
    }

    static ReferralRedirectedEvent redirected(ReferralId referralId, AgencyId from, AgencyId to) {
        Instant at = Instant.now();
        return new ReferralRedirectedEvent(referralId, from, to, at, at.plus(Duration.ofDays(5)));
    }

    static ReferralDeclinedEvent declined(ReferralId referralId) {
        return new ReferralDeclinedEvent(referralId, DeclineReason.NO_CAPACITY, null, Instant.now());
    }

    static ReferralWithdrawnEvent withdrawn(ReferralId referralId) {
        return new ReferralWithdrawnEvent(
                referralId, sealed(new DataSubjectId(UUID.randomUUID()), "cmVhc29u"), Instant.now());
    }

    static ReferralSuspendedEvent suspended(ReferralId referralId, AgencyId receiving) {
        return new ReferralSuspendedEvent(referralId, SuspensionReason.CONSENT_WITHDRAWN, receiving, Instant.now());
    }

    static ReferralClosedEvent closed(ReferralId referralId) {
        return new ReferralClosedEvent(referralId, Instant.now());
    }

    static AcknowledgementOverdueEvent acknowledgementOverdue(ReferralId referralId, AgencyId receiving) {
        Instant at = Instant.now();
        return new AcknowledgementOverdueEvent(
                referralId, BRADFORD, receiving, ReferralType.EMPLOYMENT_SUPPORT, at.minus(Duration.ofHours(1)), at);
    }

    static MoveOnPeriodEndingEvent moveOnPeriodEnding(ReferralId referralId, AgencyId receiving) {
        return new MoveOnPeriodEndingEvent(
                referralId,
                BRADFORD,
                receiving,
                java.time.LocalDate.of(2026, 10, 29),
                Set.of(MoveOnNeed.BANK_ACCOUNT),
                Instant.now());
    }

    static ReferralOutcomeRecordedEvent placedOnCourse(ReferralId referralId) {
        return new ReferralOutcomeRecordedEvent(
                referralId,
                new ReferralOutcome.EsolPlacement(
                        EsolOutcomeKind.PLACED_ON_COURSE, EsolLevel.ENTRY_2, java.time.LocalDate.of(2027, 1, 11)),
                null,
                Instant.now());
    }

    /** A case's events: opened (its person sealed), consent, and by turns another basis and a withdrawal. */
    static List<Object> caseLifecycle(CaseId caseId, int variant) {
        DataSubjectId subject = new DataSubjectId(caseId.value());
        List<Object> events = new java.util.ArrayList<>();
        events.add(new CaseOpenedEvent(caseId, BRADFORD, COUNCIL, subject, sealed(subject, "cGVyc29u"), Instant.now()));
        events.add(new LawfulBasisRecordedEvent(
                caseId,
                BRADFORD,
                LawfulBasis.CONSENT,
                ConsentGivenBy.DATA_SUBJECT,
                java.time.LocalDate.of(2026, 11, 2),
                Set.of(ReferralType.ESOL_PLACEMENT, ReferralType.EMPLOYMENT_SUPPORT),
                Set.of(ESOL, JOBCENTRE),
                Instant.now()));
        if (variant % 2 == 0) {
            events.add(new LawfulBasisRecordedEvent(
                    caseId, BRADFORD, LawfulBasis.PUBLIC_TASK, null, null, null, null, Instant.now()));
        }
        if (variant % 3 == 0) {
            events.add(new ConsentWithdrawnEvent(caseId, BRADFORD, Instant.now()));
        }
        return events;
    }

    private static Sealed sealed(DataSubjectId subject, String ciphertext) {
        return new Sealed(subject, ciphertext);
    }

    /**
     * Referrals through five different lifecycles (with escalations and outcomes), cases and access-log entries,
     * their events interleaved as real traffic would be; returns how many events were appended.
     */
    static int appendLifecycles(EventStore eventStore, int referrals, int cases, int accessLogEntries) {
        List<List<Object>> lifecycles = new ArrayList<>();
        List<ReferralId> ids = new ArrayList<>();
        for (int i = 0; i < referrals; i++) {
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
        List<String> aggregateTypes = new ArrayList<>(Collections.nCopies(referrals, "Referral"));
        List<String> aggregateIds =
                new ArrayList<>(ids.stream().map(ReferralId::toString).toList());
        for (int i = 0; i < cases; i++) {
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
                        BRADFORD, COUNCIL, "Bradford Council Integration Team", Set.of(), Instant.now()),
                new AgencyRegisteredEvent(
                        BRADFORD,
                        ESOL,
                        "Airedale ESOL Learning Centre",
                        Set.of(ReferralType.ESOL_PLACEMENT),
                        Instant.now()),
                new AgencyRegisteredEvent(
                        BRADFORD,
                        JOBCENTRE,
                        "Bradford Jobcentre Plus",
                        Set.of(ReferralType.EMPLOYMENT_SUPPORT),
                        Instant.now()));
        for (int sequence = 0; sequence < agencies.size(); sequence++) {
            eventStore.publish(new GenericDomainEventMessage<>(
                    "Partnership",
                    BRADFORD.value(),
                    sequence,
                    agencies.get(sequence),
                    MetaData.with("userId", "someone")));
            appended++;
        }
        // The access log's entries are events of no aggregate.
        for (int i = 0; i < accessLogEntries; i++) {
            eventStore.publish(GenericEventMessage.asEventMessage(new PersonalDataAccessedEvent(
                    UUID.randomUUID(),
                    BRADFORD,
                    COUNCIL,
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

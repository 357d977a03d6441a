package org.integratedcommunities.referrals.queryside.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.BRADFORD;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.actor;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.awaitVersion;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.fakeSealed;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.newReferral;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.now;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.raised;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.referral.AcknowledgementOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.ConcernCategory;
import org.integratedcommunities.referrals.kernel.referral.DeclineReason;
import org.integratedcommunities.referrals.kernel.referral.EmploymentProgramme;
import org.integratedcommunities.referrals.kernel.referral.EsolLevel;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.EsolOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.InformationProvidedEvent;
import org.integratedcommunities.referrals.kernel.referral.LadoInformedEvent;
import org.integratedcommunities.referrals.kernel.referral.LadoNotificationOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.MoveOnNeed;
import org.integratedcommunities.referrals.kernel.referral.MoveOnPeriodEndingEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralAcceptedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralAssignedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralClosedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralDeclinedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcome;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcomeRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralProgressRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRedirectedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralReferredOnEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralReturnedForInformationEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralStatus;
import org.integratedcommunities.referrals.kernel.referral.ReferralSuspendedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.kernel.referral.SafeguardingAction;
import org.integratedcommunities.referrals.kernel.referral.SettingSize;
import org.integratedcommunities.referrals.kernel.referral.SettingType;
import org.integratedcommunities.referrals.kernel.referral.SuspensionReason;
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.queryside.referral.ReferralEvents.Appender;
import org.integratedcommunities.referrals.queryside.referral.ReferralListQuery.Box;
import org.integratedcommunities.referrals.queryside.referral.ReferralListQuery.Sort;
import org.integratedcommunities.referrals.queryside.referral.ReferralSummaryRepository.StoredReferral;
import org.integratedcommunities.referrals.queryside.referral.ReferralTimelineRepository.StoredEntry;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The agencies' working views on the real PostgreSQL, from realistic event sequences appended to the event store as
 * the command side appends them (with the acting user's metadata): the inbox and outbox columns, the timeline, their
 * idempotency and reset, the list's filters, sort and paging, and the timeline's row-level security.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ReferralWorkingViewsIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("working_views");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ReferralEvents.useDatabase(database, registry);
    }

    @AfterAll
    static void dropDatabase(@Autowired EventProcessingConfiguration processing) {
        QuerySideTestSupport.stopProcessorsAndDrop(processing, database);
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    ReferralSummaryRepository summaries;

    @Autowired
    ReferralTimelineRepository timelines;

    @Autowired
    ReferralSummaryProjection summaryProjection;

    @Autowired
    ReferralTimelineProjection timelineProjection;

    @Autowired
    ReadModelReads reads;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private final Actor caseworker = actor("bradford-council-integration", Role.CASEWORKER);
    private final Actor esolWorker = actor("bradford-esol", Role.AGENCY_WORKER);
    private final Actor esolManager = actor("bradford-esol", Role.AGENCY_MANAGER);
    private final Actor jobcentreWorker = actor("bradford-jobcentre", Role.AGENCY_WORKER, Role.CASEWORKER);
    private final Actor refugeeWorker = actor("bradford-refugee-charity", Role.AGENCY_WORKER);
    private final Actor oosWorker = actor("bradford-oos-safeguarding", Role.AGENCY_WORKER);
    private final Actor safeguardingLead = actor("bradford-oos-safeguarding", Role.SAFEGUARDING_LEAD);

    @Test
    void anEsolReferralThroughItsWholeLifeFillsEveryColumnOfTheInboxAndOutbox() {
        ReferralId id = newReferral();
        ReferralId onward = newReferral();
        DataSubjectId subject = new DataSubjectId(UUID.randomUUID());
        Instant raisedAt = now();
        Instant firstDue = raisedAt.plus(Duration.ofDays(14));
        Instant secondDue = raisedAt.plus(Duration.ofDays(20));
        Instant breachedAt = now();
        ReferralOutcome outcome = new ReferralOutcome.EsolPlacement(
                EsolOutcomeKind.PLACED_ON_COURSE, EsolLevel.ENTRY_2, LocalDate.of(2027, 1, 11));
        UserId firstAssignee = esolWorker.userId();
        UserId secondAssignee = new UserId(UUID.randomUUID().toString());

        Appender events = new Appender(eventStore, id)
                .append(
                        caseworker,
                        raised(
                                id,
                                caseworker,
                                esolWorker.agencyId(),
                                new ReferralFacts.EsolPlacement(
                                        EsolLevel.ENTRY_1, Set.of(EsolMode.CLASSROOM), true, false),
                                subject,
                                fakeSealed(subject, "cGFydGljdWxhcnM="),
                                raisedAt,
                                LocalDate.of(2026, 11, 2),
                                firstDue,
                                null))
                // The deadline fires as the platform; its metadata is the raiser's, carried over from the raise.
                .append(
                        caseworker,
                        new AcknowledgementOverdueEvent(
                                id, BRADFORD, esolWorker.agencyId(), ReferralType.ESOL_PLACEMENT, firstDue, breachedAt))
                .append(
                        esolWorker,
                        new ReferralReturnedForInformationEvent(id, fakeSealed(subject, "cXVlc3Rpb24="), now()))
                .append(caseworker, new InformationProvidedEvent(id, fakeSealed(subject, "YW5zd2Vy"), now(), secondDue))
                .append(esolWorker, new ReferralAcceptedEvent(id, firstAssignee, now()))
                .append(esolManager, new ReferralAssignedEvent(id, secondAssignee, now()))
                .append(
                        esolWorker,
                        new ReferralProgressRecordedEvent(id, fakeSealed(subject, "bm90ZQ=="), Set.of(), now()))
                .append(esolWorker, new ReferralOutcomeRecordedEvent(id, outcome, null, now()))
                .append(caseworker, new ReferralClosedEvent(id, now()))
                .append(esolWorker, new ReferralReferredOnEvent(id, onward, jobcentreWorker.agencyId(), now()));
        awaitVersion(reads, summaries, caseworker, id, events.version());

        ReferralView inOutbox = find(caseworker, id).view();
        assertThat(inOutbox.status()).isEqualTo(ReferralStatus.CLOSED);
        assertThat(inOutbox.type()).isEqualTo(ReferralType.ESOL_PLACEMENT);
        assertThat(inOutbox.referringAgencyId()).isEqualTo(caseworker.agencyId());
        assertThat(inOutbox.receivingAgencyId()).isEqualTo(esolWorker.agencyId());
        assertThat(inOutbox.raisedAt()).isEqualTo(raisedAt);
        assertThat(inOutbox.madeOn()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(inOutbox.acknowledgeBy())
                .as("moved by the answer to the question")
                .isEqualTo(secondDue);
        assertThat(inOutbox.slaBreached())
                .as("a breach stays on record after the later acceptance")
                .isTrue();
        assertThat(inOutbox.slaBreachedAt()).isEqualTo(breachedAt);
        assertThat(inOutbox.assignee()).as("reassigned by the manager").isEqualTo(secondAssignee);
        assertThat(inOutbox.outcome()).as("the closed loop").isEqualTo(outcome);
        assertThat(inOutbox.onwardReferralIds()).containsExactly(onward);
        assertThat(inOutbox.caseId().value()).isEqualTo(subject.value());
        assertThat(inOutbox.suspension()).isNull();
        assertThat(inOutbox.lado()).isNull();
        assertThat(inOutbox.moveOn()).isNull();
        assertThat(inOutbox.version()).isEqualTo(9);
        assertThat(inOutbox.lastChangedAt()).isAfterOrEqualTo(raisedAt);
        StoredReferral inInbox = find(esolWorker, id);
        assertThat(inInbox.view()).isEqualTo(inOutbox);
        assertThat(inInbox.facts())
                .isEqualTo(new ReferralFacts.EsolPlacement(EsolLevel.ENTRY_1, Set.of(EsolMode.CLASSROOM), true, false));
        assertThat(inInbox.subject()).isEqualTo(subject);

        List<StoredEntry> timeline = timeline(esolWorker, id, events.version());
        assertThat(timeline)
                .extracting(StoredEntry::sequence, StoredEntry::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, TimelineEntryType.RAISED),
                        org.assertj.core.groups.Tuple.tuple(1L, TimelineEntryType.ACKNOWLEDGEMENT_OVERDUE),
                        org.assertj.core.groups.Tuple.tuple(2L, TimelineEntryType.RETURNED_FOR_INFORMATION),
                        org.assertj.core.groups.Tuple.tuple(3L, TimelineEntryType.INFORMATION_PROVIDED),
                        org.assertj.core.groups.Tuple.tuple(4L, TimelineEntryType.ACCEPTED),
                        org.assertj.core.groups.Tuple.tuple(5L, TimelineEntryType.ASSIGNED),
                        org.assertj.core.groups.Tuple.tuple(6L, TimelineEntryType.PROGRESS_RECORDED),
                        org.assertj.core.groups.Tuple.tuple(7L, TimelineEntryType.OUTCOME_RECORDED),
                        org.assertj.core.groups.Tuple.tuple(8L, TimelineEntryType.CLOSED),
                        org.assertj.core.groups.Tuple.tuple(9L, TimelineEntryType.REFERRED_ON));
        StoredEntry raisedEntry = timeline.get(0);
        assertThat(raisedEntry.actorUserId()).isEqualTo(caseworker.userId().value());
        assertThat(raisedEntry.actorAgencyId()).isEqualTo("bradford-council-integration");
        assertThat(raisedEntry.actorRoles()).containsExactly("caseworker");
        assertThat(raisedEntry.summary())
                .isEqualTo(
                        "Raised: ESOL_PLACEMENT from bradford-council-integration to bradford-esol, made on 2026-11-02");
        assertThat(raisedEntry.sealedPart()).isEqualTo("particulars");
        StoredEntry overdue = timeline.get(1);
        assertThat(overdue.actorUserId())
                .as("the platform acted, not the raiser")
                .isNull();
        assertThat(overdue.actorAgencyId()).isNull();
        assertThat(overdue.actorRoles()).isEmpty();
        assertThat(timeline.get(2).sealedPart()).isEqualTo("question");
        assertThat(timeline.get(3).sealedPart()).isEqualTo("answer");
        assertThat(timeline.get(5).actorRoles()).containsExactly("agency_manager");
        assertThat(timeline.get(6).sealedPart()).isEqualTo("note");
        assertThat(timeline.get(7).summary()).isEqualTo("Outcome: PLACED_ON_COURSE, ENTRY_2, course starts 2027-01-11");
        assertThat(timeline.get(7).sealedPart()).as("no note with this outcome").isNull();
        assertThat(timeline.get(9).summary()).isEqualTo("Referred on to bradford-jobcentre");

        assertThat(readModelText(id))
                .as("no sealed data, not even its ciphertext, in the read model")
                .doesNotContain("cGFydGljdWxhcnM=", "cXVlc3Rpb24=", "YW5zd2Vy", "bm90ZQ==");
    }

    @Test
    void aRefugeeReferralRecordsItsMoveOnEscalationAndItsSuspension() {
        ReferralId id = newReferral();
        DataSubjectId subject = new DataSubjectId(UUID.randomUUID());
        LocalDate granted = LocalDate.of(2026, 11, 1);
        Instant escalatedAt = now();
        Appender events = new Appender(eventStore, id)
                .append(
                        caseworker,
                        raised(
                                id,
                                caseworker,
                                refugeeWorker.agencyId(),
                                new ReferralFacts.RefugeePostGrant(
                                        granted, 56, Set.of(MoveOnNeed.BANK_ACCOUNT, MoveOnNeed.HOUSING_APPLICATION)),
                                subject,
                                fakeSealed(subject, "bm90ZXM="),
                                now(),
                                null,
                                now().plus(Duration.ofDays(1)),
                                null))
                .append(refugeeWorker, new ReferralAcceptedEvent(id, refugeeWorker.userId(), now()))
                .append(
                        refugeeWorker,
                        new ReferralProgressRecordedEvent(id, null, Set.of(MoveOnNeed.BANK_ACCOUNT), now()))
                .append(
                        refugeeWorker,
                        new MoveOnPeriodEndingEvent(
                                id,
                                BRADFORD,
                                refugeeWorker.agencyId(),
                                granted.plusDays(56),
                                Set.of(MoveOnNeed.HOUSING_APPLICATION),
                                escalatedAt))
                .append(
                        caseworker,
                        new ReferralSuspendedEvent(
                                id, SuspensionReason.CONSENT_WITHDRAWN, refugeeWorker.agencyId(), escalatedAt));
        awaitVersion(reads, summaries, refugeeWorker, id, events.version());

        ReferralView view = find(refugeeWorker, id).view();
        assertThat(view.status()).isEqualTo(ReferralStatus.SUSPENDED);
        assertThat(view.suspension())
                .isEqualTo(new ReferralView.Suspension(SuspensionReason.CONSENT_WITHDRAWN, escalatedAt));
        assertThat(view.moveOn())
                .isEqualTo(new ReferralView.MoveOn(
                        LocalDate.of(2026, 12, 27), escalatedAt, Set.of(MoveOnNeed.HOUSING_APPLICATION)));
        assertThat(view.slaBreached()).isFalse();
        assertThat(view.assignee()).isEqualTo(refugeeWorker.userId());
        List<StoredEntry> timeline = timeline(caseworker, id, events.version());
        assertThat(timeline.get(2).summary()).isEqualTo("Progress recorded: met BANK_ACCOUNT");
        assertThat(timeline.get(2).sealedPart()).as("progress without a note").isNull();
        assertThat(timeline.get(3).type()).isEqualTo(TimelineEntryType.MOVE_ON_PERIOD_ENDING);
        assertThat(timeline.get(3).actorUserId()).isNull();
        assertThat(timeline.get(4).type()).isEqualTo(TimelineEntryType.SUSPENDED);
        assertThat(timeline.get(4).actorUserId())
                .as("suspended because this caseworker withdrew consent")
                .isEqualTo(caseworker.userId().value());
    }

    @Test
    void anAllegationAgainstStaffTracksTheLadoAndIsSeenOnTheReceivingSideOnlyByTheSafeguardingLead() {
        ReferralId id = newReferral();
        DataSubjectId reporter = new DataSubjectId(id.value());
        Instant overdueAt = now();
        Instant informedAt = now();
        Appender events = new Appender(eventStore, id)
                .append(
                        caseworker,
                        raised(
                                id,
                                caseworker,
                                safeguardingLead.agencyId(),
                                new ReferralFacts.OutOfSchoolSettingsConcern(
                                        SettingType.SUPPLEMENTARY_SCHOOL,
                                        SettingSize.SMALL,
                                        Set.of(ConcernCategory.STAFF_SUITABILITY, ConcernCategory.SAFEGUARDING),
                                        false,
                                        false,
                                        true,
                                        true),
                                reporter,
                                fakeSealed(reporter, "c2V0dGluZw=="),
                                now(),
                                null,
                                now().plus(Duration.ofDays(1)),
                                null))
                .append(
                        caseworker,
                        new LadoNotificationOverdueEvent(id, BRADFORD, safeguardingLead.agencyId(), now(), overdueAt))
                .append(safeguardingLead, new LadoInformedEvent(id, informedAt))
                .append(safeguardingLead, new ReferralAcceptedEvent(id, safeguardingLead.userId(), now()))
                .append(
                        safeguardingLead,
                        new ReferralOutcomeRecordedEvent(
                                id,
                                new ReferralOutcome.OutOfSchoolSettingsConcern(
                                        Set.of(SafeguardingAction.REFERRED_TO_LADO, SafeguardingAction.JOINT_VISIT)),
                                null,
                                now()));
        awaitVersion(reads, summaries, safeguardingLead, id, events.version());

        ReferralView view = find(safeguardingLead, id).view();
        assertThat(view.lado()).isEqualTo(new ReferralView.Lado(informedAt, overdueAt));
        assertThat(view.caseId()).as("a concern has no case").isNull();
        assertThat(view.status()).isEqualTo(ReferralStatus.OUTCOME_RECORDED);
        assertThat(timeline(safeguardingLead, id, events.version())).hasSize(5);
        assertThat(timeline(safeguardingLead, id, events.version()).get(4).summary())
                .isEqualTo("Outcome: JOINT_VISIT, REFERRED_TO_LADO");
        assertThat(timeline(caseworker, id, events.version()))
                .as("the referrer")
                .hasSize(5);

        assertThat(reads.read(oosWorker, read -> summaries.findVisible(read, id))
                        .block())
                .isEmpty();
        assertThat(timeline(oosWorker, id, events.version())).isEmpty();
        assertThat(rowsVisibleByTheDatabaseAlone(oosWorker, id))
                .as("row-level security alone, without the application's scoping: the timeline follows its referral")
                .isEqualTo(Map.of("referral_summary", 0L, "referral_timeline", 0L));
        assertThat(rowsVisibleByTheDatabaseAlone(jobcentreWorker, id))
                .isEqualTo(Map.of("referral_summary", 0L, "referral_timeline", 0L));
        assertThat(rowsVisibleByTheDatabaseAlone(actor("bradford-oos-safeguarding", Role.SAFEGUARDING_LEAD), id))
                .isEqualTo(Map.of("referral_summary", 1L, "referral_timeline", 5L));
        assertThat(rowsVisibleByTheDatabaseAlone(caseworker, id))
                .isEqualTo(Map.of("referral_summary", 1L, "referral_timeline", 5L));
    }

    @Test
    void aRedirectMovesTheReferralToTheNewAgencysInboxWithANewDeadline() {
        ReferralId id = newReferral();
        DataSubjectId subject = new DataSubjectId(UUID.randomUUID());
        Instant newDue = now().plus(Duration.ofDays(7));
        Appender events = new Appender(eventStore, id)
                .append(
                        caseworker,
                        raised(
                                id,
                                caseworker,
                                esolWorker.agencyId(),
                                new ReferralFacts.EmploymentSupport(Set.of(), Set.of(EmploymentProgramme.TRAINING)),
                                subject,
                                fakeSealed(subject, "Z29hbA=="),
                                now(),
                                null,
                                now().plus(Duration.ofDays(5)),
                                null))
                .append(esolWorker, new ReferralDeclinedEvent(id, DeclineReason.NOT_ELIGIBLE, null, now()))
                .append(
                        caseworker,
                        new ReferralRedirectedEvent(
                                id, esolWorker.agencyId(), jobcentreWorker.agencyId(), now(), newDue));
        awaitVersion(reads, summaries, caseworker, id, events.version());

        ReferralView view = find(jobcentreWorker, id).view();
        assertThat(view.status()).isEqualTo(ReferralStatus.RAISED);
        assertThat(view.receivingAgencyId()).isEqualTo(jobcentreWorker.agencyId());
        assertThat(view.acknowledgeBy()).isEqualTo(newDue);
        assertThat(reads.read(esolWorker, read -> summaries.findVisible(read, id))
                        .block())
                .as("the agency that declined it no longer sees it")
                .isEmpty();
        assertThat(rowsVisibleByTheDatabaseAlone(esolWorker, id))
                .isEqualTo(Map.of("referral_summary", 0L, "referral_timeline", 0L));
        List<StoredEntry> timeline = timeline(jobcentreWorker, id, events.version());
        assertThat(timeline.get(1).summary()).isEqualTo("Declined: NOT_ELIGIBLE");
        assertThat(timeline.get(1).sealedPart())
                .as("declined without an explanation")
                .isNull();
        assertThat(timeline.get(2).summary()).isEqualTo("Redirected from bradford-esol to bradford-jobcentre");
    }

    @Test
    void aRedeliveredOrOlderEventChangesNothing() {
        ReferralId id = newReferral();
        DataSubjectId subject = new DataSubjectId(UUID.randomUUID());
        var raise = raised(
                id,
                caseworker,
                esolWorker.agencyId(),
                new ReferralFacts.EsolPlacement(null, Set.of(EsolMode.ONLINE), false, false),
                subject,
                fakeSealed(subject, "eA=="),
                now(),
                null,
                now().plus(Duration.ofDays(14)),
                null);
        Appender events = new Appender(eventStore, id)
                .append(caseworker, raise)
                .append(esolWorker, new ReferralAcceptedEvent(id, esolWorker.userId(), now()))
                .append(esolWorker, new ReferralProgressRecordedEvent(id, null, Set.of(), now()));
        awaitVersion(reads, summaries, caseworker, id, events.version());
        ReferralView before = find(caseworker, id).view();
        List<StoredEntry> timelineBefore = timeline(caseworker, id, Long.MAX_VALUE);

        // As Axon would redeliver them after a crash between the batch's writes and its token: the same events again.
        Instant later = now().plus(Duration.ofHours(1));
        summaryProjection.on(raise, 0, later);
        summaryProjection.on(new ReferralAcceptedEvent(id, new UserId("someone-else"), later), 1, later);
        timelineProjection.on(raise, 0, later, "another-user", "bradford-jobcentre", "agency_worker");
        timelineProjection.on(new ReferralClosedEvent(id, later), 2, later, "another-user", null, null);

        assertThat(find(caseworker, id).view()).isEqualTo(before);
        assertThat(timeline(caseworker, id, Long.MAX_VALUE)).isEqualTo(timelineBefore);
    }

    @Test
    void theResetHandlersEmptyBothTables() {
        ReferralId id = newReferral();
        DataSubjectId subject = new DataSubjectId(UUID.randomUUID());
        Appender events = new Appender(eventStore, id)
                .append(
                        caseworker,
                        raised(
                                id,
                                caseworker,
                                esolWorker.agencyId(),
                                new ReferralFacts.EsolPlacement(null, Set.of(EsolMode.ONLINE), false, false),
                                subject,
                                fakeSealed(subject, "eA=="),
                                now(),
                                null,
                                now().plus(Duration.ofDays(14)),
                                null));
        awaitVersion(reads, summaries, caseworker, id, events.version());

        // Inside a transaction that is rolled back, so that the other tests' rows stay.
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            assertThat(count("referral_summary")).isPositive();
            assertThat(count("referral_timeline")).isPositive();
            summaryProjection.reset();
            timelineProjection.reset();
            assertThat(count("referral_summary")).isZero();
            assertThat(count("referral_timeline")).isZero();
            status.setRollbackOnly();
        });
    }

    @Test
    void theListFiltersSortsAndPagesWithinTheActorsBoxes() {
        // Agencies of their own, so that the other tests' referrals do not count.
        Actor referrer = actor("bradford-paging-referrer", Role.CASEWORKER);
        Actor receiver = actor("bradford-paging-receiver", Role.AGENCY_WORKER);
        Actor outsider = actor("bradford-paging-outsider", Role.AGENCY_WORKER);
        Instant base = now().minus(Duration.ofDays(30));
        List<ReferralId> ids = new ArrayList<>();
        List<Appender> appenders = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ReferralId id = newReferral();
            ids.add(id);
            DataSubjectId subject = new DataSubjectId(UUID.randomUUID());
            boolean esol = i % 2 == 0;
            ReferralFacts facts = esol
                    ? new ReferralFacts.EsolPlacement(null, Set.of(EsolMode.ONLINE), false, false)
                    : new ReferralFacts.EmploymentSupport(Set.of(), Set.of(EmploymentProgramme.MENTORING_CIRCLE));
            Instant raisedAt = base.plus(Duration.ofHours(i));
            // Deadlines in the opposite order of raising, so that the two sorts differ.
            Instant due = base.plus(Duration.ofDays(20)).minus(Duration.ofHours(i));
            Appender events = new Appender(eventStore, id)
                    .append(
                            referrer,
                            raised(
                                    id,
                                    referrer,
                                    receiver.agencyId(),
                                    facts,
                                    subject,
                                    fakeSealed(subject, "eA=="),
                                    raisedAt,
                                    null,
                                    due,
                                    null));
            if (i % 3 == 0) {
                events.append(receiver, new ReferralAcceptedEvent(id, receiver.userId(), now()));
            }
            if (i % 4 == 0) {
                events.append(
                        referrer,
                        new AcknowledgementOverdueEvent(id, BRADFORD, receiver.agencyId(), facts.type(), due, now()));
            }
            appenders.add(events);
        }
        // One the receiver sent back the other way: in its outbox, not its inbox.
        ReferralId reverse = newReferral();
        DataSubjectId reverseSubject = new DataSubjectId(UUID.randomUUID());
        Appender reverseEvents = new Appender(eventStore, reverse)
                .append(
                        receiver,
                        raised(
                                reverse,
                                receiver,
                                referrer.agencyId(),
                                new ReferralFacts.EsolPlacement(null, Set.of(EsolMode.ONLINE), false, false),
                                reverseSubject,
                                fakeSealed(reverseSubject, "eA=="),
                                base,
                                null,
                                base,
                                null));
        for (int i = 0; i < ids.size(); i++) {
            awaitVersion(
                    reads, summaries, referrer, ids.get(i), appenders.get(i).version());
        }
        awaitVersion(reads, summaries, receiver, reverse, reverseEvents.version());

        ReferralPage inbox = page(receiver, query(Box.INBOX).build());
        assertThat(inbox.total()).isEqualTo(12);
        assertThat(inbox.items())
                .extracting(ReferralView::referralId)
                .as("newest first by default")
                .containsExactlyElementsOf(reversed(ids));
        assertThat(page(receiver, query(Box.OUTBOX).build()).items())
                .extracting(ReferralView::referralId)
                .containsExactly(reverse);
        assertThat(page(receiver, query(Box.ALL).build()).total()).isEqualTo(13);

        ReferralPage second = page(receiver, query(Box.INBOX).page(1).size(5).build());
        assertThat(second.total()).isEqualTo(12);
        assertThat(second.page()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(5);
        assertThat(second.items())
                .extracting(ReferralView::referralId)
                .containsExactlyElementsOf(reversed(ids).subList(5, 10));
        assertThat(page(receiver, query(Box.INBOX).page(2).size(5).build()).items())
                .hasSize(2);
        ReferralPage beyond = page(receiver, query(Box.INBOX).page(9).size(5).build());
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).as("the total, also past the last page").isEqualTo(12);

        assertThat(page(
                                receiver,
                                query(Box.INBOX)
                                        .sort(Sort.ACKNOWLEDGE_BY, false)
                                        .build())
                        .items())
                .extracting(ReferralView::referralId)
                .as("soonest deadline first")
                .containsExactlyElementsOf(reversed(ids));
        assertThat(page(
                                receiver,
                                query(Box.INBOX).sort(Sort.ACKNOWLEDGE_BY, true).build())
                        .items())
                .extracting(ReferralView::referralId)
                .containsExactlyElementsOf(ids);
        assertThat(page(receiver, query(Box.INBOX).sort(Sort.RAISED_AT, false).build())
                        .items())
                .extracting(ReferralView::referralId)
                .containsExactlyElementsOf(ids);

        assertThat(page(
                                receiver,
                                query(Box.INBOX)
                                        .statuses(ReferralStatus.ACCEPTED)
                                        .build())
                        .items())
                .extracting(ReferralView::referralId)
                .containsExactlyInAnyOrder(ids.get(0), ids.get(3), ids.get(6), ids.get(9));
        assertThat(page(
                                receiver,
                                query(Box.INBOX)
                                        .statuses(ReferralStatus.ACCEPTED, ReferralStatus.RAISED)
                                        .build())
                        .total())
                .isEqualTo(12);
        assertThat(page(
                                receiver,
                                query(Box.INBOX)
                                        .types(ReferralType.EMPLOYMENT_SUPPORT)
                                        .build())
                        .items())
                .extracting(ReferralView::referralId)
                .containsExactlyInAnyOrder(ids.get(1), ids.get(3), ids.get(5), ids.get(7), ids.get(9), ids.get(11));
        assertThat(page(receiver, query(Box.INBOX).slaBreached(true).build()).items())
                .extracting(ReferralView::referralId)
                .containsExactlyInAnyOrder(ids.get(0), ids.get(4), ids.get(8));
        assertThat(page(receiver, query(Box.INBOX).slaBreached(false).build()).total())
                .isEqualTo(9);
        assertThat(page(receiver, query(Box.INBOX).assignedToMe().build()).items())
                .extracting(ReferralView::referralId)
                .containsExactlyInAnyOrder(ids.get(0), ids.get(3), ids.get(6), ids.get(9));
        assertThat(page(
                                actor("bradford-paging-receiver", Role.AGENCY_WORKER),
                                query(Box.INBOX).assignedToMe().build())
                        .total())
                .as("a colleague: assigned to someone else")
                .isZero();
        assertThat(page(
                                receiver,
                                query(Box.INBOX)
                                        .statuses(ReferralStatus.ACCEPTED)
                                        .types(ReferralType.ESOL_PLACEMENT)
                                        .slaBreached(true)
                                        .build())
                        .items())
                .extracting(ReferralView::referralId)
                .containsExactly(ids.get(0));

        assertThat(page(outsider, query(Box.ALL).build()).total()).isZero();
        assertThat(page(referrer, query(Box.OUTBOX).build()).total()).isEqualTo(12);
        assertThat(page(referrer, query(Box.INBOX).build()).items())
                .extracting(ReferralView::referralId)
                .containsExactly(reverse);
    }

    // -----------------------------------------------------------------------------------------------------------------

    private StoredReferral find(Actor actor, ReferralId id) {
        return reads.read(actor, read -> summaries.findVisible(read, id))
                .block()
                .orElseThrow();
    }

    private List<StoredEntry> timeline(Actor actor, ReferralId id, long version) {
        return reads.read(actor, read -> timelines.findVisible(read, id, version))
                .block();
    }

    private ReferralPage page(Actor actor, ReferralListQuery query) {
        return reads.read(actor, read -> summaries.page(read, query)).block();
    }

    /** What the database shows the actor of the referral with no scoping in the SQL: row-level security alone. */
    private Map<String, Long> rowsVisibleByTheDatabaseAlone(Actor actor, ReferralId id) {
        return reads.read(
                        actor,
                        read -> Map.of(
                                "referral_summary",
                                read.jdbc()
                                        .getJdbcTemplate()
                                        .queryForObject(
                                                "SELECT count(*) FROM referral_summary WHERE referral_id = ?",
                                                Long.class,
                                                id.value()),
                                "referral_timeline",
                                read.jdbc()
                                        .getJdbcTemplate()
                                        .queryForObject(
                                                "SELECT count(*) FROM referral_timeline WHERE referral_id = ?",
                                                Long.class,
                                                id.value())))
                .block();
    }

    private String readModelText(ReferralId id) {
        return jdbc.queryForObject(
                        "SELECT s::text FROM read_model.referral_summary s WHERE referral_id = ?",
                        String.class,
                        id.value())
                + jdbc.queryForList(
                        "SELECT t::text FROM read_model.referral_timeline t WHERE referral_id = ?",
                        String.class,
                        id.value());
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM read_model." + table, Long.class);
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static QueryBuilder query(Box box) {
        return new QueryBuilder(box);
    }

    /** A list query with the API's defaults, changed where a test says. */
    private static final class QueryBuilder {

        private final Box box;
        private Set<ReferralStatus> statuses = Set.of();
        private Set<ReferralType> types = Set.of();
        private Boolean slaBreached;
        private boolean assignedToMe;
        private Sort sort = Sort.RAISED_AT;
        private boolean descending = true;
        private int page;
        private int size = 50;

        QueryBuilder(Box box) {
            this.box = box;
        }

        QueryBuilder statuses(ReferralStatus... statuses) {
            this.statuses = Set.of(statuses);
            return this;
        }

        QueryBuilder types(ReferralType... types) {
            this.types = Set.of(types);
            return this;
        }

        QueryBuilder slaBreached(boolean breached) {
            this.slaBreached = breached;
            return this;
        }

        QueryBuilder assignedToMe() {
            this.assignedToMe = true;
            return this;
        }

        QueryBuilder sort(Sort sort, boolean descending) {
            this.sort = sort;
            this.descending = descending;
            return this;
        }

        QueryBuilder page(int page) {
            this.page = page;
            return this;
        }

        QueryBuilder size(int size) {
            this.size = size;
            return this;
        }

        ReferralListQuery build() {
            return new ReferralListQuery(
                    box, statuses, types, slaBreached, assignedToMe, null, sort, descending, page, size);
        }
    }
}

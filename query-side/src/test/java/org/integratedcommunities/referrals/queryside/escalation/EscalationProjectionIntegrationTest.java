package org.integratedcommunities.referrals.queryside.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.integratedcommunities.referrals.queryside.escalation.EscalationEvents.BRADFORD;
import static org.integratedcommunities.referrals.queryside.escalation.EscalationEvents.allegationAgainstStaff;
import static org.integratedcommunities.referrals.queryside.escalation.EscalationEvents.esol;
import static org.integratedcommunities.referrals.queryside.escalation.EscalationEvents.newReferral;
import static org.integratedcommunities.referrals.queryside.escalation.EscalationEvents.raised;
import static org.integratedcommunities.referrals.queryside.escalation.EscalationEvents.refugee;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.referral.AcknowledgementOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.DeclineReason;
import org.integratedcommunities.referrals.kernel.referral.InformationProvidedEvent;
import org.integratedcommunities.referrals.kernel.referral.LadoInformedEvent;
import org.integratedcommunities.referrals.kernel.referral.LadoNotificationOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.MoveOnNeed;
import org.integratedcommunities.referrals.kernel.referral.MoveOnOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.MoveOnPeriodEndingEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralAcceptedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralClosedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralDeclinedEvent;
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
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.queryside.escalation.EscalationEvents.Appender;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The escalation list on the real PostgreSQL, from event sequences appended to the event store as the command side
 * appends them: each kind of escalation lands with what was due, stays with the agency it escalated against, and is
 * ended by the right later event and by no other; redelivered events change nothing; a reset and replay rebuilds the
 * same rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class EscalationProjectionIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("escalations");

    private static final AgencyId COUNCIL = new AgencyId("bradford-council-integration");
    private static final AgencyId ESOL = new AgencyId("bradford-esol");
    private static final AgencyId REFUGEE_CHARITY = new AgencyId("bradford-refugee-charity");
    private static final AgencyId COUNCIL_HOUSING = new AgencyId("bradford-council-housing");
    private static final AgencyId OOS_TEAM = new AgencyId("bradford-oos-safeguarding");
    private static final AgencyId CHILDRENS_SERVICES = new AgencyId("bradford-childrens-services");
    private static final LocalDate GRANTED = LocalDate.of(2026, 11, 2);
    private static final LocalDate MOVE_ON_ENDS = GRANTED.plusDays(28);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EscalationEvents.useDatabase(database, registry);
    }

    /** Stops the processors before their database goes, so that they do not knock at a dropped database. */
    @AfterAll
    static void dropDatabase(@Autowired EventProcessingConfiguration processing) {
        QuerySideTestSupport.stopProcessorsAndDrop(processing, database);
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    EscalationProjection projection;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void anOverdueAcknowledgementLandsAndEndsWithTheReceivingAgencysFirstAnswer() {
        Map<EscalationResolution, Function<ReferralId, Object>> answers = Map.of(
                EscalationResolution.ACCEPTED,
                id -> new ReferralAcceptedEvent(id, new UserId("worker"), at(3)),
                EscalationResolution.DECLINED,
                id -> new ReferralDeclinedEvent(id, DeclineReason.NO_CAPACITY, null, at(3)),
                EscalationResolution.RETURNED_FOR_INFORMATION,
                id -> new ReferralReturnedForInformationEvent(id, null, at(3)));
        answers.forEach((resolution, answer) -> {
            ReferralId id = newReferral();
            new Appender(eventStore, id)
                    .append(raised(id, BRADFORD, COUNCIL, ESOL, esol(), at(0), at(1)))
                    .append(new AcknowledgementOverdueEvent(
                            id, BRADFORD, ESOL, ReferralType.ESOL_PLACEMENT, at(1), at(2)))
                    .append(answer.apply(id))
                    .awaitApplied(jdbc);

            assertThat(rows(id))
                    .as("ended by %s", resolution)
                    .containsExactly(new Row(
                            1,
                            "ACKNOWLEDGEMENT_OVERDUE",
                            "bradford",
                            "ESOL_PLACEMENT",
                            COUNCIL.value(),
                            ESOL.value(),
                            at(2),
                            at(1),
                            null,
                            null,
                            at(3),
                            resolution.name(),
                            2L));
        });
    }

    @Test
    void aNewDeadlineAfterAnAnswerCanEscalateAgainAsASecondEscalation() {
        ReferralId id = newReferral();
        new Appender(eventStore, id)
                .append(raised(id, BRADFORD, COUNCIL, ESOL, esol(), at(0), at(1)))
                .append(new AcknowledgementOverdueEvent(id, BRADFORD, ESOL, ReferralType.ESOL_PLACEMENT, at(1), at(2)))
                .append(new ReferralReturnedForInformationEvent(id, null, at(3)))
                .append(new InformationProvidedEvent(id, null, at(4), at(5)))
                .append(new AcknowledgementOverdueEvent(id, BRADFORD, ESOL, ReferralType.ESOL_PLACEMENT, at(5), at(6)))
                .append(new ReferralWithdrawnEvent(id, null, at(7)))
                .awaitApplied(jdbc);

        List<Row> rows = rows(id);
        assertThat(rows).extracting(Row::sequence).containsExactly(1L, 4L);
        assertThat(rows.get(0).resolution()).isEqualTo("RETURNED_FOR_INFORMATION");
        assertThat(rows.get(0).resolvedAt()).isEqualTo(at(3));
        assertThat(rows.get(1).dueAt()).isEqualTo(at(5));
        assertThat(rows.get(1).resolution()).isEqualTo("WITHDRAWN");
        assertThat(rows.get(1).resolvedBySequence()).isEqualTo(5L);
    }

    @Test
    void aMoveOnEscalationKeepsTheNeedsOpenWhenItEscalatedAndEndsWhenAllAreMet() {
        ReferralId id = newReferral();
        Appender events = new Appender(eventStore, id)
                .append(raised(
                        id,
                        BRADFORD,
                        COUNCIL,
                        REFUGEE_CHARITY,
                        refugee(
                                GRANTED,
                                MoveOnNeed.BANK_ACCOUNT,
                                MoveOnNeed.HOUSING_APPLICATION,
                                MoveOnNeed.GP_REGISTRATION),
                        at(0),
                        at(1)))
                .append(new ReferralAcceptedEvent(id, new UserId("worker"), at(1)))
                .append(new ReferralProgressRecordedEvent(id, null, Set.of(MoveOnNeed.BANK_ACCOUNT), at(2)))
                .append(new MoveOnPeriodEndingEvent(
                        id,
                        BRADFORD,
                        REFUGEE_CHARITY,
                        MOVE_ON_ENDS,
                        Set.of(MoveOnNeed.HOUSING_APPLICATION, MoveOnNeed.GP_REGISTRATION),
                        at(3)))
                .append(new ReferralProgressRecordedEvent(id, null, Set.of(MoveOnNeed.HOUSING_APPLICATION), at(4)))
                .awaitApplied(jdbc);

        Row open = new Row(
                3,
                "MOVE_ON_PERIOD_ENDING",
                "bradford",
                "REFUGEE_POST_GRANT",
                COUNCIL.value(),
                REFUGEE_CHARITY.value(),
                at(3),
                MOVE_ON_ENDS.atStartOfDay(ZoneId.of("Europe/London")).toInstant(),
                MOVE_ON_ENDS,
                List.of("GP_REGISTRATION", "HOUSING_APPLICATION"),
                null,
                null,
                null);
        assertThat(rows(id)).as("one of the two needs still open").containsExactly(open);

        events.append(new ReferralProgressRecordedEvent(id, null, Set.of(MoveOnNeed.GP_REGISTRATION), at(5)))
                .append(new ReferralClosedEvent(id, at(6)))
                .awaitApplied(jdbc);
        assertThat(rows(id))
                .containsExactly(new Row(
                        open.sequence(),
                        open.kind(),
                        open.partnership(),
                        open.type(),
                        open.referring(),
                        open.receiving(),
                        open.escalatedAt(),
                        open.dueAt(),
                        open.moveOnEndsOn(),
                        open.openNeeds(),
                        at(5),
                        "NEEDS_MET",
                        5L));
    }

    @Test
    void anOverdueLadoNotificationEndsWhenTheLadoIsToldAndNotBefore() {
        ReferralId id = newReferral();
        new Appender(eventStore, id)
                .append(raised(id, BRADFORD, COUNCIL, OOS_TEAM, allegationAgainstStaff(), at(0), at(1)))
                .append(new LadoNotificationOverdueEvent(id, BRADFORD, OOS_TEAM, at(1), at(2)))
                .append(new ReferralAcceptedEvent(id, new UserId("lead"), at(3)))
                .append(new LadoInformedEvent(id, at(4)))
                .awaitApplied(jdbc);

        assertThat(rows(id))
                .containsExactly(new Row(
                        1,
                        "LADO_NOTIFICATION_OVERDUE",
                        "bradford",
                        "OUT_OF_SCHOOL_SETTINGS_CONCERN",
                        COUNCIL.value(),
                        OOS_TEAM.value(),
                        at(2),
                        at(1),
                        null,
                        null,
                        at(4),
                        "LADO_INFORMED",
                        3L));
    }

    @Test
    void aRedirectAfterAnOverdueLeavesTheEscalationWithTheAgencyItLeftEndedAsRedirected() {
        ReferralId id = newReferral();
        new Appender(eventStore, id)
                .append(raised(id, BRADFORD, COUNCIL, OOS_TEAM, allegationAgainstStaff(), at(0), at(1)))
                .append(new AcknowledgementOverdueEvent(
                        id, BRADFORD, OOS_TEAM, ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN, at(1), at(2)))
                .append(new LadoNotificationOverdueEvent(id, BRADFORD, OOS_TEAM, at(2), at(3)))
                .append(new ReferralDeclinedEvent(id, DeclineReason.OTHER, null, at(4)))
                .append(new ReferralRedirectedEvent(id, OOS_TEAM, CHILDRENS_SERVICES, at(5), at(6)))
                .append(new AcknowledgementOverdueEvent(
                        id, BRADFORD, CHILDRENS_SERVICES, ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN, at(6), at(7)))
                .awaitApplied(jdbc);

        List<Row> rows = rows(id);
        assertThat(rows).extracting(Row::sequence).containsExactly(1L, 2L, 5L);
        assertThat(rows.get(0).receiving()).isEqualTo(OOS_TEAM.value());
        assertThat(rows.get(0).resolution())
                .as("the decline answered the overdue acknowledgement")
                .isEqualTo("DECLINED");
        assertThat(rows.get(1).receiving())
                .as("the LADO escalation stays with the agency it escalated against")
                .isEqualTo(OOS_TEAM.value());
        assertThat(rows.get(1).resolution())
                .as("a decline does not tell the LADO; the redirect took the referral away")
                .isEqualTo("REDIRECTED");
        assertThat(rows.get(1).resolvedAt()).isEqualTo(at(5));
        assertThat(rows.get(1).resolvedBySequence()).isEqualTo(4L);
        assertThat(rows.get(2).receiving()).isEqualTo(CHILDRENS_SERVICES.value());
        assertThat(rows.get(2).referring()).isEqualTo(COUNCIL.value());
        assertThat(rows.get(2).resolvedAt())
                .as("the new agency's own, still open")
                .isNull();
        assertThat(jdbc.queryForObject(
                        "SELECT receiving_agency_id FROM read_model.escalation_referral WHERE referral_id = ?",
                        String.class,
                        id.value()))
                .isEqualTo(CHILDRENS_SERVICES.value());
    }

    @Test
    void theEndOfTheReferralEndsItsOpenEscalationsButAnAcceptanceDoesNotEndAMoveOnEscalation() {
        Map<EscalationResolution, Function<ReferralId, Object>> ends = Map.of(
                EscalationResolution.OUTCOME_RECORDED,
                id -> new ReferralOutcomeRecordedEvent(
                        id,
                        new ReferralOutcome.RefugeePostGrant(MoveOnOutcomeKind.SOME_NEEDS_MET, Set.of()),
                        null,
                        at(5)),
                EscalationResolution.WITHDRAWN,
                id -> new ReferralWithdrawnEvent(id, null, at(5)),
                EscalationResolution.SUSPENDED,
                id -> new ReferralSuspendedEvent(id, SuspensionReason.CONSENT_WITHDRAWN, REFUGEE_CHARITY, at(5)));
        ends.forEach((resolution, end) -> {
            ReferralId id = newReferral();
            new Appender(eventStore, id)
                    .append(raised(
                            id,
                            BRADFORD,
                            COUNCIL,
                            REFUGEE_CHARITY,
                            refugee(GRANTED, MoveOnNeed.BANK_ACCOUNT),
                            at(0),
                            at(1)))
                    .append(new MoveOnPeriodEndingEvent(
                            id, BRADFORD, REFUGEE_CHARITY, MOVE_ON_ENDS, Set.of(MoveOnNeed.BANK_ACCOUNT), at(2)))
                    .append(new ReferralAcceptedEvent(id, new UserId("worker"), at(3)))
                    .append(new ReferralProgressRecordedEvent(id, null, Set.of(), at(4)))
                    .append(end.apply(id))
                    .awaitApplied(jdbc);
            assertThat(rows(id))
                    .singleElement()
                    .as("ended by %s", resolution)
                    .matches(row -> row.resolution().equals(resolution.name())
                            && row.resolvedAt().equals(at(5))
                            && row.resolvedBySequence() == 4L);
        });

        // A decline leaves the person's needs open: the move-on escalation ends only when the referrer closes it.
        ReferralId declined = newReferral();
        Appender events = new Appender(eventStore, declined)
                .append(raised(
                        declined,
                        BRADFORD,
                        COUNCIL,
                        COUNCIL_HOUSING,
                        refugee(GRANTED, MoveOnNeed.BANK_ACCOUNT),
                        at(0),
                        at(1)))
                .append(new MoveOnPeriodEndingEvent(
                        declined, BRADFORD, COUNCIL_HOUSING, MOVE_ON_ENDS, Set.of(MoveOnNeed.BANK_ACCOUNT), at(2)))
                .append(new ReferralDeclinedEvent(declined, DeclineReason.NOT_ELIGIBLE, null, at(3)))
                .awaitApplied(jdbc);
        assertThat(rows(declined)).singleElement().matches(row -> row.resolvedAt() == null, "still open");
        events.append(new ReferralClosedEvent(declined, at(4))).awaitApplied(jdbc);
        assertThat(rows(declined))
                .singleElement()
                .matches(row -> row.resolution().equals("CLOSED"), "closed");
    }

    @Test
    void redeliveredOrOlderEventsChangeNothing() {
        ReferralId id = newReferral();
        ReferralRaisedEvent raise = raised(id, BRADFORD, COUNCIL, ESOL, esol(), at(0), at(1));
        AcknowledgementOverdueEvent overdue =
                new AcknowledgementOverdueEvent(id, BRADFORD, ESOL, ReferralType.ESOL_PLACEMENT, at(1), at(2));
        new Appender(eventStore, id)
                .append(raise)
                .append(overdue)
                .append(new ReferralDeclinedEvent(id, DeclineReason.NO_CAPACITY, null, at(3)))
                .append(new ReferralRedirectedEvent(id, ESOL, COUNCIL_HOUSING, at(4), at(5)))
                .awaitApplied(jdbc);
        List<Row> before = rows(id);
        Map<String, Object> bookkeepingBefore = bookkeeping(id);
        assertThat(before).singleElement().matches(row -> row.resolution().equals("DECLINED"));

        // As Axon would redeliver them after a crash between a batch's writes and its token: the same events again,
        // here with other times, so that any change they made would show.
        projection.on(raised(id, BRADFORD, ESOL, COUNCIL_HOUSING, esol(), at(9), at(9)), 0);
        projection.on(
                new AcknowledgementOverdueEvent(
                        id, BRADFORD, COUNCIL_HOUSING, ReferralType.ESOL_PLACEMENT, at(9), at(9)),
                1);
        projection.on(new ReferralAcceptedEvent(id, new UserId("someone-else"), at(9)), 2);
        projection.on(new ReferralRedirectedEvent(id, ESOL, OOS_TEAM, at(9), at(9)), 3);
        projection.on(new ReferralWithdrawnEvent(id, null, at(9)), 1);

        assertThat(rows(id)).isEqualTo(before);
        assertThat(bookkeeping(id)).isEqualTo(bookkeepingBefore);
    }

    @Test
    void theResetHandlerEmptiesBothTablesAndAReplayRebuildsTheSameRows() {
        ReferralId id = newReferral();
        new Appender(eventStore, id)
                .append(raised(
                        id,
                        BRADFORD,
                        COUNCIL,
                        REFUGEE_CHARITY,
                        refugee(GRANTED, MoveOnNeed.GP_REGISTRATION),
                        at(0),
                        at(1)))
                .append(new AcknowledgementOverdueEvent(
                        id, BRADFORD, REFUGEE_CHARITY, ReferralType.REFUGEE_POST_GRANT, at(1), at(2)))
                .append(new ReferralAcceptedEvent(id, new UserId("worker"), at(3)))
                .append(new MoveOnPeriodEndingEvent(
                        id, BRADFORD, REFUGEE_CHARITY, MOVE_ON_ENDS, Set.of(MoveOnNeed.GP_REGISTRATION), at(4)))
                .awaitApplied(jdbc);
        StreamingEventProcessor processor = processing
                .eventProcessor(EscalationProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        awaitCaughtUp(processor);
        Map<String, String> before = checksums();
        assertThat(before.get("escalation")).doesNotStartWith("0:");

        // Inside a transaction that is rolled back, so that the rows stay for the replay below.
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            projection.reset();
            assertThat(checksums())
                    .containsOnlyKeys("escalation", "escalation_referral")
                    .allSatisfy((table, checksum) -> assertThat(checksum).startsWith("0:"));
            status.setRollbackOnly();
        });

        // Spoil the list: only a replay from the events, which empties the tables first, puts it right.
        jdbc.update(
                "UPDATE read_model.escalation SET resolution = 'SPOILED', resolved_at = now(),"
                        + " resolved_by_sequence = 0 WHERE referral_id = ?",
                id.value());
        jdbc.update("DELETE FROM read_model.escalation_referral WHERE referral_id = ?", id.value());
        assertThat(checksums()).isNotEqualTo(before);

        processor.shutDown();
        try {
            processor.resetTokens();
        } finally {
            processor.start();
        }
        awaitCaughtUp(processor);
        assertThat(checksums()).isEqualTo(before);
    }

    // -----------------------------------------------------------------------------------------------------------------

    /** A time on a fixed scale, so that every event's time is known and distinct. */
    private static Instant at(int step) {
        return Instant.parse("2026-11-20T09:00:00Z").plus(Duration.ofHours(step));
    }

    /** An escalation as stored. */
    record Row(
            long sequence,
            String kind,
            String partnership,
            String type,
            String referring,
            String receiving,
            Instant escalatedAt,
            Instant dueAt,
            LocalDate moveOnEndsOn,
            List<String> openNeeds,
            Instant resolvedAt,
            String resolution,
            Long resolvedBySequence) {}

    private List<Row> rows(ReferralId id) {
        RowMapper<Row> row = (result, number) -> new Row(
                result.getLong("sequence"),
                result.getString("kind"),
                result.getString("partnership_id"),
                result.getString("referral_type"),
                result.getString("referring_agency_id"),
                result.getString("receiving_agency_id"),
                instant(result, "escalated_at"),
                instant(result, "due_at"),
                result.getObject("move_on_ends_on", LocalDate.class),
                strings(result.getArray("open_needs")),
                instant(result, "resolved_at"),
                result.getString("resolution"),
                result.getObject("resolved_by_sequence", Long.class));
        return jdbc.query(
                "SELECT * FROM read_model.escalation WHERE referral_id = ? ORDER BY sequence", row, id.value());
    }

    private Map<String, Object> bookkeeping(ReferralId id) {
        return jdbc.queryForMap(
                "SELECT partnership_id, referral_type, referring_agency_id, receiving_agency_id,"
                        + " array_to_string(needs_met, ',') AS needs_met, last_event_sequence"
                        + " FROM read_model.escalation_referral WHERE referral_id = ?",
                id.value());
    }

    /** Each of the group's tables: its row count and a digest of every row. */
    private Map<String, String> checksums() {
        return Map.of("escalation", checksum("escalation"), "escalation_referral", checksum("escalation_referral"));
    }

    private String checksum(String table) {
        return jdbc.queryForObject(
                "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '')"
                        + " FROM read_model." + table + " t",
                String.class);
    }

    /** Waits until every segment of the processor is claimed, not in error, and at or past the newest event. */
    private void awaitCaughtUp(StreamingEventProcessor processor) {
        long head = jdbc.queryForObject(
                "SELECT coalesce(max(global_index), 0) FROM event_store.domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
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
                                    .allMatch(segment -> !segment.isErrorState()
                                            && segment.getCurrentPosition().orElse(-1) >= head);
                });
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null
                ? null
                : Arrays.stream((Object[]) array.getArray())
                        .map(String::valueOf)
                        .toList();
    }
}

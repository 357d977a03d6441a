package org.integratedcommunities.referrals.queryside.referral;

import static org.integratedcommunities.referrals.queryside.referral.ReferralVisibility.scope;
import static org.integratedcommunities.referrals.queryside.referral.ReferralVisibility.visibleToActor;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.referral.MoveOnNeed;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcome;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralStatus;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.kernel.referral.SuspensionReason;
import org.integratedcommunities.referrals.queryside.web.ActorRead;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The referral summaries: the inbox and outbox of every agency.
 *
 * <p><b>Writes</b> (the projection, as the login role, which owns the table) are idempotent: a raise inserts once, and
 * every later event changes its referral's row only if its sequence number is above the row's
 * {@code last_event_sequence}, so a redelivered or older event changes nothing.
 *
 * <p><b>Reads</b> run as an actor ({@link ActorRead}: PostgreSQL's row-level security applies) and are also scoped in
 * this SQL ({@link ReferralVisibility}): isolation is enforced twice, and there is no unscoped read to misuse.
 */
@Repository
class ReferralSummaryRepository {

    /** What a list shows of a referral ({@link ReferralView}). */
    private static final String VIEW_COLUMNS = "s.referral_id, s.referral_type, s.status, s.partnership_id,"
            + " s.referring_agency_id, s.receiving_agency_id, s.case_id, s.raised_at, s.made_on, s.acknowledge_by,"
            + " s.sla_breached, s.sla_breached_at, s.assignee_user_id, s.outcome, s.outcome_recorded_at,"
            + " s.suspension_reason, s.suspended_at, s.lado_required, s.lado_informed_at, s.lado_overdue_at,"
            + " s.move_on_ends_on, s.move_on_ending_escalated_at, s.move_on_open_needs, s.parent_referral_id,"
            + " s.onward_referral_ids, s.last_changed_at, s.last_event_sequence";

    /** The list's columns and what only the detail shows: its data subject, lawful basis and facts. */
    private static final String COLUMNS = VIEW_COLUMNS + ", s.data_subject_id, s.lawful_basis, s.facts";

    private final NamedParameterJdbcTemplate jdbc;
    private final CategoricalJson json;

    ReferralSummaryRepository(NamedParameterJdbcTemplate jdbc, CategoricalJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    // Writes --------------------------------------------------------------------------------------------------------

    /** Idempotent: a redelivered raise finds its row already there and changes nothing. */
    void insertRaised(ReferralRaisedEvent event, long sequenceNumber, Instant storedAt) {
        ReferralFacts facts = event.facts();
        boolean ladoRequired = facts instanceof ReferralFacts.OutOfSchoolSettingsConcern concern
                && concern.allegationAgainstStaffOrVolunteer();
        LocalDate moveOnEndsOn =
                facts instanceof ReferralFacts.RefugeePostGrant refugee ? refugee.moveOnEndsOn() : null;
        jdbc.update(
                "INSERT INTO referral_summary (referral_id, referral_type, status, partnership_id,"
                        + " referring_agency_id, receiving_agency_id, case_id, data_subject_id, lawful_basis, facts,"
                        + " raised_at, made_on, acknowledge_by, lado_required, move_on_ends_on, parent_referral_id,"
                        + " last_changed_at, last_event_sequence)"
                        + " VALUES (:id, :type, :status, :partnership, :referring, :receiving, :caseId, :subject,"
                        + " :lawfulBasis, CAST(:facts AS jsonb), :raisedAt, :madeOn, :acknowledgeBy, :ladoRequired,"
                        + " :moveOnEndsOn, :parent, :at, :sequence)"
                        + " ON CONFLICT (referral_id) DO NOTHING",
                new MapSqlParameterSource()
                        .addValue("id", event.referralId().value())
                        .addValue("type", event.type().name())
                        .addValue("status", ReferralStatus.RAISED.name())
                        .addValue("partnership", event.partnershipId().value())
                        .addValue("referring", event.referringAgencyId().value())
                        .addValue("receiving", event.receivingAgencyId().value())
                        .addValue(
                                "caseId",
                                event.caseId() == null ? null : event.caseId().value())
                        .addValue(
                                "subject",
                                event.subject() == null ? null : event.subject().value())
                        .addValue("lawfulBasis", name(event.lawfulBasis()))
                        .addValue("facts", json.write(facts))
                        .addValue("raisedAt", timestamp(event.raisedAt()))
                        .addValue("madeOn", event.madeOn())
                        .addValue("acknowledgeBy", timestamp(event.acknowledgeBy()))
                        .addValue("ladoRequired", ladoRequired)
                        .addValue("moveOnEndsOn", moveOnEndsOn)
                        .addValue(
                                "parent",
                                event.parentReferralId() == null
                                        ? null
                                        : event.parentReferralId().value())
                        .addValue("at", timestamp(storedAt))
                        .addValue("sequence", sequenceNumber));
    }

    void statusChanged(ReferralId referralId, ReferralStatus status, long sequenceNumber, Instant storedAt) {
        change(referralId, sequenceNumber, storedAt, "status = :status", values().addValue("status", status.name()));
    }

    /** Accepted (or reassigned): the status, if given, and who works it. */
    void assigned(
            ReferralId referralId, ReferralStatus status, UserId assignee, long sequenceNumber, Instant storedAt) {
        change(
                referralId,
                sequenceNumber,
                storedAt,
                (status == null ? "" : "status = :status, ") + "assignee_user_id = :assignee",
                values().addValue("status", name(status)).addValue("assignee", assignee.value()));
    }

    /** Back in the inbox (answered, or redirected) with a new acknowledgement deadline. */
    void backInTheInbox(
            ReferralId referralId, AgencyId receivingAgencyId, Instant acknowledgeBy, long sequenceNumber, Instant at) {
        change(
                referralId,
                sequenceNumber,
                at,
                "status = 'RAISED', acknowledge_by = :acknowledgeBy"
                        + (receivingAgencyId == null ? "" : ", receiving_agency_id = :receiving"),
                values().addValue("acknowledgeBy", timestamp(acknowledgeBy))
                        .addValue("receiving", receivingAgencyId == null ? null : receivingAgencyId.value()));
    }

    void outcomeRecorded(
            ReferralId referralId, ReferralOutcome outcome, Instant recordedAt, long sequence, Instant at) {
        change(
                referralId,
                sequence,
                at,
                "status = 'OUTCOME_RECORDED', outcome = CAST(:outcome AS jsonb), outcome_recorded_at = :recordedAt",
                values().addValue("outcome", json.write(outcome)).addValue("recordedAt", timestamp(recordedAt)));
    }

    void suspended(ReferralId referralId, SuspensionReason reason, Instant suspendedAt, long sequence, Instant at) {
        change(
                referralId,
                sequence,
                at,
                "status = 'SUSPENDED', suspension_reason = :reason, suspended_at = :suspendedAt",
                values().addValue("reason", reason.name()).addValue("suspendedAt", timestamp(suspendedAt)));
    }

    /** The first breach is kept: a breach stays on record, also after a later acceptance. */
    void acknowledgementOverdue(ReferralId referralId, Instant escalatedAt, long sequence, Instant at) {
        change(
                referralId,
                sequence,
                at,
                "sla_breached = true, sla_breached_at = coalesce(sla_breached_at, :escalatedAt)",
                values().addValue("escalatedAt", timestamp(escalatedAt)));
    }

    void moveOnPeriodEnding(
            ReferralId referralId, Set<MoveOnNeed> openNeeds, Instant escalatedAt, long sequence, Instant at) {
        change(
                referralId,
                sequence,
                at,
                "move_on_ending_escalated_at = :escalatedAt,"
                        + " move_on_open_needs = string_to_array(:openNeeds, ',')::varchar(64)[]",
                values().addValue("escalatedAt", timestamp(escalatedAt))
                        .addValue(
                                "openNeeds",
                                openNeeds.stream().map(Enum::name).sorted().collect(Collectors.joining(","))));
    }

    void ladoInformed(ReferralId referralId, Instant informedAt, long sequence, Instant at) {
        change(
                referralId,
                sequence,
                at,
                "lado_informed_at = :informedAt",
                values().addValue("informedAt", timestamp(informedAt)));
    }

    void ladoOverdue(ReferralId referralId, Instant escalatedAt, long sequence, Instant at) {
        change(
                referralId,
                sequence,
                at,
                "lado_overdue_at = :escalatedAt",
                values().addValue("escalatedAt", timestamp(escalatedAt)));
    }

    void referredOn(ReferralId referralId, ReferralId onwardReferralId, long sequence, Instant at) {
        change(
                referralId,
                sequence,
                at,
                "onward_referral_ids = array_append(onward_referral_ids, :onward)",
                values().addValue("onward", onwardReferralId.value()));
    }

    void deleteAll() {
        jdbc.getJdbcTemplate().update("DELETE FROM referral_summary");
    }

    /** Applies an event's change once: a redelivered or older event (by sequence) changes nothing. */
    private void change(
            ReferralId referralId, long sequenceNumber, Instant storedAt, String set, MapSqlParameterSource values) {
        jdbc.update(
                "UPDATE referral_summary SET " + set + ", last_event_sequence = :sequence,"
                        + " last_changed_at = :at"
                        + " WHERE referral_id = :id AND last_event_sequence < :sequence",
                values.addValue("id", referralId.value())
                        .addValue("sequence", sequenceNumber)
                        .addValue("at", timestamp(storedAt)));
    }

    private static MapSqlParameterSource values() {
        return new MapSqlParameterSource();
    }

    // Reads ---------------------------------------------------------------------------------------------------------

    /** A referral the actor may see, as the lists and the detail show it. */
    record StoredReferral(ReferralView view, DataSubjectId subject, LawfulBasis lawfulBasis, ReferralFacts facts) {}

    Optional<StoredReferral> findVisible(ActorRead read, ReferralId referralId) {
        return read
                .jdbc()
                .query(
                        "SELECT " + COLUMNS + " FROM referral_summary s WHERE s.referral_id = :id AND"
                                + visibleToActor("s"),
                        scope(read.actor()).addValue("id", referralId.value()),
                        stored())
                .stream()
                .findFirst();
    }

    /**
     * The referral's row whoever asks: only for {@link ReferralAsAt}, which reads a scratch copy of the table it has
     * just rebuilt inside its own transaction, after checking the auditor's partnership itself.
     */
    Optional<StoredReferral> findRebuilt(ReferralId referralId) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM referral_summary s WHERE s.referral_id = :id",
                        new MapSqlParameterSource("id", referralId.value()),
                        stored())
                .stream()
                .findFirst();
    }

    /**
     * One page of the actor's referrals and their total, counted up to {@link ReferralPage#COUNT_CAP} past the page's
     * start: reaching that, the total is the page's offset plus the cap and not exact (there are more).
     */
    ReferralPage page(ActorRead read, ReferralListQuery query) {
        MapSqlParameterSource parameters = scope(read.actor());
        StringBuilder where = new StringBuilder(" WHERE").append(visibleToActor("s"));
        switch (query.box()) {
            case INBOX -> where.append(" AND s.receiving_agency_id = :actorAgency");
            case OUTBOX -> where.append(" AND s.referring_agency_id = :actorAgency");
            case ALL -> {}
        }
        if (!query.statuses().isEmpty()) {
            where.append(" AND s.status IN (:statuses)");
            parameters.addValue("statuses", names(query.statuses()));
        }
        if (!query.types().isEmpty()) {
            where.append(" AND s.referral_type IN (:types)");
            parameters.addValue("types", names(query.types()));
        }
        if (query.slaBreached() != null) {
            where.append(" AND s.sla_breached = :slaBreached");
            parameters.addValue("slaBreached", query.slaBreached());
        }
        if (query.assignedToMe()) {
            where.append(" AND s.assignee_user_id = :actorUser");
        }
        if (query.caseId() != null) {
            where.append(" AND s.case_id = :caseId");
            parameters.addValue("caseId", query.caseId());
        }
        String direction = query.descending() ? " DESC" : " ASC";
        // A total order, so that pages neither skip nor repeat a referral: the sort column, then the id.
        String orderBy =
                " ORDER BY %1$s." + query.sort().column + direction + " NULLS LAST, %1$s.referral_id" + direction;
        // Counted up to the cap past the page's start and one more: reaching that limit says there are more than the
        // page's offset plus the cap, and the count's scan stops there instead of running over the whole inbox.
        long countLimit = query.offset() + ReferralPage.COUNT_CAP + 1;
        parameters
                .addValue("limit", query.size())
                .addValue("offset", query.offset())
                .addValue("countLimit", countLimit);

        // An inbox or outbox is counted in its newest-first index's order (V13), so that PostgreSQL reads the agency's
        // entries off that index and stops at the limit. Without an order, when one agency holds much of the table, it
        // prefers scanning the table until enough of that agency's rows turn up, which can be most of the table.
        String countOrder = query.box() == ReferralListQuery.Box.ALL
                ? ""
                : " ORDER BY s.raised_at DESC NULLS LAST, s.referral_id DESC";

        // The count and the page in one statement (one round trip): the count's one row joined to the page's rows, so
        // that it comes back also when the page is past the end (then with no referral beside it).
        String sql = "SELECT c.counted, p.* FROM (SELECT count(*) AS counted FROM (SELECT 1 FROM referral_summary s"
                + where + countOrder + " LIMIT :countLimit) capped) c"
                + " LEFT JOIN (SELECT " + VIEW_COLUMNS + " FROM referral_summary s" + where + orderBy.formatted("s")
                + " LIMIT :limit OFFSET :offset) p ON true" + orderBy.formatted("p");
        long[] counted = {0};
        List<ReferralView> items = new ArrayList<>(query.size());
        read.jdbc().query(sql, parameters, (RowCallbackHandler) row -> {
            counted[0] = row.getLong("counted");
            if (row.getObject("referral_id") != null) {
                items.add(view(row));
            }
        });
        boolean exact = counted[0] < countLimit;
        long total = exact ? counted[0] : query.offset() + ReferralPage.COUNT_CAP;
        return new ReferralPage(items, query.page(), query.size(), total, exact);
    }

    private RowMapper<StoredReferral> stored() {
        return (row, rowNumber) -> {
            String lawfulBasis = row.getString("lawful_basis");
            return new StoredReferral(
                    view(row),
                    row.getObject("data_subject_id") == null ? null : new DataSubjectId(uuid(row, "data_subject_id")),
                    lawfulBasis == null ? null : LawfulBasis.valueOf(lawfulBasis),
                    json.read(row.getString("facts"), ReferralFacts.class));
        };
    }

    /** A row's {@link #VIEW_COLUMNS}. */
    private ReferralView view(ResultSet row) throws SQLException {
        boolean ladoRequired = row.getBoolean("lado_required");
        LocalDate moveOnEndsOn = row.getObject("move_on_ends_on", LocalDate.class);
        String suspensionReason = row.getString("suspension_reason");
        return new ReferralView(
                new ReferralId(uuid(row, "referral_id")),
                ReferralType.valueOf(row.getString("referral_type")),
                ReferralStatus.valueOf(row.getString("status")),
                new PartnershipId(row.getString("partnership_id")),
                new AgencyId(row.getString("referring_agency_id")),
                new AgencyId(row.getString("receiving_agency_id")),
                row.getObject("case_id") == null ? null : new CaseId(uuid(row, "case_id")),
                instant(row, "raised_at"),
                row.getObject("made_on", LocalDate.class),
                instant(row, "acknowledge_by"),
                row.getBoolean("sla_breached"),
                instant(row, "sla_breached_at"),
                row.getString("assignee_user_id") == null ? null : new UserId(row.getString("assignee_user_id")),
                json.read(row.getString("outcome"), ReferralOutcome.class),
                instant(row, "outcome_recorded_at"),
                suspensionReason == null
                        ? null
                        : new ReferralView.Suspension(
                                SuspensionReason.valueOf(suspensionReason), instant(row, "suspended_at")),
                !ladoRequired
                        ? null
                        : new ReferralView.Lado(instant(row, "lado_informed_at"), instant(row, "lado_overdue_at")),
                moveOnEndsOn == null
                        ? null
                        : new ReferralView.MoveOn(
                                moveOnEndsOn,
                                instant(row, "move_on_ending_escalated_at"),
                                moveOnNeeds(row.getArray("move_on_open_needs"))),
                row.getObject("parent_referral_id") == null ? null : new ReferralId(uuid(row, "parent_referral_id")),
                referralIds(row.getArray("onward_referral_ids")),
                instant(row, "last_changed_at"),
                row.getLong("last_event_sequence"));
    }

    private static UUID uuid(ResultSet row, String column) throws SQLException {
        return row.getObject(column, UUID.class);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Set<MoveOnNeed> moveOnNeeds(Array array) throws SQLException {
        Set<MoveOnNeed> needs = EnumSet.noneOf(MoveOnNeed.class);
        if (array != null) {
            for (Object need : (Object[]) array.getArray()) {
                needs.add(MoveOnNeed.valueOf(String.valueOf(need)));
            }
        }
        return needs;
    }

    private static List<ReferralId> referralIds(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) array.getArray())
                .map(id -> new ReferralId(id instanceof UUID uuid ? uuid : UUID.fromString(String.valueOf(id))))
                .toList();
    }

    private static List<String> names(Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().toList();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

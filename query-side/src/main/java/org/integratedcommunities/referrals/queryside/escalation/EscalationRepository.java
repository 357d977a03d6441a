package org.integratedcommunities.referrals.queryside.escalation;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.referral.MoveOnNeed;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.queryside.web.ActorRead;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The escalation list, and the projection's bookkeeping about each referral ({@code escalation_referral}).
 *
 * <p><b>Writes</b> (the projection, as the login role, which owns the tables) are idempotent, keyed by the event's
 * sequence: an escalation is inserted once under its referral and sequence; a resolution ends only escalations raised
 * before it and still open; the bookkeeping changes only for an event newer than the last it applied. A redelivered
 * or older event changes nothing.
 *
 * <p><b>Reads</b> run as an actor ({@link ActorRead}: PostgreSQL's row-level security applies) and are also scoped in
 * this SQL ({@link #visibleToActor}): isolation is enforced twice, and there is no unscoped read to misuse.
 */
@Repository
class EscalationRepository {

    /**
     * Ends the referral's open escalations of {@code :kinds} raised before {@code :sequence}; more conditions may
     * follow.
     */
    private static final String RESOLVE =
            "UPDATE escalation e SET resolved_at = :at, resolution = :resolution, resolved_by_sequence = :sequence"
                    + " WHERE e.referral_id = :id AND e.resolved_at IS NULL AND e.sequence < :sequence"
                    + " AND e.kind IN (:kinds)";

    private static final String COLUMNS = "e.referral_id, e.kind, e.referral_type, e.referring_agency_id,"
            + " e.receiving_agency_id, e.escalated_at, e.due_at, e.move_on_ends_on, e.open_needs, e.resolved_at,"
            + " e.resolution";

    private final NamedParameterJdbcTemplate jdbc;

    EscalationRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // Writes --------------------------------------------------------------------------------------------------------

    /** What the escalations of this referral will need to know of it. A redelivered raise changes nothing. */
    void referralRaised(ReferralRaisedEvent event, long sequence) {
        jdbc.update(
                "INSERT INTO escalation_referral (referral_id, partnership_id, referral_type, referring_agency_id,"
                        + " receiving_agency_id, last_event_sequence)"
                        + " VALUES (:id, :partnership, :type, :referring, :receiving, :sequence)"
                        + " ON CONFLICT (referral_id) DO NOTHING",
                new MapSqlParameterSource()
                        .addValue("id", event.referralId().value())
                        .addValue("partnership", event.partnershipId().value())
                        .addValue("type", event.type().name())
                        .addValue("referring", event.referringAgencyId().value())
                        .addValue("receiving", event.receivingAgencyId().value())
                        .addValue("sequence", sequence));
    }

    /**
     * An escalation, against the agency that received the referral when it escalated. The referral's type and
     * referring agency come from the bookkeeping; were its raise missing, the NOT NULL columns refuse the row and the
     * event is dead-lettered rather than lost.
     *
     * @param dueAt when what escalated was due
     * @param moveOnEndsOn move-on only: the day the period ends
     * @param openNeeds move-on only: the needs open when it escalated
     */
    void escalated(
            ReferralId referralId,
            long sequence,
            EscalationKind kind,
            PartnershipId partnershipId,
            AgencyId receivingAgencyId,
            Instant escalatedAt,
            Instant dueAt,
            LocalDate moveOnEndsOn,
            Set<MoveOnNeed> openNeeds) {
        // One round trip: the escalation and the bookkeeping's sequence, which the insert does not read.
        jdbc.update(
                "WITH applied AS (" + appliedStatement("") + ")"
                        + " INSERT INTO escalation (referral_id, sequence, kind, partnership_id, referral_type,"
                        + " referring_agency_id, receiving_agency_id, escalated_at, due_at, move_on_ends_on,"
                        + " open_needs)"
                        + " VALUES (:id, :sequence, :kind, :partnership,"
                        + " (SELECT referral_type FROM escalation_referral WHERE referral_id = :id),"
                        + " (SELECT referring_agency_id FROM escalation_referral WHERE referral_id = :id),"
                        + " :receiving, :escalatedAt, :dueAt, :moveOnEndsOn,"
                        + " string_to_array(CAST(:openNeeds AS text), ',')::varchar(64)[])"
                        + " ON CONFLICT (referral_id, sequence) DO NOTHING",
                new MapSqlParameterSource()
                        .addValue("id", referralId.value())
                        .addValue("sequence", sequence)
                        .addValue("kind", kind.name())
                        .addValue("partnership", partnershipId.value())
                        .addValue("receiving", receivingAgencyId.value())
                        .addValue("escalatedAt", timestamp(escalatedAt))
                        .addValue("dueAt", timestamp(dueAt))
                        .addValue("moveOnEndsOn", moveOnEndsOn)
                        .addValue("openNeeds", openNeeds == null ? null : joined(openNeeds)));
    }

    /**
     * Ends the referral's open escalations of the kinds {@code resolution} ends that were raised before this event
     * (sequence), as of {@code at}.
     */
    void resolved(ReferralId referralId, EscalationResolution resolution, Instant at, long sequence) {
        resolveAndApply(referralId, resolution, at, sequence, "", "", new MapSqlParameterSource());
    }

    /**
     * The referral went to another agency: the escalations against the agency it left end as
     * {@link EscalationResolution#REDIRECTED} and stay that agency's; the bookkeeping follows the referral.
     */
    void redirected(ReferralId referralId, AgencyId from, AgencyId to, Instant at, long sequence) {
        resolveAndApply(
                referralId,
                EscalationResolution.REDIRECTED,
                at,
                sequence,
                " AND e.receiving_agency_id = :from",
                ", receiving_agency_id = :to",
                new MapSqlParameterSource("from", from.value()).addValue("to", to.value()));
    }

    /**
     * Move-on needs reported met: added to the referral's needs met so far, and a move-on escalation whose open needs
     * are now all met ends as {@link EscalationResolution#NEEDS_MET}.
     */
    void needsMet(ReferralId referralId, Set<MoveOnNeed> needsMet, Instant at, long sequence) {
        if (needsMet.isEmpty()) {
            applied(referralId, sequence, "", new MapSqlParameterSource());
            return;
        }
        applied(
                referralId,
                sequence,
                ", needs_met = ARRAY(SELECT DISTINCT n FROM unnest(needs_met"
                        + " || string_to_array(CAST(:needsMet AS text), ',')::varchar(64)[]) AS n ORDER BY n)",
                new MapSqlParameterSource("needsMet", joined(needsMet)));
        resolve(
                referralId,
                EscalationResolution.NEEDS_MET,
                at,
                sequence,
                " AND e.open_needs <@ (SELECT r.needs_met FROM escalation_referral r WHERE r.referral_id = :id)",
                new MapSqlParameterSource());
    }

    void deleteAll() {
        jdbc.getJdbcTemplate().update("DELETE FROM escalation");
        jdbc.getJdbcTemplate().update("DELETE FROM escalation_referral");
    }

    private void resolve(
            ReferralId referralId,
            EscalationResolution resolution,
            Instant at,
            long sequence,
            String condition,
            MapSqlParameterSource values) {
        jdbc.update(RESOLVE + condition, resolution(values, referralId, resolution, at, sequence));
    }

    /**
     * {@link #resolve} and {@link #applied} in one statement (one round trip): the resolution reads nothing the
     * bookkeeping's update changes ({@code condition} names the agency left by its parameter, not by the row).
     */
    private void resolveAndApply(
            ReferralId referralId,
            EscalationResolution resolution,
            Instant at,
            long sequence,
            String condition,
            String set,
            MapSqlParameterSource values) {
        jdbc.update(
                "WITH resolved AS (" + RESOLVE + condition + ") " + appliedStatement(set),
                resolution(values, referralId, resolution, at, sequence));
    }

    /** {@code values} with the parameters of {@link #RESOLVE}. */
    private static MapSqlParameterSource resolution(
            MapSqlParameterSource values,
            ReferralId referralId,
            EscalationResolution resolution,
            Instant at,
            long sequence) {
        return values.addValue("id", referralId.value())
                .addValue("at", timestamp(at))
                .addValue("resolution", resolution.name())
                .addValue("sequence", sequence)
                .addValue("kinds", names(resolution.ends()));
    }

    /** Records the event as applied to the bookkeeping (with {@code set}'s changes), once: never an older one. */
    private void applied(ReferralId referralId, long sequence, String set, MapSqlParameterSource values) {
        jdbc.update(
                appliedStatement(set), values.addValue("id", referralId.value()).addValue("sequence", sequence));
    }

    /** The bookkeeping's note that the event {@code :sequence} was applied, with {@code set}: never an older one. */
    private static String appliedStatement(String set) {
        return "UPDATE escalation_referral SET last_event_sequence = :sequence" + set
                + " WHERE referral_id = :id AND last_event_sequence < :sequence";
    }

    // Reads ---------------------------------------------------------------------------------------------------------

    EscalationPage page(ActorRead read, EscalationListQuery query) {
        MapSqlParameterSource parameters = scope(read.actor());
        StringBuilder where = new StringBuilder(" WHERE").append(visibleToActor("e"));
        switch (query.state()) {
            case OPEN -> where.append(" AND e.resolved_at IS NULL");
            case RESOLVED -> where.append(" AND e.resolved_at IS NOT NULL");
            case ALL -> {}
        }
        if (!query.kinds().isEmpty()) {
            where.append(" AND e.kind IN (:kinds)");
            parameters.addValue("kinds", names(query.kinds()));
        }
        if (!query.types().isEmpty()) {
            where.append(" AND e.referral_type IN (:types)");
            parameters.addValue("types", names(query.types()));
        }
        if (query.receivingAgency() != null) {
            where.append(" AND e.receiving_agency_id = :agency");
            parameters.addValue("agency", query.receivingAgency().value());
        }
        String direction = query.descending() ? " DESC" : " ASC";
        // A total order, so that pages neither skip nor repeat an escalation: the sort column, then the key.
        String orderBy = " ORDER BY e." + query.sort().column + direction + ", e.referral_id" + direction
                + ", e.sequence" + direction;
        parameters.addValue("limit", query.size()).addValue("offset", query.offset());

        NamedParameterJdbcTemplate jdbc = read.jdbc();
        Long total = jdbc.queryForObject("SELECT count(*) FROM escalation e" + where, parameters, Long.class);
        List<EscalationView> items = jdbc.query(
                "SELECT " + COLUMNS + " FROM escalation e" + where + orderBy + " LIMIT :limit OFFSET :offset",
                parameters,
                view());
        return new EscalationPage(items, query.page(), query.size(), total == null ? 0 : total);
    }

    /**
     * Which escalations an actor may see, in the application's own SQL: the same rule as the row-level security policy
     * of {@code escalation} ({@code db/readmodel/V6__escalations.sql}). Within the actor's partnership, all of them for
     * the partnership coordinator; otherwise those against the actor's agency, for its agency manager or safeguarding
     * lead, and of an out-of-school-settings concern only for the safeguarding lead.
     */
    private static String visibleToActor(String alias) {
        String e = alias + ".";
        return " " + e + "partnership_id = :actorPartnership AND (:actorIsCoordinator OR (" + e
                + "receiving_agency_id = :actorAgency AND (:actorIsManager OR :actorIsSafeguardingLead) AND (" + e
                + "referral_type <> :restrictedType OR :actorIsSafeguardingLead)))";
    }

    private static MapSqlParameterSource scope(Actor actor) {
        return new MapSqlParameterSource()
                .addValue("actorPartnership", actor.partnershipId().value())
                .addValue("actorAgency", actor.agencyId().value())
                .addValue("actorIsCoordinator", actor.hasRole(Role.PARTNERSHIP_COORDINATOR))
                .addValue("actorIsManager", actor.hasRole(Role.AGENCY_MANAGER))
                .addValue("actorIsSafeguardingLead", actor.hasRole(Role.SAFEGUARDING_LEAD))
                .addValue("restrictedType", ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN.name());
    }

    private static RowMapper<EscalationView> view() {
        return (row, rowNumber) -> {
            String resolution = row.getString("resolution");
            Instant resolvedAt = instant(row, "resolved_at");
            return new EscalationView(
                    new ReferralId(row.getObject("referral_id", UUID.class)),
                    EscalationKind.valueOf(row.getString("kind")),
                    ReferralType.valueOf(row.getString("referral_type")),
                    new AgencyId(row.getString("referring_agency_id")),
                    new AgencyId(row.getString("receiving_agency_id")),
                    instant(row, "escalated_at"),
                    instant(row, "due_at"),
                    row.getObject("move_on_ends_on", LocalDate.class),
                    moveOnNeeds(row.getArray("open_needs")),
                    resolvedAt == null,
                    resolvedAt,
                    resolution == null ? null : EscalationResolution.valueOf(resolution));
        };
    }

    private static Set<MoveOnNeed> moveOnNeeds(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Set<MoveOnNeed> needs = EnumSet.noneOf(MoveOnNeed.class);
        for (Object need : (Object[]) array.getArray()) {
            needs.add(MoveOnNeed.valueOf(String.valueOf(need)));
        }
        return needs;
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Sorted, so that a replay writes the same value. */
    private static String joined(Collection<MoveOnNeed> needs) {
        return needs.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private static List<String> names(Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().toList();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

package org.integratedcommunities.referrals.queryside.referral;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralStatus;
import org.integratedcommunities.referrals.kernel.referral.ReferralSummary;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.queryside.web.ActorRead;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The referral summaries. Every read runs as an actor ({@link ActorRead}: PostgreSQL's row-level security applies) and
 * is also scoped in this SQL to what the actor's agency sent or received within its own partnership, the receiving
 * side of a safeguarding-restricted referral seeing it only as the safeguarding lead: isolation is enforced twice, and
 * there is no unscoped read to misuse. The projection's writes run as the login role, which owns the table.
 */
@Repository
class ReferralSummaryRepository {

    private static final String COLUMNS = "referral_id, referral_type, status, partnership_id, referring_agency_id,"
            + " receiving_agency_id, raised_at";
    /** The same rule as the table's row-level security policy ({@code db/readmodel/V2__row_level_security.sql}). */
    private static final String VISIBLE_TO_ACTOR = " partnership_id = :partnership AND (referring_agency_id = :agency"
            + " OR (receiving_agency_id = :agency AND (referral_type <> :restrictedType OR :safeguardingLead)))";

    private final NamedParameterJdbcTemplate jdbc;

    ReferralSummaryRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Idempotent: a redelivered event finds its row already there and changes nothing. */
    void insertRaised(ReferralRaisedEvent event, long sequenceNumber) {
        jdbc.update(
                "INSERT INTO referral_summary (" + COLUMNS + ", last_event_sequence) VALUES (:id, :type, :status,"
                        + " :partnership, :referring, :receiving, :raisedAt, :sequence)"
                        + " ON CONFLICT (referral_id) DO NOTHING",
                new MapSqlParameterSource()
                        .addValue("id", event.referralId().value())
                        .addValue("type", event.type().name())
                        .addValue("status", ReferralStatus.RAISED.name())
                        .addValue("partnership", event.partnershipId().value())
                        .addValue("referring", event.referringAgencyId().value())
                        .addValue("receiving", event.receivingAgencyId().value())
                        .addValue("raisedAt", Timestamp.from(event.raisedAt()))
                        .addValue("sequence", sequenceNumber));
    }

    /** Applies a status change once: a redelivered or older event (by sequence) changes nothing. */
    void updateStatus(ReferralId referralId, ReferralStatus status, long sequenceNumber) {
        jdbc.update(
                "UPDATE referral_summary SET status = :status, last_event_sequence = :sequence"
                        + " WHERE referral_id = :id AND last_event_sequence < :sequence",
                new MapSqlParameterSource()
                        .addValue("id", referralId.value())
                        .addValue("status", status.name())
                        .addValue("sequence", sequenceNumber));
    }

    void redirect(ReferralId referralId, AgencyId receivingAgencyId, long sequenceNumber) {
        jdbc.update(
                "UPDATE referral_summary SET status = 'RAISED', receiving_agency_id = :receiving,"
                        + " last_event_sequence = :sequence WHERE referral_id = :id AND last_event_sequence < :sequence",
                new MapSqlParameterSource()
                        .addValue("id", referralId.value())
                        .addValue("receiving", receivingAgencyId.value())
                        .addValue("sequence", sequenceNumber));
    }

    void deleteAll() {
        jdbc.getJdbcTemplate().update("DELETE FROM referral_summary");
    }

    Optional<ReferralSummary> findVisible(ActorRead read, ReferralId referralId) {
        return read
                .jdbc()
                .query(
                        "SELECT " + COLUMNS + " FROM referral_summary WHERE referral_id = :id AND" + VISIBLE_TO_ACTOR,
                        scope(read.actor()).addValue("id", referralId.value()),
                        ReferralSummaryRepository::summary)
                .stream()
                .findFirst();
    }

    List<ReferralSummary> list(ActorRead read, Box box, int limit) {
        String which = switch (box) {
            case INBOX -> " AND receiving_agency_id = :agency";
            case OUTBOX -> " AND referring_agency_id = :agency";
            case ALL -> "";
        };
        return read.jdbc()
                .query(
                        "SELECT " + COLUMNS + " FROM referral_summary WHERE" + VISIBLE_TO_ACTOR + which
                                + " ORDER BY raised_at DESC, referral_id LIMIT :limit",
                        scope(read.actor()).addValue("limit", limit),
                        ReferralSummaryRepository::summary);
    }

    enum Box {
        INBOX,
        OUTBOX,
        ALL
    }

    private static MapSqlParameterSource scope(Actor actor) {
        return new MapSqlParameterSource()
                .addValue("partnership", actor.partnershipId().value())
                .addValue("agency", actor.agencyId().value())
                .addValue("restrictedType", ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN.name())
                .addValue("safeguardingLead", actor.hasRole(Role.SAFEGUARDING_LEAD));
    }

    private static ReferralSummary summary(ResultSet row, int rowNumber) throws SQLException {
        return new ReferralSummary(
                new ReferralId(row.getObject("referral_id", UUID.class)),
                ReferralType.valueOf(row.getString("referral_type")),
                ReferralStatus.valueOf(row.getString("status")),
                new PartnershipId(row.getString("partnership_id")),
                new AgencyId(row.getString("referring_agency_id")),
                new AgencyId(row.getString("receiving_agency_id")),
                row.getTimestamp("raised_at").toInstant());
    }
}

package org.integratedcommunities.referrals.queryside.referral;

import static org.integratedcommunities.referrals.queryside.referral.ReferralVisibility.scope;
import static org.integratedcommunities.referrals.queryside.referral.ReferralVisibility.visibleToActor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.queryside.web.ActorRead;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The referral timelines. Writes (the projection, as the owning login role) are idempotent: one entry per referral
 * and sequence, a redelivered event finds its entry there. Reads run as an actor ({@link ActorRead}: row-level
 * security applies, through the referral's summary row) and are scoped in this SQL by joining that row
 * ({@link ReferralVisibility}).
 */
@Repository
class ReferralTimelineRepository {

    private final NamedParameterJdbcTemplate jdbc;
    private final CategoricalJson json;

    ReferralTimelineRepository(NamedParameterJdbcTemplate jdbc, CategoricalJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** An entry as stored: the sealed part only named, never its value. */
    record StoredEntry(
            long sequence,
            TimelineEntryType type,
            Instant occurredAt,
            String actorUserId,
            String actorAgencyId,
            List<String> actorRoles,
            String summary,
            String detailsJson,
            String sealedPart) {}

    void insert(
            TimelineEntries.Entry entry,
            long sequence,
            Instant occurredAt,
            String actorUserId,
            String actorAgencyId,
            String actorRoles) {
        jdbc.update(
                "INSERT INTO referral_timeline (referral_id, sequence, entry_type, occurred_at, actor_user_id,"
                        + " actor_agency_id, actor_roles, summary, details, sealed_part) VALUES (:id, :sequence,"
                        + " :type, :at, :user, :agency, :roles, :summary, CAST(:details AS jsonb), :sealedPart)"
                        + " ON CONFLICT (referral_id, sequence) DO NOTHING",
                new MapSqlParameterSource()
                        .addValue("id", entry.referralId().value())
                        .addValue("sequence", sequence)
                        .addValue("type", entry.type().name())
                        .addValue("at", Timestamp.from(occurredAt))
                        .addValue("user", actorUserId)
                        .addValue("agency", actorAgencyId)
                        .addValue("roles", actorRoles)
                        .addValue("summary", entry.summary())
                        .addValue("details", json.write(entry.details()))
                        .addValue("sealedPart", entry.sealedPart()));
    }

    void deleteAll() {
        jdbc.getJdbcTemplate().update("DELETE FROM referral_timeline");
    }

    /**
     * The timeline of a referral the actor may see, oldest first, up to and including {@code version} (so that it
     * agrees with the summary row read in the same transaction); empty if the actor may not see it.
     */
    List<StoredEntry> findVisible(ActorRead read, ReferralId referralId, long version) {
        return read.jdbc()
                .query(
                        "SELECT t.sequence, t.entry_type, t.occurred_at, t.actor_user_id, t.actor_agency_id,"
                                + " t.actor_roles, t.summary, t.details, t.sealed_part"
                                + " FROM referral_timeline t JOIN referral_summary s ON s.referral_id = t.referral_id"
                                + " WHERE t.referral_id = :id AND t.sequence <= :version AND" + visibleToActor("s")
                                + " ORDER BY t.sequence",
                        scope(read.actor()).addValue("id", referralId.value()).addValue("version", version),
                        ReferralTimelineRepository::storedEntry);
    }

    /** The timeline of a referral whoever asks: only for {@link ReferralAsAt}'s scratch copy (see there). */
    List<StoredEntry> findRebuilt(ReferralId referralId) {
        return jdbc.query(
                "SELECT t.sequence, t.entry_type, t.occurred_at, t.actor_user_id, t.actor_agency_id, t.actor_roles,"
                        + " t.summary, t.details, t.sealed_part FROM referral_timeline t WHERE t.referral_id = :id"
                        + " ORDER BY t.sequence",
                new MapSqlParameterSource("id", referralId.value()),
                ReferralTimelineRepository::storedEntry);
    }

    private static StoredEntry storedEntry(ResultSet row, int rowNumber) throws SQLException {
        String roles = row.getString("actor_roles");
        return new StoredEntry(
                row.getLong("sequence"),
                TimelineEntryType.valueOf(row.getString("entry_type")),
                row.getTimestamp("occurred_at").toInstant(),
                row.getString("actor_user_id"),
                row.getString("actor_agency_id"),
                roles == null
                        ? List.of()
                        : Arrays.stream(roles.split(","))
                                .map(String::trim)
                                .filter(role -> !role.isEmpty())
                                .toList(),
                row.getString("summary"),
                row.getString("details"),
                row.getString("sealed_part"));
    }
}

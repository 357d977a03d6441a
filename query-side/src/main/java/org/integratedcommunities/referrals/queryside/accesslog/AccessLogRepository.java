package org.integratedcommunities.referrals.queryside.accesslog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.integratedcommunities.referrals.kernel.audit.AccessPurpose;
import org.integratedcommunities.referrals.kernel.audit.AccessedRecord;
import org.integratedcommunities.referrals.kernel.audit.PersonalDataAccessedEvent;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.queryside.web.ActorRead;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The searchable access log. Writes (the projection) are idempotent: one row per entry id. Reads run as an actor
 * (row-level security: the partnership's auditors) and are scoped in this SQL too.
 */
@Repository
class AccessLogRepository {

    private final NamedParameterJdbcTemplate jdbc;

    AccessLogRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(PersonalDataAccessedEvent event) {
        jdbc.update(
                "INSERT INTO access_log (access_id, partnership_id, agency_id, user_id, roles, record_kind, record_ids,"
                        + " purpose, accessed_at) VALUES (:id, :partnership, :agency, :user, :roles, :kind, :ids,"
                        + " :purpose, :at) ON CONFLICT (access_id) DO NOTHING",
                new MapSqlParameterSource()
                        .addValue("id", event.accessId())
                        .addValue("partnership", event.partnershipId().value())
                        .addValue("agency", event.agencyId().value())
                        .addValue("user", event.userId().value())
                        .addValue("roles", event.roles())
                        .addValue("kind", event.record().name())
                        .addValue("ids", event.recordIds().toArray(String[]::new))
                        .addValue("purpose", event.purpose().name())
                        .addValue("at", Timestamp.from(event.accessedAt())));
    }

    void deleteAll() {
        jdbc.getJdbcTemplate().update("DELETE FROM access_log");
    }

    /** One page of the actor's partnership's access log, newest first, narrowed by the query's filters. */
    AccessLogPage page(ActorRead read, AccessLogQuery query) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("actorPartnership", read.actor().partnershipId().value())
                .addValue("actorIsAuditor", read.actor().hasRole(Role.AUDITOR))
                .addValue("limit", query.size())
                .addValue("offset", (long) query.page() * query.size());
        StringBuilder where = new StringBuilder(" WHERE partnership_id = :actorPartnership AND :actorIsAuditor");
        if (query.userId() != null) {
            where.append(" AND user_id = :user");
            parameters.addValue("user", query.userId());
        }
        if (query.agencyId() != null) {
            where.append(" AND agency_id = :agency");
            parameters.addValue("agency", query.agencyId());
        }
        if (query.recordId() != null) {
            where.append(" AND record_ids @> ARRAY[CAST(:record AS varchar)]");
            parameters.addValue("record", query.recordId());
        }
        if (query.from() != null) {
            where.append(" AND accessed_at >= :from");
            parameters.addValue("from", Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND accessed_at < :to");
            parameters.addValue("to", Timestamp.from(query.to()));
        }
        Long total = read.jdbc().queryForObject("SELECT count(*) FROM access_log" + where, parameters, Long.class);
        List<AccessLogEntry> items = read.jdbc()
                .query(
                        "SELECT * FROM access_log" + where
                                + " ORDER BY accessed_at DESC, access_id LIMIT :limit OFFSET :offset",
                        parameters,
                        (row, rowNumber) -> {
                            String roles = row.getString("roles");
                            return new AccessLogEntry(
                                    row.getObject("access_id", UUID.class),
                                    row.getString("user_id"),
                                    row.getString("agency_id"),
                                    roles == null || roles.isBlank() ? List.of() : Arrays.asList(roles.split(",")),
                                    AccessedRecord.valueOf(row.getString("record_kind")),
                                    Arrays.asList((String[])
                                            row.getArray("record_ids").getArray()),
                                    AccessPurpose.valueOf(row.getString("purpose")),
                                    row.getTimestamp("accessed_at").toInstant());
                        });
        return new AccessLogPage(items, query.page(), query.size(), total == null ? 0 : total);
    }

    record AccessLogPage(List<AccessLogEntry> items, int page, int size, long total) {}

    /** The auditor's filters; null for "any". {@code to} is exclusive. */
    record AccessLogQuery(
            String userId, String agencyId, String recordId, Instant from, Instant to, int page, int size) {}
}

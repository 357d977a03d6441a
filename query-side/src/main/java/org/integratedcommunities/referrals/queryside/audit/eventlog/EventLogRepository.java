package org.integratedcommunities.referrals.queryside.audit.eventlog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.queryside.web.ActorRead;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The event log: written by its projection, read by the partnership's auditors (row-level security and this SQL). */
@Repository
class EventLogRepository {

    private final NamedParameterJdbcTemplate jdbc;

    EventLogRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One event as the log shows it. */
    record Entry(
            String eventId,
            String partnershipId,
            Instant occurredAt,
            String eventType,
            String aggregateType,
            String aggregateId,
            Long sequence,
            String userId,
            String agencyId,
            String roles,
            String summary) {}

    /**
     * Inserts the entry, once. With a partnership and an aggregate, it also remembers the aggregate's partnership
     * ({@code event_log_record}) for its later events that do not name one; without a partnership, it takes the one
     * remembered for the aggregate, and without either, inserts nothing. One statement (one round trip) either way.
     */
    void insert(Entry entry) {
        MapSqlParameterSource values = new MapSqlParameterSource()
                .addValue("id", entry.eventId())
                .addValue("partnership", entry.partnershipId())
                .addValue("at", Timestamp.from(entry.occurredAt()))
                .addValue("type", entry.eventType())
                .addValue("aggregateType", entry.aggregateType())
                .addValue("aggregateId", entry.aggregateId())
                .addValue("sequence", entry.sequence())
                .addValue("user", entry.userId())
                .addValue("agency", entry.agencyId())
                .addValue("roles", entry.roles())
                .addValue("summary", abbreviate(entry.summary()));
        String insert = "INSERT INTO event_log (event_id, partnership_id, occurred_at, event_type, aggregate_type,"
                + " aggregate_id, sequence, actor_user_id, actor_agency_id, actor_roles, summary)";
        String conflict = " ON CONFLICT (event_id) DO NOTHING";
        String row = " VALUES (:id, :partnership, :at, :type, :aggregateType, :aggregateId, :sequence, :user,"
                + " :agency, :roles, :summary)";
        if (entry.partnershipId() == null) {
            jdbc.update(
                    insert + " SELECT :id, r.partnership_id, :at, :type, :aggregateType, :aggregateId, :sequence,"
                            + " :user, :agency, :roles, :summary FROM event_log_record r WHERE r.aggregate_id ="
                            + " :aggregateId" + conflict,
                    values);
        } else if (entry.aggregateId() == null) {
            jdbc.update(insert + row + conflict, values);
        } else {
            jdbc.update(
                    "WITH remembered AS (INSERT INTO event_log_record (aggregate_id, partnership_id)"
                            + " VALUES (:aggregateId, :partnership) ON CONFLICT (aggregate_id) DO NOTHING) " + insert
                            + row + conflict,
                    values);
        }
    }

    void deleteAll() {
        jdbc.getJdbcTemplate().update("DELETE FROM event_log");
        jdbc.getJdbcTemplate().update("DELETE FROM event_log_record");
    }

    /** The auditor's filters; null for "any". {@code to} is exclusive. */
    record Filter(String eventType, String agencyId, String userId, String recordId, Instant from, Instant to) {}

    /** Matching entries of the actor's partnership, oldest first, from {@code offset}, at most {@code limit}. */
    List<Entry> find(ActorRead read, Filter filter, long offset, int limit) {
        MapSqlParameterSource parameters =
                where(read, filter).addValue("offset", offset).addValue("limit", limit);
        return read.jdbc()
                .query(
                        "SELECT * FROM event_log" + whereClause(filter)
                                + " ORDER BY occurred_at, event_id LIMIT :limit OFFSET :offset",
                        parameters,
                        EventLogRepository::entry);
    }

    /** The event types in the actor's partnership's log, by name. */
    List<String> eventTypes(ActorRead read) {
        return read.jdbc()
                .queryForList(
                        "SELECT DISTINCT event_type FROM event_log WHERE partnership_id = :actorPartnership"
                                + " AND :actorIsAuditor ORDER BY event_type",
                        where(read, new Filter(null, null, null, null, null, null)),
                        String.class);
    }

    long count(ActorRead read, Filter filter) {
        Long total = read.jdbc()
                .queryForObject(
                        "SELECT count(*) FROM event_log" + whereClause(filter), where(read, filter), Long.class);
        return total == null ? 0 : total;
    }

    private static MapSqlParameterSource where(ActorRead read, Filter filter) {
        return new MapSqlParameterSource()
                .addValue("actorPartnership", read.actor().partnershipId().value())
                .addValue("actorIsAuditor", read.actor().hasRole(Role.AUDITOR))
                .addValue("type", filter.eventType())
                .addValue("agency", filter.agencyId())
                .addValue("user", filter.userId())
                .addValue("record", filter.recordId())
                .addValue("from", filter.from() == null ? null : Timestamp.from(filter.from()))
                .addValue("to", filter.to() == null ? null : Timestamp.from(filter.to()));
    }

    private static String whereClause(Filter filter) {
        StringBuilder where = new StringBuilder(" WHERE partnership_id = :actorPartnership AND :actorIsAuditor");
        if (filter.eventType() != null) {
            where.append(" AND event_type = :type");
        }
        if (filter.agencyId() != null) {
            where.append(" AND actor_agency_id = :agency");
        }
        if (filter.userId() != null) {
            where.append(" AND actor_user_id = :user");
        }
        if (filter.recordId() != null) {
            where.append(" AND aggregate_id = :record");
        }
        if (filter.from() != null) {
            where.append(" AND occurred_at >= :from");
        }
        if (filter.to() != null) {
            where.append(" AND occurred_at < :to");
        }
        return where.toString();
    }

    private static Entry entry(ResultSet row, int rowNumber) throws SQLException {
        Long sequence = row.getObject("sequence", Long.class);
        return new Entry(
                row.getString("event_id"),
                row.getString("partnership_id"),
                row.getTimestamp("occurred_at").toInstant(),
                row.getString("event_type"),
                row.getString("aggregate_type"),
                row.getString("aggregate_id"),
                sequence,
                row.getString("actor_user_id"),
                row.getString("actor_agency_id"),
                row.getString("actor_roles"),
                row.getString("summary"));
    }

    private static String abbreviate(String summary) {
        return summary.length() <= 500 ? summary : summary.substring(0, 497) + "...";
    }
}

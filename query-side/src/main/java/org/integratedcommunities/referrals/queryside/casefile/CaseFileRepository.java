package org.integratedcommunities.referrals.queryside.casefile;

import static org.integratedcommunities.referrals.queryside.referral.ReferralVisibility.scope;
import static org.integratedcommunities.referrals.queryside.referral.ReferralVisibility.visibleToActor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.CaseOpenedEvent;
import org.integratedcommunities.referrals.kernel.casefile.ConsentGivenBy;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasisRecordedEvent;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.queryside.web.ActorRead;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The case view. Writes (the projection, as the owning login role) are idempotent: the case row moves only to a newer
 * sequence, a history entry is written once. Reads run as an actor ({@link ActorRead}: row-level security applies) and
 * are scoped in this SQL too: the actor's partnership and agency, in a role that works with cases.
 */
@Repository
class CaseFileRepository {

    /** The roles that work with people's cases (the command side's rule for who may open and change them). */
    static final Set<Role> CASE_WORKING_ROLES = Role.CASE_WORKING;

    /** Referrals in these states need nothing more from anyone: the case counts the others as open. */
    private static final List<String> FINISHED = List.of("CLOSED", "WITHDRAWN", "SUSPENDED");

    private static final String VISIBLE_CASE =
            " c.partnership_id = :actorPartnership AND c.owning_agency_id =" + " :actorAgency AND :actorWorksCases";

    private static final String COLUMNS = columns(visibleToActor("s"));

    /** For an auditor's rebuilt case: every referral of the case in the auditor's partnership counts. */
    private static final String REBUILT_COLUMNS = columns(" s.partnership_id = :actorPartnership");

    private static String columns(String referralsCounted) {
        return "c.case_id, c.owning_agency_id, c.data_subject_id, c.opened_at,"
                + " c.consent_in_force, c.consent_given_by, c.consent_given_on, c.consent_purposes, c.consent_agencies,"
                + " c.consent_recorded_at, c.consent_withdrawn_at, c.other_bases, c.erased_at, c.last_event_sequence,"
                + " c.last_changed_at,"
                + " (SELECT count(*) FROM referral_summary s WHERE s.case_id = c.case_id AND" + referralsCounted
                + ") AS referrals_total,"
                + " (SELECT count(*) FROM referral_summary s WHERE s.case_id = c.case_id AND" + referralsCounted
                + " AND s.status NOT IN (:finished)) AS referrals_open";
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper mapper;

    CaseFileRepository(NamedParameterJdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    // --- writes, by the projection ------------------------------------------------------------------------------

    /** Who did it, from the event's metadata, taken as text whatever its type (an odd value must not lose the entry). */
    record Acting(String userId, String agencyId, String roles) {

        static Acting of(Object userId, Object agencyId, Object roles) {
            return new Acting(text(userId), text(agencyId), text(roles));
        }

        private static String text(Object value) {
            return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
        }
    }

    void insertOpened(CaseOpenedEvent event, long sequence, Instant at) {
        jdbc.update(
                "INSERT INTO case_file (case_id, partnership_id, owning_agency_id, data_subject_id, opened_at,"
                        + " last_event_sequence, last_changed_at) VALUES (:id, :partnership, :agency, :subject,"
                        + " :openedAt, :sequence, :at) ON CONFLICT (case_id) DO NOTHING",
                change(event.caseId(), sequence, at)
                        .addValue("partnership", event.partnershipId().value())
                        .addValue("agency", event.owningAgencyId().value())
                        .addValue("subject", event.subject().value())
                        .addValue("openedAt", Timestamp.from(event.openedAt())));
    }

    void consentRecorded(LawfulBasisRecordedEvent event, long sequence, Instant at) {
        jdbc.update(
                "UPDATE case_file SET consent_in_force = true, consent_given_by = :givenBy, consent_given_on ="
                        + " :givenOn, consent_purposes = :purposes, consent_agencies = :agencies, consent_recorded_at ="
                        + " :recordedAt, consent_withdrawn_at = NULL," + moved(),
                change(event.caseId(), sequence, at)
                        .addValue(
                                "givenBy",
                                event.consentGivenBy() == null
                                        ? null
                                        : event.consentGivenBy().name())
                        .addValue("givenOn", event.consentGivenOn())
                        .addValue(
                                "purposes",
                                sorted(
                                        event.consentPurposes() == null
                                                ? List.of()
                                                : event.consentPurposes().stream()
                                                        .map(Enum::name)
                                                        .toList()))
                        .addValue(
                                "agencies",
                                sorted(
                                        event.consentAgencies() == null
                                                ? List.of()
                                                : event.consentAgencies().stream()
                                                        .map(AgencyId::value)
                                                        .toList()))
                        .addValue("recordedAt", Timestamp.from(event.recordedAt())));
    }

    void otherBasisRecorded(CaseId caseId, LawfulBasis basis, long sequence, Instant at) {
        jdbc.update(
                "UPDATE case_file SET other_bases = ARRAY(SELECT DISTINCT b FROM unnest(array_append(other_bases,"
                        + " CAST(:basis AS varchar))) b ORDER BY b)," + moved(),
                change(caseId, sequence, at).addValue("basis", basis.name()));
    }

    void consentWithdrawn(CaseId caseId, Instant withdrawnAt, long sequence, Instant at) {
        jdbc.update(
                "UPDATE case_file SET consent_in_force = false, consent_withdrawn_at = :withdrawnAt," + moved(),
                change(caseId, sequence, at).addValue("withdrawnAt", Timestamp.from(withdrawnAt)));
    }

    void erased(CaseId caseId, Instant erasedAt, long sequence, Instant at) {
        jdbc.update(
                "UPDATE case_file SET erased_at = :erasedAt," + moved(),
                change(caseId, sequence, at).addValue("erasedAt", Timestamp.from(erasedAt)));
    }

    void insertHistory(
            CaseId caseId,
            long sequence,
            CaseHistoryEntryType type,
            Instant at,
            Acting acting,
            Map<String, ?> details) {
        String json;
        try {
            json = mapper.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A case history entry could not be written as JSON", e);
        }
        jdbc.update(
                "INSERT INTO case_file_history (case_id, sequence, entry_type, occurred_at, actor_user_id,"
                        + " actor_agency_id, actor_roles, details) VALUES (:id, :sequence, :type, :at, :user, :agency,"
                        + " :roles, CAST(:details AS jsonb)) ON CONFLICT (case_id, sequence) DO NOTHING",
                change(caseId, sequence, at)
                        .addValue("type", type.name())
                        .addValue("user", acting.userId())
                        .addValue("agency", acting.agencyId())
                        .addValue("roles", acting.roles())
                        .addValue("details", json));
    }

    void deleteAll() {
        jdbc.getJdbcTemplate().update("DELETE FROM case_file_history");
        jdbc.getJdbcTemplate().update("DELETE FROM case_file");
    }

    /** The end of every update: the case's new version, applied only if the event is newer than the row. */
    private static String moved() {
        return " last_event_sequence = :sequence, last_changed_at = :at"
                + " WHERE case_id = :id AND last_event_sequence < :sequence";
    }

    private static MapSqlParameterSource change(CaseId caseId, long sequence, Instant at) {
        return new MapSqlParameterSource()
                .addValue("id", caseId.value())
                .addValue("sequence", sequence)
                .addValue("at", Timestamp.from(at));
    }

    private static String[] sorted(List<String> values) {
        return values.stream().sorted().distinct().toArray(String[]::new);
    }

    // --- reads, as an actor ---------------------------------------------------------------------------------------

    /** A case as stored, with whose key seals the person. */
    record StoredCase(CaseView view, DataSubjectId subject) {}

    /** One page of the cases the actor's agency holds, newest first (or as sorted). */
    CasePage page(ActorRead read, CaseListQuery query) {
        MapSqlParameterSource parameters =
                scoped(read.actor()).addValue("limit", query.size()).addValue("offset", query.offset());
        String where = " WHERE" + VISIBLE_CASE;
        String direction = query.descending() ? " DESC" : " ASC";
        String orderBy = " ORDER BY c." + query.sort().column + direction + ", c.case_id" + direction;
        Long total = read.jdbc().queryForObject("SELECT count(*) FROM case_file c" + where, parameters, Long.class);
        List<StoredCase> items = read.jdbc()
                .query(
                        "SELECT " + COLUMNS + " FROM case_file c" + where + orderBy + " LIMIT :limit OFFSET :offset",
                        parameters,
                        stored());
        return new CasePage(items, query.page(), query.size(), total == null ? 0 : total);
    }

    /** The stored cases of one page, before their people are opened. */
    record CasePage(List<StoredCase> items, int page, int size, long total) {}

    /**
     * The case's row and history whoever asks: only for {@link CaseAsAt}, which reads scratch copies it has just
     * rebuilt in its own transaction, after checking the auditor's partnership itself. Its referral counts are those
     * the live read model has now (a referral's own as-at view tells its state then).
     */
    Optional<StoredCase> findRebuilt(CaseId caseId, Actor auditor) {
        return jdbc
                .query(
                        "SELECT " + REBUILT_COLUMNS + " FROM case_file c WHERE c.case_id = :id",
                        scoped(auditor).addValue("id", caseId.value()),
                        stored())
                .stream()
                .findFirst();
    }

    List<CaseDetail.HistoryEntry> historyRebuilt(CaseId caseId) {
        return jdbc.query(
                "SELECT h.sequence, h.entry_type, h.occurred_at, h.actor_user_id, h.actor_agency_id, h.actor_roles,"
                        + " h.details FROM case_file_history h WHERE h.case_id = :id ORDER BY h.sequence",
                new MapSqlParameterSource("id", caseId.value()),
                (row, rowNumber) -> new CaseDetail.HistoryEntry(
                        row.getLong("sequence"),
                        CaseHistoryEntryType.valueOf(row.getString("entry_type")),
                        instant(row, "occurred_at"),
                        acting(row),
                        tree(row.getString("details"))));
    }

    /** The case, if the actor may see it. */
    Optional<StoredCase> findVisible(ActorRead read, CaseId caseId) {
        return read
                .jdbc()
                .query(
                        "SELECT " + COLUMNS + " FROM case_file c WHERE c.case_id = :id AND" + VISIBLE_CASE,
                        scoped(read.actor()).addValue("id", caseId.value()),
                        stored())
                .stream()
                .findFirst();
    }

    /** The case's history up to and including {@code version}, oldest first; empty if the actor may not see it. */
    List<CaseDetail.HistoryEntry> history(ActorRead read, CaseId caseId, long version) {
        return read.jdbc()
                .query(
                        "SELECT h.sequence, h.entry_type, h.occurred_at, h.actor_user_id, h.actor_agency_id,"
                                + " h.actor_roles, h.details FROM case_file_history h JOIN case_file c ON c.case_id ="
                                + " h.case_id WHERE h.case_id = :id AND h.sequence <= :version AND" + VISIBLE_CASE
                                + " ORDER BY h.sequence",
                        scoped(read.actor()).addValue("id", caseId.value()).addValue("version", version),
                        (row, rowNumber) -> new CaseDetail.HistoryEntry(
                                row.getLong("sequence"),
                                CaseHistoryEntryType.valueOf(row.getString("entry_type")),
                                instant(row, "occurred_at"),
                                acting(row),
                                tree(row.getString("details"))));
    }

    private MapSqlParameterSource scoped(Actor actor) {
        return scope(actor)
                .addValue("actorWorksCases", actor.hasAnyRole(CASE_WORKING_ROLES))
                .addValue("finished", FINISHED);
    }

    private static RowMapper<StoredCase> stored() {
        return (row, rowNumber) -> {
            Set<LawfulBasis> bases = new LinkedHashSet<>();
            boolean consentInForce = row.getBoolean("consent_in_force");
            if (consentInForce) {
                bases.add(LawfulBasis.CONSENT);
            }
            bases.addAll(strings(row.getArray("other_bases"), LawfulBasis::valueOf));
            Instant consentRecordedAt = instant(row, "consent_recorded_at");
            String givenBy = row.getString("consent_given_by");
            CaseView.Consent consent = consentRecordedAt == null
                    ? null
                    : new CaseView.Consent(
                            consentInForce,
                            givenBy == null ? null : ConsentGivenBy.valueOf(givenBy),
                            row.getObject("consent_given_on", LocalDate.class),
                            strings(row.getArray("consent_purposes"), ReferralType::valueOf),
                            strings(row.getArray("consent_agencies"), AgencyId::new),
                            consentRecordedAt,
                            instant(row, "consent_withdrawn_at"));
            CaseView view = new CaseView(
                    new CaseId(row.getObject("case_id", UUID.class)),
                    new AgencyId(row.getString("owning_agency_id")),
                    instant(row, "opened_at"),
                    bases,
                    consent,
                    instant(row, "erased_at"),
                    new CaseView.ReferralCounts(row.getLong("referrals_open"), row.getLong("referrals_total")),
                    row.getLong("last_event_sequence"),
                    instant(row, "last_changed_at"));
            return new StoredCase(view, new DataSubjectId(row.getObject("data_subject_id", UUID.class)));
        };
    }

    private CaseDetail.Acting acting(ResultSet row) throws SQLException {
        String user = row.getString("actor_user_id");
        String agency = row.getString("actor_agency_id");
        String roles = row.getString("actor_roles");
        if (user == null && agency == null) {
            return null;
        }
        AgencyId agencyId = null;
        try {
            agencyId = agency == null ? null : new AgencyId(agency);
        } catch (IllegalArgumentException e) {
            // Not a well-formed agency id in the metadata: left out rather than failing the page.
        }
        return new CaseDetail.Acting(
                user == null ? null : new UserId(user),
                agencyId,
                roles == null
                        ? List.of()
                        : Arrays.stream(roles.split(","))
                                .map(String::trim)
                                .filter(role -> !role.isEmpty())
                                .toList());
    }

    private com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return json == null ? mapper.createObjectNode() : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored case history details are not JSON", e);
        }
    }

    private static <T> Set<T> strings(Array array, Function<String, T> parse) throws SQLException {
        Set<T> values = new LinkedHashSet<>();
        if (array != null) {
            for (Object value : (Object[]) array.getArray()) {
                values.add(parse.apply((String) value));
            }
        }
        return values;
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}

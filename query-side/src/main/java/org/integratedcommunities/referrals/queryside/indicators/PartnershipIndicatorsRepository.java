package org.integratedcommunities.referrals.queryside.indicators;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.integratedcommunities.referrals.kernel.referral.ConcernCategory;
import org.integratedcommunities.referrals.kernel.referral.DeclineReason;
import org.integratedcommunities.referrals.kernel.referral.EmploymentOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.EsolLevel;
import org.integratedcommunities.referrals.kernel.referral.EsolOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.MoveOnNeed;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcome;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.kernel.referral.SafeguardingAction;
import org.integratedcommunities.referrals.queryside.web.ActorRead;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The partnership indicators' table, {@code partnership_indicator_referral}: one row per referral, categorical facts
 * only.
 *
 * <p><b>Writes</b> (the projection, as the login role, which owns the table) are idempotent: a raise inserts once, and
 * every later event changes its referral's row only if its sequence number is above the row's
 * {@code last_event_sequence}, so a redelivered or older event changes nothing.
 *
 * <p><b>Reads</b> run as an actor ({@link ActorRead}: PostgreSQL's row-level security lets only the partnership
 * coordinator of the row's partnership see a row) and are also scoped to the actor's partnership in this SQL. They
 * aggregate in the database and return exact figures, which only {@link PartnershipIndicators#publish} turns into
 * something to show.
 */
@Repository
class PartnershipIndicatorsRepository {

    /** The partnership's months, and the time zone "the month a referral was made" is taken in. */
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static final String SCOPE =
            " FROM partnership_indicator_referral r WHERE r.partnership_id = :partnership AND r.made_month BETWEEN"
                    + " :from AND :to";

    /**
     * Adds the needs {@code :met} to those met in time or late, by {@code :metOn} against the last day of the move-on
     * period; only needs the referral was for, each once. Both use the row as it was, so a need met in time is never
     * also late.
     */
    private static final String NEEDS_MET = "move_on_needs_met_in_time = CASE WHEN CAST(:metOn AS date) <="
            + " move_on_ends_on THEN ARRAY(SELECT DISTINCT n FROM unnest(move_on_needs_met_in_time || "
            + array(":met") + ") n WHERE n = ANY (move_on_needs) ORDER BY n) ELSE move_on_needs_met_in_time END,"
            + " move_on_needs_met_late = CASE WHEN CAST(:metOn AS date) > move_on_ends_on THEN"
            + " ARRAY(SELECT DISTINCT n FROM unnest(move_on_needs_met_late || " + array(":met") + ") n"
            + " WHERE n = ANY (move_on_needs) AND n <> ALL (move_on_needs_met_in_time) ORDER BY n)"
            + " ELSE move_on_needs_met_late END";

    private final NamedParameterJdbcTemplate jdbc;

    PartnershipIndicatorsRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // Writes --------------------------------------------------------------------------------------------------------

    /** Idempotent: a redelivered raise finds its row already there and changes nothing. */
    void insertRaised(ReferralRaisedEvent event, long sequence) {
        Instant madeAt = madeAt(event.raisedAt(), event.madeOn());
        ReferralFacts facts = event.facts();
        var values = new MapSqlParameterSource()
                .addValue("id", event.referralId().value())
                .addValue("partnership", event.partnershipId().value())
                .addValue("type", event.type().name())
                .addValue("referring", event.referringAgencyId().value())
                .addValue("receiving", event.receivingAgencyId().value())
                .addValue("madeAt", Timestamp.from(madeAt))
                .addValue("madeMonth", YearMonth.from(madeAt.atZone(LONDON)).atDay(1))
                .addValue("acknowledgeBy", Timestamp.from(event.acknowledgeBy()))
                .addValue("moveOnEndsOn", null)
                .addValue("moveOnNeeds", null)
                .addValue("categories", null)
                .addValue("sequence", sequence);
        if (facts instanceof ReferralFacts.RefugeePostGrant refugee) {
            values.addValue("moveOnEndsOn", refugee.moveOnEndsOn()).addValue("moveOnNeeds", names(refugee.needs()));
        }
        if (facts instanceof ReferralFacts.OutOfSchoolSettingsConcern concern) {
            values.addValue("categories", names(concern.categories()));
        }
        jdbc.update(
                "INSERT INTO partnership_indicator_referral (referral_id, partnership_id, referral_type,"
                        + " referring_agency_id, receiving_agency_id, made_at, made_month, acknowledge_by,"
                        + " move_on_ends_on, move_on_needs, concern_categories, last_event_sequence)"
                        + " VALUES (:id, :partnership, :type, :referring, :receiving, :madeAt, :madeMonth,"
                        + " :acknowledgeBy, CAST(:moveOnEndsOn AS date), " + array(":moveOnNeeds") + ", "
                        + array(":categories") + ", :sequence)"
                        + " ON CONFLICT (referral_id) DO NOTHING",
                values);
    }

    /**
     * Accepted, declined or returned with a question: each stops the acknowledgement clock. Only the first counts,
     * against the deadline in force when it came.
     */
    void acknowledged(ReferralId referralId, Instant at, long sequence) {
        change(
                referralId,
                sequence,
                "acknowledged_within_sla = CASE WHEN acknowledged_at IS NULL THEN CAST(:at AS timestamptz) <= acknowledge_by"
                        + " ELSE acknowledged_within_sla END, acknowledged_at = coalesce(acknowledged_at, :at)",
                new MapSqlParameterSource("at", Timestamp.from(at)));
    }

    /** A decline is an acknowledgement too, and its reason is kept (one entry per decline). */
    void declined(ReferralId referralId, DeclineReason reason, Instant at, long sequence) {
        change(
                referralId,
                sequence,
                "acknowledged_within_sla = CASE WHEN acknowledged_at IS NULL THEN CAST(:at AS timestamptz) <= acknowledge_by"
                        + " ELSE acknowledged_within_sla END, acknowledged_at = coalesce(acknowledged_at, :at),"
                        + " decline_reasons = array_append(decline_reasons, CAST(:reason AS varchar(64)))",
                new MapSqlParameterSource("at", Timestamp.from(at)).addValue("reason", reason.name()));
    }

    /** An answer to a question or a redirect sets a new deadline (a redirect also a new receiving agency). */
    void newDeadline(ReferralId referralId, String receivingAgencyId, Instant acknowledgeBy, long sequence) {
        change(
                referralId,
                sequence,
                "acknowledge_by = :acknowledgeBy"
                        + (receivingAgencyId == null ? "" : ", receiving_agency_id = :receiving"),
                new MapSqlParameterSource("acknowledgeBy", Timestamp.from(acknowledgeBy))
                        .addValue("receiving", receivingAgencyId));
    }

    void acknowledgementOverdue(ReferralId referralId, long sequence) {
        change(referralId, sequence, "sla_breached = true", new MapSqlParameterSource());
    }

    /**
     * Move-on needs recorded as met at {@code at}: each need of the referral once, in time if met on or before the
     * last day of the move-on period (in London), late otherwise. A need already met stays as it was.
     */
    void moveOnNeedsMet(ReferralId referralId, Set<MoveOnNeed> met, Instant at, long sequence) {
        if (met != null && !met.isEmpty()) {
            change(referralId, sequence, NEEDS_MET, needsMet(new MapSqlParameterSource(), met, at));
        }
    }

    /** The outcome's categorical part, and for a move-on outcome the needs it records as met. */
    void outcomeRecorded(ReferralId referralId, ReferralOutcome outcome, Instant at, long sequence) {
        var values = new MapSqlParameterSource()
                .addValue("kind", null)
                .addValue("band", null)
                .addValue("level", null)
                .addValue("actions", null);
        String set = "outcome_kind = :kind, job_hours_band = :band, esol_level = :level, safeguarding_actions = "
                + array(":actions");
        if (outcome instanceof ReferralOutcome.EmploymentSupport employment) {
            Integer hours = employment.hoursPerWeek();
            values.addValue("kind", employment.result().name())
                    .addValue("band", hours == null ? null : HoursBand.of(hours).name());
        } else if (outcome instanceof ReferralOutcome.EsolPlacement esol) {
            values.addValue("kind", esol.result().name())
                    .addValue(
                            "level", esol.level() == null ? null : esol.level().name());
        } else if (outcome instanceof ReferralOutcome.RefugeePostGrant moveOn) {
            values.addValue("kind", moveOn.result().name());
            if (!moveOn.needsMet().isEmpty()) {
                set += ", " + NEEDS_MET;
                needsMet(values, moveOn.needsMet(), at);
            }
        } else if (outcome instanceof ReferralOutcome.OutOfSchoolSettingsConcern concern) {
            values.addValue("actions", names(concern.actions()));
        }
        change(referralId, sequence, set, values);
    }

    void deleteAll() {
        jdbc.getJdbcTemplate().update("DELETE FROM partnership_indicator_referral");
    }

    /** Applies an event's change once: a redelivered or older event (by sequence) changes nothing. */
    private void change(ReferralId referralId, long sequence, String set, MapSqlParameterSource values) {
        jdbc.update(
                "UPDATE partnership_indicator_referral SET " + set + ", last_event_sequence = :sequence"
                        + " WHERE referral_id = :id AND last_event_sequence < :sequence",
                values.addValue("id", referralId.value()).addValue("sequence", sequence));
    }

    /**
     * When the referral was really made: the start of its {@code madeOn} day in London when that was before the day
     * it was raised, else when it was raised (as the command side counts the SLA).
     */
    static Instant madeAt(Instant raisedAt, LocalDate madeOn) {
        if (madeOn == null || !madeOn.isBefore(raisedAt.atZone(LONDON).toLocalDate())) {
            return raisedAt;
        }
        return madeOn.atStartOfDay(LONDON).toInstant();
    }

    private static MapSqlParameterSource needsMet(MapSqlParameterSource values, Set<MoveOnNeed> met, Instant at) {
        return values.addValue("metOn", at.atZone(LONDON).toLocalDate()).addValue("met", names(met));
    }

    /** A comma-separated parameter as a varchar array; NULL stays NULL, empty is an empty array. */
    private static String array(String parameter) {
        return "string_to_array(CAST(" + parameter + " AS text), ',')::varchar(64)[]";
    }

    private static String names(Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    // Reads ---------------------------------------------------------------------------------------------------------

    /**
     * The exact figures of the actor's partnership for the referrals made from {@code from} to {@code to}; move-on
     * periods ending before {@code today} are over.
     */
    ExactFigures exactFigures(ActorRead read, YearMonth from, YearMonth to, LocalDate today) {
        NamedParameterJdbcTemplate jdbc = read.jdbc();
        MapSqlParameterSource scope = new MapSqlParameterSource()
                .addValue("partnership", read.actor().partnershipId().value())
                .addValue("from", from.atDay(1))
                .addValue("to", to.atDay(1))
                .addValue("today", today);

        List<ExactFigures.ReferralCell> referrals = jdbc.query(
                "SELECT r.made_month, r.referral_type, r.receiving_agency_id, count(*) AS referrals" + SCOPE
                        + " GROUP BY r.made_month, r.referral_type, r.receiving_agency_id"
                        + " ORDER BY r.made_month, r.referral_type, r.receiving_agency_id",
                scope,
                (row, n) -> new ExactFigures.ReferralCell(
                        YearMonth.from(row.getObject("made_month", LocalDate.class)),
                        ReferralType.valueOf(row.getString("referral_type")),
                        row.getString("receiving_agency_id"),
                        row.getLong("referrals")));

        Map<ReferralType, ExactFigures.Acknowledgement> acknowledgement = new EnumMap<>(ReferralType.class);
        for (ReferralType type : ReferralType.values()) {
            acknowledgement.put(type, new ExactFigures.Acknowledgement(0, 0, 0, null));
        }
        jdbc.query(
                "SELECT r.referral_type, count(r.acknowledged_at) AS acknowledged,"
                        + " count(*) FILTER (WHERE r.acknowledged_at IS NULL AND r.sla_breached) AS overdue,"
                        + " count(*) FILTER (WHERE r.acknowledged_within_sla) AS within_sla,"
                        + " percentile_cont(0.5) WITHIN GROUP"
                        + " (ORDER BY extract(epoch FROM r.acknowledged_at - r.made_at)::float8 / 3600) AS median_hours"
                        + SCOPE + " GROUP BY r.referral_type",
                scope,
                row -> {
                    double median = row.getDouble("median_hours");
                    acknowledgement.put(
                            ReferralType.valueOf(row.getString("referral_type")),
                            new ExactFigures.Acknowledgement(
                                    row.getLong("acknowledged"),
                                    row.getLong("overdue"),
                                    row.getLong("within_sla"),
                                    row.wasNull() ? null : median));
                });

        Map<MoveOnNeed, ExactFigures.MoveOnNeedCounts> moveOn = new EnumMap<>(MoveOnNeed.class);
        for (MoveOnNeed need : MoveOnNeed.values()) {
            moveOn.put(need, new ExactFigures.MoveOnNeedCounts(0, 0, 0));
        }
        jdbc.query(
                "SELECT need, count(*) AS referrals,"
                        + " count(*) FILTER (WHERE need = ANY (r.move_on_needs_met_in_time)) AS met,"
                        + " count(*) FILTER (WHERE need <> ALL (r.move_on_needs_met_in_time)"
                        + " AND r.move_on_ends_on < :today) AS not_met"
                        + " FROM partnership_indicator_referral r CROSS JOIN LATERAL unnest(r.move_on_needs) need"
                        + " WHERE r.partnership_id = :partnership AND r.made_month BETWEEN :from AND :to"
                        + " GROUP BY need",
                scope,
                row -> {
                    moveOn.put(
                            MoveOnNeed.valueOf(row.getString("need")),
                            new ExactFigures.MoveOnNeedCounts(
                                    row.getLong("referrals"), row.getLong("met"), row.getLong("not_met")));
                });

        return new ExactFigures(
                referrals,
                acknowledgement,
                counted(
                        jdbc,
                        "SELECT reason AS category, count(*) AS n FROM partnership_indicator_referral r"
                                + " CROSS JOIN LATERAL unnest(r.decline_reasons) reason"
                                + " WHERE r.partnership_id = :partnership AND r.made_month BETWEEN :from AND :to"
                                + " GROUP BY reason",
                        scope,
                        DeclineReason.class),
                counted(jdbc, outcomesOf(ReferralType.EMPLOYMENT_SUPPORT), scope, EmploymentOutcomeKind.class),
                counted(
                        jdbc,
                        "SELECT r.job_hours_band AS category, count(*) AS n" + SCOPE
                                + " AND r.referral_type = 'EMPLOYMENT_SUPPORT' AND r.outcome_kind = 'JOB_START'"
                                + " AND r.job_hours_band IS NOT NULL GROUP BY r.job_hours_band",
                        scope,
                        HoursBand.class),
                counted(jdbc, outcomesOf(ReferralType.ESOL_PLACEMENT), scope, EsolOutcomeKind.class),
                counted(
                        jdbc,
                        "SELECT r.esol_level AS category, count(*) AS n" + SCOPE
                                + " AND r.referral_type = 'ESOL_PLACEMENT' AND r.outcome_kind = 'PLACED_ON_COURSE'"
                                + " AND r.esol_level IS NOT NULL GROUP BY r.esol_level",
                        scope,
                        EsolLevel.class),
                moveOn,
                count(
                        jdbc,
                        "SELECT count(*)" + SCOPE + " AND r.referral_type = 'OUT_OF_SCHOOL_SETTINGS_CONCERN'",
                        scope),
                counted(
                        jdbc,
                        "SELECT category, count(*) AS n FROM partnership_indicator_referral r"
                                + " CROSS JOIN LATERAL unnest(r.concern_categories) category"
                                + " WHERE r.partnership_id = :partnership AND r.made_month BETWEEN :from AND :to"
                                + " GROUP BY category",
                        scope,
                        ConcernCategory.class),
                count(
                        jdbc,
                        "SELECT count(*)" + SCOPE + " AND r.referral_type = 'OUT_OF_SCHOOL_SETTINGS_CONCERN'"
                                + " AND r.safeguarding_actions IS NOT NULL",
                        scope),
                counted(
                        jdbc,
                        "SELECT action AS category, count(*) AS n FROM partnership_indicator_referral r"
                                + " CROSS JOIN LATERAL unnest(r.safeguarding_actions) action"
                                + " WHERE r.partnership_id = :partnership AND r.made_month BETWEEN :from AND :to"
                                + " GROUP BY action",
                        scope,
                        SafeguardingAction.class));
    }

    private static String outcomesOf(ReferralType type) {
        return "SELECT r.outcome_kind AS category, count(*) AS n" + SCOPE + " AND r.referral_type = '" + type.name()
                + "' AND r.outcome_kind IS NOT NULL GROUP BY r.outcome_kind";
    }

    /** Counts by a vocabulary: the query answers {@code category} and {@code n}. */
    private static <E extends Enum<E>> Map<E, Long> counted(
            NamedParameterJdbcTemplate jdbc, String sql, MapSqlParameterSource scope, Class<E> vocabulary) {
        Map<E, Long> counts = new LinkedHashMap<>();
        jdbc.query(sql, scope, row -> {
            counts.put(Enum.valueOf(vocabulary, row.getString("category")), row.getLong("n"));
        });
        return counts;
    }

    private static long count(NamedParameterJdbcTemplate jdbc, String sql, MapSqlParameterSource scope) {
        Long count = jdbc.queryForObject(sql, scope, Long.class);
        return count == null ? 0 : count;
    }
}

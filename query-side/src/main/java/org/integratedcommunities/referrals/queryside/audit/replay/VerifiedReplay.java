package org.integratedcommunities.referrals.queryside.audit.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verified replay: rebuilds every read model from the event store into a schema of its own and compares it, row by
 * row, with the live read models, reporting every difference by table and primary key.
 *
 * <p>The rebuild runs the very projections that keep the live read models (every processing group's bean with a
 * {@code @ResetHandler}), in transactions whose {@code search_path} names the scratch schema first: their unqualified
 * SQL then writes the scratch copies ({@code CREATE TABLE ... (LIKE read_model.x INCLUDING ALL)}) and the live tables
 * are never touched. Events are taken in global order up to the head seen when the run starts; the live processors
 * are waited for to pass that head before comparing, so a quiet store compares like with like (events stored during
 * the run can show as differences of the records they touch: run it again, and the report names the head it used).
 *
 * <p>Blocking and long: runs on its own thread ({@link ReplayVerifications}), one at a time.
 */
@Component
class VerifiedReplay {

    static final String SCHEMA = "replay_check";

    /** Not rebuilt from events: the processors' positions, dead letters, Flyway's history, who has signed in. */
    private static final Set<String> NOT_READ_MODELS =
            Set.of("token_entry", "dead_letter_entry", "flyway_schema_history", "agency_colleagues");

    private static final int BATCH = 500;
    /** Enough rows to act on; the counts per table are always complete. */
    private static final int MAX_REPORTED_DIFFERENCES = 1000;

    private final ApplicationContext context;
    private final EventStorageEngine events;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper mapper;

    VerifiedReplay(
            ApplicationContext context,
            EventStorageEngine events,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            ObjectMapper mapper) {
        this.context = context;
        this.events = events;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.mapper = mapper;
    }

    /** One difference between the live read models and the rebuild. */
    record Difference(String table, String key, String kind, String live, String rebuilt) {}

    /** The rows of one table, live and rebuilt, and how many differ. */
    record TableComparison(String table, long liveRows, long rebuiltRows, long differences) {}

    record Report(
            long head,
            long eventsReplayed,
            List<TableComparison> tables,
            long differences,
            long unattributedDifferences,
            List<Difference> reportedDifferences) {}

    /** Total work, then progress, as events replayed. */
    interface Progress {
        void total(long events);

        void replayed(long events);
    }

    /**
     * Rebuilds and compares. The rebuild is platform-wide, but the report is for one partnership's auditor: only the
     * differences in rows of that partnership are listed and counted; a difference whose row names no partnership is
     * counted as unattributed, without its key.
     */
    Report run(PartnershipId partnership, Progress progress, LongConsumer awaitLiveProcessorsPast) {
        long head = jdbc.queryForObject(
                "SELECT coalesce(max(global_index), 0) FROM event_store.domain_event_entry", Long.class);
        long total = jdbc.queryForObject(
                "SELECT count(*) FROM event_store.domain_event_entry WHERE global_index <= ?", Long.class, head);
        progress.total(total);
        List<String> tables = readModelTables();
        createScratchSchema(tables);
        try {
            long replayed = replay(head, progress);
            awaitLiveProcessorsPast.accept(head);
            return compare(head, replayed, tables, partnership);
        } finally {
            jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private List<String> readModelTables() {
        return jdbc
                .queryForList(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'read_model'"
                                + " AND table_type = 'BASE TABLE' ORDER BY table_name",
                        String.class)
                .stream()
                .filter(table -> !NOT_READ_MODELS.contains(table))
                .toList();
    }

    private void createScratchSchema(List<String> tables) {
        jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        jdbc.execute("CREATE SCHEMA " + SCHEMA);
        for (String table : tables) {
            jdbc.execute("CREATE TABLE " + SCHEMA + "." + table + " (LIKE read_model." + table + " INCLUDING ALL)");
        }
    }

    private long replay(long head, Progress progress) {
        List<AnnotationEventHandlerAdapter> projections = projections();
        long replayed = 0;
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
            List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                if (event.trackingToken().position().orElse(Long.MAX_VALUE) > head) {
                    break;
                }
                batch.add(event);
                if (batch.size() == BATCH) {
                    replayed += apply(batch, projections);
                    progress.replayed(replayed);
                    batch.clear();
                }
            }
            replayed += apply(batch, projections);
            progress.replayed(replayed);
        }
        return replayed;
    }

    private int apply(List<TrackedEventMessage<?>> batch, List<AnnotationEventHandlerAdapter> projections) {
        if (batch.isEmpty()) {
            return 0;
        }
        transactions.executeWithoutResult(status -> {
            // Unqualified table names now mean the scratch copies; the event store stays readable.
            jdbc.execute("SET LOCAL search_path = " + SCHEMA + ", event_store");
            for (TrackedEventMessage<?> event : batch) {
                for (AnnotationEventHandlerAdapter projection : projections) {
                    try {
                        if (projection.canHandle(event)) {
                            projection.handle(event);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(
                                "Replaying event " + event.getIdentifier() + " failed ("
                                        + e.getClass().getSimpleName() + ")",
                                e);
                    }
                }
            }
        });
        return batch.size();
    }

    /** Every projection: a processing group's bean that can be reset (live notifiers have no reset handler). */
    private List<AnnotationEventHandlerAdapter> projections() {
        List<AnnotationEventHandlerAdapter> adapters = new ArrayList<>();
        for (Object bean : context.getBeansWithAnnotation(ProcessingGroup.class).values()) {
            Class<?> type = AopUtils.getTargetClass(bean);
            boolean resettable = Arrays.stream(type.getDeclaredMethods())
                    .anyMatch(method -> method.isAnnotationPresent(ResetHandler.class));
            if (resettable) {
                adapters.add(new AnnotationEventHandlerAdapter(bean));
            }
        }
        return adapters;
    }

    private Report compare(long head, long replayed, List<String> tables, PartnershipId partnership) {
        long unattributed = 0;
        List<TableComparison> comparisons = new ArrayList<>();
        List<Difference> reported = new ArrayList<>();
        long differences = 0;
        for (String table : tables) {
            List<String> key = primaryKey(table);
            String keyJson = "jsonb_build_object("
                    + String.join(
                            ", ",
                            key.stream()
                                    .map(column -> "'" + column + "', t." + column)
                                    .toList())
                    + ")::text";
            // Rows in one and not (identically) in the other, each side with its key.
            String sql = "WITH live_only AS (SELECT * FROM read_model." + table + " EXCEPT SELECT * FROM " + SCHEMA
                    + "." + table + "), rebuilt_only AS (SELECT * FROM " + SCHEMA + "." + table
                    + " EXCEPT SELECT * FROM read_model." + table + "), l AS (SELECT " + keyJson
                    + " AS k, to_jsonb(t)::text AS row FROM live_only t), r AS (SELECT " + keyJson
                    + " AS k, to_jsonb(t)::text AS row FROM rebuilt_only t)"
                    + " SELECT coalesce(l.k, r.k) AS k, CASE WHEN l.k IS NULL THEN 'MISSING_FROM_LIVE'"
                    + " WHEN r.k IS NULL THEN 'NOT_IN_REBUILD' ELSE 'DIFFERENT' END AS kind, l.row AS live,"
                    + " r.row AS rebuilt FROM l FULL JOIN r ON l.k = r.k ORDER BY 1";
            List<Difference> found = jdbc.query(
                    sql,
                    (row, n) -> new Difference(
                            table,
                            row.getString("k"),
                            row.getString("kind"),
                            row.getString("live"),
                            row.getString("rebuilt")));
            long liveRows = jdbc.queryForObject("SELECT count(*) FROM read_model." + table, Long.class);
            long rebuiltRows = jdbc.queryForObject("SELECT count(*) FROM " + SCHEMA + "." + table, Long.class);
            long ours = 0;
            for (Difference difference : found) {
                String owner = partnershipOf(difference);
                if (owner == null) {
                    unattributed++;
                } else if (owner.equals(partnership.value())) {
                    ours++;
                    if (reported.size() < MAX_REPORTED_DIFFERENCES) {
                        reported.add(difference);
                    }
                }
            }
            comparisons.add(new TableComparison(table, liveRows, rebuiltRows, ours));
            differences += ours;
        }
        return new Report(head, replayed, comparisons, differences, unattributed, reported);
    }

    /**
     * The partnership a differing row belongs to: its own {@code partnership_id}, else that of the referral or case
     * it names (rebuilt or live, whichever has it); null if none can be told.
     */
    private String partnershipOf(Difference difference) {
        for (String row : new String[] {difference.live(), difference.rebuilt()}) {
            if (row == null) {
                continue;
            }
            JsonNode columns;
            try {
                columns = mapper.readTree(row);
            } catch (JsonProcessingException e) {
                continue;
            }
            if (columns.hasNonNull("partnership_id")) {
                return columns.get("partnership_id").asText();
            }
            String owner = ownerBy(columns, "referral_id", "referral_summary");
            if (owner == null) {
                owner = ownerBy(columns, "case_id", "case_file");
            }
            if (owner != null) {
                return owner;
            }
        }
        return null;
    }

    private String ownerBy(JsonNode columns, String idColumn, String table) {
        if (!columns.hasNonNull(idColumn)) {
            return null;
        }
        List<String> owners = jdbc.queryForList(
                "SELECT partnership_id FROM " + SCHEMA + "." + table + " WHERE " + idColumn + " = CAST(? AS uuid)"
                        + " UNION SELECT partnership_id FROM read_model." + table + " WHERE " + idColumn
                        + " = CAST(? AS uuid)",
                String.class,
                columns.get(idColumn).asText(),
                columns.get(idColumn).asText());
        return owners.isEmpty() ? null : owners.get(0);
    }

    private List<String> primaryKey(String table) {
        List<String> columns = jdbc.queryForList(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                        + " AND a.attnum = ANY (i.indkey) WHERE i.indrelid = ('read_model.' || quote_ident(?))::regclass"
                        + " AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)",
                String.class,
                table);
        if (columns.isEmpty()) {
            throw new IllegalStateException("Read-model table " + table + " has no primary key to compare rows by");
        }
        return columns;
    }
}

package org.integratedcommunities.referrals.queryside.projection;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One record's read models rebuilt from its events as they stood at a moment, for the auditors' as-at views: inside a
 * transaction that is always rolled back, empty temporary tables named like the read models (PostgreSQL looks in the
 * session's temporary schema first) take the events stored up to that moment through the very projections that keep
 * the live tables, and the caller reads its rows back from them. What it reads is therefore what the live views showed
 * then, and nothing of it outlives the call.
 *
 * <p>Blocking (a transaction): call it inside {@code EventStoreReads.read}.
 */
@Component
public class ScratchRebuild {

    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;

    ScratchRebuild(PlatformTransactionManager transactionManager, JdbcTemplate jdbc) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
    }

    /**
     * @param tables the read-model tables (in {@code read_model}) the projections write
     * @param projections the projections, wrapped as Axon calls them
     * @param events the record's events, in order; those stored after {@code asAt} are left out
     * @param readBack reads the rebuilt rows, inside the same transaction
     */
    public <T> T asAt(
            List<String> tables,
            List<AnnotationEventHandlerAdapter> projections,
            List<? extends EventMessage<?>> events,
            Instant asAt,
            Supplier<T> readBack) {
        return transactions.execute(status -> {
            status.setRollbackOnly();
            for (String table : tables) {
                jdbc.execute("CREATE TEMPORARY TABLE " + table + " (LIKE read_model." + table
                        + " INCLUDING ALL) ON COMMIT DROP");
            }
            for (EventMessage<?> event : events) {
                if (event.getTimestamp().isAfter(asAt)) {
                    break;
                }
                for (AnnotationEventHandlerAdapter projection : projections) {
                    try {
                        if (projection.canHandle(event)) {
                            projection.handle(event);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(
                                "Rebuilding a record failed at its event " + event.getIdentifier() + " ("
                                        + e.getClass().getSimpleName() + ")",
                                e);
                    }
                }
            }
            return readBack.get();
        });
    }
}

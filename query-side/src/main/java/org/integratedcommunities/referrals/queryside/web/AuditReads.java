package org.integratedcommunities.referrals.queryside.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The auditor's reads over the whole store (the event store and the {@code audit} schema), beside
 * {@link ReadModelReads} and {@link EventStoreReads}: a connection of the login role, since neither schema can be read
 * as the query role, run off the event loop on the bounded-elastic scheduler. Hence the rule for callers: answer only
 * what carries nobody's data, such as the event chain's verification (positions and counts) and its signed
 * checkpoints.
 */
@Component
public class AuditReads {

    /** Blocking work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    AuditReads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} off the event loop on a connection of its own, closed afterwards. */
    public <T> Mono<T> read(Work<T> work) {
        Objects.requireNonNull(work, "work");
        return Mono.fromCallable(() -> readNow(work)).subscribeOn(Schedulers.boundedElastic());
    }

    private <T> T readNow(Work<T> work) throws SQLException {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("An audit read must not run inside another transaction");
        }
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        }
    }
}

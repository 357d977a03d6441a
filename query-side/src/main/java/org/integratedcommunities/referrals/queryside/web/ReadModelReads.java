package org.integratedcommunities.referrals.queryside.web;

import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The one way the query side reads for a user, and the one bridge from the reactive web edge to blocking JDBC.
 *
 * <p>Each read runs on the bounded-elastic scheduler, in its own read-only transaction whose first statement makes it
 * the query role and tells PostgreSQL who is asking:
 *
 * <pre>
 * SELECT set_config('role', 'icr_query', true), set_config('icr.partnership_id', ?, true),
 *        set_config('icr.agency_id', ?, true), set_config('icr.roles', ?, true);
 * </pre>
 *
 * so the row-level security policies of the read-model tables ({@code db/readmodel/V2__row_level_security.sql})
 * apply on top of the repositories' own scoping. {@code set_config('role', …, true)} is {@code SET LOCAL ROLE}
 * (PostgreSQL checks the same membership and changes the current user alike); as one statement with the settings it
 * costs one round trip, sent together with the transaction's {@code BEGIN}, instead of two. All of it is
 * transaction-local: commit or rollback undoes it, and the pooled connection goes back as the login role with nothing
 * set, so nothing leaks to its next user.
 */
@Component
public class ReadModelReads {

    /** The role reads run as: owns nothing, cannot bypass row-level security, may only SELECT read models. */
    public static final String QUERY_ROLE = "icr_query";

    private static final String BECOME_ACTOR = "SELECT set_config('role', '" + QUERY_ROLE + "', true),"
            + " set_config('icr.partnership_id', ?, true), set_config('icr.agency_id', ?, true),"
            + " set_config('icr.roles', ?, true)";

    private final TransactionTemplate transactions;
    private final NamedParameterJdbcTemplate jdbc;

    /**
     * Reads on the given data source: the application's pool, whose login role owns the read-model tables and may
     * {@code SET ROLE icr_query}.
     */
    public ReadModelReads(DataSource dataSource) {
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.transactions.setReadOnly(true);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /** Runs {@code query} as {@code actor}, off the event loop. */
    public <T> Mono<T> read(Actor actor, Function<ActorRead, T> query) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(query, "query");
        return Mono.fromCallable(() -> readNow(actor, query)).subscribeOn(Schedulers.boundedElastic());
    }

    private <T> T readNow(Actor actor, Function<ActorRead, T> query) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // Joining it would leave the query role and the actor set for the rest of someone else's transaction.
            throw new IllegalStateException("A read as an actor must not run inside another transaction");
        }
        return transactions.execute(status -> {
            JdbcTemplate plain = jdbc.getJdbcTemplate();
            plain.query(
                    BECOME_ACTOR,
                    (RowCallbackHandler) row -> {},
                    actor.partnershipId().value(),
                    actor.agencyId().value(),
                    realmRoles(actor));
            ActorRead read = new ActorRead(actor, jdbc);
            try {
                return query.apply(read);
            } finally {
                read.close();
            }
        });
    }

    private static String realmRoles(Actor actor) {
        return actor.roles().stream().map(Role::realmRole).sorted().collect(Collectors.joining(","));
    }
}

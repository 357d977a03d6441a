package org.integratedcommunities.referrals.queryside.web;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The few writes to read-model tables that no projection makes (the web UI's note of who has signed in,
 * {@code ui.Colleagues}): run as the application's login role, which owns the tables, off the event loop. Never for
 * a read on behalf of a user: those go through {@link ReadModelReads}.
 */
@Component
public class ReadModelWrites {

    private final NamedParameterJdbcTemplate jdbc;

    ReadModelWrites(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs one statement; completes once it is done. */
    public Mono<Void> update(String sql, SqlParameterSource values) {
        return Mono.fromRunnable(() -> jdbc.update(sql, values))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }
}

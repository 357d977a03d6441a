package org.integratedcommunities.referrals.queryside.web;

import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A read in progress on behalf of one actor: a read-only transaction that PostgreSQL runs as the query role with the
 * actor's partnership, agency and roles set, so the read-model tables' row-level security applies. Only
 * {@link ReadModelReads} makes one, and it is usable only inside that transaction. Repositories take it for every read
 * they do for a user, so a read that skips the database's own isolation cannot be written by accident.
 */
public final class ActorRead {

    private final Actor actor;
    private final NamedParameterJdbcTemplate jdbc;
    private boolean open = true;

    ActorRead(Actor actor, NamedParameterJdbcTemplate jdbc) {
        this.actor = actor;
        this.jdbc = jdbc;
    }

    /** Who is reading: repositories scope their SQL to this actor as well (isolation is enforced twice). */
    public Actor actor() {
        return actor;
    }

    /** JDBC on this read's connection and transaction. */
    public NamedParameterJdbcTemplate jdbc() {
        if (!open) {
            throw new IllegalStateException("This read's transaction has ended: read inside ReadModelReads.read");
        }
        return jdbc;
    }

    void close() {
        open = false;
    }
}

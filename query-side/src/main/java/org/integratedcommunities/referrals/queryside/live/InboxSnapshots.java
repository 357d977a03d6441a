package org.integratedcommunities.referrals.queryside.live;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryHandler;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.referral.ReferralStatus;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.queryside.web.ActorRead;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * Answers an {@link InboxUpdatesQuery} with a cheap snapshot of the actor's inbox: two counts, read as the actor
 * through {@link ReadModelReads} (row-level security applies) and scoped in this SQL too.
 */
@Component
class InboxSnapshots {

    private static final String COUNTS = "SELECT count(*) FILTER (WHERE status IN (:open)) AS open_referrals,"
            + " count(*) FILTER (WHERE status = :raised) AS awaiting_acceptance FROM referral_summary"
            + " WHERE partnership_id = :partnership AND receiving_agency_id = :agency"
            + " AND (referral_type <> :restrictedType OR :safeguardingLead)";

    private final ReadModelReads reads;

    InboxSnapshots(ReadModelReads reads) {
        this.reads = reads;
    }

    /**
     * Answers with a future: Axon's query bus runs the handler in a transaction of its own, which would hold a pooled
     * connection while the read (which {@link ReadModelReads} runs in the actor's own read-only transaction, on
     * another thread, with another connection) waits for one. Returning at once lets that transaction end
     * straight away, so concurrent subscriptions cannot starve the pool.
     */
    @QueryHandler
    CompletableFuture<InboxSnapshot> snapshot(InboxUpdatesQuery query) {
        return reads.read(query.actor(), InboxSnapshots::count).toFuture();
    }

    private static InboxSnapshot count(ActorRead read) {
        Actor actor = read.actor();
        var parameters = new MapSqlParameterSource()
                .addValue(
                        "open",
                        List.of(
                                ReferralStatus.RAISED.name(),
                                ReferralStatus.RETURNED_FOR_INFORMATION.name(),
                                ReferralStatus.ACCEPTED.name(),
                                ReferralStatus.IN_PROGRESS.name()))
                .addValue("raised", ReferralStatus.RAISED.name())
                .addValue("partnership", actor.partnershipId().value())
                .addValue("agency", actor.agencyId().value())
                .addValue("restrictedType", ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN.name())
                .addValue("safeguardingLead", actor.hasRole(Role.SAFEGUARDING_LEAD));
        return read.jdbc()
                .queryForObject(
                        COUNTS,
                        parameters,
                        (row, n) -> new InboxSnapshot(
                                row.getLong("open_referrals"), row.getLong("awaiting_acceptance"), Instant.now()));
    }
}

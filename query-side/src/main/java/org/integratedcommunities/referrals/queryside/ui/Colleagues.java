package org.integratedcommunities.referrals.queryside.ui;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.integratedcommunities.referrals.queryside.web.ReadModelWrites;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The people of an agency who have signed in to the web UI, by name: whom a manager may assign a referral to. The
 * identity provider holds the agency's users, but listing them takes its admin rights, which the query side does not
 * have; whoever works referrals signs in, so they are here by then. Written once a session by {@link SignedInActor};
 * read as the actor, so row-level security shows an agency its own people only.
 */
@Component
public class Colleagues {

    /** A colleague as the assignment form offers them: {@code id} is the identity provider's user id. */
    public record Colleague(String id, String name, Set<Role> roles, Instant lastSignedInAt) {

        public Colleague {
            roles = Set.copyOf(roles);
        }
    }

    private static final String RECORD = "INSERT INTO agency_colleagues"
            + " (user_id, partnership_id, agency_id, name, roles, last_signed_in_at)"
            + " VALUES (:user, :partnership, :agency, :name, :roles, :at)"
            + " ON CONFLICT (user_id) DO UPDATE SET partnership_id = :partnership, agency_id = :agency,"
            + " name = :name, roles = :roles, last_signed_in_at = :at";

    private final ReadModelWrites writes;
    private final ReadModelReads reads;

    Colleagues(ReadModelWrites writes, ReadModelReads reads) {
        this.writes = writes;
        this.reads = reads;
    }

    /** Records (or refreshes) the signed-in user as one of their agency's people, under the name they go by. */
    Mono<Void> signedIn(Actor actor, String name) {
        MapSqlParameterSource values = new MapSqlParameterSource()
                .addValue("user", actor.userId().value())
                .addValue("partnership", actor.partnershipId().value())
                .addValue("agency", actor.agencyId().value())
                .addValue("name", name.length() > 255 ? name.substring(0, 255) : name)
                .addValue(
                        "roles", actor.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")))
                .addValue("at", Timestamp.from(Instant.now()));
        return writes.update(RECORD, values);
    }

    /** The people of the actor's agency who hold one of {@code roles}, by name. */
    public Mono<List<Colleague>> of(Actor actor, Set<Role> roles) {
        return reads.read(
                        actor,
                        read -> read.jdbc()
                                .query(
                                        "SELECT user_id, name, roles, last_signed_in_at FROM agency_colleagues"
                                                + " WHERE partnership_id = :partnership AND agency_id = :agency"
                                                + " ORDER BY name, user_id",
                                        Map.of(
                                                "partnership",
                                                        actor.partnershipId().value(),
                                                "agency", actor.agencyId().value()),
                                        (row, n) -> new Colleague(
                                                row.getString("user_id"),
                                                row.getString("name"),
                                                Arrays.stream(row.getString("roles")
                                                                .split(","))
                                                        .filter(role -> !role.isBlank())
                                                        .map(Role::valueOf)
                                                        .collect(Collectors.toSet()),
                                                row.getTimestamp("last_signed_in_at")
                                                        .toInstant())))
                .map(all -> all.stream()
                        .filter(colleague -> colleague.roles().stream().anyMatch(roles::contains))
                        .toList());
    }
}

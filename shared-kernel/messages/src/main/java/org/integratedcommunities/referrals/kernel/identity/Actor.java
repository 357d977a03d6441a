package org.integratedcommunities.referrals.kernel.identity;

import java.util.Objects;
import java.util.Set;

/**
 * Who is acting: the authenticated user with the agency and partnership the identity provider vouches for.
 * Every decision about what a user may see or do starts from an actor, never from request parameters.
 */
public record Actor(UserId userId, AgencyId agencyId, PartnershipId partnershipId, Set<Role> roles) {

    public Actor {
        Objects.requireNonNull(userId, "user id");
        Objects.requireNonNull(agencyId, "agency id");
        Objects.requireNonNull(partnershipId, "partnership id");
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(Set<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }
}

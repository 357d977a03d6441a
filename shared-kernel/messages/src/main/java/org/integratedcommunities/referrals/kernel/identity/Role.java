package org.integratedcommunities.referrals.kernel.identity;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The realm roles of the identity provider, one per kind of user in the domain. */
public enum Role {
    CASEWORKER("caseworker"),
    AGENCY_WORKER("agency_worker"),
    AGENCY_MANAGER("agency_manager"),
    SAFEGUARDING_LEAD("safeguarding_lead"),
    PARTNERSHIP_COORDINATOR("partnership_coordinator"),
    AUDITOR("auditor"),
    ADMIN("admin");

    /**
     * The roles that work with people's cases and referrals (not coordinators, auditors or admins): the command side's
     * rule for who may open and change a case, and the query side's for who sees one.
     */
    public static final Set<Role> CASE_WORKING =
            Collections.unmodifiableSet(EnumSet.of(CASEWORKER, AGENCY_WORKER, AGENCY_MANAGER, SAFEGUARDING_LEAD));

    private final String realmRole;

    Role(String realmRole) {
        this.realmRole = realmRole;
    }

    /** The role's name in the identity provider's realm. */
    public String realmRole() {
        return realmRole;
    }

    public static Optional<Role> fromRealmRole(String name) {
        return Arrays.stream(values()).filter(r -> r.realmRole.equals(name)).findFirst();
    }
}

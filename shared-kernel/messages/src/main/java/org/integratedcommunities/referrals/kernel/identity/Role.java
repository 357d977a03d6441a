package org.integratedcommunities.referrals.kernel.identity;

import java.util.Arrays;
import java.util.Optional;

/** The realm roles of the identity provider, one per kind of user in the domain. */
public enum Role {
    CASEWORKER("caseworker"),
    AGENCY_WORKER("agency_worker"),
    AGENCY_MANAGER("agency_manager"),
    SAFEGUARDING_LEAD("safeguarding_lead"),
    PARTNERSHIP_COORDINATOR("partnership_coordinator"),
    AUDITOR("auditor"),
    ADMIN("admin");

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

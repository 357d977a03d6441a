package org.integratedcommunities.referrals.commandside.authorisation;

import java.util.Set;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;

/** Checks shared by every aggregate: there is an actor, of the right partnership, in one of the right roles. */
public final class ActorRules {

    /** Roles that work with people's cases and referrals (not coordinators, auditors or admins). */
    public static final Set<Role> CASE_WORKING_ROLES = Role.CASE_WORKING;

    private ActorRules() {}

    public static Actor requireActor(Actor actor) {
        if (actor == null) {
            throw new NotPermitted("This step needs a signed-in user.");
        }
        return actor;
    }

    /** Another partnership's record does not exist for this actor. */
    public static void requireSamePartnership(Actor actor, PartnershipId partnership) {
        if (!requireActor(actor).partnershipId().equals(partnership)) {
            throw new NotVisible();
        }
    }

    public static void requireAnyRole(Actor actor, Set<Role> roles, String what) {
        if (!requireActor(actor).hasAnyRole(roles)) {
            throw new NotPermitted("Your role does not allow you to " + what + ".");
        }
    }
}

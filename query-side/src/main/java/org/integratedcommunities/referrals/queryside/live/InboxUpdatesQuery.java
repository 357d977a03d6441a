package org.integratedcommunities.referrals.queryside.live;

import java.util.Objects;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;

/**
 * An actor's subscription to its agency's inbox: answered at once with an {@link InboxSnapshot}, then updated with an
 * {@link InboxChanged} for every change to a referral the actor's agency receives. The actor comes from the bearer
 * token, never from the request, and the query never leaves the process (Axon's local query bus).
 */
public record InboxUpdatesQuery(Actor actor) {

    public InboxUpdatesQuery {
        Objects.requireNonNull(actor, "actor");
    }

    /**
     * Whether a change to a referral received by {@code receivingAgency} in {@code partnership} belongs in this
     * actor's inbox: the same rule as the inbox itself (and as {@code referral_summary}'s row-level security policy).
     * Within the actor's own partnership and agency only; a safeguarding-restricted referral (an out-of-school-settings
     * concern) only for the safeguarding lead.
     */
    public boolean watches(PartnershipId partnership, AgencyId receivingAgency, ReferralType type) {
        return actor.partnershipId().equals(partnership)
                && actor.agencyId().equals(receivingAgency)
                && (type != ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN || actor.hasRole(Role.SAFEGUARDING_LEAD));
    }
}

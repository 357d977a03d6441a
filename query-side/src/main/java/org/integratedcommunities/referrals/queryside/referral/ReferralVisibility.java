package org.integratedcommunities.referrals.queryside.referral;

import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Which referrals an actor may see, in the application's own SQL: the same rule as the row-level security policy of
 * {@code referral_summary} ({@code db/readmodel/V2__row_level_security.sql}), which the timeline's policy follows. Within
 * the actor's partnership, what its agency sent, and what it received; on the receiving side of a safeguarding-
 * restricted referral (an out-of-school-settings concern), only as the safeguarding lead. Every read for a user applies
 * it as well as the database's policies: isolation enforced twice.
 */
public final class ReferralVisibility {

    private ReferralVisibility() {}

    /** The condition on {@code referral_summary} under the given alias, with the parameters of {@link #scope}. */
    public static String visibleToActor(String alias) {
        String s = alias + ".";
        return " " + s + "partnership_id = :actorPartnership AND (" + s + "referring_agency_id = :actorAgency OR ("
                + s + "receiving_agency_id = :actorAgency AND (" + s + "referral_type <> :restrictedType"
                + " OR :actorIsSafeguardingLead)))";
    }

    /** The parameters of {@link #visibleToActor}, and {@code :actorUser}. */
    public static MapSqlParameterSource scope(Actor actor) {
        return new MapSqlParameterSource()
                .addValue("actorPartnership", actor.partnershipId().value())
                .addValue("actorAgency", actor.agencyId().value())
                .addValue("actorUser", actor.userId().value())
                .addValue("restrictedType", ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN.name())
                .addValue("actorIsSafeguardingLead", actor.hasRole(Role.SAFEGUARDING_LEAD));
    }
}

package org.integratedcommunities.referrals.kernel.identity;

/**
 * The metadata keys under which the acting user travels with every command and, through correlation, every event:
 * the audit trail's "who, from which agency, in which partnership".
 */
public final class ActorMetaData {

    public static final String USER_ID = "userId";
    public static final String AGENCY_ID = "agencyId";
    public static final String PARTNERSHIP_ID = "partnershipId";
    /** The actor's realm roles, comma-separated, as named in the identity provider. */
    public static final String ROLES = "roles";

    private ActorMetaData() {}
}

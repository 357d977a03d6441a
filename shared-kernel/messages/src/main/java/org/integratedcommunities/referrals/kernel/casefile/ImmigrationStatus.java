package org.integratedcommunities.referrals.kernel.casefile;

/** A person's immigration status, where relevant to the referral. */
public enum ImmigrationStatus {
    NOT_RECORDED,
    BRITISH_OR_IRISH_CITIZEN,
    SETTLED_OR_PRE_SETTLED,
    REFUGEE_STATUS,
    HUMANITARIAN_PROTECTION,
    ASYLUM_SEEKER,
    OTHER_VISA
}

package org.integratedcommunities.referrals.kernel.referral;

/** Where a referral stands in its lifecycle. */
public enum ReferralStatus {
    RAISED,
    ACCEPTED,
    IN_PROGRESS,
    OUTCOME_RECORDED,
    CLOSED,
    DECLINED,
    RETURNED_FOR_INFORMATION,
    WITHDRAWN,
    /** Sharing stopped because the lawful basis fell away (consent withdrawn): the receiving agency must stop. */
    SUSPENDED
}

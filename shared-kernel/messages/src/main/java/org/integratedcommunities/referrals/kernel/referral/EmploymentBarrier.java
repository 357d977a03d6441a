package org.integratedcommunities.referrals.kernel.referral;

/** What stands between a person and work. */
public enum EmploymentBarrier {
    ENGLISH_LEVEL,
    CHILDCARE,
    QUALIFICATIONS_NOT_RECOGNISED,
    CONFIDENCE,
    HEALTH
}

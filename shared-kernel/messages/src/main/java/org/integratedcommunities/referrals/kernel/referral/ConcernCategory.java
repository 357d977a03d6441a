package org.integratedcommunities.referrals.kernel.referral;

/** What a concern about an out-of-school setting is about. */
public enum ConcernCategory {
    SAFEGUARDING,
    HEALTH_AND_SAFETY,
    STAFF_SUITABILITY,
    UNSUITABLE_TEACHING_OR_EXTREMISM,
    CORPORAL_PUNISHMENT,
    SUSPECTED_ILLEGAL_SCHOOL
}

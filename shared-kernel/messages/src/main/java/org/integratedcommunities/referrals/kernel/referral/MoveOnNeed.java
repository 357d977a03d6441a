package org.integratedcommunities.referrals.kernel.referral;

/** What a refugee must settle during the move-on period. */
public enum MoveOnNeed {
    UNIVERSAL_CREDIT_CLAIM,
    HOUSING_APPLICATION,
    BANK_ACCOUNT,
    NATIONAL_INSURANCE_NUMBER,
    EVISA_ACCESS,
    GP_REGISTRATION,
    SCHOOL_PLACES
}

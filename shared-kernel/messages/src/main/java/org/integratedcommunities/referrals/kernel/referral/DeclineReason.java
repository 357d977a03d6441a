package org.integratedcommunities.referrals.kernel.referral;

/** Why a receiving agency declines a referral. OTHER requires an explanation. */
public enum DeclineReason {
    NOT_ELIGIBLE,
    NO_CAPACITY,
    DUPLICATE,
    INSUFFICIENT_INFORMATION,
    PERSON_DECLINED,
    OTHER
}

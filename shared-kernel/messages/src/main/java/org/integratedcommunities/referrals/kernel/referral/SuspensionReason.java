package org.integratedcommunities.referrals.kernel.referral;

/** Why a referral was suspended by the platform rather than by a person. */
public enum SuspensionReason {
    CONSENT_WITHDRAWN
}

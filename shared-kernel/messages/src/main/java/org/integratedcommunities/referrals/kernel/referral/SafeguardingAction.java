package org.integratedcommunities.referrals.kernel.referral;

/** Actions taken on an out-of-school-settings concern. */
public enum SafeguardingAction {
    NO_FURTHER_ACTION,
    ADVICE_TO_SETTING,
    JOINT_VISIT,
    REFERRED_TO_LADO,
    REFERRED_TO_OFSTED,
    REFERRED_TO_POLICE,
    REFERRED_TO_CHILDRENS_SOCIAL_CARE
}

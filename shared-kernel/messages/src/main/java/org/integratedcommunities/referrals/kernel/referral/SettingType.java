package org.integratedcommunities.referrals.kernel.referral;

/** Kinds of out-of-school setting. */
public enum SettingType {
    SUPPLEMENTARY_SCHOOL,
    TUITION_CENTRE,
    RELIGIOUS_SETTING,
    SPORTS_CLUB,
    ARTS_CLUB,
    SUSPECTED_UNREGISTERED_SCHOOL
}

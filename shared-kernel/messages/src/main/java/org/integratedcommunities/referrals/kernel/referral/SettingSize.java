package org.integratedcommunities.referrals.kernel.referral;

/** Size class of an out-of-school setting: large (5 or more staff), small, or one person alone. */
public enum SettingSize {
    LARGE,
    SMALL,
    LONE
}

package org.integratedcommunities.referrals.kernel.referral;

/** The four kinds of referral a Local Integration Partnership exists for. */
public enum ReferralType {
    /** Refugee post-grant (move-on) support. */
    REFUGEE_POST_GRANT,
    /** Jobcentre Plus employment support. */
    EMPLOYMENT_SUPPORT,
    /** English for speakers of other languages: placement on a course. */
    ESOL_PLACEMENT,
    /** A concern about an out-of-school setting; the subject is a setting, not a person. */
    OUT_OF_SCHOOL_SETTINGS_CONCERN
}

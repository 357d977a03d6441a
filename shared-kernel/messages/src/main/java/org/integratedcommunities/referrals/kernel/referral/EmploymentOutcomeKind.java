package org.integratedcommunities.referrals.kernel.referral;

/** What became of an employment support referral. */
public enum EmploymentOutcomeKind {
    STARTED_TRAINING,
    WORK_EXPERIENCE,
    JOB_START,
    NOT_ENGAGED
}

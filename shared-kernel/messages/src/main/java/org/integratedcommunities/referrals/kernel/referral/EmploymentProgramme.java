package org.integratedcommunities.referrals.kernel.referral;

/** Jobcentre Plus programmes a person may be referred to. */
public enum EmploymentProgramme {
    WORK_EXPERIENCE,
    SECTOR_BASED_WORK_ACADEMY,
    MENTORING_CIRCLE,
    TRAINING
}

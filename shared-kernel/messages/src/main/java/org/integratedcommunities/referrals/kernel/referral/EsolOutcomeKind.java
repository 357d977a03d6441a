package org.integratedcommunities.referrals.kernel.referral;

/** What became of an ESOL placement referral. */
public enum EsolOutcomeKind {
    ASSESSED,
    PLACED_ON_COURSE,
    WAITING_LIST,
    DECLINED
}

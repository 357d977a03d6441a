package org.integratedcommunities.referrals.kernel.referral;

/** What became of a refugee post-grant referral. */
public enum MoveOnOutcomeKind {
    ALL_NEEDS_MET,
    SOME_NEEDS_MET,
    NOT_ENGAGED
}

package org.integratedcommunities.referrals.kernel.referral;

/** How ESOL is taught. */
public enum EsolMode {
    CLASSROOM,
    COMMUNITY_CLASS,
    CONVERSATION_CLUB,
    ONLINE
}

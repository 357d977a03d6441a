package org.integratedcommunities.referrals.kernel.referral;

/** English for speakers of other languages levels, roughly CEFR A1 (Entry 1) to C1 (Level 2). */
public enum EsolLevel {
    PRE_ENTRY,
    ENTRY_1,
    ENTRY_2,
    ENTRY_3,
    LEVEL_1,
    LEVEL_2
}

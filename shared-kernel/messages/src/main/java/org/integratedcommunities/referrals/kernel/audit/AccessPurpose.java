package org.integratedcommunities.referrals.kernel.audit;

/** Why the reader was shown the data: the relationship to the record that allowed it. */
public enum AccessPurpose {
    /** The reader's agency holds the case. */
    HOLDS_THE_CASE,
    /** The reader's agency sent the referral. */
    SENT_THE_REFERRAL,
    /** The reader's agency received the referral. */
    RECEIVED_THE_REFERRAL,
    /** An auditor of the partnership, whose own reads are logged like everyone else's. */
    AUDIT
}

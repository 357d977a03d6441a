package org.integratedcommunities.referrals.queryside.referral;

/** What became of a piece of personal data when a referral's detail was read. */
public enum PersonalDataState {
    /** Opened with its data subject's key: the value is shown. */
    OPENED,
    /** The data subject was erased: their key is destroyed and the data is gone for good. */
    ERASED,
    /**
     * Not shown to this reader: what passed between the referrer and an agency that received the referral before it
     * was redirected is for the referrer, not for the agency that has it now.
     */
    WITHHELD,
    /** It could not be opened (altered, or sealed with another master key): reported in the logs. */
    UNREADABLE
}

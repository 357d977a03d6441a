package org.integratedcommunities.referrals.kernel.audit;

/** What kind of record personal data was read from. */
public enum AccessedRecord {
    /** A case in full: the person's details. */
    CASE,
    /** A page of cases: each person's name and date of birth. */
    CASE_LIST,
    /** A referral in full: its particulars and the free texts of its timeline. */
    REFERRAL,
    /** A referral's event history and its state at a chosen moment, rebuilt for an auditor (no personal data). */
    REFERRAL_HISTORY,
    /** A case's history and its state at a chosen moment, rebuilt for an auditor (no personal data). */
    CASE_HISTORY,
    /** The partnership's event log, read or exported by an auditor (no personal data: the read is logged as an audit action). */
    EVENT_LOG,
    /** An auditor verified the event store's integrity (the hash chain). */
    INTEGRITY_VERIFICATION,
    /** An auditor exported the signed checkpoints. */
    CHECKPOINT_EXPORT,
    /** An auditor started a verified replay of the read models. */
    REPLAY_VERIFICATION
}

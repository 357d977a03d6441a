package org.integratedcommunities.referrals.queryside.casefile;

/** What happened to a case, one entry per case event. */
public enum CaseHistoryEntryType {
    OPENED,
    LAWFUL_BASIS_RECORDED,
    CONSENT_WITHDRAWN,
    ERASED
}

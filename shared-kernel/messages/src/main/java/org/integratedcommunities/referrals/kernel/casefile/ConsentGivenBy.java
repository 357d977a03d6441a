package org.integratedcommunities.referrals.kernel.casefile;

/** Who gave consent. */
public enum ConsentGivenBy {
    DATA_SUBJECT,
    PARENT_OR_GUARDIAN,
    LEGAL_REPRESENTATIVE
}

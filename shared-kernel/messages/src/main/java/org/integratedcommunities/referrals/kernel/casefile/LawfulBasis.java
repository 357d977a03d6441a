package org.integratedcommunities.referrals.kernel.casefile;

/** The lawful basis on which a person's data is shared (UK GDPR article 6). */
public enum LawfulBasis {
    CONSENT,
    PUBLIC_TASK,
    LEGAL_OBLIGATION,
    VITAL_INTERESTS
}
